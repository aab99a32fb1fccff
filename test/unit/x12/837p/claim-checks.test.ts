import { describe, expect, it } from 'vitest';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { isValidNpi, npiCheckDigit } from '#core/x12/837p/tr3-rules';
import { dependentVisit, officeVisit } from './sample-claims.ts';

const visit = officeVisit();
const line = visit.lines[0]!;
const withLine = (changes: Partial<Claim837P['lines'][number]>): Partial<Claim837P> => ({
  lines: [{ ...line, ...changes }],
  totalChargeCents: changes.chargeCents ?? line.chargeCents,
});

describe('837P claim checks', () => {
  it('accepts the sample claims as they are', () => {
    expect(check837PClaims([officeVisit(), dependentVisit()])).toEqual([]);
  });

  const cases: [string, Partial<Claim837P>, string, RegExp][] = [
    ['a patient control number over 20 characters', { id: 'X'.repeat(21) }, 'id', /1 to 20 characters, got 21/],
    ['a frequency outside 1, 7, 8', { frequency: '5' as never }, 'frequency', /one of 1, 7, 8/],
    ['a replacement without the original claim number', { frequency: '8' }, 'originalClaimNumber', /REF\*F8.*required/],
    [
      'an original claim number on an original claim',
      { originalClaimNumber: 'P1' },
      'originalClaimNumber',
      /only sent with frequency 7/,
    ],
    ['a three-digit place of service', { placeOfService: '111' }, 'placeOfService', /two-digit CMS code/],
    ['place of service 00', { placeOfService: '00' }, 'placeOfService', /two-digit CMS code/],
    [
      'an unknown filing indicator',
      { payer: { ...visit.payer, filingIndicator: 'XX' } },
      'payer.filingIndicator',
      /SBR09/,
    ],
    [
      'a secondary claim (no 2320/2330 loops yet)',
      { payer: { ...visit.payer, responsibility: 'S' } },
      'payer.responsibility',
      /only primary \(P\) claims/,
    ],
    [
      'a missing payer id',
      { payer: { ...visit.payer, payerId: undefined } },
      'payer.payerId',
      /NM109 payer id is required/,
    ],
    [
      'an NPI with a wrong check digit',
      { billingProvider: { ...visit.billingProvider, npi: '1234567890' } },
      'billingProvider.npi',
      /Luhn/,
    ],
    [
      'a five-digit billing ZIP',
      {
        billingProvider: {
          ...visit.billingProvider,
          address: { lines: ['1 A ST'], city: 'X', state: 'IL', postalCode: '62701' },
        },
      },
      'billingProvider.address.postalCode',
      /nine digits/,
    ],
    [
      'a billing address that is a post office box',
      {
        billingProvider: {
          ...visit.billingProvider,
          address: { lines: ['P.O. Box 1234'], city: 'X', state: 'IL', postalCode: '627011234' },
        },
      },
      'billingProvider.address.lines[0]',
      /street address, not a post office or lock box/,
    ],
    [
      'a hyphenated TIN',
      { billingProvider: { ...visit.billingProvider, tin: '12-3456789' } },
      'billingProvider.tin',
      /nine digits/,
    ],
    [
      'an address line over 55 characters',
      {
        subscriber: {
          ...visit.subscriber,
          address: { lines: ['A'.repeat(56)], city: 'X', state: 'IL', postalCode: '62701' },
        },
      },
      'subscriber.address.lines[0]',
      /1 to 55 characters/,
    ],
    [
      'three address lines',
      {
        subscriber: {
          ...visit.subscriber,
          address: { lines: ['A', 'B', 'C'], city: 'X', state: 'IL', postalCode: '62701' },
        },
      },
      'subscriber.address.lines',
      /at most two/,
    ],
    [
      'a last name over 60 characters',
      { subscriber: { ...visit.subscriber, lastName: 'L'.repeat(61) } },
      'subscriber.lastName',
      /1 to 60/,
    ],
    [
      'a member id holding the segment terminator',
      { subscriber: { ...visit.subscriber, memberId: 'AB~1' } },
      'subscriber.memberId',
      /"~".*delimiter/,
    ],
    [
      'a member id with a control character',
      { subscriber: { ...visit.subscriber, memberId: 'AB\u00071' } },
      'subscriber.memberId',
      /outside the X12 character set/,
    ],
    [
      'a sex outside F, M, U',
      { subscriber: { ...visit.subscriber, sex: 'X' as never }, patient: { ...visit.patient, sex: undefined } },
      'subscriber.sex',
      /DMG03/,
    ],
    [
      'an impossible birth date',
      {
        subscriber: { ...visit.subscriber, birthDate: '1981-02-29' },
        patient: { ...visit.patient, birthDate: undefined },
      },
      'subscriber.birthDate',
      /real YYYY-MM-DD/,
    ],
    [
      'a self patient who differs from the subscriber',
      { patient: { ...visit.patient, firstName: 'JOAN' } },
      'patient.firstName',
      /differs from subscriber.firstName/,
    ],
    [
      'a dependent without a relationship code',
      { patient: { ...dependentVisit().patient, relationshipToSubscriber: undefined } },
      'patient.relationshipToSubscriber',
      /PAT01/,
    ],
    [
      'a dependent without an address',
      { patient: { ...dependentVisit().patient, relationshipToSubscriber: '19', address: undefined } },
      'patient.address',
      /2010CA N3\/N4 address is required/,
    ],
    ['no diagnosis', { diagnoses: [] }, 'diagnoses', /principal diagnosis/],
    [
      'thirteen diagnoses',
      { diagnoses: Array.from({ length: 13 }, (_, i) => ({ code: `J${10 + i}` })) },
      'diagnoses',
      /at most 12/,
    ],
    ['an ICD-9 code', { diagnoses: [{ code: '250.00' }, { code: 'I10' }] }, 'diagnoses[0].code', /ICD-10-CM/],
    [
      'the same diagnosis twice',
      { diagnoses: [{ code: 'E11.9' }, { code: 'E119' }] },
      'diagnoses[1].code',
      /listed twice/,
    ],
    [
      '51 lines',
      {
        lines: Array.from({ length: 51 }, (_, i) => ({ ...line, controlNumber: `L${i}` })),
        totalChargeCents: 51 * line.chargeCents,
      },
      'lines',
      /at most 50/,
    ],
    [
      'five diagnosis pointers',
      withLine({ diagnosisPointers: [1, 2, 1, 2, 1] }),
      'lines[0].diagnosisPointers',
      /1 to 4/,
    ],
    [
      'a pointer past the diagnoses',
      withLine({ diagnosisPointers: [3] }),
      'lines[0].diagnosisPointers',
      /pointer 3 does not point/,
    ],
    ['five modifiers', withLine({ modifiers: ['25', '59', 'RT', 'LT', 'XE'] }), 'lines[0].modifiers', /at most 4/],
    ['a lower-case modifier', withLine({ modifiers: ['rt'] }), 'lines[0].modifiers[0]', /two capital letters/],
    ['a six-digit procedure code', withLine({ code: '992140' }), 'lines[0].code', /CPT or HCPCS/],
    ['zero units', withLine({ units: 0 }), 'lines[0].units', /positive/],
    ['fractional cents', withLine({ chargeCents: 10.5 }), 'lines[0].chargeCents', /whole cents/],
    ['a line without a date of service', withLine({ serviceDate: undefined }), 'lines[0].serviceDate', /DTP\*472/],
    [
      'an end date before the start',
      withLine({ serviceDateEnd: '2026-11-19' }),
      'lines[0].serviceDateEnd',
      /not before the start/,
    ],
    [
      'a line control number over 30 characters',
      withLine({ controlNumber: 'L'.repeat(31) }),
      'lines[0].controlNumber',
      /1 to 30/,
    ],
    [
      'two lines with one control number',
      { lines: [line, { ...line }], totalChargeCents: 2 * line.chargeCents },
      'lines[1].controlNumber',
      /used by another line/,
    ],
    [
      'a total that is not the sum of the lines',
      { totalChargeCents: 1 },
      'totalChargeCents',
      /sum of the line charges \(17550 cents\)/,
    ],
    [
      'a referring provider without a last name',
      { referringProvider: { organizationName: 'LAB', npi: '1234567893' } },
      'referringProvider.lastName',
      /is a person/,
    ],
    [
      'a taxonomy code of the wrong shape',
      { renderingProvider: { ...visit.renderingProvider, taxonomy: '207R' } },
      'renderingProvider.taxonomy',
      /10 characters ending in X/,
    ],
  ];

  it.each(cases)('reports %s', (_what, overrides, field, message) => {
    const issues = check837PClaims([officeVisit(overrides)]);
    expect(issues).toContainEqual({
      claim: expect.any(String),
      rule: expect.stringMatching(/^X12-/),
      field,
      message: expect.stringMatching(message),
    });
  });

  it('withholds patient dates and addresses from messages (PHI) while naming the field', () => {
    const subscriber = {
      ...visit.subscriber,
      birthDate: '1961-13-40',
      address: { lines: ['22 ORCHARD LN'], city: 'SPRINGFIELD', state: 'IL', postalCode: '6270' },
    };
    const messages = check837PClaims([officeVisit({ subscriber, patient: { relationshipToSubscriber: '18' } })]).map(
      (i) => `${i.field}: ${i.message}`,
    );
    expect(messages).toEqual([
      'subscriber.address.postalCode: 2010BA N403 postal code must be five or nine digits (value withheld: PHI)',
      'subscriber.birthDate: 2010BA DMG02 date of birth must be a real YYYY-MM-DD date (value withheld: PHI)',
    ]);
  });

  it('reports two claims that share a patient control number', () => {
    const issues = check837PClaims([officeVisit(), officeVisit()]);
    expect(issues).toEqual([
      {
        claim: 'PCN0001',
        rule: 'X12-CLAIM-ID',
        field: 'id',
        message: 'duplicates the patient control number of claim #1',
      },
    ]);
  });
});

describe('NPI check digit', () => {
  it('accepts the CMS example NPI and rejects it with any other last digit', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    for (const d of '012456789') expect(isValidNpi(`123456789${d}`)).toBe(false);
  });

  it('computes the digit that makes nine digits a valid NPI', () => {
    expect(npiCheckDigit('123456789')).toBe('3');
  });
});
