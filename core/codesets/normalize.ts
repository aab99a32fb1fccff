/**
 * The one place codes are normalized. Every lookup and every importer passes codes through here, so "e11.9",
 * " E11.9 " and "E119" are the same key everywhere (ICD-10-CM files store codes without the dot).
 */

/** Strip dots and whitespace and uppercase: `normalizeCode(' e11.9 ')` is `'E119'`. */
export function normalizeCode(code: string): string {
  return code.replace(/[.\s]/g, '').toUpperCase();
}

/** ICD-10-CM display form with the dot after the category: `'E119'` -> `'E11.9'`, `'I10'` -> `'I10'`. */
export function formatIcd10Code(code: string): string {
  const normalized = normalizeCode(code);
  return normalized.length > 3 ? `${normalized.slice(0, 3)}.${normalized.slice(3)}` : normalized;
}
