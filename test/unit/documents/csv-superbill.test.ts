import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSuperbill } from '#core/documents/csv/parse-superbill';
import { parseCsv } from '#core/documents/csv/rfc4180';
import { missingInformation } from '#core/documents/missing-information';
import type { ParseResult } from '#core/documents/parse-result';

const fixtureText = readFileSync(
  fileURLToPath(new URL('../../fixtures/documents/csv/superbill-three-visits.csv', import.meta.url)),
  'utf8',
);
const source = { key: 'inbox/superbill.csv' };
const HEADER = 'encounter_id,patient_last_name,date_of_service,procedure_code,units,charge,diagnosis_codes';

function encountersOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result.encounters;
}

describe('RFC 4180 reading', () => {
  it('keeps quoted commas, doubled quotes and line breaks inside quotes', () => {
    const result = parseCsv('a,b\r\n"x, y","say ""hi""\r\nthere"\r\n');
    expect(result).toEqual({
      ok: true,
      records: [
        { cells: ['a', 'b'], line: 1 },
        { cells: ['x, y', 'say "hi"\r\nthere'], line: 2 },
      ],
    });
  });

  it('accepts LF-only files, a missing final line break and blank lines', () => {
    const result = parseCsv('a,b\n\n1,2');
    expect(result.ok && result.records.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toMatchObject({ ok: false, line: 2, field: 2 });
  });

  it('reports a quote in the middle of an unquoted field', () => {
    expect(parseCsv('a,b\n1,5" nail\n')).toMatchObject({ ok: false, line: 2, field: 2 });
  });

  it('reports text after a closing quote', () => {
    expect(parseCsv('a,b\n"x"y,1\n')).toMatchObject({ ok: false, line: 2, field: 1 });
  });
});

describe('CSV superbill: rows grouped into visits', () => {
  const encounters = encountersOf(parseSuperbill(fixtureText, source));

  it('groups rows by encounter_id in order of first appearance', () => {
    expect(encounters.map((e) => [e.source.index, e.source.sourceId, e.procedures.length])).toEqual([
      [0, 'V-1001', 3],
      [1, 'V-1002', 1],
      [2, 'V-1003', 1],
    ]);
  });

  it('reads visit-level columns from the first row that fills them', () => {
    const visit = encounters[0]!;
    expect(visit.patient).toEqual({ lastName: 'Nguyen', firstName: 'Thomas', birthDate: '1958-09-30', sex: 'M' });
    expect(visit.subscriber).toEqual({ memberId: '1EG4TE5MK73' });
    expect(visit.payer).toEqual({ payerId: 'MEDICR', name: 'Medicare Part B, Sandbox' });
    expect(visit.billingProvider).toEqual({ npi: '1987654328', tin: '841234567' });
    expect(visit.renderingProvider).toEqual({ npi: '1456789019' });
    expect(visit.placeOfService).toBe('11');
    expect(visit.dateOfService).toBe('2026-11-03');
    expect(missingInformation(visit)).toEqual([]);
  });

  it('reads each line with modifiers, units, charge in cents and its diagnosis pointers in order', () => {
    const [visit, urgent] = encounters;
    expect(
      visit!.procedures.map((p) => [p.system, p.code, p.modifiers, p.units, p.chargeCents, p.diagnosisCodes]),
    ).toEqual([
      ['CPT', '99214', ['25'], 1, 16500, ['E11.9', 'I10']],
      ['HCPCS', 'J3420', undefined, 1, 1850, ['E53.8']],
      ['CPT', '96372', undefined, 1, 2500, ['E53.8']],
    ]);
    expect(visit!.procedures[1]!.location.path).toBe('row 3 (line 3), column procedure_code');
    expect(urgent!.procedures[0]!.chargeCents).toBe(112500);
  });

  it('collects the visit diagnoses once each, in first-listed order', () => {
    expect(encounters[0]!.diagnoses.map((d) => d.code)).toEqual(['E11.9', 'I10', 'E53.8']);
  });

  it('reads US dates and keeps quoted notes with commas, quotes and line breaks', () => {
    expect(encounters[1]!.patient.birthDate).toBe('1990-03-14');
    expect(encounters[0]!.noteText).toBe('Diabetes and HTN follow-up, "stable"\nB12 injection, left deltoid');
    expect(encounters[1]!.noteText).toBe('URI symptoms 4 days;\nno fever');
  });

  it('gives lines on another date their own service date and the visit a date range', () => {
    const csv = `${HEADER}\nA,Doe,2026-11-02,97110,2,80,M54.50\nA,,2026-11-04,97110,1,40,M54.50\n`;
    const [visit] = encountersOf(parseSuperbill(csv, source));
    expect([visit!.dateOfService, visit!.dateOfServiceEnd]).toEqual(['2026-11-02', '2026-11-04']);
    expect(visit!.procedures.map((p) => p.serviceDate)).toEqual([undefined, '2026-11-04']);
  });

  it('lists what a partly filled superbill lacks instead of failing', () => {
    const [visit] = encountersOf(parseSuperbill(`${HEADER}\nA,Doe,2026-11-02,99213,1,100,J06.9\n`, source));
    expect(missingInformation(visit!).map((m) => m.field)).toEqual([
      'patient.name',
      'patient.birthDate',
      'patient.sex',
      'subscriber.memberId',
      'payer.payerId',
      'billingProvider.npi',
      'placeOfService',
    ]);
  });

  it('leaves an invalid NPI out with a warning, so it is reported missing', () => {
    const csv = 'encounter_id,date_of_service,procedure_code,billing_npi\nA,2026-11-02,99213,1234567890\n';
    const result = parseSuperbill(csv, source);
    expect(encountersOf(result)[0]!.billingProvider).toBeUndefined();
    expect(result.ok && result.warnings).toEqual([
      'row 2 (line 2), column billing_npi: "1234567890" is not a valid NPI (10 digits with a Luhn check digit); left out',
    ]);
  });
});

describe('CSV superbill: specific failures', () => {
  it('names the line of a broken quote', () => {
    const result = parseSuperbill(`${HEADER}\nA,"Doe,2026-11-02,99213,1,100,J06.9\n`, source);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_csv', location: 'line 2' });
    expect(!result.ok && result.message).toBe(
      'line 2, field 2 (column patient_last_name): the quoted field opened on line 2 is never closed',
    );
  });

  it('names a missing required column', () => {
    const result = parseSuperbill('encounter_id,patient_last_name,procedure_code\nA,Doe,99213\n', source);
    expect(result).toMatchObject({
      ok: false,
      reason: 'missing_column',
      message:
        'header lacks required column(s) date_of_service; required: encounter_id, date_of_service, procedure_code',
    });
  });

  it.each([
    ['units', 'A,Doe,2026-11-02,99213,two,100,J06.9', 'row 2 (line 2), column units'],
    ['units of zero', 'A,Doe,2026-11-02,99213,0,100,J06.9', 'row 2 (line 2), column units'],
    ['charge', 'A,Doe,2026-11-02,99213,1,12.345,J06.9', 'row 2 (line 2), column charge'],
  ])('refuses a bad number in %s, naming row and column', (_what, row, location) => {
    expect(parseSuperbill(`${HEADER}\n${row}\n`, source)).toMatchObject({
      ok: false,
      reason: 'invalid_number',
      location,
    });
  });

  it('refuses an impossible date', () => {
    expect(parseSuperbill(`${HEADER}\nA,Doe,2026-02-30,99213,1,100,J06.9\n`, source)).toMatchObject({
      ok: false,
      reason: 'invalid_date',
      location: 'row 2 (line 2), column date_of_service',
    });
  });

  it('refuses codes that are not CPT/HCPCS or ICD-10-CM', () => {
    expect(parseSuperbill(`${HEADER}\nA,Doe,2026-11-02,9921,1,100,J06.9\n`, source)).toMatchObject({
      reason: 'invalid_code',
    });
    expect(parseSuperbill(`${HEADER}\nA,Doe,2026-11-02,99213,1,100,465.9\n`, source)).toMatchObject({
      reason: 'invalid_code',
      message: expect.stringContaining('"465.9" is not an ICD-10-CM code'),
    });
  });

  it('refuses rows of one visit that disagree on the patient', () => {
    const csv = `${HEADER}\nA,Doe,2026-11-02,99213,1,100,J06.9\nA,Roe,2026-11-02,87880,1,30,J02.9\n`;
    expect(parseSuperbill(csv, source)).toMatchObject({
      ok: false,
      reason: 'conflicting_values',
      message:
        'row 3 (line 3), column patient_last_name: differs from row 2 of the same encounter_id; a visit has one value',
    });
  });

  it('refuses a row with a different number of cells than the header', () => {
    expect(parseSuperbill(`${HEADER}\nA,Doe,2026-11-02,99213,1,100\n`, source)).toMatchObject({
      ok: false,
      reason: 'wrong_cell_count',
      message: 'row 2 (line 2) has 6 cells; the header has 7',
    });
  });

  it('refuses a header with no rows', () => {
    expect(parseSuperbill(`${HEADER}\r\n`, source)).toMatchObject({ ok: false, reason: 'no_rows' });
  });
});
