/**
 * The code set API the coder and the scrubber use. Every lookup takes the date of service: the release in effect
 * on that date answers (ICD-10-CM by fiscal year and April update, HCPCS by year or quarter, NCCI by quarter), and
 * each answer names the release that gave it (`release`, e.g. `icd10cm-fy2025`), to be recorded as the line's
 * `codeSetVersion`. A lookup for a date no loaded release covers answers `undefined` / `false` / `[]`; use
 * `releaseFor(kind, date)` to tell "not a code" from "no release for that date".
 *
 * Codes may be given dotted or not, in any case (`e11.9`, `E119`): they are normalized by `normalizeCode`. Codes in
 * answers are undotted (`code`) with the dotted form in `display` where ICD-10-CM has one.
 *
 * Get an instance with `createCodeSets(sources)` (any release sources), `openCodeSetsDirectory(dir)` (a compiled
 * bundle directory, functions/common/codesets/bundle-directory.ts) or `starterCodeSets()` (the starter bundle shipped in the repository);
 * `resolveCodeSets` picks among them the way every CLI command's `--codesets` does.
 */
import type { IsoDate } from '#core/documents/encounter';
import type { ReleaseCounts } from './bundle/format.ts';
import type { IndexSourceKind, NoteLists } from './bundle/icd10cm-notes.ts';
import type { DemographicEdit } from './demographic-edits.ts';
import type { TableEntry } from './icd10cm/table-titles.ts';
import type { SeventhCharacter } from './icd10cm/types.ts';
import type { MueAdjudicationIndicator, PtpModifierIndicator } from './ncci/types.ts';
import type { CodeSetKind, EffectiveRange } from './release-kinds.ts';

export { createCodeSets } from './code-sets.ts';
export { formatIcd10Code, normalizeCode } from './normalize.ts';
export type { CodeSetKind, DemographicEdit, EffectiveRange, NoteLists, SeventhCharacter };

export interface ReleaseInfo {
  id: string;
  kind: CodeSetKind;
  label: string;
  title: string;
  effective: EffectiveRange;
  compiledAt: string;
  counts: ReleaseCounts;
}

// ----- ICD-10-CM ------------------------------------------------------------------------------------------------

export interface Icd10CmCode {
  /** Undotted (`E119`). */
  code: string;
  /** Dotted (`E11.9`). */
  display: string;
  title: string;
  /** Valid on a claim (a leaf code); false for a header (category or subcategory with codes below it). */
  billable: boolean;
  /** Generated from a base code and a 7th character (not printed in the tabular list itself). */
  generated: boolean;
  /** Undotted parent code, absent for a category. */
  parent?: string;
  release: string;
}

/** Notes that apply to a code, from the code itself or from an ancestor, section or chapter. */
export interface AppliedNotes {
  /** Where the notes are written: a code (`E11`), `section E08-E13` or `chapter 4`. */
  from: string;
  notes: NoteLists;
}

export interface NoteRef {
  text: string;
  /** Where the note is written (see AppliedNotes.from). */
  from: string;
}

export interface SeventhCharacterRule {
  /** The code (padded with placeholder X to six characters) that takes the 7th character: `T150XX`. */
  baseCode: string;
  /** Whether the base needed placeholder X characters to reach six. */
  placeholderNeeded: boolean;
  /** The allowed 7th characters and their meanings. */
  characters: SeventhCharacter[];
  /** Where the definition is written (a code, section or chapter). */
  definedAt: string;
  /** The 7th character the asked code already carries, when it has one. */
  given?: string;
  /** Whether the given 7th character is one of the allowed ones (absent when none was given). */
  givenIsAllowed?: boolean;
}

export interface IndexHit {
  source: IndexSourceKind;
  /** Main term down to the subterm. */
  path: string[];
  /** Code as printed in the index (may end in `-`: incomplete, see the tabular list). */
  code?: string;
  manifestation?: string;
  see?: string;
  seeAlso?: string;
  /** Neoplasm and drug table cells by column heading. */
  cells?: Record<string, string>;
  release: string;
}

