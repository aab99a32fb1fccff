/**
 * What the ICD-10-CM importers return. These are plain data records, one shape per published file, kept close to
 * the source so the bundle compiler can decide what to keep. Codes are always given in dotted form (`E11.9`), the way
 * coders and claims write them; the order and codes files print them undotted, and `undottedCode` keeps that form.
 */

/** The file kinds of an ICD-10-CM release, as recognised from their published file names. */
export type Icd10CmFileKind =
  | 'order' // icd10cm_order_YYYY.txt
  | 'codes' // icd10cm_codes_YYYY.txt
  | 'tabular' // icd10cm_tabular_YYYY.xml, icd-10-cm-tabular-YYYY.xml
  | 'index' // icd10cm_index_YYYY.xml, icd10cm-index-YYYY.xml
  | 'eindex' // icd10cm_eindex_YYYY.xml, icd-10-cm-eindex-YYYY.xml
  | 'neoplasm' // icd10cm_neoplasm_YYYY.xml, icd-10-cm-neoplasm-YYYY.xml
  | 'drug'; // icd10cm_drug_YYYY.xml, icd-10-cm-drug-YYYY.xml

/** Where a record came from, so later errors and the bundle can point back at the source. */
export interface SourceLocation {
  /** Name of the file inside the release (as given to the importer). */
  readonly file: string;
  /** 1-based line number in that file. */
  readonly line: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Order file and codes file (CMS "Code Descriptions in Tabular Order")
// ---------------------------------------------------------------------------------------------------------------

/** One line of `icd10cm_order_YYYY.txt`: every code of the release, headers (categories) and billable codes alike. */
export interface Icd10CmOrderRecord {
  /** Order number, columns 1-5: the position of the code in the tabular list. */
  readonly orderNumber: number;
  /** Dotted code, e.g. `E11.9` (a three-character category has no dot: `E11`). */
  readonly code: string;
  /** The code as printed in the file, columns 7-13 trimmed, e.g. `E119`. */
  readonly undottedCode: string;
  /** Column 15: `1` valid for HIPAA-covered transactions (billable), `0` a header that has codes below it. */
  readonly billable: boolean;
  /** Columns 17-76: the short title (at most 60 characters), trimmed. */
  readonly shortTitle: string;
  /** Columns 78 to end of line: the long title. */
  readonly longTitle: string;
  readonly source: SourceLocation;
}

/** A whole order file. */
export interface Icd10CmOrderFile {
  readonly file: string;
  /** The ICD-10-CM fiscal year of the release (FY2018 is effective 2017-10-01 to 2018-09-30). */
  readonly fiscalYear: number;
  /** Every line of the file, in file order (blank trailing lines are not records). */
  readonly records: readonly Icd10CmOrderRecord[];
}

/** One line of `icd10cm_codes_YYYY.txt`: a billable code and its long title. */
export interface Icd10CmCodesRecord {
  readonly code: string;
  readonly undottedCode: string;
  readonly longTitle: string;
  readonly source: SourceLocation;
}

/** A whole codes file: the billable codes of one fiscal year. */
export interface Icd10CmCodesFile {
  readonly file: string;
  readonly fiscalYear: number;
  readonly records: readonly Icd10CmCodesRecord[];
}

/** What an order addenda line does to the previous year's order file. */
export type OrderAddendaAction = 'add' | 'delete' | 'revise-from' | 'revise-to';

/** One change line of `icd10cm_order_addenda_YYYY.txt` (`Add:`, `Delete:`, `Revise from:`, `Revise to:`). */
export interface Icd10CmOrderAddendaChange {
  readonly action: OrderAddendaAction;
  readonly code: string;
  readonly undottedCode: string;
  readonly billable: boolean;
  readonly shortTitle: string;
  readonly longTitle: string;
  readonly source: SourceLocation;
}

/** The closing summary CMS prints per kind ("22423 headers in icd10cm_order_2018.txt", "360 additions", ...). */
export interface OrderAddendaSummary {
  readonly previousFile: string;
  readonly previousCount: number;
  readonly file: string;
  readonly count: number;
  readonly additions: number;
  readonly deletions: number;
  readonly revisions: number;
}

/** A whole order addenda file: the changes from the previous fiscal year and CMS's counts of the new order file. */
export interface Icd10CmOrderAddendaFile {
  readonly file: string;
  readonly fiscalYear: number;
  readonly changes: readonly Icd10CmOrderAddendaChange[];
  /** Header (non-billable) and billable-code summaries. */
  readonly headers: OrderAddendaSummary;
  readonly codes: OrderAddendaSummary;
}

// ---------------------------------------------------------------------------------------------------------------
// Tabular List XML
// ---------------------------------------------------------------------------------------------------------------

/**
 * The instructional notes attached to a chapter, section or code, each as the list of `<note>` texts CDC gives.
 * Empty lists when the element has no such note. Notes are the element's own; they are not copied to children
 * (ICD-10-CM conventions say excludes and code-first notes at a category apply to all its codes; the lookup layer
 * walks the parents for that).
 */
export interface TabularNotes {
  readonly inclusionTerms: readonly string[];
  readonly includes: readonly string[];
  readonly excludes1: readonly string[];
  readonly excludes2: readonly string[];
  readonly codeFirst: readonly string[];
  readonly useAdditionalCode: readonly string[];
  readonly codeAlso: readonly string[];
  /** Free `<notes>` paragraphs. */
  readonly notes: readonly string[];
  /** `<sevenChrNote>`: the sentence telling which 7th characters apply. */
  readonly sevenChrNote: readonly string[];
}

/** One `<extension char="A">initial encounter</extension>` of a `<sevenChrDef>`. */
export interface SeventhCharacter {
  readonly character: string;
  readonly meaning: string;
}

/** A chapter: `<chapter><name>19</name><desc>Injury, poisoning ... (S00-T88)</desc>`. */
export interface TabularChapter {
  /** Chapter number as published (`2`, `19`). */
  readonly number: string;
  readonly description: string;
  readonly notes: TabularNotes;
  /** 7th-character definitions given at chapter level (rare, but allowed by the schema). */
  readonly seventhCharacters: readonly SeventhCharacter[];
  readonly source: SourceLocation;
}

/** A block of categories: `<section id="C00-C14"><desc>...</desc>`. */
export interface TabularSection {
  /** The section id, e.g. `C00-C14`. */
  readonly id: string;
  readonly description: string;
  readonly chapter: string;
  readonly notes: TabularNotes;
  readonly seventhCharacters: readonly SeventhCharacter[];
  readonly source: SourceLocation;
}

/** A code of the tabular list, as published (`<diag>`) or generated by 7th-character expansion. */
export interface TabularCode {
  /** Dotted code, e.g. `C50.911`, `S52.521A`, `T15.0XXA`. */
  readonly code: string;
  readonly description: string;
  /** Chapter number and section id the code sits in. */
  readonly chapter: string;
  readonly section: string;
  /** The enclosing code (`E11` for `E11.9`; the base code for an expanded 7th-character code), none for categories. */
  readonly parent: string | undefined;
  /** 1 for a three-character category, +1 per nesting level (an expanded 7th-character code is one below its base). */
  readonly depth: number;
  /** Whether the code is valid on a claim: it has no children, published or expanded. */
  readonly billable: boolean;
  /** The element's own notes (empty for expanded codes: they carry their base code's notes by inheritance). */
  readonly notes: TabularNotes;
  /**
   * The 7th characters that apply to this code: its own `<sevenChrDef>` or the nearest ancestor's (chapter and section
   * included). Empty when none applies.
   */
  readonly seventhCharacters: readonly SeventhCharacter[];
  /** Set on codes generated from a base code and a 7th character (with `X` placeholders where the base is short). */
  readonly expandedFrom: { readonly baseCode: string; readonly character: string } | undefined;
  /** `<diag placeholder="true">` as published (CDC marks codes that take an X placeholder). */
  readonly placeholder: boolean;
  /** For published codes, the line of the `<diag>`; expanded codes point at their base code's line. */
  readonly source: SourceLocation;
}

/** A whole tabular list file (or extract of it). */
export interface TabularList {
  readonly file: string;
  /** `<version>` as published (e.g. `2025`). */
  readonly version: string;
  readonly chapters: readonly TabularChapter[];
  readonly sections: readonly TabularSection[];
  /** Every code in document order; expanded 7th-character codes follow their base code. */
  readonly codes: readonly TabularCode[];
}

// ---------------------------------------------------------------------------------------------------------------
// Alphabetic Index XML and its tables (Neoplasm table, Table of Drugs and Chemicals, External Cause index)
// ---------------------------------------------------------------------------------------------------------------

/**
 * One `<mainTerm>` or `<term>` of an index file, with its place in the hierarchy. Index codes are given as printed:
 * a code ending in `-` is incomplete (more characters are required; look in the tabular list).
 */
export interface IndexTerm {
  /** Titles from the main term down to this term, nonessential modifiers left out: `['Accident', 'boat, boating']`. */
  readonly path: readonly string[];
  /** 0 for a main term, else the `level` attribute of the `<term>` (1 = first indent). */
  readonly level: number;
  /** The title text without its nonessential modifiers, e.g. `Abandonment NEC`. */
  readonly title: string;
  /** The `<nemod>` parenthetical(s) as printed, e.g. `['(adult) (child) (mental) (physical) (sexual)']`. */
  readonly nonessentialModifiers: readonly string[];
  /** The letter heading the term sits under (`A`, `#` for numerals in the drug table). */
  readonly letter: string;
  /** Code as printed, e.g. `E11.9`, `C79.8-`. */
  readonly code: string | undefined;
  /** `<manif>`: the manifestation code printed in brackets after the code (e.g. `[G63]`), brackets removed. */
  readonly manifestation: string | undefined;
  /** `<see>`: the index entry to look under instead. */
  readonly see: string | undefined;
  /** `<seeAlso>`: another entry that may help. */
  readonly seeAlso: string | undefined;
  /** `<seecat>`: see category (a category code), e.g. `T71`. */
  readonly seeCategory: string | undefined;
  /** `<subcat>`: a subcategory code to look at, e.g. `T75.0`. */
  readonly subcategory: string | undefined;
  /** Table cells keyed by column heading (`Malignant Primary`, `Adverse effect`...); cells printed `-`/`--` left out. */
  readonly cells: Readonly<Record<string, string>>;
  readonly source: SourceLocation;
}

/** A whole index file. Tables (neoplasm, drug) have column headings; the alphabetic and external cause indexes not. */
export interface IndexFile {
  readonly file: string;
  readonly version: string;
  /** `<title>` of the whole index when given (the external cause index has one). */
  readonly title: string | undefined;
  /** `<indexHeading>` column headings by column number (1-based); column 1 names the term column itself. */
  readonly columnHeadings: Readonly<Record<number, string>>;
  /** Every term in document order (a main term precedes its subterms). */
  readonly terms: readonly IndexTerm[];
}
