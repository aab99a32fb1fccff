/**
 * ICD-10-CM code spelling. The CMS order and codes files print codes without the dot (`E119`); the tabular and index
 * XML, coders and claims use the dotted form (`E11.9`). The dot always follows the third character.
 */

/** A code in either spelling: a letter, a digit, an alphanumeric, then up to four more alphanumerics. */
const UNDOTTED_CODE = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

/** Whether `code` (undotted, upper case) is shaped like an ICD-10-CM code. */
export function isUndottedIcd10CmCode(code: string): boolean {
  return UNDOTTED_CODE.test(code);
}

/** `E119` -> `E11.9`; `E11` stays `E11`; an already dotted code is returned as is. */
export function toDottedCode(code: string): string {
  if (code.length <= 3 || code.includes('.')) return code;
  return `${code.slice(0, 3)}.${code.slice(3)}`;
}

/** `E11.9` -> `E119`. */
export function toUndottedCode(code: string): string {
  return code.replace('.', '');
}
