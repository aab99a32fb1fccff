/**
 * What may go inside an element. The builder writes with fixed delimiters (element "*", component ":", repetition
 * "^", segment "~"), so those four characters can never be data. Decision: identifiers and codes containing them
 * (or anything outside the X12 basic and extended character sets) are rejected, because silently changing a
 * member id or a claim number would misroute money. Person, organization and address text is first folded to
 * plain ASCII (accents dropped: "José" becomes "Jose"; Ø, Ł, ß, Æ, Þ, Đ transliterated), which every clearinghouse
 * does anyway; whatever still falls outside the character set (a name in another script) is rejected too.
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

/**
 * Fold names and addresses to ASCII and trim them: compatibility forms are decomposed (full-width letters,
 * ligatures), diacritics dropped ("José" becomes "Jose"), and letters that have no decomposition are transliterated
 * as clearinghouses and USPS do (Ø→O, Ł→L, ß→ss, Æ→AE, Þ→TH, Đ→D; typographic quotes and dashes to ASCII).
 */
export function foldText(value: string): string {
  // Most text is plain ASCII already; normalizing costs more than the rest of the build for those.
  if (PRINTABLE_ASCII.test(value)) return value.trim();
  const decomposed = value.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed.replace(NON_ASCII, (letter, at: number) => transliterate(letter, decomposed, at)).trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NON_ASCII = /[^\x00-\x7f]/gu;

/** Letters and marks with no Unicode decomposition to ASCII, and their usual romanization. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  ß: 'ss',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'TH',
  þ: 'th',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
  Ŧ: 'T',
  ŧ: 't',
  Ŋ: 'NG',
  ŋ: 'ng',
  ĸ: 'q',
  ſ: 's',
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u00a0': ' ',
};

/**
 * A capital that becomes two letters is written in capitals inside a capitalized word ("ÆRØ" → "AERO") and as a
 * capital and a small letter before a small one ("Ærø" → "Aero"); "ß" is "SS" in a capitalized word ("WEIß").
 * Unknown characters are left for the character check to report.
 */
function transliterate(letter: string, text: string, at: number): string {
  const ascii = TRANSLITERATIONS[letter];
  if (ascii === undefined) return letter;
  const next = text[at + letter.length] ?? '';
  const previous = text[at - 1] ?? '';
  const isUpper = (c: string) => c !== c.toLowerCase();
  const isLower = (c: string) => c !== c.toUpperCase();
  if (ascii.length > 1 && isUpper(ascii[0]!) && isLower(next)) return ascii[0] + ascii.slice(1).toLowerCase();
  if (letter === 'ß' && isUpper(previous) && !isLower(next)) return 'SS';
  return ascii;
}
