/**
 * Posting throughput: 835 claim payments planned per CPU-second (planRemittancePosting: balancing already checked
 * by the parser, line matching, every adjustment classified through the denial mapping, outcome, contract check).
 * The 835 (5,000 claim payments, 1-4 lines each, a realistic mix of paid, patient-share, partially paid and denied
 * claims, PLB interest and a recoupment) is written by the sandbox's 835 builder. Peer, side by side in the same
 * run: reading the same text with our typed 835 parser, so the report says what posting adds to parsing.
 * Throughput is per CPU-second of this process (process.cpuUsage); wall-clock rates are printed beside it.
 */

import type { ContractRateBook } from '#core/config/contract-rates';
import { fixedClock } from '#core/kernel/clock';
import type { ClaimForPosting } from '#core/remittance/posting-inputs';
import { planRemittancePosting } from '#core/remittance/posting-plan';
import { build835, type ClaimPaymentInput, type ServicePaymentInput } from '#core/x12/835/build-835';
import { readTypedX12 } from '#core/x12/typed';
import { claimPayment, remittanceInput, responseEnvelope } from '#test/support/x12-response-fixtures';

const CLAIMS = 5_000;
const ROUNDS = 4;
const ROUND_MS = 1_200;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

let seed = 20261202;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const CODES = ['99213', '99214', '36415', '81002', '93000', '20610', '96372', '90471'];

function makeLine(claim: number, index: number): ServicePaymentInput {
  const charge = 5_000 + Math.floor(random() * 20_000);
  const kind = random();
  const lineControlNumber = random() < 0.9 ? `CF${claim}-${index + 1}` : undefined;
  const base = {
    code: pick(CODES),
    chargeCents: charge,
    units: 1,
    serviceDate: '2026-11-02',
    ...(lineControlNumber ? { lineControlNumber } : {}),
  };
  if (kind < 0.12) {
    const reason = pick(['97', '4', '50', '16', '27', '197']);
    return {
      ...base,
      paidCents: 0,
      allowedCents: 0,
      adjustments: [{ group: 'CO', reason, amountCents: charge }],
      remarks: reason === '16' ? ['M51'] : [],
    };
  }
  const allowed = Math.floor(charge * 0.6);
  const deductible = kind < 0.4 ? Math.floor(allowed * 0.3) : 0;
  const copay = kind > 0.8 ? Math.min(2_000, allowed - deductible) : 0;
  return {
    ...base,
    paidCents: allowed - deductible - copay,
    allowedCents: allowed,
    adjustments: [
      { group: 'CO', reason: '45', amountCents: charge - allowed },
      ...(deductible ? [{ group: 'PR' as const, reason: '1', amountCents: deductible }] : []),
      ...(copay ? [{ group: 'PR' as const, reason: '3', amountCents: copay }] : []),
    ],
  };
}

const claims: ClaimPaymentInput[] = [];
const ours = new Map<string, ClaimForPosting>();
for (let i = 0; i < CLAIMS; i += 1) {
  const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, j) => makeLine(i, j));
  const id = `CF${String(i).padStart(8, '0')}`;
  claims.push(
    claimPayment({
      patientControlNumber: id,
      status: lines.every((l) => l.paidCents === 0) ? '4' : '1',
      payerClaimControlNumber: `ICN${i}`,
      patient: { lastName: 'BENCH', firstName: 'PAT', memberId: `M${i}` },
      lines,
    }),
  );
  ours.set(id, {
    id,
    payerIds: ['SBX01'],
    totalChargeCents: lines.reduce((n, l) => n + l.chargeCents, 0),
    lines: lines.map((l, j) => ({
      controlNumber: `CF${i}-${j + 1}`,
      procedureCode: l.code,
      modifiers: [],
      units: 1,
      chargeCents: l.chargeCents,
      serviceDate: '2026-11-02',
    })),
  });
}
const text = build835(
  remittanceInput(claims, {
    payment: {
      method: 'ACH',
      date: '2026-11-20',
      traceNumber: 'EFTBENCH',
      payerBank: { routingNumber: '011000015', accountNumber: '1' },
      payeeBank: { routingNumber: '021000021', accountNumber: '2' },
    },
    payee: { name: 'BENCH CLINIC', npi: '1234567893' },
    providerAdjustments: [
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2026-12-31',
        items: [
          { reason: 'L6', amountCents: -1234 },
          { reason: 'WO', referenceId: 'ICN7', amountCents: 5000 },
        ],
      },
    ],
  }),
  responseEnvelope(1, new Date('2026-11-20T10:00:00Z')),
).text;

function parse() {
  const [transaction] = readTypedX12(text).transactions;
  if (transaction?.kind !== '835') throw new Error('expected an 835');
  return transaction.remittance;
}
const remittance = parse();
const contracts: ContractRateBook = {
  version: 'bench',
  contracts: [
    {
      payerIds: ['SBX01'],
      name: 'Bench PPO',
      effectiveFrom: '2026-01-01',
      tolerance: { cents: 100, percent: 0 },
      rates: CODES.map((code) => ({ code, allowedCentsPerUnit: 9_000 })),
    },
  ],
};
const context = {
  findClaim: (id: string) => ours.get(id),
  isPosted: () => false,
  contracts,
  clock: fixedClock('2026-11-21T00:00:00Z'),
};
const check = planRemittancePosting(remittance, context);
if (check.decision !== 'post') throw new Error(`bench 835 must post: ${check.reasons[0]?.message}`);
const kinds = new Map<string, number>();
for (const p of check.claimPayments) kinds.set(p.outcome.kind, (kinds.get(p.outcome.kind) ?? 0) + 1);

function measure(work: () => void): { cpu: number; wall: number; runs: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let runs = 0;
  while (performance.now() - wallStart < ROUND_MS) {
    work();
    runs += 1;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - wallStart) / 1000, runs };
}

process.stdout.write(
  `835: ${count(text.length / 1024)} KiB, ${count(CLAIMS)} claim payments, ${count(claims.reduce((n, c) => n + c.lines.length, 0))} service lines; outcomes ${[...kinds].map(([k, n]) => `${k} ${count(n)}`).join(', ')}\n`,
);
const plan = { cpu: 0, wall: 0, runs: 0 };
const read = { cpu: 0, wall: 0, runs: 0 };
for (let round = 0; round < ROUNDS; round += 1) {
  // Alternate the contenders so drift on a shared machine hits both.
  for (const [total, work] of [
    [plan, () => planRemittancePosting(remittance, context)],
    [read, () => parse()],
  ] as const) {
    const r = measure(work);
    total.cpu += r.cpu;
    total.wall += r.wall;
    total.runs += r.runs;
  }
}
const planRate = (plan.runs * CLAIMS) / plan.cpu;
const readRate = (read.runs * CLAIMS) / read.cpu;
process.stdout.write(
  `posting plan:   ${count(planRate)} claim payments/CPU-s (${count((plan.runs * CLAIMS) / plan.wall)}/wall-s, ${plan.runs} runs)\n` +
    `835 parse peer: ${count(readRate)} claim payments/CPU-s (${count((read.runs * CLAIMS) / read.wall)}/wall-s, ${read.runs} runs)\n` +
    `planning costs ${(readRate / planRate).toFixed(2)}x the parse of the same file; load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}\n`,
);
