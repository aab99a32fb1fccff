import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimflowJsonSchema } from '#core/documents/claimflow-json/claimflow-json-schema';
import { parseClaimflowJson } from '#core/documents/claimflow-json/parse-claimflow-json';
import { missingInformation } from '#core/documents/missing-information';

const fixtureText = readFileSync(
  fileURLToPath(new URL('../../fixtures/documents/claimflow-json/two-visits.json', import.meta.url)),
  'utf8',
);
const source = { key: 'inbox/two-visits.json' };
const minimal = (encounter: Record<string, unknown>) =>
  JSON.stringify({ claimflowVersion: '1', encounter: { patient: {}, ...encounter } });

describe('ClaimFlow JSON v1: valid documents', () => {
  const result = parseClaimflowJson(fixtureText, source);
  if (!result.ok) throw new Error(result.message);
  const [ankle, vaccine] = result.encounters;

  it('reads every encounter of the list, in order', () => {
    expect(result.encounters.map((e) => e.source)).toEqual([
      { key: source.key, format: 'claimflow-json', index: 0, sourceId: 'CF-2026-0042' },
      { key: source.key, format: 'claimflow-json', index: 1 },
    ]);
  });

  it('normalizes ZIP, TIN and ICD-10-CM codes written without the dot', () => {
    expect(ankle!.patient.address?.postalCode).toBe('627024411');
    expect(ankle!.billingProvider?.tin).toBe('841234567');
    expect(ankle!.procedures[0]!.diagnosisCodes).toEqual(['S93.401A']);
  });

  it('reads lines with modifiers and exact charges in cents, with their JSON path', () => {
    expect(ankle!.procedures[1]).toEqual({
      system: 'HCPCS',
      code: 'L1906',
      modifiers: ['RT'],
      units: 1,
      chargeCents: 6450,
      diagnosisCodes: ['S93.401A'],
      location: { path: '$.encounters[0].procedures[1]' },
    });
    expect(ankle!.diagnoses[0]).toMatchObject({ system: 'ICD-10-CM', code: 'S93.401A' });
  });

  it('keeps visit facts the coder uses', () => {
    expect([ankle!.newPatient, ankle!.totalTimeMinutes, ankle!.placeOfService]).toEqual([false, 22, '11']);
    expect(missingInformation(ankle!)).toEqual([]);
  });

  it('accepts a sparse encounter and lists what it lacks', () => {
    expect(missingInformation(vaccine!).map((m) => m.field)).toEqual([
      'patient.birthDate',
      'patient.sex',
      'subscriber.memberId',
      'payer.payerId',
      'billingProvider.npi',
      'placeOfService',
    ]);
  });

  it('accepts a single "encounter" object', () => {
    const single = parseClaimflowJson(minimal({ dateOfService: '2026-11-02' }), source);
    expect(single.ok && single.encounters.map((e) => e.dateOfService)).toEqual(['2026-11-02']);
  });
});

describe('ClaimFlow JSON v1: schema violations name the path and the expectation', () => {
  it.each([
    [{ dateOfService: '11/02/2026' }, '$.encounter.dateOfService', 'expected a calendar date YYYY-MM-DD'],
    [{ billingProvider: { npi: '1234567890' } }, '$.encounter.billingProvider.npi', 'valid check digit'],
    [{ procedures: [{ code: '99213', charge: 125 }] }, '$.encounter.procedures[0].charge', 'expected string'],
    [{ procedures: [{ code: '99213', charge: '12.345' }] }, '$.encounter.procedures[0].charge', 'decimal string'],
    [
      { procedures: [{ code: '99213', charge: '99999999999999999999.00' }] },
      '$.encounter.procedures[0].charge',
      'expected an amount of at most 90071992547409.91 dollars',
    ],
    [{ procedures: [{ code: '9921' }] }, '$.encounter.procedures[0].code', 'CPT or HCPCS'],
    [{ diagnoses: [{ code: '250.00' }] }, '$.encounter.diagnoses[0].code', 'ICD-10-CM'],
    [{ memberID: 'X1' }, '$.encounter', 'memberID'],
    [{ patient: { sex: 'female' } }, '$.encounter.patient.sex', 'F'],
  ])('%j', (encounter, location, expectation) => {
    const result = parseClaimflowJson(minimal(encounter), source);
    expect(result).toMatchObject({ ok: false, reason: 'schema_violation', location });
    expect(!result.ok && result.message).toContain(expectation);
  });

  it('refuses an unknown version', () => {
    const result = parseClaimflowJson(JSON.stringify({ claimflowVersion: '2', encounters: [] }), source);
    expect(result).toMatchObject({ ok: false, location: '$.claimflowVersion' });
    expect(!result.ok && result.message).toContain('expected claimflowVersion "1"');
  });

  it('refuses a document with neither encounter nor encounters', () => {
    const result = parseClaimflowJson(JSON.stringify({ claimflowVersion: '1' }), source);
    expect(!result.ok && result.message).toContain('exactly one of "encounter"');
  });

  it('refuses an end date before the start date', () => {
    const result = parseClaimflowJson(minimal({ dateOfService: '2026-11-02', dateOfServiceEnd: '2026-11-01' }), source);
    expect(result).toMatchObject({ ok: false, location: '$.encounter.dateOfServiceEnd' });
  });

  it('refuses invalid JSON', () => {
    expect(parseClaimflowJson('{"claimflowVersion": "1",', source)).toMatchObject({
      ok: false,
      reason: 'invalid_json',
    });
  });
});

describe('ClaimFlow JSON v1: published JSON Schema', () => {
  it('is the zod schema as JSON Schema (regenerate: npx tsx scripts/write-claimflow-json-schema.ts)', () => {
    const published = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../../docs/formats/claimflow-json.v1.schema.json', import.meta.url)),
        'utf8',
      ),
    );
    expect(published).toEqual(claimflowJsonSchema());
    expect(published).toMatchObject({
      $id: 'https://claimflow.dev/schemas/claimflow-json/v1.json',
      additionalProperties: false,
    });
  });
});
