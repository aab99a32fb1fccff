/**
 * The sandbox end to end on a fake clock: a batch in, a receipt out at once, then the 999, one 277CA per claim and
 * an 835 per payment cycle, all read back with our strict parsers (and pyx12) and balanced. Idempotent submits,
 * refused envelopes, reversals, recoupments with forward balances, interest and determinism.
 */
import { describe, expect, it } from 'vitest';
import { readTypedX12, type TypedTransaction } from '#core/x12/typed';
import { RequestRefused } from '#local/sandbox/sandbox';
import { describeWithValidator, validateX12 } from './independent-validator.ts';
import { batch837, sandbox, settle, visit } from './sandbox-fixtures.ts';

function typed(x12: string): TypedTransaction[] {
  return readTypedX12(x12).transactions;
}

function filesOf(store: { files: Map<string, string> }, kind: string): string[] {
  return [...store.files.entries()].filter(([id]) => id.endsWith(`-${kind}`)).map(([, x12]) => x12);
}

function remittances(store: { files: Map<string, string> }) {
  return filesOf(store, '835').flatMap((x12) => typed(x12).flatMap((t) => (t.kind === '835' ? [t.remittance] : [])));
}

describe('submit', () => {
  it('answers with a receipt, then sends a 999, a 277CA per claim and one 835 for the cycle', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const receipt = s.submit(await batch837([visit('C1', 'SBX556677889'), visit('C2', 'SBX667788990')]), 'batch-0001');
    expect(receipt).toMatchObject({
      submissionId: 'SUB00000001',
      accepted: ['C1', 'C2'],
      rejected: [],
      replayed: false,
    });
    expect(store.files.size).toBe(0);
    await settle(s, clock);
    const [ack] = filesOf(store, '999').flatMap(typed);
    expect(ack?.kind === '999' && ack.acknowledgment.groupResponse.status).toBe('A');
    const acknowledgments = filesOf(store, '277CA').flatMap(typed);
    expect(acknowledgments.map((t) => t.kind === '277CA' && t.claimAcknowledgment.claims[0]?.outcome)).toEqual([
      'accepted',
      'accepted',
    ]);
    const [remittance, ...more] = remittances(store);
    expect(more).toHaveLength(0);
    expect(remittance?.balance.balanced).toBe(true);
    expect(remittance?.claims.map((c) => [c.patientControlNumber, c.paidAmount])).toEqual([
      ['C1', 7899],
      ['C2', 10_705],
    ]);
    expect(remittance?.payment.totalPaid).toBe(7899 + 10_705);
    expect(s.owed()).toMatchObject({ settled: true, delivered: true });
  });

  it('returns the first receipt for a repeated Idempotency-Key and does nothing else', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const body = await batch837([visit('C1', 'SBX556677889')]);
    const first = s.submit(body, 'batch-0001');
    const again = s.submit(body, 'batch-0001');
    expect(again).toEqual({ ...first, replayed: true });
    await settle(s, clock);
    s.submit(body, 'batch-0001');
    await settle(s, clock);
    expect(s.status()).toMatchObject({ submissions: 1, files: { '999': 1, '277CA': 1, '835': 1 } });
    expect(store.files.size).toBe(3);
  });

  it('refuses a reused key with another body (422), a bad key and an unreadable envelope (400), keeping nothing', async () => {
    const { sandbox: s } = sandbox();
    const body = await batch837([visit('C1', 'SBX556677889')]);
    s.submit(body, 'batch-0001');
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof RequestRefused ? [error.status, error.code] : error;
      }
      return 'accepted';
    };
    expect(refusal(() => s.submit(body.replace('C1', 'C9'), 'batch-0001'))).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(refusal(() => s.submit(body, 'short'))).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    expect(refusal(() => s.submit(body.replace(/IEA\*1\*\d+/, 'IEA*1*000000999'), 'batch-0002'))).toEqual([
      400,
      'ENVELOPE_INVALID',
    ]);
    expect(refusal(() => s.submit(body.replaceAll('SANDBOXCH      ', 'OTHERCH        '), 'batch-0003'))).toEqual([
      400,
      'WRONG_RECEIVER',
    ]);
    expect(s.status().submissions).toBe(1);
  });

  it('rejects claims at the front end with their reasons and lets the others through', async () => {
    const { sandbox: s } = sandbox();
    const body = await batch837([
      visit('C1', 'SBX556677889'),
      visit('C2', 'FE0001'),
      visit('C3', 'SBX556677889', {
        payer: { name: 'ELSEWHERE', payerId: 'NOPE99', filingIndicator: 'CI', responsibility: 'P' },
      }),
    ]);
    const receipt = s.submit(body, 'batch-0001');
    expect(receipt.accepted).toEqual(['C1']);
    expect(receipt.rejected.map((r) => [r.claimId, r.reasons.map((x) => x.code)])).toEqual([
      ['C2', ['FRONT_END_EDIT']],
      ['C3', ['PAYER_UNKNOWN']],
    ]);
  });

  it('rejects a transaction set with a syntax fault in the 999 (IK3/IK4) and all its claims in the receipt', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const receipt = s.submit(await batch837([visit('C1', 'SBX556677889'), visit('C2', 'X999BAD')]), 'batch-0001');
    expect(receipt.accepted).toEqual([]);
    expect(receipt.rejected.map((r) => [r.claimId, r.reasons[0]?.code])).toEqual([
      ['C1', '999_REJECTED'],
      ['C2', '999_REJECTED'],
    ]);
    await settle(s, clock);
    const [ack] = filesOf(store, '999').flatMap(typed);
    if (ack?.kind !== '999') throw new Error('expected a 999');
    expect(ack.acknowledgment.groupResponse.status).toBe('R');
    const [error] = ack.acknowledgment.transactionResponses[0]?.segmentErrors ?? [];
    expect(error).toMatchObject({ segmentId: 'NM1', errorCode: '8', contexts: [{ name: 'CLM01', reference: 'C2' }] });
    expect(error?.elementErrors[0]).toMatchObject({ elementPosition: 9, errorCode: '7' });
    expect(filesOf(store, '277CA')).toHaveLength(0);
  });
});

