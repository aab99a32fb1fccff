/**
 * The patient directory on the ClaimFlow table: one item per entry (`PATIENT#<identity>` / `PATIENT`, the entry and
 * the lookup keys it is found by), and one pointer item per lookup key (`PATIENTBYMRN#<key>` or
 * `PATIENTBYMEMBER#<key>` / `PATIENT#<identity>`). Identities and lookup keys are SHA-256 digests
 * (core/storage/patient-directory.ts): no MRN, member id, birth date or name appears in a key.
 */
export const patientEntryKey = (identity: string) => ({ pk: `PATIENT#${identity}`, sk: 'PATIENT' });

export const patientByMrnPartition = (mrnKey: string) => `PATIENTBYMRN#${mrnKey}`;
export const patientByMemberPartition = (memberKey: string) => `PATIENTBYMEMBER#${memberKey}`;
export const patientPointerSortKey = (identity: string) => `PATIENT#${identity}`;
