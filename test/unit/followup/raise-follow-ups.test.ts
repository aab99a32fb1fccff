/**
 * Follow-up: a claim that went quiet (no 277CA, no 835) or is running out of time to file is raised to a biller once,
 * with a reason, an owner and a due date, and only by queries over the claims that can qualify.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { type FollowUpPorts, followUpsRaised, raiseFollowUps } from '#core/followup/raise-follow-ups';
import { addDays } from '#core/kernel/calendar-date';
import { fixedClock } from '#core/kernel/clock';
import type { ClaimStore } from '#core/storage/claim-store';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryWorkItems } from '#core/storage/memory/work-items';
import { readAllPages } from '#core/storage/page';
import { SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { newClaim } from '../storage/conformance/claim-fixture.ts';

const NOW = new Date('2026-12-01T06:00:00.000Z');
const TODAY = '2026-12-01';
const DAY = 86_400_000;
const sample = parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample');

const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/** A claim for `payerId`, served on `served`, walked to `status` through the state machine, arriving there `at`. */
async function claimIn(
  store: ClaimStore,
  status: ClaimStatus,
  options: { at: string; served?: string; payerId?: string },
): Promise<Claim> {
  const path: Record<string, ClaimStatus[]> = {
    CODED: [],
    NEEDS_REVIEW: ['NEEDS_REVIEW'],
    READY: ['READY'],
    QUEUED: ['READY', 'QUEUED'],
    SUBMITTED: ['READY', 'QUEUED', 'SUBMITTED'],
    ACCEPTED: ['READY', 'QUEUED', 'SUBMITTED', 'ACCEPTED'],
    REJECTED: ['READY', 'QUEUED', 'SUBMITTED', 'REJECTED'],
    PAID: ['READY', 'QUEUED', 'SUBMITTED', 'ACCEPTED', 'PAID'],
  };
  const base = newClaim({ at: options.at, practiceId: 'maple-grove' });
  let claim: Claim = {
    ...base,
    payer: { payerId: options.payerId ?? 'SANDBOX1', name: options.payerId === 'MEDICR' ? 'Medicare' : 'Sandbox' },
    lines: base.lines.map((line) => ({ ...line, serviceDate: options.served ?? addDays(TODAY, -20) })),
  };
  await store.create(claim);
  for (const to of path[status]!) {
    claim = transition(claim, { to, at: options.at, actor: 'test' });
    await store.save(claim);
  }
  return claim;
}

function portsFor(config: PracticeConfig = sample) {
  const claims = new InMemoryClaimStore();
  const workItems = new InMemoryWorkItems();
  const ports: FollowUpPorts = { claims, workItems, config, clock: fixedClock(NOW) };
  return { ports, claims, workItems, open: () => readAllPages((page) => workItems.listOpen(page)) };
}

