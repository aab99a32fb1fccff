/**
 * One rule for "billable": every claim scrubbing calls READY builds into an 837P that passes our TR3 checks, reads
 * back without an issue and, when ../shared is present, passes the independent validator (pyx12). Claims come from
 * three sets written by different hands: the demo documents in samples/, the coding gold set in eval/ (with its own
 * practice configuration) and the scrubbing corpus (test/fixtures/scrubbing). Each document goes the pipeline's way:
 * parse, practice defaults, code, buildClaim, scrub.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { CodeSets } from '#core/codesets/index';
import { starterCodeSets } from '#core/codesets/starter/index';
import { codeEncounter } from '#core/coding/index';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { completeEncounter } from '#core/config/practice-defaults';
import { parseDocument } from '#core/documents/index';
import { scrubClaim } from '#core/scrubbing/index';
import { InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import { build837P } from '#core/x12/837p/builder';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { read837P } from '#core/x12/837p/reader-837p';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { documentText, type LoadedGoldCase, loadGoldDirectory } from '../../../../eval/coding/gold-file.ts';
import { describeWithValidator, validateX12 } from '../../sandbox/independent-validator.ts';
import { readCorpus } from '../../scrubbing/support/corpus.ts';
import { testPorts, toClaim } from '../../scrubbing/support/scrub-setup.ts';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const TODAY = '2026-11-23';
const PAYER_RULES = loadPayerRulesDirectory(join(REPO, 'config', 'payer-rules'));

interface Scrubbed {
  source: string;
  claim: Claim;
  ready: boolean;
  errors: string[];
}

function configAt(path: string): PracticeConfig {
  return parsePracticeConfig(JSON.parse(readFileSync(join(REPO, path), 'utf8')), path);
}

/** A document the pipeline's way: parse, practice defaults, code, build the claim, scrub. */
async function scrubDocument(
  name: string,
  bytes: Uint8Array,
  config: PracticeConfig,
  codeSets: CodeSets,
  date: string,
  priorClaims: InMemoryPriorClaims,
): Promise<Scrubbed[]> {
  const parsed = parseDocument(bytes, { key: name });
  if (!parsed.ok) return [];
  const scrubbed: Scrubbed[] = [];
  for (const encounter of parsed.encounters) {
    const coded = codeEncounter(await completeEncounter(encounter, config), { codeSets, config, date });
    const built = buildClaim(coded, { documentId: name, at: `${TODAY}T00:00:00.000Z`, actor: 'test' });
    const { claim, findings } = await scrubClaim(built, coded, {
      codeSets,
      config,
      payerRules: PAYER_RULES,
      today: TODAY,
      priorClaims,
    });
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.id);
    const ready = !coded.review.required && errors.length === 0;
    if (ready) priorClaims.add({ ...claim, status: 'QUEUED' });
    scrubbed.push({ source: `${name}#${encounter.source.index}`, claim, ready, errors });
  }
  return scrubbed;
}

async function sampleClaims(): Promise<Scrubbed[]> {
  const config = configAt('config/practice.sample.json');
  const codeSets = starterCodeSets();
  const priorClaims = new InMemoryPriorClaims();
  const out: Scrubbed[] = [];
  for (const folder of ['notes', 'csv', 'fhir', 'hl7v2', 'claimflow-json']) {
    const dir = join(REPO, 'samples', folder);
    for (const file of readdirSync(dir).sort()) {
      const bytes = readFileSync(join(dir, file));
      out.push(...(await scrubDocument(`samples/${folder}/${file}`, bytes, config, codeSets, TODAY, priorClaims)));
    }
  }
  return out;
}

/**
 * Gold notes, like most notes, carry no address. The gold set's configuration gets a patient directory with an
 * address for every gold patient it can match (by MRN, or member id and date of birth), as a practice's would.
 */
function withDirectoryForGold(config: PracticeConfig, cases: readonly LoadedGoldCase[]): PracticeConfig {
  const patientDirectory: PracticeConfig['patientDirectory'] = [];
  const seen = new Set<string>();
  for (const gold of cases) {
    const parsed = parseDocument(new TextEncoder().encode(documentText(gold)), { key: gold.document.name });
    if (!parsed.ok) continue;
    for (const { patient, subscriber } of parsed.encounters) {
      const key = patient.mrn ?? `${subscriber?.memberId}/${patient.birthDate}`;
      if (!patient.lastName || !patient.birthDate || (!patient.mrn && !subscriber?.memberId) || seen.has(key)) continue;
      seen.add(key);
      patientDirectory.push({
        ...(patient.mrn ? { mrn: patient.mrn } : { memberId: subscriber?.memberId }),
        lastName: patient.lastName,
        birthDate: patient.birthDate,
        address: {
          lines: [`${patientDirectory.length + 1} Gold St`],
          city: 'Springfield',
          state: 'IL',
          postalCode: '62701',
        },
      });
    }
  }
  return { ...config, patientDirectory };
}

