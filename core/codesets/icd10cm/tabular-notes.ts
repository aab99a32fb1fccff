/**
 * The instructional notes of a tabular chapter, section or code, as the importer collects them: one list of `<note>`
 * texts per instructional element.
 */
import type { TabularNotes } from './types.ts';

export type NoteKind = keyof TabularNotes;

/** Tabular elements whose `<note>` children are notes of the enclosing chapter, section or diag. */
export const NOTE_ELEMENTS: Readonly<Record<string, NoteKind>> = {
  inclusionTerm: 'inclusionTerms',
  includes: 'includes',
  excludes1: 'excludes1',
  excludes2: 'excludes2',
  codeFirst: 'codeFirst',
  useAdditionalCode: 'useAdditionalCode',
  codeAlso: 'codeAlso',
  notes: 'notes',
  sevenChrNote: 'sevenChrNote',
};

/** Notes while an element is still being read. */
export type MutableNotes = { [K in NoteKind]: string[] };

/** Shared by every element without notes (most codes, and all expanded ones), so a full release does not hold
 * hundreds of thousands of empty arrays. Frozen: callers must not add to it. */
export const NO_NOTES: TabularNotes = freezeNotes(emptyNotes());

function freezeNotes(notes: MutableNotes): TabularNotes {
  for (const list of Object.values(notes)) Object.freeze(list);
  return Object.freeze(notes);
}

export function compactNotes(notes: MutableNotes): TabularNotes {
  return Object.values(notes).every((list) => list.length === 0) ? NO_NOTES : notes;
}

export function emptyNotes(): MutableNotes {
  return {
    inclusionTerms: [],
    includes: [],
    excludes1: [],
    excludes2: [],
    codeFirst: [],
    useAdditionalCode: [],
    codeAlso: [],
    notes: [],
    sevenChrNote: [],
  };
}
