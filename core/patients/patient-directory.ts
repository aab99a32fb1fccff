/**
 * The practice's patient directory as a port: what its practice management system knows of its patients and
 * documents often lack (today the address the 837P needs when the patient is the subscriber). Patient records are
 * PHI, so they live on the encrypted domain table (loaded with `claimflow patients load`), not in the practice
 * configuration that is bundled into every function. A store only finds candidates; deciding whether one is the
 * document's patient (unambiguous, not contradicting the document) is core/patients/look-up-patient.ts.
 */
import { createHash } from 'node:crypto';
import type { PatientDirectoryEntry } from './directory-entry.ts';

export type { PatientDirectoryEntry };

export interface PatientDirectory {
  /** The entries recorded under this MRN (normally one; more mean the directory is ambiguous for it). */
  findByMrn(mrn: string): Promise<PatientDirectoryEntry[]>;
  /** The entries recorded under this member id (as printed: spaces, hyphens and case do not matter) and birth date. */
  findByMember(memberId: string, birthDate: string): Promise<PatientDirectoryEntry[]>;
  /**
   * Records an entry, replacing the one with the same identity (`entryIdentity`): loading the same file twice changes
   * nothing, and a corrected entry (a new address, a new member id) replaces the old one in every lookup.
   */
  put(entry: PatientDirectoryEntry, at: string): Promise<void>;
}

/** A member id as payers match it: no spaces or hyphens, upper case. */
export function normalizedMemberId(memberId: string): string {
  return memberId.replace(/[\s-]/g, '').toUpperCase();
}

function digest(kind: string, parts: readonly string[]): string {
  return createHash('sha256')
    .update([kind, ...parts.map((p) => p.replaceAll('|', '\\|'))].join('|'))
    .digest('hex');
}

/**
 * What identifies an entry (a digest: keys never hold PHI): its MRN when it has one, else its member id, birth date
 * and name (two children on one plan born the same day are two entries, which a lookup then finds ambiguous).
 */
export function entryIdentity(entry: PatientDirectoryEntry): string {
  return entry.mrn !== undefined
    ? digest('mrn', [entry.mrn])
    : digest('member', [
        normalizedMemberId(entry.memberId ?? ''),
        entry.birthDate,
        entry.lastName.toUpperCase(),
        (entry.firstName ?? '').toUpperCase(),
      ]);
}

/** The lookup keys an entry is found by (digests). */
export function mrnLookupKey(mrn: string): string {
  return digest('mrn', [mrn]);
}

export function memberLookupKey(memberId: string, birthDate: string): string {
  return digest('member+dob', [normalizedMemberId(memberId), birthDate]);
}

/**
 * A directory that asks `primary` and, only when it knows nobody under the key, `fallback`: the records loaded on the
 * table first, then the patient directory still written in the practice configuration (the demo's sample records).
 * Writes go to `primary`.
 */
export function withFallback(primary: PatientDirectory, fallback: PatientDirectory): PatientDirectory {
  return {
    async findByMrn(mrn) {
      const found = await primary.findByMrn(mrn);
      return found.length > 0 ? found : fallback.findByMrn(mrn);
    },
    async findByMember(memberId, birthDate) {
      const found = await primary.findByMember(memberId, birthDate);
      return found.length > 0 ? found : fallback.findByMember(memberId, birthDate);
    },
    put: (entry, at) => primary.put(entry, at),
  };
}
