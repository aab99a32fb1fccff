import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocumentParseResult, parseDocument } from '#core/documents/index';

// Whatever lands in the bucket, parsing answers with encounters or a reason; it never throws (an exception would
// leave the document without a ledger outcome).
const samplesDir = fileURLToPath(new URL('../../../samples/', import.meta.url));
const samples = ['fhir', 'hl7v2', 'csv', 'claimflow-json', 'notes'].flatMap((folder) =>
  readdirSync(`${samplesDir}${folder}`).map((name) => readFileSync(`${samplesDir}${folder}/${name}`, 'utf8')),
);

function expectAnswer(result: DocumentParseResult): void {
  if (result.ok) {
    expect(result.encounters.length).toBeGreaterThan(0);
  } else {
    expect(result.reason).toMatch(/^[a-z_]+$/);
    expect(result.message.length).toBeGreaterThan(10);
  }
}

describe('parseDocument on arbitrary input', () => {
  it('answers for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expectAnswer(parseDocument(bytes, { key: 'fuzz' }));
      }),
      { numRuns: 500 },
    );
  });

  it('answers for samples cut short, spliced and garbled', () => {
    const mutation = fc.record({
      sample: fc.constantFrom(...samples),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.nat({ max: 40 }),
      insert: fc.string({
        maxLength: 12,
        unit: fc.constantFrom('|', '^', '~', '\\', '&', ',', '"', '\r', '\n', '{', '}', ':', 'A', '1'),
      }),
    });
    fc.assert(
      fc.property(mutation, ({ sample, cut, length, insert }) => {
        const at = Math.floor(sample.length * cut);
        const text = sample.slice(0, at) + insert + sample.slice(at + length);
        expectAnswer(parseDocument(new TextEncoder().encode(text), { key: 'fuzz' }));
      }),
      { numRuns: 1000 },
    );
  });
});
