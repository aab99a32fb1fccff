import { describe, expect, it } from 'vitest';
import { codeEncounterWith, type DiagnosisCoder } from '#core/coding/index';
import type { Encounter } from '#core/documents/encounter';
import { codeNote, codeSets, config, fixedDiagnoses, noteEncounter } from './support.ts';

const wellDocumented =
  'CHIEF COMPLAINT: Sore throat.\nRESULTS: Rapid strep test positive.\nASSESSMENT:\n1. Streptococcal pharyngitis.\nPLAN: Amoxicillin 500 mg twice daily for 10 days.';

describe('auto-code or review', () => {
  it('auto-codes a complete, confident, consistent encounter with no reasons', () => {
    expect(codeNote(wellDocumented, ['J02.0']).review).toEqual({ required: false, reasons: [] });
  });

  it('sends to review every claim field the document lacks, naming the field', () => {
    const encounter: Encounter = { ...noteEncounter(wellDocumented), subscriber: undefined, placeOfService: undefined };
    const coded = codeEncounterWith(encounter, { codeSets, config }, fixedDiagnoses(['J02.0']));
    expect(coded.review.required).toBe(true);
    expect(coded.review.reasons.filter((r) => r.category === 'missing_information').map((r) => r.field)).toEqual([
      'subscriber.memberId',
      'placeOfService',
    ]);
    expect(coded.missing.map((m) => m.field)).toEqual(['subscriber.memberId', 'placeOfService']);
  });

  it.each([
    ['payer', { payer: { payerId: 'ACME77' } }, 'payer.payerId', /payer ACME77 is not in the practice configuration/],
    [
      'billing provider',
      { billingProvider: { npi: '1999999992' } },
      'billingProvider.npi',
      /billing provider NPI 1999999992/,
    ],
    [
      'rendering provider',
      { renderingProvider: { npi: '1999999992' } },
      'renderingProvider.npi',
      /rendering provider NPI 1999999992/,
    ],
  ])('sends a %s that is not configured to review', (_, change, field, message) => {
    const coded = codeEncounterWith(
      { ...noteEncounter(wellDocumented), ...change },
      { codeSets, config },
      fixedDiagnoses(['J02.0']),
    );
    expect(coded.review.reasons).toContainEqual({
      category: 'missing_information',
      field,
      message: expect.stringMatching(message),
    });
  });

  it('sends a code without a fee in the schedule to review and leaves its charge at zero', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Here for B12 injection. No other complaints.\nPROCEDURE: Cyanocobalamin 1000 mcg IM given.',
      ['E53.8'],
    );
    expect(coded.lines.find((l) => l.code === 'J3420')?.chargeCents).toBe(0);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'missing_information', field: 'feeSchedule.J3420' }),
    );
  });

  it('charges fee times units from the fee schedule', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Back pain.\nASSESSMENT:\n1. Low back pain.\nPROCEDURE: Toradol 30 mg IM administered.\nPLAN: Rest.',
      ['M54.50'],
    );
    expect(coded.lines.find((l) => l.code === 'J1885')?.chargeCents).toBe(config.feeSchedule.J1885! * 2);
  });

  it('sends a low-confidence diagnosis to review', () => {
    const coded = codeEncounterWith(
      noteEncounter(wellDocumented),
      { codeSets, config },
      fixedDiagnoses(['J02.0'], 0.5),
    );
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'low_confidence_coding', field: 'diagnoses.J02.0' }),
    );
  });

  it('sends an encounter with no diagnosis to review', () => {
    expect(codeNote(wellDocumented, []).review.reasons).toContainEqual(expect.objectContaining({ field: 'diagnoses' }));
  });

  it('carries the diagnosis coder review reasons', () => {
    const diagnose: DiagnosisCoder = (encounter, ports) => ({
      ...fixedDiagnoses(['J02.0'])(encounter, ports),
      reviewReasons: [{ category: 'conflicting_documentation' as const, message: 'spec reason' }],
    });
    const coded = codeEncounterWith(noteEncounter(wellDocumented), { codeSets, config }, diagnose);
    expect(coded.review.reasons).toContainEqual({ category: 'conflicting_documentation', message: 'spec reason' });
  });

  it('codes on the given date when the encounter has none, and refuses when neither is given', () => {
    const undated: Encounter = { ...noteEncounter(wellDocumented), dateOfService: undefined };
    expect(
      codeEncounterWith(undated, { codeSets, config, date: '2026-11-02' }, fixedDiagnoses(['J02.0'])).lines[0]
        ?.codeSetVersion,
    ).toBe('cpt-starter');
    expect(() => codeEncounterWith(undated, { codeSets, config }, fixedDiagnoses(['J02.0']))).toThrow(
      /spec\.txt has no date of service and no coding date/,
    );
  });
});
