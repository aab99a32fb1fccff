/** Every repair and edit, in the order they run. docs/edits.md is generated from this list. */
import type { CatalogueEntry, EditDefinition } from './edit.ts';
import { CLAIM_EDITS } from './edits/claim-edits.ts';
import { DATE_EDITS } from './edits/date-edits.ts';
import { DIAGNOSIS_EDITS } from './edits/diagnosis-edits.ts';
import { MODIFIER_EDITS } from './edits/modifier-edits.ts';
import { NCCI_EDITS } from './edits/ncci-edits.ts';
import { PATIENT_PAYER_EDITS } from './edits/patient-payer-edits.ts';
import { PAYER_EDITS } from './edits/payer-edits.ts';
import { PROCEDURE_EDITS } from './edits/procedure-edits.ts';
import { PROVIDER_EDITS } from './edits/provider-edits.ts';
import { X12_EDITS } from './edits/x12-edits.ts';
import { REPAIRS } from './repairs.ts';

export const EDITS: readonly EditDefinition[] = [
  ...DIAGNOSIS_EDITS,
  ...PROCEDURE_EDITS,
  ...NCCI_EDITS,
  ...MODIFIER_EDITS,
  ...PROVIDER_EDITS,
  ...PATIENT_PAYER_EDITS,
  ...CLAIM_EDITS,
  ...DATE_EDITS,
  ...PAYER_EDITS,
  // Last: the builder's own checks, restated only where no edit above already reports the field.
  ...X12_EDITS,
];

export const CATALOGUE: readonly CatalogueEntry[] = [...REPAIRS, ...EDITS];

const ids = CATALOGUE.map((entry) => entry.id);
const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
if (repeated.length > 0) throw new Error(`edit ids must be unique; repeated: ${repeated.join(', ')}`);