describe('follow-up', () => {
  it('raises a claim submitted longer ago than the payer acknowledges within, once, for a biller, with a due date', async () => {
    const { ports, claims, open } = portsFor();
    const stale = await claimIn(claims, 'SUBMITTED', { at: daysAgo(6) });
    await claimIn(claims, 'SUBMITTED', { at: daysAgo(2) });

    const first = await raiseFollowUps(ports);
    const second = await raiseFollowUps(ports);

    expect(first.noAcknowledgment.raised).toBe(1);
    expect(followUpsRaised(second)).toBe(0);
    const items = await open();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      category: 'follow_up_no_acknowledgment',
      owner: 'BILLER',
      status: 'OPEN',
      claimId: stale.id,
      practiceId: 'maple-grove',
      dueDate: '2026-12-06',
      raisedAt: NOW.toISOString(),
    });
    expect(items[0]!.reason).toMatch(/Submitted 6 days ago and no claim acknowledgment \(277CA\).*within 5 days/);
  });

  it("waits for each payer's own days: a payer configured to pay in 14 days is raised before the 30-day default", async () => {
    const config = structuredClone(sample);
    config.payers.find((p) => p.payerId === 'MEDICR')!.followUp = { paymentDays: 14 };
    const { ports, claims, open } = portsFor(config);
    const medicare = await claimIn(claims, 'ACCEPTED', { at: daysAgo(20), payerId: 'MEDICR' });
    await claimIn(claims, 'ACCEPTED', { at: daysAgo(20), payerId: 'SANDBOX1' });
    const commercialLate = await claimIn(claims, 'ACCEPTED', { at: daysAgo(31), payerId: 'SANDBOX1' });

    const report = await raiseFollowUps(ports);

    expect(report.noPayment.raised).toBe(2);
    const items = await open();
    expect(items.map((i) => i.claimId).sort()).toEqual([medicare.id, commercialLate.id].sort());
    expect(items.every((i) => i.category === 'follow_up_no_payment')).toBe(true);
    expect(items.find((i) => i.claimId === medicare.id)!.reason).toMatch(/Accepted by Medicare 20 days ago.*14 days/);
  });

  it('raises a claim again when it re-enters the status (resubmitted after a rejection), not while it stays', async () => {
    const { ports, claims, workItems, open } = portsFor();
    const first = await claimIn(claims, 'SUBMITTED', { at: daysAgo(12) });
    await raiseFollowUps(ports);
    // Rejected, fixed and resubmitted 7 days ago: a new submission, silent again.
    let claim = transition(first, { to: 'REJECTED', at: daysAgo(10), actor: 'test' });
    await claims.save(claim);
    for (const to of ['NEEDS_REVIEW', 'READY', 'QUEUED', 'SUBMITTED'] as const) {
      claim = transition(claim, { to, at: daysAgo(7), actor: 'test' });
      await claims.save(claim);
    }

    await raiseFollowUps(ports);

    // The first submission's item is resolved (the claim moved on); the new submission has its own.
    const items = (await open()).filter((i) => i.category === 'follow_up_no_acknowledgment');
    const firstId = `follow-up:follow_up_no_acknowledgment:${first.id}:${daysAgo(12)}`;
    expect(items.map((i) => i.id)).toEqual([`follow-up:follow_up_no_acknowledgment:${first.id}:${daysAgo(7)}`]);
    expect((await workItems.get(firstId))?.status).toBe('RESOLVED');
  });

  it('does not raise a claim twice when a note or an assignment changed it without changing its status', async () => {
    const { ports, claims, open } = portsFor();
    const submitted = await claimIn(claims, 'SUBMITTED', { at: daysAgo(8) });
    await raiseFollowUps(ports);
    // A biller notes "called the clearinghouse" two days later: a new version, same status.
    const version = submitted.version + 1;
    await claims.save({
      ...submitted,
      version,
      lastEvent: { version, at: daysAgo(6), from: 'SUBMITTED', to: 'SUBMITTED', actor: 'biller', note: 'called' },
    });

    await raiseFollowUps(ports);

    expect((await open()).filter((i) => i.claimId === submitted.id)).toHaveLength(1);
  });

  it('raises claims nearing their timely-filing limit before it expires, in every status not yet accepted', async () => {
    const { ports, claims, open } = portsFor();
    // Sandbox Health Plan: 180 days. 160 days ago leaves 20 days, inside the 30-day warning.
    const inReview = await claimIn(claims, 'NEEDS_REVIEW', { at: daysAgo(1), served: addDays(TODAY, -160) });
    const ready = await claimIn(claims, 'READY', { at: daysAgo(1), served: addDays(TODAY, -175) });
    const expired = await claimIn(claims, 'REJECTED', { at: daysAgo(1), served: addDays(TODAY, -185) });
    await claimIn(claims, 'NEEDS_REVIEW', { at: daysAgo(1), served: addDays(TODAY, -120) });
    // Accepted claims were filed in time: nothing to raise.
    await claimIn(claims, 'ACCEPTED', { at: daysAgo(1), served: addDays(TODAY, -170) });
    // Medicare: 365 days; 200 days ago is far from it.
    await claimIn(claims, 'NEEDS_REVIEW', { at: daysAgo(1), served: addDays(TODAY, -200), payerId: 'MEDICR' });

    const report = await raiseFollowUps(ports);
    const again = await raiseFollowUps(ports);

    expect(report.timelyFiling.raised).toBe(3);
    expect(again.timelyFiling.raised).toBe(0);
    const items = (await open()).filter((i) => i.category === 'follow_up_timely_filing');
    const byClaim = new Map(items.map((i) => [i.claimId, i]));
    expect([...byClaim.keys()].sort()).toEqual([inReview.id, ready.id, expired.id].sort());
    expect(byClaim.get(inReview.id)).toMatchObject({ owner: 'BILLER', dueDate: addDays(TODAY, 5) });
    expect(byClaim.get(inReview.id)!.reason).toMatch(
      new RegExp(`expires on ${addDays(TODAY, 20)}, in 20 days.*NEEDS_REVIEW: finish its review`),
    );
    expect(byClaim.get(ready.id)!.dueDate).toBe(addDays(TODAY, 5));
    expect(byClaim.get(expired.id)!.reason).toMatch(/expired on .*, 5 days ago.*proof of timely filing/);
    expect(byClaim.get(expired.id)!.dueDate).toBe(addDays(TODAY, -5));
  });

  it('resolves a follow-up once its condition clears, and keeps the ones that still hold', async () => {
    const { ports, claims, workItems, open } = portsFor();
    const acknowledged = await claimIn(claims, 'SUBMITTED', { at: daysAgo(9) });
    const silent = await claimIn(claims, 'SUBMITTED', { at: daysAgo(9) });
    const inReview = await claimIn(claims, 'NEEDS_REVIEW', { at: daysAgo(1), served: addDays(TODAY, -170) });
    await raiseFollowUps(ports);
    expect(await open()).toHaveLength(3);
    // The 277CA comes for one claim; the claim in review is fixed, sent and accepted in time.
    await claims.save(transition(acknowledged, { to: 'ACCEPTED', at: daysAgo(0.5), actor: 'process-remittance' }));
    let claim = inReview;
    for (const to of ['READY', 'QUEUED', 'SUBMITTED', 'ACCEPTED'] as const) {
      claim = transition(claim, { to, at: daysAgo(0.5), actor: 'test' });
      await claims.save(claim);
    }

    const report = await raiseFollowUps(ports);

    expect(report.resolved).toBe(2);
    expect((await open()).map((i) => i.claimId)).toEqual([silent.id]);
    const done = await workItems.get(`follow-up:follow_up_no_acknowledgment:${acknowledged.id}:${daysAgo(9)}`);
    expect(done).toMatchObject({ status: 'RESOLVED', resolvedBy: 'follow-up', resolution: /ACCEPTED now/ });
    expect((await raiseFollowUps(ports)).resolved).toBe(0);
  });

  it('assumes the shortest common limit for a payer the configuration does not know, and says so', async () => {
    const { ports, claims, open } = portsFor();
    await claimIn(claims, 'NEEDS_REVIEW', { at: daysAgo(1), served: addDays(TODAY, -70), payerId: 'UNKNOWN9' });

    await raiseFollowUps(ports);

    const [item] = await open();
    expect(item?.reason).toMatch(/90 days from the date of service \(assumed: the payer is not in the practice/);
  });

  it('asks the store for claims by status and time window or by date range only, never a whole status', async () => {
    const { ports } = portsFor();
    const calls: { method: string; query: Record<string, unknown> }[] = [];
    const claims = ports.claims;
    const watched: FollowUpPorts['claims'] = {
      get: (id) => claims.get(id),
      listByStatus: (query, page) => {
        calls.push({ method: 'listByStatus', query: { ...query } });
        return claims.listByStatus(query, page);
      },
      listByServiceDate: (query, page) => {
        calls.push({ method: 'listByServiceDate', query: { ...query } });
        return claims.listByServiceDate(query, page);
      },
    };

    await raiseFollowUps({ ...ports, claims: watched });

    const byStatus = calls.filter((c) => c.method === 'listByStatus');
    expect(byStatus.map((c) => c.query.status)).toEqual(['SUBMITTED', 'ACCEPTED']);
    for (const call of byStatus) {
      expect(call.query.changedFrom).toBeDefined();
      expect(call.query.changedBefore).toBeDefined();
    }
    // SUBMITTED: the shortest wait is 5 days and the longest 5, plus 30 days of look-back.
    expect(byStatus[0]!.query).toMatchObject({ changedBefore: daysAgo(5), changedFrom: daysAgo(35) });
    const byDate = calls.filter((c) => c.method === 'listByServiceDate');
    expect(byDate.map((c) => c.query.status)).toEqual([
      'CODED',
      'NEEDS_REVIEW',
      'READY',
      'QUEUED',
      'SUBMITTED',
      'REJECTED',
    ]);
    // The earliest warning comes 90 - 30 = 60 days after the visit (a payer the configuration does not know is
    // assumed to allow 90 days); the latest limit is Medicare's 365 days, plus the look-back.
    expect(byDate[0]!.query).toMatchObject({ servedThrough: addDays(TODAY, -60), servedFrom: addDays(TODAY, -395) });
  });

  it('raises a void the payer accepted and never settled once, as not acknowledged (not as a missing payment), and resolves it when the void closes', async () => {
    const { ports, claims, workItems, open } = portsFor();
    const original = await claimIn(claims, 'PAID', { at: daysAgo(60) });
    // The void claim (frequency 8, REF*F8) the biller sent, accepted by the payer 31 days ago; no reversal since.
    const accepted = await claimIn(claims, 'ACCEPTED', { at: daysAgo(31) });
    const pendingVoid: Claim = {
      ...accepted,
      frequency: '8',
      originalClaimNumber: 'SHP0000000950',
      replaces: { claimId: original.id, kind: 'void' },
    };
    await claims.save({
      ...pendingVoid,
      version: pendingVoid.version + 1,
      lastEvent: {
        ...pendingVoid.lastEvent,
        version: pendingVoid.version + 1,
        from: 'ACCEPTED',
        to: 'ACCEPTED',
        reason: 'linked',
      },
    });

    const first = await raiseFollowUps(ports);
    const again = await raiseFollowUps(ports);

    expect(first.noPayment.raised).toBe(1);
    expect(followUpsRaised(again)).toBe(0);
    const [item, ...more] = await open();
    expect(more).toEqual([]);
    expect(item).toMatchObject({
      category: 'follow_up_void_not_acknowledged',
      owner: 'BILLER',
      claimId: pendingVoid.id,
      dueDate: '2026-12-06',
    });
    expect(item!.reason).toMatch(
      new RegExp(
        `^Void claim ${pendingVoid.id} \\(frequency 8\\) of claim ${original.id} was accepted by Sandbox 31 days ago, and the payer has not reversed`,
      ),
    );
    expect(item!.reason).toMatch(/Ask the payer whether it took the void/);

    // The payer's reversal comes at last: the void closes and the item resolves itself.
    const stored = (await claims.get(pendingVoid.id))!;
    await claims.save(transition(stored, { to: 'CLOSED', at: daysAgo(0.5), actor: 'process-remittance' }));
    const report = await raiseFollowUps(ports);
    expect(report.resolved).toBe(1);
    expect(await open()).toEqual([]);
    expect(await workItems.get(item!.id)).toMatchObject({
      status: 'RESOLVED',
      resolution: /the payer settled the void/,
    });
  });
});
