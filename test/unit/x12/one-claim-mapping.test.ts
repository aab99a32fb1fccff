/**
 * One mapping from a coded encounter to a claim to an 837P: every sample document, coded through the pipeline
 * (`codeDocument`) and through `claimflow code --json | claimflow x12 837`, gives the same CLM01 and the same claim.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as runCode } from '#bin/commands/code';
import { run837 } from '#bin/commands/x12/build-837';
import { claimTo837P } from '#core/billing/claim-to-837p';
import { claimFromCodedJson, claimsFromCodedJson } from '#core/billing/claims-from-coded-json';
import { codedJson } from '#core/billing/coded-json-input';
import type { Claim } from '#core/claims/claim';
import { detectFormat } from '#core/documents/detect';
import { documentIdOf } from '#core/intake/document-id';
import { fixedClock } from '#core/kernel/clock';
import { codeDocument } from '#core/pipeline/code-document';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { read837P } from '#core/x12/837p/reader-837p';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { loadPracticeConfigFile, practiceConfigPath } from '#local/cli/practice-config-file';

const SAMPLES = resolve(import.meta.dirname, '..', '..', '..', 'samples');
const DATE = '2026-11-25';
const sampleFiles = ['claimflow-json', 'csv', 'fhir', 'hl7v2', 'notes'].flatMap((dir) =>
  readdirSync(join(SAMPLES, dir)).map((name) => join(SAMPLES, dir, name)),
);

const config = loadPracticeConfigFile(practiceConfigPath(undefined));
const { codeSets } = resolveCodeSets(undefined, {});

afterEach(() => vi.restoreAllMocks());

async function throughPipeline(file: string): Promise<Claim[]> {
  const bytes = readFileSync(file);
  const detection = detectFormat(bytes, { key: file });
  if (!detection.ok) throw new Error(detection.message);
  const object = {
    bucket: 'intake',
    key: `inbox/${file.split('/').pop()}`,
    size: bytes.length,
    eTag: 'e1',
    eventTime: `${DATE}T09:00:00Z`,
  };
  const claims = new InMemoryClaimStore();
  const result = await codeDocument(
    { documentId: documentIdOf(object), object, format: detection.format, text: detection.text },
    {
      codeSets,
      config,
      claims,
      visits: new InMemoryVisitReservations(),
      submissions: { publish: async () => {} },
      clock: fixedClock(`${DATE}T09:00:00Z`),
    },
  );
  if (result.status === 'FAILED') throw new Error(`${file}: ${result.message}`);
  if (result.status === 'SPLIT') throw new Error(`${file}: a sample has more visits than one invocation codes`);
  const created: Claim[] = [];
  for (const id of result.claimIds) {
    const claim = await claims.get(id);
    if (claim) created.push(claim);
  }
  return created;
}

async function captured(
  stream: 'stdout' | 'stderr',
  body: () => Promise<number>,
): Promise<{ code: number; text: string }> {
  let text = '';
  const spy = vi.spyOn(process[stream], 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  try {
    return { code: await body(), text };
  } finally {
    spy.mockRestore();
  }
}

describe('one document, one claim, whichever way it is billed', () => {
  const built = { claims: 0, interchanges: 0 };
  afterAll(() => {
    // The comparison is not vacuous: most sample encounters are billable and most files build an interchange.
    expect(built.claims).toBeGreaterThanOrEqual(10);
    expect(built.interchanges).toBeGreaterThanOrEqual(3);
  });

  it.each(sampleFiles.map((f) => [f.slice(SAMPLES.length + 1), f]))('%s', async (_, file) => {
    const pipelineClaims = await throughPipeline(file);
    const { text: json } = await captured('stdout', () => runCode([file, '--json', '--date', DATE]));
    const coded = codedJson.parse(JSON.parse(json));

    // The same claim, field for field, as the 837P carries it.
    const fromCli = claimsFromCodedJson(coded.encounters, { at: `${DATE}T09:00:00Z`, actor: 'test' });
    const billable = pipelineClaims.filter((_, i) => !coded.encounters[i]?.review.required);
    expect(fromCli.claims).toEqual(billable.map(claimTo837P));
    built.claims += billable.length;
    expect(pipelineClaims.map((c) => c.id)).toEqual(coded.encounters.map((_, i) => pipelineClaims[i]?.id));

    // And the same CLM01 in the interchange `x12 837` writes, for each encounter that is ready to bill and builds.
    const dir = mkdtempSync(join(tmpdir(), 'one-mapping-'));
    writeFileSync(join(dir, 'coded.json'), json);
    const out = join(dir, 'out.837');
    const { code } = await captured('stderr', () =>
      run837([join(dir, 'coded.json'), '--counter', join(dir, 'counter.json'), '--out', out]),
    );
    if (code === 0) {
      const clm01s = read837P(readFileSync(out, 'utf8')).claims.map((c) => c.id);
      expect(clm01s.length).toBeGreaterThan(0);
      built.interchanges += 1;
      for (const id of clm01s) expect(billable.map((c) => c.id)).toContain(id);
    }
  });

  it('names the same claim for the same text, whatever the key or upload', async () => {
    const file = join(SAMPLES, 'fhir', 'rivera-diabetes-follow-up.transaction.json');
    const [first] = await throughPipeline(file);
    const { text: json } = await captured('stdout', () => runCode([file, '--json', '--date', DATE]));
    expect(JSON.parse(json).encounters[0].source.key).not.toBe(first?.encounter.key);
    const [item] = codedJson.parse(JSON.parse(json)).encounters;
    expect(item && claimFromCodedJson(item, { at: 'x', actor: 'y' }).id).toBe(first?.id);
  });
});
