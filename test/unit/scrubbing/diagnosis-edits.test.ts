import { describe, expect, it } from 'vitest';
import { codeReferencesIn, isReferenced } from '#core/scrubbing/icd-note-references';
import { cleanClaim, idsOf, scrub } from './support/scrub-setup.ts';

describe('code references in Excludes1 notes', () => {
  it('reads codes, ".-" codes, ranges and lists inside parentheses', () => {
    expect(codeReferencesIn('type 1 diabetes mellitus (E10.-)')).toEqual([{ from: 'E10', to: 'E10' }]);
    expect(codeReferencesIn('diabetes mellitus (E08-E13)')).toEqual([{ from: 'E08', to: 'E13' }]);
    expect(codeReferencesIn('hyperglycemia NOS (R73.9)')).toEqual([{ from: 'R739', to: 'R739' }]);
    expect(codeReferencesIn('gestational diabetes (O24.4-)')).toEqual([{ from: 'O244', to: 'O244' }]);
    expect(codeReferencesIn('pregnancy (O10-O11, O13-O16)')).toEqual([
      { from: 'O10', to: 'O11' },
      { from: 'O13', to: 'O16' },
    ]);
  });

  it('ignores parenthesized text that is not a code reference', () => {
    expect(codeReferencesIn('polyneuropathy (in):  diabetes mellitus (E08-E13 with .42)')).toEqual([]);
    expect(codeReferencesIn('fever (of unknown origin)')).toEqual([]);
  });

  it('compares a code with a reference on the reference prefix', () => {
    expect(isReferenced('E119', { from: 'E08', to: 'E13' })).toBe(true);
    expect(isReferenced('E149', { from: 'E08', to: 'E13' })).toBe(false);
    expect(isReferenced('R739', { from: 'R739', to: 'R739' })).toBe(true);
    expect(isReferenced('R7309', { from: 'R739', to: 'R739' })).toBe(false);
  });
});

describe('diagnosis edits', () => {
  it('reports an Excludes1 pair once, on the excluded code', async () => {
    const { findings } = await scrub({ ...cleanClaim(), diagnoses: ['E11.9', 'E10.9'] });
    const excludes = findings.filter((f) => f.id === 'DX-EXCLUDES1');
    expect(excludes).toHaveLength(1);
    expect(excludes[0]?.field).toBe('diagnoses[1].code');
    expect(excludes[0]?.message).toContain('type 1 diabetes mellitus (E10.-)');
  });

  it('names the allowed 7th characters and the placeholder the code needs', async () => {
    const compact = { ...cleanClaim(), diagnoses: ['S93.401A', 'W19'] };
    compact.lines = [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1], serviceDate: '2026-11-02' }];
    const finding = (await scrub(compact)).findings.find((f) => f.id === 'DX-SEVENTH-CHARACTER');
    expect(finding?.message).toContain('(A, D, S)');
    expect(finding?.message).toContain('placeholder X');
    expect(finding?.suggestedFix).toContain('W19.XXXA');
  });

  it('suggests the codes below a header code', async () => {
    const finding = (await scrub({ ...cleanClaim(), diagnoses: ['E11.6', 'I10'] })).findings.find(
      (f) => f.id === 'DX-NOT-BILLABLE',
    );
    expect(finding?.suggestedFix).toContain('E11.65');
  });

  it('quotes the "code first" note of a manifestation listed first', async () => {
    const compact = { ...cleanClaim(), diagnoses: ['G63', 'E85.1'] };
    const finding = (await scrub(compact)).findings.find((f) => f.id === 'DX-MANIFESTATION-FIRST');
    expect(finding?.suggestedFix).toContain('amyloidosis (E85.-)');
  });

  it('checks sex only for F and M: an unknown sex conflicts with nothing', async () => {
    const compact = { ...cleanClaim(), diagnoses: ['N40.0', 'I10'] };
    compact.patient = { ...compact.patient, sex: 'U' };
    expect(idsOf((await scrub(compact)).findings)).toEqual([]);
  });

  it('measures age in completed years on the date of service (maternity 9-64)', async () => {
    const onBirthday = { ...cleanClaim(), diagnoses: ['Z38.00'] };
    onBirthday.patient = { ...onBirthday.patient, birthDate: '2025-11-02' };
    onBirthday.lines = [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1], serviceDate: '2026-11-02' }];
    const dayBefore = { ...onBirthday, patient: { ...onBirthday.patient, birthDate: '2025-11-03' } };
    expect(idsOf((await scrub(onBirthday)).findings)).toEqual(['DX-AGE-CONFLICT']);
    expect(idsOf((await scrub(dayBefore)).findings)).toEqual([]);
  });

  it('skips the code edits, with a warning, when no ICD-10-CM release covers the date', async () => {
    const compact = { ...cleanClaim(), diagnoses: ['E11.99', 'I10'], dateOfService: '2015-09-30' };
    compact.lines = [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1, 2], serviceDate: '2015-09-30' }];
    const { findings } = await scrub(compact);
    expect(idsOf(findings)).toEqual(['TIMELY-FILING']);
    expect(findings.find((f) => f.id === 'CODESET-RELEASE-MISSING')?.message).toContain('icd10cm');
  });
});
