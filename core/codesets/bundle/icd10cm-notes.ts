/** Shape of an ICD-10-CM release's `notes.json`: written by the compiler, read lazily by the lookups. */
import type { SeventhCharacter } from '../icd10cm/types.ts';

/** Which index file an index entry comes from. */
export type IndexSourceKind = 'index' | 'eindex' | 'neoplasm' | 'drug';

/** Instructional notes of one element; only the non-empty lists are present. */
export interface NoteLists {
  inclusionTerms?: string[];
  includes?: string[];
  excludes1?: string[];
  excludes2?: string[];
  codeFirst?: string[];
  useAdditionalCode?: string[];
  codeAlso?: string[];
  notes?: string[];
  sevenChrNote?: string[];
}

export interface Icd10CmNotesBlob {
  /** Own notes of each code that has any, keyed by undotted code. */
  codes: Record<string, NoteLists>;
  /**
   * 7th-character definitions where they are given: keyed by undotted code, `section:<id>` or `chapter:<number>`.
   * A code's applicable definitions are those of its nearest ancestor (itself included) listed here.
   */
  seventh: Record<string, SeventhCharacter[]>;
  /** Codes CDC marks as taking the placeholder X. */
  placeholder: string[];
  /** Section id of each three-character category. */
  sectionOfCategory: Record<string, string>;
  sections: Record<string, { description: string; chapter: string; notes: NoteLists }>;
  chapters: Record<string, { description: string; notes: NoteLists }>;
}