export interface Icd10CmLookups {
  lookup(code: string, date: IsoDate): Icd10CmCode | undefined;
  /** The code exists in the release in effect (header or billable). */
  isValid(code: string, date: IsoDate): boolean;
  /** The code exists and is valid on a claim. */
  isBillable(code: string, date: IsoDate): boolean;
  title(code: string, date: IsoDate): string | undefined;
  /** The short title (order file, at most 60 characters); the title where the release has no shorter one. */
  shortTitle(code: string, date: IsoDate): string | undefined;
  /** Ancestors, nearest first (E11.65 -> E11.6, E11). */
  parents(code: string, date: IsoDate): Icd10CmCode[];
  /** Direct children, in code order. */
  children(code: string, date: IsoDate): Icd10CmCode[];
  /** Notes of the code, then of each ancestor, its section and chapter (nearest first). Needs a Tabular import. */
  notes(code: string, date: IsoDate): AppliedNotes[];
  /** Excludes1 and Excludes2 notes that apply to the code, from itself and every level above it. */
  excludes(code: string, date: IsoDate): { excludes1: NoteRef[]; excludes2: NoteRef[] };
  /** The 7th-character rule applying to the code, or undefined when the code takes no 7th character. */
  seventhCharacter(code: string, date: IsoDate): SeventhCharacterRule | undefined;
  /** Codes whose title holds every word (billable codes first, then shorter titles), e.g. "type 2 diabetes". */
  searchTitles(words: string, date: IsoDate, limit?: number): Icd10CmCode[];
  /** Index terms matching every word, best first (main-term matches, entries with codes, shallow terms). */
  searchIndex(words: string, date: IsoDate, limit?: number): IndexHit[];
  /** Index entries that lead to the code (or to a prefix of it printed with a trailing dash). */
  indexEntriesFor(code: string, date: IsoDate, limit?: number): IndexHit[];
  /**
   * Every entry of the release's Table of Neoplasms, Table of Drugs and Chemicals or External Cause Index (imported
   * with its index files) that leads somewhere: its cells, code or "see" reference. What `neoplasmTableTitles`
   * (icd10cm/table-titles.ts) reads as titles and the coder reads as external causes and poisonings
   * (core/coding/diagnoses/index-tables.ts). Empty without the file. Each level of a path carries its nonessential
   * modifiers as printed (`bladder (urinary)`), as `tableEntriesOf` reads them.
   */
  tableEntries(table: 'neoplasm' | 'drug' | 'eindex', date: IsoDate): TableEntry[];
  /** Every code of the release in effect (headers and billable codes), in code order; empty without a release. */
  allCodes(date: IsoDate): Icd10CmCode[];
  /** Age and sex constraints of the code (maternity, newborn, sex-specific); empty when none. */
  demographics(code: string): DemographicEdit[];
}

// ----- HCPCS, CPT, NCCI -----------------------------------------------------------------------------------------

export type HcpcsStatus = 'active' | 'terminated' | 'not-yet-added';

export interface HcpcsCode {
  code: string;
  shortDescription: string;
  longDescription: string;
  /** Status on the date asked: added on or before it, and not terminated before it. */
  status: HcpcsStatus;
  addDate?: IsoDate;
  terminationDate?: IsoDate;
  actionCode: string;
  actionEffectiveDate?: IsoDate;
  coverageCode: string;
  pricingIndicators: string[];
  betos: string;
  typesOfService: string[];
  release: string;
}

export interface HcpcsModifierInfo {
  modifier: string;
  shortDescription: string;
  longDescription: string;
  status: HcpcsStatus;
  addDate?: IsoDate;
  terminationDate?: IsoDate;
  release: string;
}

export interface HcpcsLookups {
  lookup(code: string, date: IsoDate): HcpcsCode | undefined;
  /** Listed in the release in effect and active on the date. */
  isValid(code: string, date: IsoDate): boolean;
  modifier(modifier: string, date: IsoDate): HcpcsModifierInfo | undefined;
}

export interface CptCodeInfo {
  code: string;
  /** The licensed descriptor, or (starter bundle) our own short label, never AMA text. */
  label: string;
  release: string;
}

export interface CptLookups {
  lookup(code: string, date: IsoDate): CptCodeInfo | undefined;
  /** Listed in the CPT release in effect (a licensed list, or the starter's code numbers). */
  isValid(code: string, date: IsoDate): boolean;
  /** Shaped like a CPT code (4 digits then a digit, F, T or U), whatever list is loaded. */
  isWellFormed(code: string): boolean;
}

export interface PtpAnswer {
  /** The pair as the edit table lists it: column 1 is paid, column 2 denied (unless a modifier applies). */
  column1: string;
  column2: string;
  modifierIndicator: PtpModifierIndicator;
  effective: IsoDate;
  /** Last date of service the edit applies to; absent while active. */
  deletion?: IsoDate;
  rationale: string;
  release: string;
}

export interface MueAnswer {
  code: string;
  value: number;
  indicator: MueAdjudicationIndicator;
  indicatorText: string;
  rationale: string;
  release: string;
}

export interface NcciLookups {
  /** The PTP edit in force for the pair on the date, in either order of the two codes; undefined when none. */
  ptp(codeA: string, codeB: string, date: IsoDate): PtpAnswer | undefined;
  mue(code: string, date: IsoDate): MueAnswer | undefined;
}

export interface CodeSets {
  /** Every loaded release, by kind and start date. */
  releases(): ReleaseInfo[];
  /** The release of a kind in effect on a date: the latest-starting one whose range holds the date. */
  releaseFor(kind: CodeSetKind, date: IsoDate): ReleaseInfo | undefined;
  readonly icd10cm: Icd10CmLookups;
  readonly hcpcs: HcpcsLookups;
  readonly cpt: CptLookups;
  readonly ncci: NcciLookups;
}
