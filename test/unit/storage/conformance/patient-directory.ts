/** What every PatientDirectory store must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PatientDirectory, PatientDirectoryEntry } from '#core/patients/patient-directory';

const AT = '2026-11-23T12:00:00.000Z';
const address = (line: string) => ({ lines: [line], city: 'Springfield', state: 'IL', postalCode: '62704' });

/** Unique identifiers per test: the DynamoDB suite shares one table. */
function ids() {
  const unique = randomUUID().slice(0, 8).toUpperCase();
  return { mrn: `MRN-${unique}`, memberId: `SBX${unique}` };
}

export function patientDirectoryConformance(name: string, directory: () => PatientDirectory): void {
  describe(`PatientDirectory conformance: ${name}`, () => {
    it('finds an entry by its MRN, and by its member id (however it is written) with the birth date', async () => {
      const { mrn, memberId } = ids();
      const entry: PatientDirectoryEntry = {
        mrn,
        memberId,
        lastName: 'Kim',
        firstName: 'Daniel',
        birthDate: '1975-07-09',
        address: address('218 Cedar Ln'),
      };
      await directory().put(entry, AT);

      expect(await directory().findByMrn(mrn)).toEqual([entry]);
      const printed = `${memberId.slice(0, 3).toLowerCase()}-${memberId.slice(3)}`;
      expect(await directory().findByMember(printed, '1975-07-09')).toEqual([entry]);
    });

    it('finds nobody under an unknown MRN, or a member id with another birth date', async () => {
      const { mrn, memberId } = ids();
      await directory().put(
        { memberId, lastName: 'Lindqvist', birthDate: '2019-06-01', address: address('9 Birch') },
        AT,
      );

      expect(await directory().findByMrn(mrn)).toEqual([]);
      expect(await directory().findByMember(memberId, '2019-06-02')).toEqual([]);
    });

    it('replaces an entry loaded again with a correction, in every lookup', async () => {
      const { mrn, memberId } = ids();
      const before = { mrn, memberId, lastName: 'Kim', birthDate: '1975-07-09', address: address('218 Cedar Ln') };
      const moved = { ...before, memberId: `${memberId}9`, address: address('9 Birch Ct') };
      await directory().put(before, AT);
      await directory().put(before, AT);

      await directory().put(moved, '2026-11-24T08:00:00.000Z');

      expect(await directory().findByMrn(mrn)).toEqual([moved]);
      expect(await directory().findByMember(`${memberId}9`, '1975-07-09')).toEqual([moved]);
      // The old member id no longer leads to the patient.
      expect(await directory().findByMember(memberId, '1975-07-09')).toEqual([]);
    });

    it('keeps two patients who share a member id and birth date as two entries (the matcher finds them ambiguous)', async () => {
      const { memberId } = ids();
      const first = {
        memberId,
        lastName: 'Twin',
        firstName: 'Ada',
        birthDate: '2001-01-01',
        address: address('1 A St'),
      };
      const second = { ...first, firstName: 'Bo', address: address('2 B St') };
      await directory().put(first, AT);
      await directory().put(second, AT);

      const found = await directory().findByMember(memberId, '2001-01-01');

      expect(found).toHaveLength(2);
      expect(found).toEqual(expect.arrayContaining([first, second]));
    });
  });
}
