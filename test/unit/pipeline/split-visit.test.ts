/**
 * A visit with more service lines than its payer takes on one claim (50, the 837P's limit, unless the payer says
 * fewer) is billed as several claims when the payer's rule splits it (the default), or waits whole for a biller when
 * the rule holds it. The parts are claims of their own, each scrubbed, built and queued exactly once, and together
 * they hold the visit: a later upload of it replaces them as a set, never one part.
 */
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import type { Claim } from '#core/claims/claim';
import type { PracticeConfig } from '#core/config/practice-config';
import { readAllPages } from '#core/storage/page';
import { build837P } from '#core/x12/837p/builder';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../sandbox/independent-validator.ts';
import { Crash, cleanVisit, DATE_OF_SERVICE, Pipeline, SAMPLE_CONFIG, TODAY } from './harness.ts';

/** The date `days` before the visit's date of service. */
function daysBefore(days: number): string {
  return new Date(Date.parse(`${DATE_OF_SERVICE}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A course of treatment billed as one visit: on each of `days` days an injection (96372), its drug (J1100) and a
 * blood draw (36415), three lines a day, each within its daily unit limit.
 */
function longVisit(encounterId: string, days = 40, payerId = 'SANDBOX1'): string {
  const procedures = Array.from({ length: days }, (_, day) =>
    ['96372', 'J1100', '36415'].map((code) => ({
      code,
      units: 1,
      charge: code === '96372' ? '35.00' : code === 'J1100' ? '6.00' : '10.00',
      serviceDate: daysBefore(days - 1 - day),
      diagnosisCodes: ['J06.9'],
    })),
  ).flat();
  return cleanVisit(encounterId, { procedures }).replace('"payerId":"SANDBOX1"', `"payerId":"${payerId}"`);
}

function withPayerRule(rule: { maxLinesPerClaim?: number; overLineLimit?: 'split' | 'hold' }): PracticeConfig {
  return {
    ...SAMPLE_CONFIG,
    payers: SAMPLE_CONFIG.payers.map((p) => (p.payerId === 'SANDBOX1' ? { ...p, ...rule } : p)),
  };
}

async function claimsOf(pipeline: Pipeline, documentId: string): Promise<Claim[]> {
  const ids = (await pipeline.ledger.get(documentId))?.claimIds ?? [];
  return Promise.all(ids.map(async (id) => (await pipeline.claims.get(id))!));
}

async function interchangeOf(claims: Claim[]): Promise<string> {
  const built = await build837P(claims.map(claimTo837P), {
    identity: SAMPLE_CONFIG.submitter,
    controlNumbers: new InMemoryControlNumbers(),
    now: TODAY,
  });
  return built.text;
}

describe('a visit of 120 lines to a payer that takes 50 per claim and splits longer visits', () => {
  it('ends as 3 queued claims of 50, 50 and 20 lines, linked as one visit, each sent once', async () => {
    const pipeline = new Pipeline();

    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-SPLIT')));

    expect(outcome).toMatchObject({ kind: 'coded', status: 'CODED' });
    const parts = await claimsOf(pipeline, outcome.documentId);
    expect(parts.map((c) => c.lines.length)).toEqual([50, 50, 20]);
    expect(parts.map((c) => c.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    expect(parts.map((c) => c.findings.filter((f) => f.severity === 'error'))).toEqual([[], [], []]);
    const ids = parts.map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
    const visitClaimId = parts[0]!.split!.visitClaimId;
    expect(ids).not.toContain(visitClaimId);
    expect(parts.map((c) => c.split)).toEqual([1, 2, 3].map((part) => ({ visitClaimId, claimIds: ids, part })));
    expect(pipeline.sentIdentities().sort()).toEqual(parts.map((c) => `${c.id}#${c.version}`).sort());
    expect(parts.reduce((sum, c) => sum + c.totalChargeCents, 0)).toBe(40 * (3500 + 600 + 1000));
  });

  it('builds the 3 claims into an 837P that reads back with their lines and no issue', async () => {
    const pipeline = new Pipeline();
    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-SPLIT')));
    const parts = await claimsOf(pipeline, outcome.documentId);

    const read = read837P(await interchangeOf(parts));

    expect(read.issues).toEqual([]);
    expect(read.claims.map((c) => c.id)).toEqual(parts.map((c) => c.id));
    expect(read.claims.map((c) => c.lines.length)).toEqual([50, 50, 20]);
  });

  it('is finished by the retry after a crash at any write: the same 3 claims, each queued and sent once', async () => {
    const probe = new Pipeline();
    await probe.deliver(probe.put('inbox/course.json', longVisit('V-SPLIT')));
    const writes = probe.writes;
    expect(writes.filter((w) => w === 'claims.create')).toHaveLength(3);

    for (let crashBefore = 1; crashBefore <= writes.length; crashBefore++) {
      const pipeline = new Pipeline();
      const object = pipeline.put('inbox/course.json', longVisit('V-SPLIT'));
      await expect(pipeline.deliver(object, { crashBefore })).rejects.toThrow(Crash);

      const outcome = await pipeline.deliver(object);

      const where = `after a crash before write ${crashBefore} (${writes[crashBefore - 1]})`;
      expect(outcome, where).toMatchObject({ kind: 'coded', status: 'CODED' });
      const parts = await claimsOf(pipeline, outcome.documentId);
      expect(
        parts.map((c) => c.status),
        where,
      ).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
      expect(pipeline.sentIdentities().sort(), where).toEqual(parts.map((c) => `${c.id}#${c.version}`).sort());
    }
  });

  it('keeps the history of each part: created, scrubbed clean, queued', async () => {
    const pipeline = new Pipeline();
    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-H')));
    for (const claim of await claimsOf(pipeline, outcome.documentId)) {
      const history = await readAllPages((page) => pipeline.claims.history(claim.id, page));
      expect(history.map((e) => e.to)).toEqual(['CODED', 'READY', 'QUEUED']);
    }
  });

  it('splits at the payer’s own smaller limit', async () => {
    const pipeline = new Pipeline();
    const config = withPayerRule({ maxLinesPerClaim: 30 });

    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-30')), { config });

    const parts = await claimsOf(pipeline, outcome.documentId);
    expect(parts.map((c) => c.lines.length)).toEqual([30, 30, 30, 30]);
    expect(parts.every((c) => c.status === 'QUEUED')).toBe(true);
  });
});

