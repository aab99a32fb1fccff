/** What kind of service a CPT/HCPCS code is, for codes that arrive already coded (superbills, FT1, ChargeItem). */
import type { LineKind } from './proposed-line.ts';

export const EM_CODES = /^(9920[2-5]|9921[1-5])$/;
export const PREVENTIVE_CODES = /^(993[89][1-7]|G043[89]|G0402)$/;
const PROLONGED = /^(99417|G2212)$/;
const INJECTION_ADMIN = /^(9637[2-4])$/;
const VACCINE_ADMIN = /^(9046[01]|9047[1-4]|G000[89]|G0010)$/;
const VACCINE = /^(90[4-7]\d\d)$/;
const DRUG = /^(J\d{4}|Q\d{4})$/;
const PSYCHOTHERAPY = /^(9083[2-8])$/;
/** Smoking and tobacco use cessation counselling. */
const COUNSELLING = /^(9940[67])$/;
/** Surgical range: 0- and 10-day global minor procedures live here (skin, musculoskeletal, ear). */
const SURGERY = /^([1-6]\d{4})$/;

export function kindOfCode(code: string): LineKind {
  if (EM_CODES.test(code)) return 'em';
  if (PREVENTIVE_CODES.test(code)) return 'preventive';
  if (PROLONGED.test(code)) return 'prolonged';
  if (INJECTION_ADMIN.test(code)) return 'injection-admin';
  if (VACCINE_ADMIN.test(code)) return 'vaccine-admin';
  if (VACCINE.test(code)) return 'vaccine';
  if (DRUG.test(code)) return 'drug';
  if (PSYCHOTHERAPY.test(code)) return 'psychotherapy';
  if (COUNSELLING.test(code)) return 'counselling';
  if (SURGERY.test(code)) return 'minor-procedure';
  return 'test';
}

export const isEvaluationKind = (kind: LineKind) => kind === 'em' || kind === 'preventive';

/** HCPCS Level II codes are a letter and four digits; CPT codes (Category I, II `nnnnF`, III `nnnnT`) start with digits. */
export function systemOfCode(code: string): 'CPT' | 'HCPCS' {
  return /^[A-Z]\d{4}$/.test(code) ? 'HCPCS' : 'CPT';
}

/** Procedures where a side is reported with RT/LT, or 50 when done on both sides. */
export const LATERAL_CODES = new Set(['69209', '69210', '20600', '20604', '20605', '20606', '20610', '20611', '20550']);