async function goldClaims(): Promise<Scrubbed[]> {
  const cases = loadGoldDirectory(join(REPO, 'eval', 'coding', 'gold'));
  const config = withDirectoryForGold(configAt('eval/coding/practice.json'), cases);
  const codeSets = starterCodeSets();
  const out: Scrubbed[] = [];
  for (const gold of cases) {
    // Each gold case is its own visit: no case is the duplicate of another.
    const bytes = new TextEncoder().encode(documentText(gold));
    out.push(
      ...(await scrubDocument(
        gold.document.name,
        bytes,
        config,
        codeSets,
        gold.date ?? TODAY,
        new InMemoryPriorClaims(),
      )),
    );
  }
  return out;
}

async function corpusClaims(): Promise<Scrubbed[]> {
  const out: Scrubbed[] = [];
  for (const kind of ['clean', 'broken'] as const) {
    for (const entry of readCorpus(kind)) {
      // Corpus claims share one id; each gets its own, as claims of one interchange must.
      const id = `CORPUS${out.length + 1}`;
      const { claim, coded } = toClaim({ ...entry.claim, id });
      const priorClaims = new InMemoryPriorClaims((entry.priorClaims ?? []).map((p) => toClaim(p).claim));
      const { claim: repaired, findings } = await scrubClaim(claim, coded, testPorts({ priorClaims }));
      const errors = findings.filter((f) => f.severity === 'error').map((f) => f.id);
      out.push({ source: `${kind}/${entry.file}`, claim: repaired, ready: errors.length === 0, errors });
    }
  }
  return out;
}

const IDENTITY = configAt('config/practice.sample.json').submitter;

async function buildAll(claims: readonly Claim[]): Promise<string> {
  const built = await build837P(claims.map(claimTo837P), {
    identity: IDENTITY,
    controlNumbers: new InMemoryControlNumbers(),
    now: new Date(`${TODAY}T12:00:00Z`),
  });
  return built.text;
}

const SETS: [string, () => Promise<Scrubbed[]>, number][] = [
  // At least this many READY claims in each set, so that the test can never pass on an empty set.
  ['samples/', sampleClaims, 5],
  ['the coding gold set (eval/coding/gold)', goldClaims, 20],
  ['the scrubbing corpus (test/fixtures/scrubbing)', corpusClaims, 20],
];

describe.each(SETS)('every READY claim of %s', (_name, load, atLeast) => {
  it('passes the 837P claim checks, builds, and reads back without an issue', async () => {
    const claims = await load();
    const ready = claims.filter((c) => c.ready);
    expect(ready.length).toBeGreaterThanOrEqual(atLeast);
    const refused = ready.flatMap((c) =>
      check837PClaims([claimTo837P(c.claim)]).map((i) => `${c.source}: ${i.rule} ${i.field}: ${i.message}`),
    );
    expect(refused).toEqual([]);
    const read = read837P(await buildAll(ready.map((c) => c.claim)));
    expect(read.issues).toEqual([]);
    expect(read.claims.map((c) => c.id).sort()).toEqual(ready.map((c) => c.claim.id).sort());
  });

  it('and every claim the builder would refuse is stopped by a scrub error', async () => {
    const claims = await load();
    const slipped = claims.filter((c) => c.ready && check837PClaims([claimTo837P(c.claim)]).length > 0);
    expect(slipped.map((c) => c.source)).toEqual([]);
    const refusedByBuilder = claims.filter((c) => check837PClaims([claimTo837P(c.claim)]).length > 0);
    for (const c of refusedByBuilder) expect(c.errors.length, c.source).toBeGreaterThan(0);
  });
});

describe('the sample practice configuration’s claim settings on the sample claims', () => {
  it('put CLIA on lab claims, the service facility and CLM09 on Riverside’s, the pay-to lock box on Maple Grove’s', async () => {
    const ready = (await sampleClaims()).filter((c) => c.ready).map((c) => c.claim);
    const text = await buildAll(ready);
    const read = read837P(text);
    const lab = read.claims.filter((c) => c.lines.some((l) => ['81002', '87880'].includes(l.code)));
    expect(lab.length).toBeGreaterThanOrEqual(2);
    for (const claim of lab) expect(claim.clia).toBe('14D2049876');
    for (const claim of read.claims.filter((c) => !c.lines.some((l) => /^8[1-7]/.test(l.code))))
      expect(claim.clia).toBeUndefined();
    const riverside = read.claims.filter((c) => c.billingProvider.npi === '1333444556');
    expect(riverside.length).toBeGreaterThan(0);
    for (const claim of riverside) {
      expect(claim.serviceFacility?.name).toBe('Riverside Urgent Care West');
      expect(claim.indicators?.releaseOfInformation).toBe('I');
    }
    const mapleGrove = read.claims.filter((c) => c.billingProvider.npi === '1987654328');
    expect(mapleGrove.length).toBeGreaterThan(0);
    for (const claim of mapleGrove) expect(claim.billingProvider.payToAddress?.lines).toEqual(['PO Box 4400']);
  });
});

describeWithValidator('every READY claim, checked by the independent validator (pyx12)', () => {
  it.each(SETS)('%s', async (name, load) => {
    const ready = (await load()).filter((c) => c.ready).map((c) => c.claim);
    const { valid, report } = validateX12({ [name.replace(/\W+/g, '-')]: await buildAll(ready) });
    expect(report).toMatch(/: valid/);
    expect(valid, report).toBe(true);
  });
});
