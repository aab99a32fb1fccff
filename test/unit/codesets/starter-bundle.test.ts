import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { parseHcpcsAnnualFile } from '#core/codesets/hcpcs/annual-file';
import { parseOrderFile } from '#core/codesets/icd10cm/order-file';
import { normalizeCode } from '#core/codesets/normalize';
import { starterCodeSets } from '#core/codesets/starter/index';
import {
  STARTER_HCPCS_CODES,
  STARTER_HCPCS_POST_2019,
  STARTER_ICD10CM_CODES,
  STARTER_ICD10CM_POST_FY2018,
} from '#core/codesets/starter/selection';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { fixturePath } from './fixtures.ts';
import { importInto, tempBundleDir } from './import-helpers.ts';

const TODAY = '2026-11-23';

describe('starter bundle shipped in the repository', () => {
  const codeSets = starterCodeSets();

  it('is what a command gets when no bundle directory is given or configured', () => {
    const resolved = resolveCodeSets(undefined, {});
    expect(resolved.origin).toBe('starter bundle');
    expect(resolved.codeSets.releases().map((r) => r.id)).toEqual([
      'icd10cm-starter',
      'hcpcs-starter',
      'ncci-ptp-starter',
      'ncci-mue-starter',
      'cpt-starter',
    ]);
  });

  it('answers common diagnoses with official titles and today’s header/billable split', () => {
    expect(codeSets.icd10cm.lookup('E11.9', TODAY)).toMatchObject({
      billable: true,
      title: 'Type 2 diabetes mellitus without complications',
    });
    expect(codeSets.icd10cm.isBillable('R05', TODAY)).toBe(false);
    expect(codeSets.icd10cm.children('R05', TODAY).map((c) => c.display)).toEqual(['R05.1', 'R05.9']);
    expect(codeSets.icd10cm.parents('S93.401A', TODAY).map((c) => c.display)).toEqual([
      'S93.401',
      'S93.40',
      'S93.4',
      'S93',
    ]);
  });

  it('finds codes by the words of their titles, billable codes first', () => {
    expect(codeSets.icd10cm.searchTitles('chest pain', TODAY).map((c) => c.display)).toEqual([
      'R07.89',
      'R07.9',
      'R07.8',
      'R07',
    ]);
    expect(codeSets.icd10cm.searchTitles('chest zzz', TODAY)).toEqual([]);
  });

  it('answers HCPCS, CPT code numbers (our labels) and the sample NCCI edits', () => {
    expect(codeSets.hcpcs.isValid('G0008', TODAY)).toBe(true);
    expect(codeSets.hcpcs.lookup('G2212', '2020-06-01')?.status).toBe('not-yet-added');
    expect(codeSets.cpt.lookup('99213', TODAY)?.label).toBe('Office visit, established patient, level 3');
    expect(codeSets.cpt.isValid('99499', TODAY)).toBe(false);
    expect(codeSets.ncci.ptp('93010', '93000', TODAY)?.modifierIndicator).toBe('0');
    expect(codeSets.ncci.mue('99214', TODAY)?.value).toBe(1);
  });

  it('bundles with esbuild for a Lambda (no file reads at runtime)', async () => {
    const result = await build({
      entryPoints: ['core/codesets/starter/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('icd10cm-starter');
    expect(code).not.toMatch(/readFileSync|shared\/data/);
  });
});

const ICD_2018 = ['icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'];
const HCPCS_2019 = ['hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip'];

function zipMember(parts: string[], name: string): string {
  const path = sharedData(...parts);
  const file = readReleaseFiles({ name: path, bytes: readFileSync(path) }).find((f) => f.name.endsWith(name));
  if (!file) throw new Error(`${name} missing from ${path}`);
  return decodeReleaseText(file.bytes);
}

describeWithSharedData('starter ICD-10-CM codes checked against the FY2018 order file', ICD_2018, () => {
  const order = parseOrderFile('icd10cm_order_2018.txt', zipMember(ICD_2018, 'icd10cm_order_2018.txt'));
  const official = new Map(order.records.map((r) => [r.undottedCode, r]));
  const starter = starterCodeSets();

  it.each(STARTER_ICD10CM_CODES)('%s is billable in FY2018 with the title the starter gives', (code) => {
    const record = official.get(normalizeCode(code));
    expect(record?.billable).toBe(true);
    expect(starter.icd10cm.title(code, TODAY)).toBe(record?.longTitle);
  });

  it.each(STARTER_ICD10CM_POST_FY2018.map((c) => [c.code, c.since]))(
    '%s post-dates the FY2018 file (introduced %s): not checkable against it, and indeed not billable in it',
    (code) => {
      expect(official.get(normalizeCode(code))?.billable).not.toBe(true);
      expect(starter.icd10cm.isBillable(code, TODAY)).toBe(true);
    },
  );
});

describeWithSharedData('starter HCPCS codes checked against the 2019 annual file', HCPCS_2019, () => {
  const release = parseHcpcsAnnualFile('HCPC2019_CONTR_ANWEB.txt', zipMember(HCPCS_2019, 'HCPC2019_CONTR_ANWEB.txt'));
  const official = new Map(release.procedures.map((p) => [p.code, p]));
  const starter = starterCodeSets();

  it.each(STARTER_HCPCS_CODES)('%s is active in 2019 with the description the starter gives', (code) => {
    const procedure = official.get(code);
    expect(procedure?.terminationDate).toBeUndefined();
    expect(starter.hcpcs.lookup(code, TODAY)?.longDescription).toBe(procedure?.longDescription);
  });

  it.each(STARTER_HCPCS_POST_2019.map((c) => [c.code, c.since]))(
    '%s post-dates the 2019 file (added %s): not checkable against it, and indeed absent from it',
    (code) => {
      expect(official.has(code)).toBe(false);
      expect(starter.hcpcs.isValid(code, TODAY)).toBe(true);
    },
  );
});

describe('choosing the code sets for a command', () => {
  it('uses the directory configured in CLAIMFLOW_CODESETS when no --codesets is given', () => {
    const dir = tempBundleDir();
    importInto(dir, [fixturePath('releases', 'icd10cm_order_2019.txt')]);
    const resolved = resolveCodeSets(undefined, { CLAIMFLOW_CODESETS: dir });
    expect(resolved.codeSets.releaseFor('icd10cm', '2019-01-01')?.id).toBe('icd10cm-fy2019');
    expect(resolved.codeSets.icd10cm.isValid('E11.9', '2019-01-01')).toBe(false);
  });

  it('adds the starter releases of every kind a directory lacks (CPT code numbers, HCPCS), and says so', () => {
    const dir = tempBundleDir();
    importInto(dir, [fixturePath('releases', 'icd10cm_order_2019.txt')]);
    const resolved = resolveCodeSets(dir, {});
    expect(resolved.origin).toMatch(new RegExp(`^${dir} \\(\\+ starter .*cpt.*\\)$`));
    expect(resolved.origin).toContain('hcpcs');
    expect(resolved.codeSets.hcpcs.isValid('J1100', '2019-01-01')).toBe(true);
    expect(resolved.codeSets.cpt.isValid('99214', '2019-01-01')).toBe(true);
    expect(resolved.codeSets.cpt.isWellFormed('0042T')).toBe(true);
    expect(resolved.codeSets.cpt.isWellFormed('J1100')).toBe(false);
  });

  it('names a directory that holds no releases', () => {
    expect(() => resolveCodeSets(tempBundleDir(), {})).toThrow(/holds no releases/);
  });
});
