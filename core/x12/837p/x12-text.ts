/**
 * What may go inside an element. The builder writes with fixed delimiters (element "*", component ":", repetition
 * "^", segment "~"), so those four characters can never be data. Decision: identifiers and codes containing them
 * (or anything outside the X12 basic and extended character sets) are rejected, because silently changing a
 * member id or a claim number would misroute money. Person, organization and address text is first folded to
 * plain ASCII (accents dropped: "José" becomes "Jose"), which every clearinghouse does anyway; whatever still falls
 * outside the character set is rejected too.
 */

export const DELIMITERS = { element: '*', component: ':', repetition: '^', segment: '~' } as const;

/** X12 basic and extended character sets minus our four delimiters (space included, control characters not). */
const ALLOWED = /^[A-Za-z0-9 !"&'()+,\-./;?=%@[\]_{}\\|<>#$]*$/;
const FORBIDDEN_CHARACTER = /[^A-Za-z0-9 !"&'()+,\-./;?=%@[\]_{}\\|<>#$]/;

/** Why a value cannot go in an element, or undefined when it can. */
export function characterProblem(value: string): string | undefined {
  if (ALLOWED.test(value)) return undefined;
  const bad = FORBIDDEN_CHARACTER.exec(value)?.[0] ?? '';
  const shown = JSON.stringify(bad);
  const why = Object.values(DELIMITERS).includes(bad as never)
    ? 'it is an X12 delimiter'
    : 'it is outside the X12 character set';
  return `contains ${shown}, which cannot be sent: ${why}`;
}

/** Fold names and addresses to ASCII (drop diacritics) and collapse surrounding whitespace. */
export function foldText(value: string): string {
  // Most text is plain ASCII already; normalizing costs more than the rest of the build for those.
  if (PRINTABLE_ASCII.test(value)) return value.trim();
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
