/**
 * Classes of procedure codes and modifiers the NCCI and modifier edits reason about, from the CMS NCCI Policy Manual
 * for Medicare Services (chapter I, sections E "Modifiers and Modifier Indicators" and chapter XI E/M rules).
 */

export const NCCI_POLICY_MANUAL = 'CMS NCCI Policy Manual for Medicare Services (2025), chapter I §E';

/** Modifiers that may bypass a PTP edit with modifier indicator 1 when clinically appropriate (NCCI Policy Manual). */
export const NCCI_ASSOCIATED_MODIFIERS: ReadonlySet<string> = new Set([
  // anatomic
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
  'LC',
  'LD',
  'RC',
  'LM',
  'RI',
  // global surgery
  '24',
  '25',
  '57',
  '58',
  '78',
  '79',
  // other
  '27',
  '59',
  '91',
  'XE',
  'XS',
  'XP',
  'XU',
]);

/** Modifiers that bypass an edit only for an E/M code (25 and 57 say the E/M is separate from the procedure). */
const EM_ONLY_BYPASS = new Set(['24', '25', '57']);

/** Distinct-procedural-service modifiers, which NCCI forbids on E/M codes. */
export const DISTINCT_SERVICE_MODIFIERS: ReadonlySet<string> = new Set(['59', 'XE', 'XS', 'XP', 'XU']);

/** Evaluation and management services: the CPT E/M section, 99202-99499. */
export function isEvaluationAndManagement(code: string): boolean {
  return /^99\d{3}$/.test(code) && code >= '99202' && code <= '99499';
}

/**
 * Surgery-section codes with no global period (MPFS global indicator XXX) that offices bill next to visits every day:
 * venous access and blood collection. They never make an E/M need modifier 25.
 */
const SURGERY_SECTION_WITHOUT_GLOBAL: readonly (readonly [string, string])[] = [
  ['36000', '36416'],
  ['36591', '36592'],
];

/**
 * Procedures carrying a global surgical period, the "minor procedure" an E/M on the same day needs modifier 25 next
 * to. The MPFS global-days indicator is not loaded, so the CPT surgery section (10004-69990) stands in for
 * 000/010/090-day codes, less the venous access and collection codes that have none.
 */
export function isSurgicalProcedure(code: string): boolean {
  return (
    /^\d{5}$/.test(code) &&
    code >= '10004' &&
    code <= '69990' &&
    !SURGERY_SECTION_WITHOUT_GLOBAL.some(([from, to]) => code >= from && code <= to)
  );
}

/**
 * Whether the column-2 line's modifiers allow a PTP pair with modifier indicator 1: on an E/M code only 24, 25 or 57
 * (59 and the X modifiers are never for E/M), on any other code an NCCI-associated modifier other than those.
 */
export function bypassesPtpEdit(column2Code: string, modifiers: readonly string[]): boolean {
  if (isEvaluationAndManagement(column2Code)) return modifiers.some((m) => EM_ONLY_BYPASS.has(m));
  return modifiers.some((m) => NCCI_ASSOCIATED_MODIFIERS.has(m) && !EM_ONLY_BYPASS.has(m));
}
