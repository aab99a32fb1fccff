/**
 * applyResponseFile on what the sandbox clearinghouse and payer (local/sandbox) send back for claims submitted
 * through core/submission: every 999, 277CA and 835 applied once, in any order, by webhook or by mailbox, with the
 * money of every 835 accounted for.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { readAllPages } from '#core/storage/page';
import { build999 } from '#core/x12/999/build-999';
import { MEMBERS, postingWorld, remittancesOf, type SandboxFile } from './posting-harness.ts';
import { envelope } from './remittance-fixtures.ts';

type Outcome = keyof typeof MEMBERS;
const CLAIMS = (Object.keys(MEMBERS) as Outcome[]).map((outcome, i) => ({
  id: `PC${i + 1}${outcome.slice(0, 3).toUpperCase()}`,
  memberId: MEMBERS[outcome],
  outcome,
}));
const idOf = (outcome: Outcome) => CLAIMS.find((c) => c.outcome === outcome)!.id;

/** Submits the claims (the one whose set the 999 rejects in a batch of its own) and collects every response. */
async function cycle() {
  const world = postingWorld();
  await world.submit(CLAIMS.filter((c) => c.outcome !== 'rejected999'));
  await world.submit(CLAIMS.filter((c) => c.outcome === 'rejected999'));
  const files = await world.respond();
  return { world, files };
}

async function finalStates(world: ReturnType<typeof postingWorld>) {
  const states: Record<string, unknown> = {};
  for (const { id } of CLAIMS) {
    const claim = await world.claim(id);
    states[id] = {
      status: claim.status,
      owner: claim.owner,
      reasonCategory: claim.reasonCategory,
      payerClaimNumber: claim.payerClaimNumber,
      netPaidCents: claim.responses?.netPaidCents ?? 0,
    };
  }
  return states;
}

const reasons = (history: { from?: string; to: string; reason?: string }[]) =>
  history.map((e) => `${e.from}->${e.to} ${e.reason ?? ''}`);

