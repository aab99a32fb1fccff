/**
 * The compiled bundle format. A bundle directory holds one sub-directory per release (`icd10cm-fy2018/`,
 * `hcpcs-2019/`, `ncci-ptp-2025q2/`...), each with a `manifest.json` and a few tables. Tables are plain text made to
 * load fast in a Lambda: one row per line, tab-separated, sorted by the first field (the key), so a table is loaded
 * with one read and one split and searched by binary search, never scanned. Notes (free text, rarely needed) are one
 * JSON file loaded only when first asked for.
 */
import type { CodeSetKind, EffectiveRange } from '../release-kinds.ts';

export const BUNDLE_FORMAT = 'claimflow-codesets/1';
export const MANIFEST_FILE = 'manifest.json';

/** Counts shown by `claimflow codesets info`; which keys appear depends on the kind. */
export interface ReleaseCounts {
  codes?: number;
  billable?: number;
  headers?: number;
  modifiers?: number;
  terminated?: number;
  ptpEdits?: number;
  mueEdits?: number;
  codesWithNotes?: number;
  indexTerms?: number;
}

export interface ReleaseManifest {
  format: typeof BUNDLE_FORMAT;
  /** Directory name and the `codeSetVersion` written on coded lines, e.g. `icd10cm-fy2018`. */
  id: string;
  kind: CodeSetKind;
  label: string;
  /** Human title, e.g. "ICD-10-CM FY2018 (2017-10-01 to 2018-09-30)". */
  title: string;
  effective: EffectiveRange;
  /** When the bundle was compiled (ISO timestamp); the starter bundle carries its build time. */
  compiledAt: string;
  /** The published files it was compiled from, with their SHA-256, so a bundle can be traced to its sources. */
  sources: { file: string; sha256: string }[];
  counts: ReleaseCounts;
  /** Table file names present in the release directory. */
  tables: string[];
}

/** Where a release's tables come from: a directory on disk, or the starter module compiled into the code. */
export interface ReleaseSource {
  readonly manifest: ReleaseManifest;
  /** The text of a table named in the manifest; undefined when the release has no such table. */
  readTable(name: string): string | undefined;
}

/** A compiled release in memory, before it is written. */
export interface CompiledRelease {
  manifest: ReleaseManifest;
  tables: Record<string, string>;
}

/** Table file names, per kind. */
export const TABLE = {
  icd10cmCodes: 'codes.tsv',
  icd10cmShortTitles: 'short-titles.tsv',
  icd10cmTitleWords: 'title-words.tsv',
  icd10cmNotes: 'notes.json',
  indexEntries: 'index-entries.tsv',
  indexWords: 'index-words.tsv',
  indexCodes: 'index-codes.tsv',
  hcpcsCodes: 'codes.tsv',
  hcpcsModifiers: 'modifiers.tsv',
  ptp: 'ptp.tsv',
  mue: 'mue.tsv',
  cptCodes: 'codes.tsv',
} as const;

/** Removes the characters a table row cannot hold (tabs, line breaks) from a field. */
export function tableField(value: string | undefined): string {
  return (value ?? '').replace(/[\t\r\n]+/g, ' ');
}

/** Serializes rows (first field = key) into a sorted table. */
export function toSortedTable(rows: string[][]): string {
  const lines = rows.map((row) => row.map(tableField).join('\t'));
  lines.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  return lines.join('\n');
}

export function keyOf(line: string): string {
  const tab = line.indexOf('\t');
  return tab < 0 ? line : line.slice(0, tab);
}
