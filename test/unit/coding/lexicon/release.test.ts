/**
 * The release check of the lexicon: every code an entry of the concept files can emit exists, billable, in each
 * loaded ICD-10-CM release its fiscal years cover, and is absent from a loaded release its years do not cover (the
 * years are facts, not hopes). Loaded here: the FY2018 order file (all chapters) and the FY2025 tabular extract
 * (chapter 2, neoplasms) from the shared data; each suite skips, saying which file is absent, without them. Then
 * the starter bundle (the demo code set) holds every code the coder proposes on the project's samples.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseSource } from '#core/codesets/bundle/format';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { type CodeSets, createCodeSets } from '#core/codesets/index';
import { starterCodeSets } from '#core/codesets/starter/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import type { EmittedCode } from '#core/coding/lexicon/concept-data';
import { CONCEPT_FILES } from '#core/coding/lexicon/concepts';
import { MEDICATIONS } from '#core/coding/lexicon/medications';
import { entryCodes, STATUS_HISTORY } from '#core/coding/lexicon/status-history';
import { parseDocument } from '#core/documents/index';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR, sharedData } from '../../../support/shared-data.ts';

interface Claim extends EmittedCode {
  id: string;
}

/** Every code the lexicon can emit, with the years its entry claims (status and history, medications included). */
const CLAIMS: readonly Claim[] = [
  ...CONCEPT_FILES.flatMap((file) =>
    file.concepts.flatMap((entry) => entry.codes.map((c) => ({ ...c, id: entry.id }))),
  ),
  ...STATUS_HISTORY.concepts.flatMap((entry) =>
    entryCodes(entry).map((code) => ({
      code,
      fromYear: entry.codeSetYears.from,
      ...(entry.codeSetYears.to === undefined ? {} : { toYear: entry.codeSetYears.to }),
      id: entry.id,
    })),
  ),
  ...MEDICATIONS.classes.map(({ code, fromYear, toYear, id }) => ({
    code,
    fromYear,
    ...(toYear === undefined ? {} : { toYear }),
    id: `medication ${id}`,
  })),
];
const covers = (claim: Claim, year: number) => claim.fromYear <= year && (claim.toYear ?? 9999) >= year;
const said = (claims: readonly Claim[]) => claims.map((c) => `${c.id}: ${c.code}`);

describeWithSharedData('lexicon codes in the FY2018 ICD-10-CM release (order file)', ['icd10cm', '2018'], () => {
  const DATE = '2018-03-01';
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);

  it('holds, billable, every code whose years cover FY2018', () => {
    const covered = CLAIMS.filter((c) => covers(c, 2018));
    expect(covered.length).toBeGreaterThan(400);
    expect(said(covered.filter((c) => !codeSets.icd10cm.isBillable(c.code, DATE)))).toEqual([]);
  });

  it('does not hold as billable a code whose years say it came later or was gone by then', () => {
    const outside = CLAIMS.filter((c) => !covers(c, 2018));
    expect(outside.map((c) => c.code)).toEqual(
      expect.arrayContaining(['N18.30', 'F32.A', 'M54.50', 'I27.2', 'E78.0', 'Z79.85']),
    );
    expect(said(outside.filter((c) => codeSets.icd10cm.isBillable(c.code, DATE)))).toEqual([]);
  });
});

const TABULAR_2025 = ['icd10cm', '2025', 'icd-10-cm-tabular-2025_ch2.xml'];
/** Chapter 2 (Neoplasms, C00-D49): what the FY2025 tabular extract in the shared data holds. */
const inChapter2 = (code: string) => /^(C|D[0-4])/.test(code);

describeWithSharedData('lexicon codes in the FY2025 ICD-10-CM tabular (chapter 2 extract)', TABULAR_2025, () => {
  const DATE = '2025-03-01';
  let codeSets: CodeSets;
  beforeAll(() => {
    const compiled = compileReleaseFiles(
      [{ name: 'icd10cm_tabular_2025.xml', bytes: readFileSync(sharedData(...TABULAR_2025)) }],
      { compiledAt: '2025-03-01T00:00:00.000Z' },
    );
    const sources: ReleaseSource[] = compiled.map((release) => ({
      manifest: release.manifest,
      readTable: (name) => release.tables[name],
    }));
    codeSets = createCodeSets(sources);
  }, 60_000);

  it('holds, billable, every chapter 2 code whose years cover FY2025, and none whose years end before', () => {
    const chapter2 = CLAIMS.filter((c) => inChapter2(c.code));
    expect(chapter2.length).toBeGreaterThan(10);
    expect(said(chapter2.filter((c) => covers(c, 2025) && !codeSets.icd10cm.isBillable(c.code, DATE)))).toEqual([]);
    expect(said(chapter2.filter((c) => !covers(c, 2025) && codeSets.icd10cm.isBillable(c.code, DATE)))).toEqual([]);
  });
});

const SAMPLES = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', 'samples');
/** What `npm start` uploads, without the folder of documents that are meant to fail. */
function sampleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'malformed' ? [] : sampleFiles(path);
    return name.endsWith('.md') ? [] : [path];
  });
}

describe('the starter bundle and the samples', () => {
  const codeSets = starterCodeSets();
  const coded = sampleFiles(SAMPLES).flatMap((file) => {
    const parsed = parseDocument(readFileSync(file), { key: file });
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    return parsed.encounters.map((encounter) => ({
      file,
      asserted: encounter.diagnoses.some((source) => source.system === 'ICD-10-CM'),
      coding: codeDiagnoses(encounter, { codeSets, date: encounter.dateOfService ?? '2026-11-05' }),
    }));
  });
  const missing = (reasons: (typeof coded)[number]['coding']['reviewReasons']) =>
    reasons.filter((r) => r.category === 'unsupported_code' || /lacks the specific code/.test(r.message));

  it("holds every code the coder proposes from the samples' text: none goes to review as missing", () => {
    const fromText = coded.filter((visit) => !visit.asserted);
    expect(fromText.length).toBeGreaterThan(5);
    const codes = fromText.flatMap((visit) => visit.coding.diagnoses.map((d) => d.code));
    expect(codes.length).toBeGreaterThan(10);
    expect(
      fromText.flatMap((visit) => missing(visit.coding.reviewReasons).map((r) => `${visit.file}: ${r.message}`)),
    ).toEqual([]);
  });

  it('holds every code the sample documents assert but one, W10.8XXA, and says so: that visit goes to review naming the release', () => {
    // W10.8XXA stays out on purpose: test/local/twin-deployed-codesets.test.ts proves the deployed release is used
    // by coding it.
    const messages = coded.filter((visit) => visit.asserted).flatMap((visit) => missing(visit.coding.reviewReasons));
    expect(messages.map((r) => r.message.split(' ')[0]).sort()).toEqual(['W10.8XXA']);
    for (const reason of messages) expect(reason.message).toContain('icd10cm-starter');
  });
});
