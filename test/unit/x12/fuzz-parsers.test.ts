/**
 * Fuzzing the readers with mutated valid files (835, 999, 277CA, 837P): segments deleted, duplicated, swapped or
 * torn apart, the text truncated, delimiters changed, numbers made huge and dates impossible. Deterministic (fixed
 * seed, bounded runs). For every mutant, in strict and lenient mode:
 * - the only exception is X12Error (with a location);
 * - nothing is dropped silently: every segment is inside the envelope or a transaction set, or an issue is
 *   reported; and inside a typed transaction set, every segment that opens a group (a claim, a line, a status, a
 *   response, a level) is found in the typed result at its position, or reported as an issue at that position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTransactions, readX12, type X12Document } from '#core/x12/reader';
import { readTypedX12, type TypedDocument } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { readX12Fixture } from './read-fixture.ts';

const SEEDS: Record<string, string> = {
  '835': readX12Fixture('835-plb-interest-recoupment.x12'),
  '835 reversal': readX12Fixture('835-reversal-corrected.x12'),
  '999': readX12Fixture('999-rejected-ik3-ik4.x12'),
  '277CA': readX12Fixture('277ca-mixed-rejections.x12'),
  '837P': readX12Fixture('837p/self-and-dependent.837'),
};

/** Segments that open a group the typed parsers must account for, per transaction set. */
const GROUP_OPENERS: Record<string, ReadonlySet<string>> = {
  '835': new Set(['BPR', 'TRN', 'N1', 'LX', 'CLP', 'SVC', 'PLB']),
  '999': new Set(['AK1', 'AK2', 'IK3', 'IK4', 'AK9']),
  '277': new Set(['BHT', 'HL', 'STC', 'SVC']),
};

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'tear'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delimiter'; at: number; to: string }
  | { kind: 'huge-number'; at: number; digits: number }
  | { kind: 'bad-date'; at: number; date: string }
  | { kind: 'junk'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'tear'), at: fc.nat() }) as fc.Arbitrary<Mutation>,
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('delimiter' as const),
    at: fc.nat(),
    to: fc.constantFrom('|', '^', ':', '~', '\n', '*', '>', ''),
  }),
  fc.record({ kind: fc.constant('huge-number' as const), at: fc.nat(), digits: fc.integer({ min: 16, max: 400 }) }),
  fc.record({
    kind: fc.constant('bad-date' as const),
    at: fc.nat(),
    date: fc.constantFrom('20261340', '20260230', '00000000', '99999999', '2026113', 'ABCDEFGH', '1e400'),
  }),
  fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
);

/** Apply mutations to the text, segment-wise (split on the terminator declared at ISA position 105). */
function mutate(text: string, mutations: Mutation[]): string {
  const terminator = text.charAt(text.indexOf('ISA') + 105) || '~';
  let segments = text.split(terminator);
  let result = text;
  for (const m of mutations) {
    const i = segments.length === 0 ? 0 : m.at % segments.length;
    switch (m.kind) {
      case 'delete':
        segments.splice(i, 1);
        break;
      case 'duplicate':
        segments.splice(i, 0, segments[i] ?? '');
        break;
      case 'tear':
        segments[i] = (segments[i] ?? '').slice(0, Math.floor((segments[i] ?? '').length / 2));
        break;
      case 'swap': {
        const j = m.with % segments.length;
        [segments[i], segments[j]] = [segments[j] ?? '', segments[i] ?? ''];
        break;
      }
      case 'truncate':
        segments = [segments.join(terminator).slice(0, m.at % (segments.join(terminator).length + 1))];
        break;
      case 'delimiter':
        segments[i] = (segments[i] ?? '').replace('*', m.to);
        break;
      case 'huge-number':
        segments[i] = (segments[i] ?? '').replace(/\d+(\.\d+)?/, '9'.repeat(m.digits));
        break;
      case 'bad-date':
        segments[i] = (segments[i] ?? '').replace(/\b(19|20)\d{6}\b/, m.date);
        break;
      case 'junk':
        segments[i] = `${segments[i] ?? ''}${m.text}`;
        break;
    }
    result = segments.join(terminator);
  }
  return result;
}

