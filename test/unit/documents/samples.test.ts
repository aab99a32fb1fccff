import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isValidNpi } from '#core/documents/identifiers';
import { missingInformation, parseDocument } from '#core/documents/index';

// The demo documents `npm start` uploads: each must end as the demo intends (coded, review with reasons, failed).
const samplesDir = fileURLToPath(new URL('../../../samples/', import.meta.url));
const read = (path: string) => readFileSync(`${samplesDir}${path}`);
const filesIn = (folder: string) => readdirSync(`${samplesDir}${folder}`).map((name) => `${folder}/${name}`);

const EXPECTED_FORMAT: Record<string, string> = {
  fhir: 'fhir-r4',
  hl7v2: 'hl7v2',
  csv: 'csv-superbill',
  'claimflow-json': 'claimflow-json',
  notes: 'clinical-note',
};

/** Samples meant to show NEEDS_REVIEW for missing information, and what they lack. */
const PARTLY_USABLE: Record<string, string[]> = {
  'hl7v2/adeyemi-uri-urgent-care-note.mdm-t02.hl7': ['subscriber.memberId', 'payer.payerId'],
  'hl7v2/price-copd-progress-note.mdm-t02.hl7': ['subscriber.memberId', 'payer.payerId'],
  'notes/walk-in-sore-throat-no-insurance.txt': [
    'subscriber.memberId',
    'payer.payerId',
    'billingProvider.npi',
    'placeOfService',
  ],
};

describe('samples: valid documents of every format', () => {
  const files = Object.keys(EXPECTED_FORMAT).flatMap(filesIn);

  it('has at least two documents per format', () => {
    for (const folder of Object.keys(EXPECTED_FORMAT)) expect(filesIn(folder).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s parses in its format with what a claim needs, or says what is missing', (path) => {
    const result = parseDocument(read(path), { key: path });
    if (!result.ok) throw new Error(`${path}: ${result.reason}: ${result.message}`);
    expect(result.format).toBe(EXPECTED_FORMAT[path.split('/')[0]!]);
    for (const encounter of result.encounters) {
      expect(missingInformation(encounter).map((m) => m.field)).toEqual(PARTLY_USABLE[path] ?? []);
      for (const provider of [encounter.billingProvider, encounter.renderingProvider]) {
        if (provider?.npi) expect(isValidNpi(provider.npi)).toBe(true);
      }
      expect(encounter.payer?.payerId ?? 'SANDBOX1').toMatch(/^(SANDBOX1|MEDICR)$/);
      if (encounter.patient.address?.postalCode) expect(encounter.patient.address.postalCode).toMatch(/^\d{9}$/);
    }
  });
});

describe('samples/malformed: each fails with its specific reason', () => {
  const expected: Record<string, { stage: string; reason: string }> = {
    'malformed/charges-without-msh.hl7': { stage: 'parsing', reason: 'missing_msh' },
    'malformed/claimflow-json-schema-violations.json': { stage: 'parsing', reason: 'schema_violation' },
    'malformed/empty-upload.txt': { stage: 'detection', reason: 'empty' },
    'malformed/encounter-without-period.json': { stage: 'parsing', reason: 'missing_period' },
    'malformed/note-saved-as-latin1.txt': { stage: 'detection', reason: 'undecodable' },
    'malformed/phone-photo-of-superbill.png': { stage: 'detection', reason: 'binary' },
    'malformed/superbill-broken-quote.csv': { stage: 'parsing', reason: 'invalid_csv' },
    'malformed/truncated-bundle.json': { stage: 'parsing', reason: 'invalid_json' },
  };

  it('covers every file in the folder', () => {
    expect(filesIn('malformed').sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (path, failure) => {
    expect(parseDocument(read(path), { key: path })).toMatchObject({ ok: false, ...failure });
  });
});
