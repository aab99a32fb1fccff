/**
 * The External Cause Index and the Table of Drugs and Chemicals as the coder's knowledge (index-tables.ts): an
 * assessment statement nothing else read is coded from the entry whose words it says, and only to a code the release
 * in effect has billable, with the 7th character of the episode of care. The fixtures are a few entries written in
 * the CDC's published XML format, compiled with a small order file by the code set compiler.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseSource } from '#core/codesets/bundle/format';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { type CodeSets, createCodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { DRUG_TABLE_RULE, EXTERNAL_CAUSE_RULE } from '#core/coding/diagnoses/index-tables';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/codesets/icd10cm/${name}`, import.meta.url));

function fixtureCodeSets(): CodeSets {
  const compiled = compileReleaseFiles(
    [
      { name: 'icd10cm_order_2025.txt', bytes: fixture('icd10cm_order_2025.txt') },
      { name: 'icd-10-cm-eindex-2025.xml', bytes: fixture('eindex-sample.xml') },
      { name: 'icd-10-cm-drug-2025.xml', bytes: fixture('drug-table-sample.xml') },
    ],
    { compiledAt: '2025-01-01T00:00:00.000Z' },
  );
  const sources: ReleaseSource[] = compiled.map((release) => ({
    manifest: release.manifest,
    readTable: (name) => release.tables[name],
  }));
  return createCodeSets(sources);
}

describe('External Cause Index and Table of Drugs and Chemicals of the loaded release', () => {
  const DATE = '2025-03-01';
  let codeSets: CodeSets;
  const coded = (assessment: string[], date = DATE) =>
    codeDiagnoses(encounterOf(noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${date}`)), {
      codeSets,
      date,
    }).diagnoses;
  const codesOf = (assessment: string[], date = DATE) => coded(assessment, date).map((d) => d.code);

  beforeAll(() => {
    codeSets = fixtureCodeSets();
  });

  it('carries the External Cause Index entries with their codes and "see" references through the compiler', () => {
    const entries = codeSets.icd10cm.tableEntries('eindex', DATE);
    expect(entries).toContainEqual({ path: ['Bite, bitten by', 'dog'], cells: {}, code: 'W54.0' });
    expect(entries).toContainEqual({
      path: ['Contact (accidental)', 'with', 'deer'],
      cells: {},
      see: 'Contact, with, hoof stock NEC',
    });
    expect(codeSets.icd10cm.tableEntries('drug', DATE).find((row) => row.path[0] === 'Aleve')).toMatchObject({
      see: 'Naproxen',
    });
  });

  it('codes a poisoning from the substance row and the intent column, accidental when no intent is stated', () => {
    expect(codesOf(['1. Poisoning by acetaminophen.'])).toEqual(['T39.1X1A']);
    expect(codesOf(['1. Accidental overdose of acetaminophen.'])).toEqual(['T39.1X1A']);
    expect(codesOf(['1. Intentional overdose of acetaminophen.'])).toEqual(['T39.1X2A']);
    expect(codesOf(['1. Lead poisoning.'])).toEqual(['T56.0X1A']);
  });

  it('codes an adverse effect from its column, and the episode of care from the statement', () => {
    expect(codesOf(['1. Adverse effect of acetaminophen.'])).toEqual(['T39.1X5A']);
    expect(codesOf(['1. Acetaminophen poisoning, subsequent encounter.'])).toEqual(['T39.1X1D']);
  });

  it('follows a "see" reference of the Table to the row it names', () => {
    expect(codesOf(['1. Suicide attempt by overdose of Aleve.'])).toEqual(['T39.312A']);
  });

  it('never codes a substance the statement does not say was a poisoning, adverse effect or underdosing', () => {
    expect(codesOf(['1. Acetaminophen.'])).toEqual([]);
    expect(codesOf(['1. Naproxen.'])).toEqual([]);
  });

  it('proposes only what the release in effect has billable, and nothing on a date no release covers', () => {
    // Naproxen, accidental (T39.311A) and caregiving (Y93.F9) are not in the fixture release.
    expect(codesOf(['1. Aleve overdose.'])).toEqual([]);
    expect(codesOf(['1. Caregiving activity.'])).toEqual([]);
    expect(codesOf(['1. Poisoning by acetaminophen.'], '2010-06-01')).toEqual([]);
  });

  it('codes an external cause from the entry that accounts for every word, "other" as NEC', () => {
    expect(codesOf(['1. Other household maintenance.'])).toEqual(['Y93.E9']);
    expect(codesOf(['1. Misadventure to patient from unspecified contamination.'])).toEqual(['Y64.9']);
    expect(codesOf(['1. Dog bite.'])).toEqual(['W54.0XXA']);
  });

  it('follows a "see" reference of the Index to the entry it names', () => {
    expect(codesOf(['1. Contact with deer.'])).toEqual(['W55.39XA']);
  });

  it('leaves a statement with a word no entry says, or one word only a nonessential modifier shares', () => {
    expect(codesOf(['1. In a patient.'])).toEqual([]);
    expect(codesOf(['1. Household chores.'])).toEqual([]);
  });

  it("needs two words of the statement in an entry's titles proper, not in its nonessential modifiers", () => {
    // "injury" is only the modifier of "transport (involving injury to)": a sports injury is no vehicle accident.
    expect(codesOf(['1. Sports injury.'])).toEqual([]);
    expect(codesOf(['1. Sport utility vehicle accident.'])).toEqual(['V59.9XXA']);
  });

  it('takes an entry that names an intent (assault, suicide) only when the statement states it', () => {
    expect(codesOf(['1. Burn from hot tap water.'])).toEqual([]);
    expect(codesOf(['1. Assault by burning with hot tap water.'])).toEqual(['X98.1XXA']);
  });

  it('sends every table code to review, with the rule that found it', () => {
    const [poisoning] = coded(['1. Poisoning by acetaminophen.']);
    const [cause] = coded(['1. Other household maintenance.']);
    expect(poisoning?.confidence).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
    expect(poisoning?.evidence[0]?.rule).toBe(DRUG_TABLE_RULE);
    expect(cause?.evidence[0]?.rule).toBe(EXTERNAL_CAUSE_RULE);
  });

  it('lists an external cause after the other diagnoses (never first-listed)', () => {
    expect(codesOf(['1. Dog bite.', '2. Poisoning by acetaminophen.'])).toEqual(['T39.1X1A', 'W54.0XXA']);
  });
});

describeWithSharedData(
  'FY2025 External Cause Index and Table of Drugs and Chemicals with the FY2018 release',
  ['icd10cm', '2025', 'icd-10-cm-eindex-2025.xml'],
  () => {
    const DATE = '2018-03-01';
    let codeSets: CodeSets;
    const codesOf = (assessment: string[]) =>
      codeDiagnoses(encounterOf(noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`)), {
        codeSets,
        date: DATE,
      }).diagnoses.map((d) => d.code);

    beforeAll(() => {
      codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
    }, 60_000);

    it('codes poisonings and external causes the release titles do not word', () => {
      expect(codesOf(['1. Heroin overdose.'])).toEqual(['T40.1X1A']);
      expect(codesOf(['1. Intentional overdose of ibuprofen.'])).toEqual(['T39.312A']);
      expect(codesOf(['1. Other household maintenance.'])).toEqual(['Y93.E9']);
      expect(codesOf(['1. Slipped on ice.'])).toEqual(['W00.0XXA']);
    });
  },
);
