/**
 * The practice's patient directory supplies what documents lack (the address the 837P needs), but only for the
 * same patient: matched by MRN, or member id and date of birth, never by name, never against what the document says.
 */
import { describe, expect, it } from 'vitest';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { completeEncounter } from '#core/config/practice-defaults';
import type { Encounter, Patient, Subscriber } from '#core/documents/encounter';
import { InMemoryPatientDirectory } from '#core/patients/in-memory-directory';
import { directoryOfConfig, loadPatientRecords, lookUpDirectoryPatient } from '#core/patients/look-up-patient';
import { withFallback } from '#core/patients/patient-directory';
import { sampleConfig } from '../scrubbing/support/scrub-setup.ts';

const home = { lines: ['218 Cedar Ln'], city: 'Springfield', state: 'IL', postalCode: '62704' };
const other = { lines: ['9 Birch Ct'], city: 'Springfield', state: 'IL', postalCode: '62707' };
const config: Pick<PracticeConfig, 'patientDirectory'> = {
  patientDirectory: [
    { mrn: 'MG-1', lastName: 'Kim', birthDate: '1975-07-09', address: home },
    { memberId: 'SBX100', lastName: 'Lindqvist', birthDate: '2019-06-01', address: other },
    { memberId: 'SBX200', lastName: 'Twin', firstName: 'Ada', birthDate: '2001-01-01', address: home },
    { memberId: 'SBX200', lastName: 'Twin', firstName: 'Bo', birthDate: '2001-01-01', address: other },
  ],
};

const find = (...args: [Patient, Subscriber | undefined]) => lookUpDirectoryPatient(directoryOfConfig(config), ...args);

describe('finding a patient in the directory', () => {
  it('matches by MRN', async () => {
    expect((await find({ mrn: 'MG-1', lastName: 'Kim' }, undefined))?.address).toEqual(home);
  });

  it('matches by member id (as written on the card) and date of birth together', async () => {
    const patient = { lastName: 'Lindqvist', birthDate: '2019-06-01' };
    expect((await find(patient, { memberId: 'sbx-100' }))?.address).toEqual(other);
    expect(await find({ lastName: 'Lindqvist' }, { memberId: 'SBX100' })).toBeUndefined();
  });

  it('refuses an entry that contradicts the document (another birth date or last name)', async () => {
    expect(await find({ mrn: 'MG-1', birthDate: '1975-07-10' }, undefined)).toBeUndefined();
    expect(await find({ mrn: 'MG-1', lastName: 'Kimball' }, undefined)).toBeUndefined();
    expect(await find({ mrn: 'MG-1', lastName: 'KIM' }, undefined)).toBeDefined();
  });

  it('refuses an ambiguous match, and never matches on name and birth date alone', async () => {
    expect(await find({ birthDate: '2001-01-01' }, { memberId: 'SBX200' })).toBeUndefined();
    expect(await find({ lastName: 'Kim', birthDate: '1975-07-09' }, undefined)).toBeUndefined();
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

  it('fill the address of a listed patient whose document has none', async () => {
    const filled = await completeEncounter(encounter({ mrn: 'MG-70415', lastName: 'Kim' }), withDirectory);
    expect(filled.patient.address).toEqual(home);
  });

  it('never replace the address the document gives', async () => {
    const filled = await completeEncounter(encounter({ mrn: 'MG-70415', address: other }), withDirectory);
    expect(filled.patient.address).toEqual(other);
  });
});

describe('the patient directory in the configuration', () => {
  const raw = () => JSON.parse(JSON.stringify(sampleConfig())) as Record<string, unknown>;

  it('is optional', async () => {
    const { patientDirectory: _, ...without } = raw();
    expect(parsePracticeConfig(without, 'test').patientDirectory).toEqual([]);
  });

  it('refuses an entry that cannot be matched, a malformed address, and a repeated MRN, naming positions only', async () => {
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
    const twice = { memberId: 'SBX1', lastName: 'Twin', birthDate: '2001-01-01', address: home };
    expect(() =>
      parsePracticeConfig({ ...raw(), patientDirectory: [twice, { ...twice, address: other }] }, 'test'),
    ).toThrow(/patientDirectory\[1\]: repeats the member id, birth date and name of patientDirectory\[0\]/);
    expect(repeated).not.toThrow(/Kim|Cedar/);
  });
});

describe('the patient directory on the table, before the configuration’s', () => {
  const table = () =>
    new InMemoryPatientDirectory([{ mrn: 'MG-1', lastName: 'Kim', birthDate: '1975-07-09', address: other }]);

  it('answers from the table when it knows the patient, and from the configuration only when it does not', async () => {
    const directory = withFallback(table(), directoryOfConfig(config));

    expect((await lookUpDirectoryPatient(directory, { mrn: 'MG-1', lastName: 'Kim' }, undefined))?.address).toEqual(
      other,
    );
    const listedInConfig = { lastName: 'Lindqvist', birthDate: '2019-06-01' };
    expect((await lookUpDirectoryPatient(directory, listedInConfig, { memberId: 'SBX100' }))?.address).toEqual(other);
  });
});

describe('loading patient records (claimflow patients load)', () => {
  it('records every valid entry and refuses the others by position and field, never by value', async () => {
    const directory = new InMemoryPatientDirectory();
    const file = {
      patients: [
        { mrn: 'MG-9', lastName: 'Okafor', birthDate: '1960-02-02', address: home },
        { lastName: 'Nobody', birthDate: '1960-02-02', address: home },
        { mrn: 'MG-10', lastName: 'Secretname', birthDate: '02/02/1960', address: home },
      ],
    };

    const result = await loadPatientRecords(file, directory, '2026-11-23T12:00:00.000Z');

    expect(result.loaded).toBe(1);
    expect(result.refused).toEqual([
      'patients[1]: a directory entry needs an mrn or a memberId to be matched by',
      'patients[2].birthDate: a date is YYYY-MM-DD',
    ]);
    expect(result.refused.join(' ')).not.toMatch(/Secretname|02\/02\/1960|Nobody/);
    expect(await directory.findByMrn('MG-9')).toHaveLength(1);
  });

  it('refuses a file that is not a list of patients', async () => {
    expect(
      await loadPatientRecords({ entries: [] }, new InMemoryPatientDirectory(), '2026-11-23T12:00:00.000Z'),
    ).toEqual({ loaded: 0, refused: ['(root): expected an array of patients or { "patients": [...] }'] });
  });
});
