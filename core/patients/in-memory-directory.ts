/**
 * The patient directory held in memory: unit tests, the offline CLI (`claimflow code --config`) and the patient
 * directory still written in a practice configuration. Same contract as the DynamoDB store.
 */
import {
  entryIdentity,
  memberLookupKey,
  mrnLookupKey,
  type PatientDirectory,
  type PatientDirectoryEntry,
} from './patient-directory.ts';

export class InMemoryPatientDirectory implements PatientDirectory {
  readonly #entries = new Map<string, PatientDirectoryEntry>();

  constructor(entries: readonly PatientDirectoryEntry[] = []) {
    for (const entry of entries) this.#entries.set(entryIdentity(entry), structuredClone(entry));
  }

  async findByMrn(mrn: string): Promise<PatientDirectoryEntry[]> {
    const key = mrnLookupKey(mrn);
    return this.#matching((entry) => entry.mrn !== undefined && mrnLookupKey(entry.mrn) === key);
  }

  async findByMember(memberId: string, birthDate: string): Promise<PatientDirectoryEntry[]> {
    const key = memberLookupKey(memberId, birthDate);
    return this.#matching(
      (entry) => entry.memberId !== undefined && memberLookupKey(entry.memberId, entry.birthDate) === key,
    );
  }

  async put(entry: PatientDirectoryEntry, _at: string): Promise<void> {
    this.#entries.set(entryIdentity(entry), structuredClone(entry));
  }

  #matching(test: (entry: PatientDirectoryEntry) => boolean): PatientDirectoryEntry[] {
    return [...this.#entries.values()].filter(test).map((entry) => structuredClone(entry));
  }
}
