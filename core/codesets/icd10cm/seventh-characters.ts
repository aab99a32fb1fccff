/**
 * 7th characters: a `<sevenChrDef>` lists the characters that complete every code below it; a code shorter than six
 * characters takes the placeholder X up to six before its 7th character (T15.01 + A -> T15.01XA, T07 + A -> T07.XXXA).
 */
import { toDottedCode, toUndottedCode } from './code-format.ts';
import { NO_NOTES } from './tabular-notes.ts';
import type { TabularCode } from './types.ts';

/** Codes are at most 7 characters; the 7th character follows 6, placeholders filling the gap. */
export const SEVENTH_CHARACTER_POSITION = 7;

/** The billable 7-character codes of a base code: padded with X to six characters, then each 7th character. */
export function expandSeventhCharacters(base: TabularCode): TabularCode[] {
  const padded = toUndottedCode(base.code).padEnd(SEVENTH_CHARACTER_POSITION - 1, 'X');
  return base.seventhCharacters.map(({ character, meaning }) => ({
    ...base,
    code: toDottedCode(`${padded}${character}`),
    description: `${base.description}, ${meaning}`,
    parent: base.code,
    depth: base.depth + 1,
    billable: true,
    notes: NO_NOTES,
    expandedFrom: { baseCode: base.code, character },
  }));
}