/** Runs `read`; returns its result, or undefined when it threw an X12Error. Any other exception fails. */
function readOrX12Error<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof X12Error) {
      expect(error.location.position).toBeGreaterThanOrEqual(0);
      return undefined;
    }
    throw new Error(`not an X12Error: ${(error as Error)?.stack ?? String(error)}`);
  }
}

/** Every position named anywhere in a typed result (claims, lines, statuses, responses, levels...). */
function positionsIn(value: unknown, into: Set<number>, seen = new Set<unknown>()): Set<number> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return into;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) positionsIn(item, into, seen);
    return into;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'position' && typeof item === 'number') into.add(item);
    else if (key !== 'segments') positionsIn(item, into, seen);
  }
  return into;
}

/** Envelope accounting: segments outside every interchange header/trailer and transaction set need an issue. */
function expectEnvelopeAccounted(document: X12Document): void {
  const accounted = new Set<number>();
  for (const interchange of document.interchanges) {
    accounted.add(interchange.header.position);
    if (interchange.trailer) accounted.add(interchange.trailer.position);
    for (const segment of interchange.interchangeSegments) accounted.add(segment.position);
    for (const group of interchange.groups) {
      accounted.add(group.header.position);
      if (group.trailer) accounted.add(group.trailer.position);
    }
  }
  for (const { transaction } of allTransactions(document)) {
    for (let p = transaction.header.position; p < transaction.header.position + transaction.segmentCount; p++) {
      accounted.add(p);
    }
  }
  const unaccounted = [];
  for (let p = 1; p <= document.segmentCount; p++) if (!accounted.has(p)) unaccounted.push(p);
  if (unaccounted.length > 0)
    expect(document.issues.length, `segments ${unaccounted.join(',')} unaccounted`).toBeGreaterThan(0);
}

/** Typed accounting: each group-opening segment of a typed set is in the result or has an issue at its position. */
function expectTypedAccounted(text: string, typed: TypedDocument): void {
  // The same text read generically keeps every segment; in file order its transaction sets are the typed ones.
  const generic = allTransactions(readX12(text, { lenient: true })).sort(
    (a, b) => a.transaction.header.position - b.transaction.header.position,
  );
  expect(generic.map(({ transaction }) => transaction.controlNumber)).toEqual(
    typed.transactions.map((transaction) => transaction.controlNumber),
  );
  const issuePositions = new Set([...typed.document.issues, ...typed.tr3Issues].map((issue) => issue.position));
  typed.transactions.forEach((transaction, index) => {
    const segments = generic[index]?.transaction.segments ?? [];
    const openers = transaction.kind === 'generic' ? undefined : GROUP_OPENERS[segments[0]?.element(1) ?? ''];
    if (!openers) return;
    const found = positionsIn(transaction, new Set<number>());
    const dropped = segments
      .filter(
        (segment) => openers.has(segment.id) && !found.has(segment.position) && !issuePositions.has(segment.position),
      )
      .map((segment) => `${segment.id}@${segment.position}`);
    expect(dropped, `silently dropped in ${transaction.kind} ${transaction.controlNumber}`).toEqual([]);
  });
}

describe.each(Object.entries(SEEDS))('fuzzing the readers with mutants of a valid %s', (_name, seed) => {
  it('the seed itself is valid and fully accounted for', () => {
    const typed = readTypedX12(seed);
    expect(typed.tr3Issues).toEqual([]);
    expectEnvelopeAccounted(typed.document);
    expectTypedAccounted(seed, typed);
  });

  it('mutants raise only X12Error and drop nothing silently', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, lenient) => {
        runs++;
        const text = mutate(seed, mutations);
        const typed = readOrX12Error(() => readTypedX12(text, { lenient }));
        if (!typed) return;
        read++;
        expectEnvelopeAccounted(typed.document);
        expectTypedAccounted(text, typed);
      }),
      {
        seed: Number(process.env.FUZZ_SEED ?? 20261202),
        numRuns: Number(process.env.FUZZ_RUNS ?? 400),
        endOnFailure: true,
      },
    );
    // Not vacuous: a good share of the mutants is read (lenient reading gets through envelope damage).
    expect(read / runs).toBeGreaterThan(0.2);
  });
});
