/**
 * Finds a document's patient in the practice's patient directory (a PatientDirectory: the table, and the entries a
 * practice configuration may still carry). A match must be unambiguous and consistent:
 * by the practice's MRN, or else by member id and date of birth together; an entry whose date of birth or last
 * name contradicts the document is not the same patient and is never used (a wrong address misdirects a payer's
 * mail and explanation of benefits). Names alone never match: two patients can share a name and a birthday.
 */
import type { Patient, Subscriber } from '#core/documents/encounter';
import { type PatientDirectoryEntry, patientDirectoryEntrySchema } from './directory-entry.ts';
import { InMemoryPatientDirectory } from './in-memory-directory.ts';
import type { PatientDirectory } from './patient-directory.ts';

function normalizedName(name: string | undefined): string | undefined {
  return name
    ?.normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
}

/** The entry does not contradict what the document says about the patient. */
function consistent(entry: PatientDirectoryEntry, patient: Patient): boolean {
  if (patient.birthDate !== undefined && patient.birthDate !== entry.birthDate) return false;
  const last = normalizedName(patient.lastName);
  return last === undefined || last === normalizedName(entry.lastName);
}

/**
 * The directory entry of the encounter's patient, or undefined when none matches or several do. The member id is
 * the subscriber's; it identifies the patient only together with the patient's date of birth.
 */
export async function lookUpDirectoryPatient(
  directory: PatientDirectory,
  patient: Patient,
  subscriber: Subscriber | undefined,
): Promise<PatientDirectoryEntry | undefined> {
  const mrn = patient.mrn?.trim();
  if (mrn) {
    const byMrn = await directory.findByMrn(mrn);
    if (byMrn.length > 0) return byMrn.length === 1 && consistent(byMrn[0]!, patient) ? byMrn[0] : undefined;
  }
  const memberId = subscriber?.memberId?.trim();
  if (!memberId || patient.birthDate === undefined) return undefined;
  const byMember = await directory.findByMember(memberId, patient.birthDate);
  return byMember.length === 1 && consistent(byMember[0]!, patient) ? byMember[0] : undefined;
}

/** The patient directory still written in a practice configuration (the demo's sample records), as a directory. */
export function directoryOfConfig(config: { patientDirectory?: readonly PatientDirectoryEntry[] }): PatientDirectory {
  return new InMemoryPatientDirectory(config.patientDirectory ?? []);
}

/** What a load did: how many entries were recorded, and why the others were not (positions, never values). */
export interface PatientLoadResult {
  loaded: number;
  refused: string[];
}

/**
 * Records the patients of a file (`claimflow patients load`): a JSON array of directory entries, or an object with
 * a `patients` array, each checked like the configuration's entries. Valid entries are recorded (again: a load run
 * twice changes nothing); an invalid one is refused with its position and the field at fault, and the others still
 * load. Messages name positions and fields only: the records are PHI.
 */
export async function loadPatientRecords(
  json: unknown,
  directory: Pick<PatientDirectory, 'put'>,
  at: string,
): Promise<PatientLoadResult> {
  const list = Array.isArray(json) ? json : (json as { patients?: unknown } | null)?.patients;
  if (!Array.isArray(list))
    return { loaded: 0, refused: ['(root): expected an array of patients or { "patients": [...] }'] };
  const result: PatientLoadResult = { loaded: 0, refused: [] };
  for (const [index, candidate] of list.entries()) {
    const parsed = patientDirectoryEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        result.refused.push(`patients[${index}]${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
      continue;
    }
    await directory.put(parsed.data, at);
    result.loaded++;
  }
  return result;
}
