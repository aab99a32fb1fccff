/**
 * The practice's patient directory supplies what documents lack (the address the 837P needs), but only for the
 * same patient: matched by MRN, or member id and date of birth, never by name, never against what the document says.
 */
import { describe, expect, it } from 'vitest';
import { findDirectoryPatient } from '#core/config/patient-directory';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { applyPracticeDefaults } from '#core/config/practice-defaults';
import type { Encounter } from '#core/documents/encounter';
import { sampleConfig } from '../scrubbing/support/scrub-setup.ts';

const home = { lines: ['218 Cedar Ln'], city: 'Springfield', state: 'IL', postalCode: '62704' };
const other = { lines: ['9 Birch Ct'], city: 'Springfield', state: 'IL', postalCode: '62707' };
const config: Pick<PracticeConfig, 'patientDirectory'> = {
  patientDirectory: [
    { mrn: 'MG-1', lastName: 'Kim', birthDate: '1975-07-09', address: home },
    { memberId: 'SBX100', lastName: 'Lindqvist', birthDate: '2019-06-01', address: other },
    { memberId: 'SBX200', lastName: 'Twin', birthDate: '2001-01-01', address: home },
    { memberId: 'SBX200', lastName: 'Twin', birthDate: '2001-01-01', address: other },
  ],
};

describe('finding a patient in the directory', () => {
  it('matches by MRN', () => {
    expect(findDirectoryPatient(config, { mrn: 'MG-1', lastName: 'Kim' }, undefined)?.address).toBe(home);
  });

  it('matches by member id (as written on the card) and date of birth together', () => {
    const patient = { lastName: 'Lindqvist', birthDate: '2019-06-01' };
    expect(findDirectoryPatient(config, patient, { memberId: 'sbx-100' })?.address).toBe(other);
    expect(findDirectoryPatient(config, { lastName: 'Lindqvist' }, { memberId: 'SBX100' })).toBeUndefined();
  });

  it('refuses an entry that contradicts the document (another birth date or last name)', () => {
    expect(findDirectoryPatient(config, { mrn: 'MG-1', birthDate: '1975-07-10' }, undefined)).toBeUndefined();
    expect(findDirectoryPatient(config, { mrn: 'MG-1', lastName: 'Kimball' }, undefined)).toBeUndefined();
    expect(findDirectoryPatient(config, { mrn: 'MG-1', lastName: 'KIM' }, undefined)).toBeDefined();
  });

  it('refuses an ambiguous match, and never matches on name and birth date alone', () => {
    expect(findDirectoryPatient(config, { birthDate: '2001-01-01' }, { memberId: 'SBX200' })).toBeUndefined();
    expect(findDirectoryPatient(config, { lastName: 'Kim', birthDate: '1975-07-09' }, undefined)).toBeUndefined();
  });
});

describe('practice defaults with a patient directory', () => {
  const encounter = (patient: Encounter['patient']): Encounter => ({
    source: { key: 'note.txt', format: 'clinical-note', index: 0 },
    patient,
    subscriber: { memberId: 'SBX667788990' },
    diagnoses: [],
    procedures: [],
  });
  const withDirectory = {
    ...sampleConfig(),
    patientDirectory: [{ mrn: 'MG-70415', lastName: 'Kim', birthDate: '1975-07-09', address: home }],
  };

  it('fill the address of a listed patient whose document has none', () => {
    const filled = applyPracticeDefaults(encounter({ mrn: 'MG-70415', lastName: 'Kim' }), withDirectory);
    expect(filled.patient.address).toEqual(home);
  });

  it('never replace the address the document gives', () => {
    const filled = applyPracticeDefaults(encounter({ mrn: 'MG-70415', address: other }), withDirectory);
    expect(filled.patient.address).toEqual(other);
  });
});

describe('the patient directory in the configuration', () => {
  const raw = () => JSON.parse(JSON.stringify(sampleConfig())) as Record<string, unknown>;

  it('is optional', () => {
    const { patientDirectory: _, ...without } = raw();
    expect(parsePracticeConfig(without, 'test').patientDirectory).toEqual([]);
  });

  it('refuses an entry that cannot be matched, a malformed address, and a repeated MRN, naming positions only', () => {
    const entry = { lastName: 'Kim', birthDate: '1975-07-09', address: home };
    expect(() => parsePracticeConfig({ ...raw(), patientDirectory: [entry] }, 'test')).toThrow(
      /patientDirectory\.0: a directory entry needs an mrn or a memberId/,
    );
    expect(() =>
      parsePracticeConfig(
        { ...raw(), patientDirectory: [{ ...entry, mrn: 'A', address: { ...home, postalCode: '627' } }] },
        'test',
      ),
    ).toThrow(/patientDirectory\.0\.address\.postalCode/);
    const repeated = () =>
      parsePracticeConfig(
        {
          ...raw(),
          patientDirectory: [
            { ...entry, mrn: 'A' },
            { ...entry, mrn: 'A' },
          ],
        },
        'test',
      );
    expect(repeated).toThrow(/patientDirectory\[1\]: repeats the mrn of patientDirectory\[0\]/);
    expect(repeated).not.toThrow(/Kim|Cedar/);
  });
});