describe('payment cycles', () => {
  it('reverses and re-adjudicates (CLP02 22 then a corrected payment) in the next cycle', async () => {
    const { sandbox: s, clock, store } = sandbox();
    s.submit(await batch837([visit('C1', 'REV0001')]), 'batch-0001');
    await settle(s, clock);
    const [first, second] = remittances(store);
    expect(first?.claims.map((c) => [c.status, c.paidAmount])).toEqual([['1', 7899]]);
    expect(second?.claims.map((c) => [c.patientControlNumber, c.status, c.paidAmount])).toEqual([
      ['C1', '22', -7899],
      ['C1', '1', 6828],
    ]);
    expect(second?.claims[0]?.payerClaimControlNumber).toBe(first?.claims[0]?.payerClaimControlNumber);
    expect(second?.claims[1]?.payerClaimControlNumber).not.toBe(first?.claims[0]?.payerClaimControlNumber);
    // The payer takes back the difference: nothing to pay, the rest carried as a forward balance.
    expect(second?.payment.totalPaid).toBe(0);
    expect(second?.providerAdjustments[0]?.adjustments).toEqual([
      { reason: 'FB', referenceId: 'CARRIED', amount: -1071 },
    ]);
    expect(second?.balance.balanced).toBe(true);
  });

  it('recoups an overpayment with PLB WO and recovers the forward balance from the next payment', async () => {
    const { sandbox: s, clock, store } = sandbox();
    s.submit(await batch837([visit('C1', 'RCP0001')]), 'batch-0001');
    await settle(s, clock);
    const [, recoup] = remittances(store);
    const icn = remittances(store)[0]?.claims[0]?.payerClaimControlNumber;
    expect(recoup?.claims).toHaveLength(0);
    expect(recoup?.providerAdjustments[0]?.adjustments).toEqual([
      { reason: 'WO', referenceId: icn, amount: 3159 },
      { reason: 'FB', referenceId: 'CARRIED', amount: -3159 },
    ]);
    s.submit(await batch837([visit('C2', 'SBX667788990')]), 'batch-0002');
    await settle(s, clock);
    const last = remittances(store).at(-1);
    expect(last?.providerAdjustments[0]?.adjustments).toEqual([{ reason: 'FB', referenceId: 'CARRIED', amount: 3159 }]);
    expect(last?.payment.totalPaid).toBe(10_705 - 3159);
    expect(s.owed().settled).toBe(true);
  });

  it('adds prompt-pay interest (PLB L6, a negative adjustment) to a late payment', async () => {
    const { sandbox: s, clock, store } = sandbox();
    s.submit(await batch837([visit('C1', 'INT0001')]), 'batch-0001');
    await settle(s, clock);
    const [remittance] = remittances(store);
    // 12% a year on $78.99 for 45 days = $1.17.
    expect(remittance?.providerAdjustments[0]?.adjustments).toEqual([
      { reason: 'L6', referenceId: remittance?.claims[0]?.payerClaimControlNumber, amount: -117 },
    ]);
    expect(remittance?.payment.totalPaid).toBe(7899 + 117);
  });

  it('reverses the original when a replacement claim (frequency 7) names its payer claim number', async () => {
    const { sandbox: s, clock, store } = sandbox();
    s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
    await settle(s, clock);
    const icn = remittances(store)[0]?.claims[0]?.payerClaimControlNumber as string;
    s.submit(
      await batch837([visit('C1R', 'SBX556677889', { frequency: '7', originalClaimNumber: icn })]),
      'batch-0002',
    );
    await settle(s, clock);
    const last = remittances(store).at(-1);
    expect(last?.claims.map((c) => [c.patientControlNumber, c.status, c.paidAmount])).toEqual([
      ['C1', '22', -7899],
      ['C1R', '1', 7899],
    ]);
  });

  it('puts several claims in one 835 per payer and payee, one payment each', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const other = {
      ...visit('X', 'X').billingProvider,
      organizationName: 'RIVERSIDE URGENT CARE',
      npi: '1333444556',
      tin: '279876543',
    };
    s.submit(
      await batch837([
        visit('C1', 'SBX556677889'),
        visit('C2', 'DN50A'),
        visit('C3', 'PART01'),
        visit('C4', 'SBX667788990', { billingProvider: other }),
      ]),
      'batch-0001',
    );
    await settle(s, clock);
    const all = remittances(store);
    expect(all.map((r) => [r.payee.id, r.claims.map((c) => `${c.patientControlNumber}:${c.status}`)])).toEqual([
      ['1987654328', ['C1:1', 'C2:4', 'C3:1']],
      ['1333444556', ['C4:1']],
    ]);
    expect(new Set(all.map((r) => r.trace.number)).size).toBe(2);
    for (const r of all) expect(r.balance.balanced).toBe(true);
    expect(s.status().paidCents).toBe(all.reduce((n, r) => n + r.payment.totalPaid, 0));
  });

  it('runs the payment cycle on the scaled clock', async () => {
    const { sandbox: s, clock } = sandbox({ timeScale: 1 / 60 });
    s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
    const start = clock.ms;
    await settle(s, clock);
    // 10 min to the 277CA, then a 30 min cycle, at 1/60: 10 s + 30 s.
    expect(clock.ms - start).toBe(40_000);
  });
});

