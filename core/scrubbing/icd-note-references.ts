/**
 * Code references inside ICD-10-CM instructional notes. Excludes1 notes name what they exclude in parentheses:
 * "birth trauma (P10-P15)", "traumatic amputation of forearm (S58.-)", "type 1 diabetes mellitus (E10.-)",
 * "hypertension (I10)", sometimes several "(O00-O07, O08.-)". A reference is a code (the code and everything below
 * it), a code ending in ".-" (the category or subcategory and everything below) or a range of categories.
 */
import { normalizeCode } from '#core/codesets/index';

export interface CodeReference {
  /** Undotted first and last prefix, inclusive; a single code has from === to. */
  from: string;
  to: string;
}

const PARENTHESES = /\(([^()]*)\)/g;
const REFERENCE = /^([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?)-?(?:-([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?))?$/;

const cache = new Map<string, CodeReference[]>();

/** The code references a note makes (memoized: the same notes are asked for on claim after claim). */
export function codeReferencesIn(note: string): CodeReference[] {
  const known = cache.get(note);
  if (known) return known;
  const references: CodeReference[] = [];
  for (const [, inside = ''] of note.matchAll(PARENTHESES)) {
    for (const part of inside.split(/[,;]/)) {
      const text = part.trim().toUpperCase().replace(/\.-$/, '').replace(/-$/, '');
      const match = REFERENCE.exec(text);
      if (!match) continue;
      const from = normalizeCode(match[1] ?? '');
      const to = match[2] ? normalizeCode(match[2]) : from;
      references.push({ from, to });
    }
  }
  cache.set(note, references);
  return references;
}

/** Whether an undotted code falls under a reference (compared on the reference's prefix length). */
export function isReferenced(code: string, reference: CodeReference): boolean {
  return code.slice(0, reference.from.length) >= reference.from && code.slice(0, reference.to.length) <= reference.to;
}