describe('applying the sandbox responses to claims', () => {
  it('ends each claim where the payer left it, with submission, acknowledgments and payment in its history', async () => {
    const { world, files } = await cycle();
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(['999', '277CA', '835']));

    const results = await world.applyAll(files);

    expect(results.map((r) => r.kind)).toEqual(files.map(() => 'applied'));
    const states = await finalStates(world);
    expect(states[idOf('paid')]).toMatchObject({
      status: 'PAID',
      owner: 'PATIENT',
      reasonCategory: 'patient_responsibility',
    });
    expect(states[idOf('partial')]).toMatchObject({ status: 'PARTIALLY_PAID', reasonCategory: 'medical_necessity' });
    expect(states[idOf('denied')]).toMatchObject({
      status: 'DENIED',
      owner: 'BILLER',
      reasonCategory: 'non_covered',
      netPaidCents: 0,
    });
    expect(states[idOf('rejected277')]).toMatchObject({ status: 'REJECTED', owner: 'BILLER' });
    // Refused up front by the clearinghouse (its receipt) and already with a biller: the 999 is noted, not applied.
    expect(states[idOf('rejected999')]).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER' });
    expect(states[idOf('interest')]).toMatchObject({ status: 'PAID' });
    expect(states[idOf('recouped')]).toMatchObject({ status: 'PAID' });

    const paid = await world.claim(idOf('paid'));
    expect(paid.payerClaimNumber).toMatch(/^SHP/);
    const history = reasons(await world.history(idOf('paid')));
    expect(history).toEqual(
      [
        expect.stringMatching(/^undefined->CODED|^.*->QUEUED/),
        expect.stringMatching(/^QUEUED->SUBMITTED sent in interchange/),
        expect.stringMatching(/^SUBMITTED->SUBMITTED Syntax accepted by the clearinghouse \(999/),
        expect.stringMatching(/^SUBMITTED->ACCEPTED Accepted into adjudication as payer claim SHP/),
        expect.stringMatching(/^ACCEPTED->PAID Paid \$\d+\.\d\d; patient share/),
      ].slice(history.length === 5 ? 0 : 1),
    );
    const rejected = reasons(await world.history(idOf('rejected277')));
    expect(rejected.at(-1)).toMatch(/^SUBMITTED->REJECTED Rejected by the payer\/clearinghouse: .*Subscriber/);
    const rejected999 = reasons(await world.history(idOf('rejected999')));
    expect(rejected999.at(-1)).toMatch(
      /^NEEDS_REVIEW->NEEDS_REVIEW 999 recorded after the fact .*Rejected by the clearinghouse \(999/,
    );
  });

  it('posts a reversal and its re-adjudication: the claim ends paid at the new amount, its history shows both', async () => {
    const { world, files } = await cycle();
    await world.applyAll(files);

    const claimId = idOf('reversed');
    const payments = await readAllPages((p) => world.stores.ledger.claimPaymentsForClaim(claimId, p));
    const [first, reversal, second] = [
      payments.find(
        (p) =>
          p.kind === 'payment' &&
          p.paidCents > 0 &&
          p.paymentKey < payments.find((q) => q.kind === 'reversal')!.paymentKey,
      ),
      payments.find((p) => p.kind === 'reversal'),
      payments.filter((p) => p.kind === 'payment').at(-1),
    ];
    expect(payments).toHaveLength(3);
    expect(reversal?.paidCents).toBe(-(first?.paidCents ?? 0));
    expect(second?.payerClaimNumber).not.toBe(first?.payerClaimNumber);
    const claim = await world.claim(claimId);
    expect(claim.status).toBe('PAID');
    expect(claim.responses?.netPaidCents).toBe(second?.paidCents);
    expect(claim.payerClaimNumber).toBe(first?.payerClaimNumber);
    const transitions = (await world.history(claimId)).map((e) => `${e.from}->${e.to}`);
    expect(transitions.slice(-3)).toEqual(['ACCEPTED->PAID', 'PAID->REVERSED', 'REVERSED->PAID']);
  });

  it('holds a reversal that arrives before the payment it reverses, with a biller, until the payment comes', async () => {
    const inOrder = await cycle();
    const lateFirst = await cycle();
    await inOrder.world.applyAll(inOrder.files);
    const claimId = idOf('reversed');
    const remittances = lateFirst.files.filter((f) => f.kind === '835');
    const carriesReversal = (f: SandboxFile) => remittancesOf([f])[0]!.claims.some((c) => c.status === '22');
    const later = remittances.filter(carriesReversal);
    const earlier = remittances.filter((f) => !carriesReversal(f));
    expect(later).toHaveLength(1);
    await lateFirst.world.applyAll(lateFirst.files.filter((f) => f.kind !== '835'));

    // The payer's next 835 (the reversal and the re-adjudication) is delivered before the one with the payment.
    await lateFirst.world.applyAll(later);

    const waiting = await lateFirst.world.claim(claimId);
    const reAdjudicated = remittancesOf(later)[0]!.claims.find(
      (c) => c.patientControlNumber === claimId && c.status !== '22',
    )!;
    expect(waiting.status).not.toBe('REVERSED');
    // Only the re-adjudicated payment is on the claim: the reversal's negative is not posted to it.
    expect(waiting.responses?.netPaidCents).toBe(reAdjudicated.paidAmount);
    expect(waiting).toMatchObject({ owner: 'BILLER', reasonCategory: 'reversal_before_payment' });
    const open = (await lateFirst.world.stores.workItems.listOpen()).items;
    expect(open).toEqual([
      expect.objectContaining({
        category: 'reversal_before_payment',
        owner: 'BILLER',
        claimId,
        reason: expect.stringMatching(/reversal \(CLP02 22\) takes back \$[\d.]+ .* not on file: the reversal is held/),
      }),
    ]);

    // The payment arrives: the reversal applies to it, the item closes, and everything ends as in order.
    await lateFirst.world.applyAll(earlier);

    expect((await lateFirst.world.stores.workItems.listOpen()).items).toEqual([]);
    const item = await lateFirst.world.stores.workItems.get(open[0]!.id);
    expect(item).toMatchObject({ status: 'RESOLVED', resolution: expect.stringMatching(/payment .* arrived/) });
    expect(await finalStates(lateFirst.world)).toEqual(await finalStates(inOrder.world));
    expect(await lateFirst.world.ledgerTotals(lateFirst.files)).toEqual(
      await inOrder.world.ledgerTotals(inOrder.files),
    );
    const transitions = (await lateFirst.world.history(claimId)).map((e) => `${e.from}->${e.to}`);
    expect(transitions).toContain('PAID->REVERSED');
    expect(transitions.at(-1)).toMatch(/->PAID$/);
  });

  it('accounts for every cent of every 835: Σ claim payments + provider ledger effect = Σ BPR02', async () => {
    const { world, files } = await cycle();
    await world.applyAll(files);

    const totals = await world.ledgerTotals(files);
    expect(totals.deposits).toBeGreaterThan(0);
    expect(totals.claimPayments + totals.providerEffect).toBe(totals.deposits);
    const entries = [];
    for (const remittance of remittancesOf(files)) {
      entries.push(
        ...(await readAllPages((p) =>
          world.stores.providerLedger.entriesForCheck(remittance.trace.originatorId, remittance.trace.number, p),
        )),
      );
    }
    const kinds = entries.map((e) => e.kind).sort();
    expect(kinds).toContain('interest');
    expect(kinds).toContain('recoupment');
    const recoupment = entries.find((e) => e.kind === 'recoupment');
    expect(recoupment?.referenceId).toBe((await world.claim(idOf('recouped'))).payerClaimNumber);
  });

  it('applies a file once: the same files again by mailbox change nothing', async () => {
    const { world, files } = await cycle();
    await world.applyAll(files, 'webhook');
    const before = await snapshot(world, files);

    const again = await world.applyAll(files, 'mailbox');
    const twice = await world.applyAll(files, 'webhook');

    expect([...again, ...twice].map((r) => r.kind)).toEqual([...files, ...files].map(() => 'already_applied'));
    expect(await snapshot(world, files)).toEqual(before);
  });

  it('posts a payment once when another file (another envelope) carries it again', async () => {
    const { world, files } = await cycle();
    await world.applyAll(files);
    const before = await snapshot(world, files);
    const firstRemittance = files.find((f) => f.kind === '835')!;
    // The payer resends the same 835 in a new interchange: other control numbers, the same payments.
    const resent: SandboxFile = {
      ...firstRemittance,
      id: `${firstRemittance.id}-resent`,
      x12: firstRemittance.x12
        .replace(/\*(\d{9})\*0\*T\*/, '*999999991*0*T*')
        .replace(/IEA\*1\*\d{9}/, 'IEA*1*999999991'),
    };
    expect(resent.x12).not.toBe(firstRemittance.x12);

    const result = await world.apply(resent, 'mailbox');

    expect(result).toMatchObject({ kind: 'applied' });
    if (result.kind !== 'applied') return;
    expect(result.summary.transactions[0]).toMatchObject({ kind: '835', status: 'posted', claims: 0 });
    expect(result.summary.transactions[0]?.outcome).toMatch(
      /posted 0 claim payment\(s\) \(\$0\.00\), \d+ already posted/,
    );
    expect(await snapshot(world, files)).toEqual(before);
  });

  it('ends in the same states and money when the responses arrive in reverse order', async () => {
    const forward = await cycle();
    const backward = await cycle();
    expect(backward.files.map((f) => f.x12)).toEqual(forward.files.map((f) => f.x12));

    await forward.world.applyAll(forward.files);
    const results = await backward.world.applyAll([...backward.files].reverse());

    expect(results.map((r) => r.kind)).toEqual(backward.files.map(() => 'applied'));
    expect(await finalStates(backward.world)).toEqual(await finalStates(forward.world));
    expect(await backward.world.ledgerTotals(backward.files)).toEqual(await forward.world.ledgerTotals(forward.files));
    // Nothing contradicts the claims' lives, so no person is needed beyond what the payer's decisions ask for.
    expect((await backward.world.stores.workItems.listOpen()).items).toEqual([]);
    // Every response is in every history, as it arrived: the late acknowledgments are recorded after the payment.
    const paid = reasons(await backward.world.history(idOf('paid')));
    expect(paid.findIndex((r) => r.startsWith('SUBMITTED->ACCEPTED Accepted (implied)'))).toBeGreaterThan(0);
    expect(paid.at(-1)).toMatch(/^PAID->PAID 999 recorded|^PAID->PAID Syntax accepted/);
    expect(paid.some((r) => /^PAID->PAID 277CA recorded after the fact/.test(r))).toBe(true);
  });
});

describe('responses that must not be posted as they are', () => {
  it('quarantines an 835 that does not balance: nothing of it is posted, a biller gets a work item', async () => {
    const { world, files } = await cycle();
    await world.applyAll(files.filter((f) => f.kind !== '835'));
    const remittance = files.find((f) => f.kind === '835')!;
    // One claim's payment raised by a cent: the claim no longer balances (CLP03 - CAS != CLP04), nor the check.
    const unbalanced = {
      ...remittance,
      x12: remittance.x12.replace(
        /(CLP\*[^*~]+\*1\*\d+(?:\.\d+)?\*)(\d+)(?:\.(\d+))?/,
        (_, head, dollars, cents = '0') => `${head}${(Number(`${dollars}.${cents}`) + 0.01).toFixed(2)}`,
      ),
    };
    expect(unbalanced.x12).not.toBe(remittance.x12);

    const result = await world.apply(unbalanced);

    expect(result).toMatchObject({
      kind: 'applied',
      summary: { transactions: [{ kind: '835', status: 'quarantined' }] },
    });
    const [parsed] = remittancesOf([remittance]);
    expect(
      await readAllPages((p) =>
        world.stores.ledger.claimPaymentsForCheck(parsed!.trace.originatorId, parsed!.trace.number, p),
      ),
    ).toEqual([]);
    expect(await world.stores.ledger.getPayment(parsed!.trace.originatorId, parsed!.trace.number)).toBeUndefined();
    for (const { id, outcome } of CLAIMS) {
      if (outcome === 'rejected277' || outcome === 'rejected999') continue;
      expect((await world.claim(id)).status).toBe('ACCEPTED');
    }
    const [item] = (await world.stores.workItems.listOpen()).items;
    expect(item).toMatchObject({
      category: 'quarantined_remittance',
      owner: 'BILLER',
      traceNumber: parsed!.trace.number,
    });
    expect(item?.details?.some((d) => d.startsWith('IMBALANCE'))).toBe(true);
  });

  it('keeps a payment for a claim ClaimFlow does not know in the ledger, with an unmatched-remittance work item', async () => {
    const { files } = await cycle();
    const stranger = postingWorld();
    const remittance = files.find((f) => f.kind === '835')!;

    const result = await stranger.apply(remittance);

    expect(result).toMatchObject({ kind: 'applied' });
    const [parsed] = remittancesOf([remittance]);
    const ledger = await readAllPages((p) =>
      stranger.stores.ledger.claimPaymentsForCheck(parsed!.trace.originatorId, parsed!.trace.number, p),
    );
    expect(ledger.map((r) => r.kind)).toEqual(parsed!.claims.map(() => 'unmatched'));
    const items = (await stranger.stores.workItems.listOpen()).items;
    expect(items.map((i) => i.category)).toEqual(parsed!.claims.map(() => 'unmatched_remittance'));
    expect(items.reduce((n, i) => n + (i.amountCents ?? 0), 0)).toBe(ledger.reduce((n, r) => n + r.paidCents, 0));
  });

  it('rejects every claim of a transaction set the 999 rejects, with the IK3/IK4 reason, owned by the biller', async () => {
    const world = postingWorld();
    await world.submit([
      { id: 'SET1A', memberId: MEMBERS.paid },
      { id: 'SET1B', memberId: MEMBERS.partial },
    ]);
    const interchange = await world.stores.submissions.findInterchangeByGroup('ZZ-CLAIMFLOW', 1);
    expect(interchange?.sealed?.claims.map((c) => c.claimId).sort()).toEqual(['SET1A', 'SET1B']);
    const ack = build999(
      {
        group: { functionalId: 'HC', controlNumber: '1', version: '005010X222A1' },
        transactions: [
          {
            setId: '837',
            controlNumber: interchange!.sealed!.transactionControlNumbers[0]!,
            segmentErrors: [
              {
                segmentId: 'NM1',
                segmentPosition: 27,
                loopId: '2010',
                errorCode: '8',
                claimId: 'SET1B',
                elementErrors: [{ elementPosition: 9, referenceNumber: '67', errorCode: '7', badValue: 'XX' }],
              },
            ],
          },
        ],
      },
      envelope(41),
    );

    const result = await world.apply({ id: 'ack-1', kind: '999', x12: ack.text }, 'mailbox');

    expect(result).toMatchObject({
      kind: 'applied',
      summary: { transactions: [{ kind: '999', status: 'applied', claims: 2 }] },
    });
    const [a, b] = [await world.claim('SET1A'), await world.claim('SET1B')];
    expect([a.status, a.owner, b.status, b.owner]).toEqual(['REJECTED', 'BILLER', 'REJECTED', 'BILLER']);
    expect(b.lastEvent.reason).toMatch(/segment 27 \(NM1, loop 2010\): NM109: /);
    expect(a.lastEvent.reason).toMatch(/because of another claim's error/);
  });

  it('keeps a file it cannot read, marks it UNREADABLE and raises one work item, however often it comes', async () => {
    const world = postingWorld();
    for (const body of ['this is not X12', '{"type":"x12.response.available","data":{"id":"f1"}}']) {
      const first = await world.apply({ id: 'junk', kind: '835', x12: body }, 'mailbox');
      const again = await world.apply({ id: 'junk', kind: '835', x12: body }, 'mailbox');
      expect(first).toMatchObject({ kind: 'unreadable' });
      expect(again).toEqual(first);
      if (first.kind !== 'unreadable') continue;
      expect(await world.stores.applications.get(first.fileId)).toMatchObject({ status: 'UNREADABLE' });
    }
    const items = (await world.stores.workItems.listOpen()).items;
    expect(items.map((i) => i.category)).toEqual(['unreadable_response', 'unreadable_response']);
    expect(items.map((i) => i.reason).sort()).toEqual([
      expect.stringMatching(/kept as received: not valid X12: /),
      expect.stringMatching(/kept as received: the JSON file is not a response envelope: data.x12 is missing/),
    ]);
  });
});

async function snapshot(world: ReturnType<typeof postingWorld>, files: readonly SandboxFile[]) {
  const claims: Claim[] = [];
  for (const { id } of CLAIMS) claims.push(await world.claim(id));
  return {
    claims,
    totals: await world.ledgerTotals(files),
    workItems: (await world.stores.workItems.listOpen()).items,
  };
}