describe('determinism', () => {
  it('gives the same files for the same seed, inputs and clock', async () => {
    const run = async () => {
      const { sandbox: s, clock, store } = sandbox({ seed: 42 });
      s.submit(await batch837([visit('C1', 'SBX445566778'), visit('C2', 'REV1'), visit('C3', 'RCP1')]), 'batch-0001');
      await settle(s, clock);
      return [...store.files.entries()];
    };
    const [a, b] = [await run(), await run()];
    expect(a.length).toBeGreaterThan(5);
    // Interchange control numbers of the 837s differ between runs; the responses do not depend on them.
    expect(b).toEqual(a);
  });

  it('survives a restart from its store: keys, pending work and counters', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const body = await batch837([visit('C1', 'SBX556677889')]);
    const receipt = s.submit(body, 'batch-0001');
    const restarted = sandbox({ store, clock }).sandbox;
    expect(restarted.submit(body, 'batch-0001')).toEqual({ ...receipt, replayed: true });
    await settle(restarted, clock);
    expect(restarted.status().files).toEqual({ '999': 1, '277CA': 1, '835': 1 });
  });
});

describeWithValidator('sandbox files against pyx12', () => {
  it('writes 999s, 277CAs and 835s for every outcome that the independent validator accepts', async () => {
    const { sandbox: s, clock, store } = sandbox();
    const prefixes = [
      'SBX556677889',
      'X999A',
      'REJ33A',
      'REJ454A',
      'DN16A',
      'DN97A',
      'DN109A',
      'PART1',
      'REV1',
      'RCP1',
      'INT1',
    ];
    for (const [i, memberId] of prefixes.entries()) {
      s.submit(await batch837([visit(`C${i}`, memberId)]), `batch-${String(i).padStart(4, '0')}`);
    }
    await settle(s, clock);
    for (const x12 of store.files.values()) {
      for (const t of typed(x12)) if (t.kind === '835') expect(t.remittance.balance.imbalances).toEqual([]);
    }
    const { valid, report } = validateX12(Object.fromEntries(store.files));
    expect(report, report).not.toMatch(/INVALID|NO VERDICT/);
    expect(valid).toBe(true);
  }, 120_000);
});