describe('a visit over the limit to a payer whose rule holds it', () => {
  it('stays one claim of every line, in review for a biller, with the payer’s rule named', async () => {
    const pipeline = new Pipeline();
    const config = withPayerRule({ overLineLimit: 'hold' });

    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-HOLD')), { config });

    expect(outcome).toMatchObject({ kind: 'coded', status: 'NEEDS_REVIEW' });
    const [claim, ...others] = await claimsOf(pipeline, outcome.documentId);
    expect(others).toEqual([]);
    expect(claim).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER', reasonCategory: 'scrub_error' });
    expect(claim!.lines).toHaveLength(120);
    expect(claim!.split).toBeUndefined();
    const errors = claim!.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.id)).toEqual(['LINE-COUNT']);
    expect(errors[0]!.message).toBe(
      'The claim has 120 service lines; Sandbox Health Plan (SANDBOX1) takes at most 50 service lines per claim (the 837P limit), and the practice configuration holds a longer claim for a biller (overLineLimit "hold").',
    );
    expect(pipeline.sent).toEqual([]);
  });
});

describe('a later upload of a split visit', () => {
  it('supersedes every unsubmitted part, and its own parts are the ones sent', async () => {
    const pipeline = new Pipeline();
    // The first upload names a payer the practice does not bill: every part waits for a biller, unsent.
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', longVisit('V-RE', 40, 'ACME99')));
    const earlier = await claimsOf(pipeline, first.documentId);
    expect(earlier.map((c) => c.status)).toEqual(['NEEDS_REVIEW', 'NEEDS_REVIEW', 'NEEDS_REVIEW']);

    const second = await pipeline.deliver(pipeline.put('inbox/b.json', longVisit('V-RE')));

    const later = await claimsOf(pipeline, second.documentId);
    expect(later.map((c) => c.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    for (const part of earlier) {
      expect(await pipeline.claims.get(part.id)).toMatchObject({
        status: 'VOIDED',
        replacedBy: { claimId: later[0]!.id, kind: 'superseded' },
      });
    }
    expect(later[0]!.replaces).toEqual({ claimId: earlier[0]!.id, kind: 'superseded' });
    expect(pipeline.sentIdentities().sort()).toEqual(later.map((c) => `${c.id}#${c.version}`).sort());
  });

  it('while the parts are queued, waits for a biller part by part, and nothing more is sent', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', longVisit('V-RQ')));
    const sent = pipeline.sentIdentities();
    expect(sent).toHaveLength(3);

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', longVisit('V-RQ').replace('three days', 'four days')),
    );

    const later = await claimsOf(pipeline, second.documentId);
    expect(later.map((c) => [c.status, c.reasonCategory])).toEqual([
      ['NEEDS_REVIEW', 'corrected_document'],
      ['NEEDS_REVIEW', 'corrected_document'],
      ['NEEDS_REVIEW', 'corrected_document'],
    ]);
    expect(pipeline.sentIdentities()).toEqual(sent);
    const firstParts = await claimsOf(pipeline, first.documentId);
    expect(firstParts.map((c) => c.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
  });
});

describe('a later upload of a split visit whose parts were worked by a biller', () => {
  /** Saves the stored claim with a new status (and patch), one version on, as an operator's action would. */
  async function rewrite(pipeline: Pipeline, id: string, to: Claim['status'], patch: Partial<Claim> = {}) {
    const stored = (await pipeline.claims.get(id))!;
    const version = stored.version + 1;
    await pipeline.claims.save({
      ...stored,
      ...patch,
      status: to,
      version,
      lastEvent: { version, at: '2026-11-23T13:00:00.000Z', from: stored.status, to, actor: 'biller' },
    });
  }

  it('finds a part an operator corrected through its replacement, and waits for a biller instead of billing again', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', longVisit('V-FIX')));
    const [one, two, three] = await claimsOf(pipeline, first.documentId);
    // Parts 1 and 3 voided; part 2 corrected by a replacement claim that is now with the payer.
    const replacement = { ...two!, id: 'CFREPLACEMENTPART002', status: 'SUBMITTED' as const, version: 1 };
    await pipeline.claims.create({
      ...replacement,
      lastEvent: { version: 1, at: '2026-11-23T13:00:00.000Z', to: 'SUBMITTED', actor: 'biller' },
    });
    await rewrite(pipeline, one!.id, 'VOIDED');
    await rewrite(pipeline, three!.id, 'VOIDED');
    await rewrite(pipeline, two!.id, 'CORRECTED', { replacedBy: { claimId: replacement.id, kind: 'replacement' } });
    const sent = pipeline.sentIdentities();

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', longVisit('V-FIX').replace('three days', 'four days')),
    );

    const later = await claimsOf(pipeline, second.documentId);
    expect(later.map((c) => c.reasonCategory)).toEqual([
      'corrected_document',
      'corrected_document',
      'corrected_document',
    ]);
    expect(later[0]!.lastEvent.reason).toContain(`claim ${replacement.id} for this visit is SUBMITTED`);
    expect(pipeline.sentIdentities()).toEqual(sent);
  });
});

describeWithValidator('the parts of a split visit, checked by the independent validator (pyx12)', () => {
  it('validate as one interchange', async () => {
    const pipeline = new Pipeline();
    const outcome = await pipeline.deliver(pipeline.put('inbox/course.json', longVisit('V-SPLIT')));
    const parts = await claimsOf(pipeline, outcome.documentId);

    const { valid, report } = validateX12({ split: await interchangeOf(parts) });

    expect(valid, report).toBe(true);
  });
});
