/**
 * Finds a document's patient in the practice's patient directory. A match must be unambiguous and consistent:
 * by the practice's MRN, or else by member id and date of birth together; an entry whose date of birth or last
 * name contradicts the document is not the same patient and is never used (a wrong address misdirects a payer's
 * mail and explanation of benefits). Names alone never match: two patients can share a name and a birthday.
 */
import type { Patient, Subscriber } from '#core/documents/encounter';
import type { PatientDirectoryEntry, PracticeConfig } from './practice-config.ts';

function normalizedName(name: string | undefined): string | undefined {
  return name
    ?.normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
}

function normalizedId(id: string | undefined): string | undefined {
  return id?.replace(/[\s-]/g, '').toUpperCase();
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
export function findDirectoryPatient(
  config: Pick<PracticeConfig, 'patientDirectory'>,
  patient: Patient,
  subscriber: Subscriber | undefined,
): PatientDirectoryEntry | undefined {
  const directory = config.patientDirectory ?? [];
  if (directory.length === 0) return undefined;
  const mrn = patient.mrn?.trim();
  if (mrn) {
    const byMrn = directory.filter((entry) => entry.mrn === mrn);
    if (byMrn.length > 0) return byMrn.length === 1 && consistent(byMrn[0]!, patient) ? byMrn[0] : undefined;
  }
  const memberId = normalizedId(subscriber?.memberId);
  if (!memberId || patient.birthDate === undefined) return undefined;
  const byMember = directory.filter(
    (entry) => normalizedId(entry.memberId) === memberId && entry.birthDate === patient.birthDate,
  );
  return byMember.length === 1 && consistent(byMember[0]!, patient) ? byMember[0] : undefined;
}
