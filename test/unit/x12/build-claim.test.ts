import { describe, expect, it } from 'vitest';
import { buildClaim, claimIdFor, claimIdOf } from '#core/claims/build-claim';
import type { CodedEncounter } from '#core/coding/coded-encounter';

function coded(overrides: Partial<CodedEncounter['encounter']> = {}, diagnosisCount = 2, pointers = [[1, 2]]) {
  return {
    encounter: {
      source: { key: 'inbox/a.json', format: 'claimflow-json', index: 0, digest: 'abc' },
      patient: { lastName: 'DOE', firstName: 'JO', birthDate: '1980-01-01', sex: 'F', address: { lines: ['1 A ST'] } },
      subscriber: { memberId: 'M1' },
      dateOfService: '2026-11-02',
      diagnoses: [],
      procedures: [],
      ...overrides,
    },
    diagnoses: Array.from({ length: diagnosisCount }, (_, i) => ({
      code: `Z00.${String(i).padStart(2, '0')}`,
      confidence: 1,
      evidence: [],
      codeSetVersion: 'x',
    })),
    lines: pointers.map((p) => ({
      code: '99213',
      system: 'CPT',
      modifiers: [],
      units: 1,
      chargeCents: 100,
      diagnosisPointers: p,
      confidence: 1,
      evidence: [],
      codeSetVersion: 'x',
    })),
    missing: [],
    review: { required: false, reasons: [] },
  } as CodedEncounter;
}
const context = { documentId: 'doc-1', at: '2026-11-02T00:00:00Z', actor: 't' };

describe('buildClaim: the one mapping from a coded encounter to a claim', () => {
  it('derives CLM01 from the text digest and the encounter position, not from where the document was stored', () => {
    const claim = buildClaim(coded(), context);
    expect(claim.id).toBe(claimIdFor('abc', 0));
    expect(claim.id).toBe(claimIdOf({ index: 0, digest: 'abc' }, 'doc-2'));
    // An encounter built by hand (no parser, no digest) is named by its document id.
    expect(claimIdOf({ index: 0 }, 'doc-1')).toBe(claimIdFor('doc-1', 0));
    expect(claim.id).toMatch(/^CF[0-9A-F]{18}$/);
  });

  it('takes the patient as subscriber when nothing says otherwise, with the patient demographics', () => {
    const claim = buildClaim(coded(), context);
    expect(claim.patient.relationshipToSubscriber).toBe('18');
    expect(claim.subscriber).toEqual({
      lastName: 'DOE',
      firstName: 'JO',
      birthDate: '1980-01-01',
      sex: 'F',
      address: { lines: ['1 A ST'] },
      memberId: 'M1',
    });
  });

  it('does not merge a named subscriber into the patient when the relationship is not given', () => {
    const claim = buildClaim(coded({ subscriber: { memberId: 'M1', lastName: 'ROE', firstName: 'AL' } }), context);
    expect(claim.patient.relationshipToSubscriber).toBeUndefined();
    expect(claim.subscriber).toEqual({ memberId: 'M1', lastName: 'ROE', firstName: 'AL' });
  });

  it('never invents a place of service', () => {
    expect(buildClaim(coded(), context).placeOfService).toBe('');
    expect(buildClaim(coded({ placeOfService: '02' }), context).placeOfService).toBe('02');
  });

  it('keeps at most 12 diagnoses, always those a line points to, with pointers renumbered', () => {
    const claim = buildClaim(coded({}, 15, [[14, 1], [15]]), context);
    expect(claim.diagnoses).toHaveLength(12);
    expect(claim.diagnoses.map((d) => d.code)).toContain('Z00.13');
    expect(claim.diagnoses.map((d) => d.code)).toContain('Z00.14');
    expect(claim.lines.map((l) => l.diagnosisPointers)).toEqual([[11, 1], [12]]);
    expect(claim.lines.map((l) => l.diagnosisPointers.map((p) => claim.diagnoses[p - 1]?.code))).toEqual([
      ['Z00.13', 'Z00.00'],
      ['Z00.14'],
    ]);
  });

  it('carries the encounter end date on lines without a date of their own', () => {
    const claim = buildClaim(coded({ dateOfServiceEnd: '2026-11-04' }), context);
    expect(claim.lines[0]).toMatchObject({ serviceDate: '2026-11-02', serviceDateEnd: '2026-11-04' });
  });
});
