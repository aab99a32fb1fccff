/**
 * The documented CSV superbill header (docs/formats/csv-superbill.md). Header names are matched case-insensitively,
 * with spaces and hyphens read as underscores, so `Date of Service` and `date_of_service` are the same column.
 */

export const SUPERBILL_COLUMNS = [
  'encounter_id',
  'patient_last_name',
  'patient_first_name',
  'patient_dob',
  'patient_sex',
  'patient_mrn',
  'member_id',
  'group_number',
  'payer_id',
  'payer_name',
  'billing_npi',
  'billing_tin',
  'billing_name',
  'rendering_npi',
  'date_of_service',
  'place_of_service',
  'procedure_code',
  'modifiers',
  'units',
  'charge',
  'diagnosis_codes',
  'notes',
] as const;

export type SuperbillColumn = (typeof SUPERBILL_COLUMNS)[number];

/** Without these a row cannot become a service line of a visit. */
export const REQUIRED_SUPERBILL_COLUMNS: readonly SuperbillColumn[] = [
  'encounter_id',
  'date_of_service',
  'procedure_code',
];

export function normalizeHeaderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const KNOWN = new Set<string>(SUPERBILL_COLUMNS);

export function isSuperbillColumn(name: string): name is SuperbillColumn {
  return KNOWN.has(name);
}
