/**
 * Never stuck: a document past a bound, or one whose parsing or coding throws (deterministically: both are pure),
 * ends FAILED with a reason at once, and none of its claims is stored.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_LIMITS } from '#core/pipeline/limits';
import { readAllPages } from '#core/storage/page';
import { cleanVisit, Pipeline } from './harness.ts';

const line = (code: string, charge = '10.00') => ({ code, units: 1, charge, diagnosisCodes: ['J06.9'] });

async function failureOf(pipeline: Pipeline, documentId: string) {
  return (await pipeline.ledger.get(documentId))?.failure;
}

async function storedClaims(pipeline: Pipeline) {
  const all = [];
  for (const status of ['CODED', 'NEEDS_REVIEW', 'READY', 'QUEUED'] as const)
    all.push(...(await readAllPages((page) => pipeline.claims.listByStatus({ status }, page))));
  return all;
}

describe('bounds on what a document can make grow', () => {
  it('fails a visit with more service lines than one visit is billed in, naming the visit and the limit', async () => {
    const pipeline = new Pipeline();
    const limits = { ...DEFAULT_PIPELINE_LIMITS, linesPerVisit: 60 };
    const procedures = [line('99213', '135.00'), ...Array.from({ length: 60 }, () => line('36415'))];

    const outcome = await pipeline.deliver(pipeline.put('inbox/lines.json', cleanVisit('V-L', { procedures })), {
      limits,
    });

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too_many_lines', quarantined: true });
    expect((await failureOf(pipeline, outcome.documentId))?.message).toMatch(
      /visit 1 has 61 service lines; at most 60 are billed from one visit/,
    );
    expect(await storedClaims(pipeline)).toEqual([]);
  });

  it('fails a document with more visits than one invocation codes', async () => {
    const pipeline = new Pipeline();
    const limits = { ...DEFAULT_PIPELINE_LIMITS, encountersPerDocument: 0 };

    const outcome = await pipeline.deliver(pipeline.put('inbox/many.json', cleanVisit('V-M')), { limits });

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too_many_encounters' });
    expect((await failureOf(pipeline, outcome.documentId))?.message).toMatch(/holds 1 visits; at most 0/);
  });

  it('fails a line charge past the largest plausible amount', async () => {
    const pipeline = new Pipeline();
    const procedures = [line('99213', '10000000.00')];

    const outcome = await pipeline.deliver(pipeline.put('inbox/charge.json', cleanVisit('V-C', { procedures })));

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'amount_out_of_range' });
    expect((await failureOf(pipeline, outcome.documentId))?.message).toMatch(/visit 1, line 1: the charge/);
  });

  it('fails an amount beyond the exactly representable range at once instead of retrying it into the DLQ', async () => {
    const pipeline = new Pipeline();
    const procedures = [line('99213', '99999999999999999999.00')];

    const outcome = await pipeline.deliver(pipeline.put('inbox/huge.json', cleanVisit('V-H', { procedures })));

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'unparseable' });
    expect((await failureOf(pipeline, outcome.documentId))?.message).toMatch(
      /procedures\[0\]\.charge: expected an amount of at most 90071992547409\.91 dollars/,
    );
  });

  it('fails a claim that would not fit a DynamoDB item, before storing anything', async () => {
    const pipeline = new Pipeline();
    const limits = { ...DEFAULT_PIPELINE_LIMITS, claimBytes: 1000 };

    const outcome = await pipeline.deliver(pipeline.put('inbox/big.json', cleanVisit('V-B')), { limits });

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'claim_too_large' });
    expect(await storedClaims(pipeline)).toEqual([]);
  });

  it('keeps a claim within every bound as it is', async () => {
    const pipeline = new Pipeline();
    const procedures = [line('99213', '135.00'), ...Array.from({ length: 49 }, () => line('36415'))];

    const outcome = await pipeline.deliver(pipeline.put('inbox/ok.json', cleanVisit('V-OK', { procedures })));

    expect(outcome.kind).toBe('coded');
  });
});
