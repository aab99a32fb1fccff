/** What every intake parser returns: encounters (with warnings about what it skipped), or one specific failure. */
import type { Encounter } from './encounter.ts';

export type ParseResult =
  | { ok: true; encounters: Encounter[]; warnings: string[] }
  | {
      ok: false;
      /** Stable, machine-readable reason, e.g. `invalid_json`, `missing_segment`, `missing_column`. */
      reason: string;
      /** What is wrong and what was expected, for the operator (never PHI). */
      message: string;
      /** Where: `entry[3] (Encounter/abc)`, `message 2, segment 4 (PV1)`, `row 5, column units`, `$.encounters[0]`. */
      location?: string;
    };

export type ParseFailure = Extract<ParseResult, { ok: false }>;

export function parseFailure(reason: string, message: string, location?: string): ParseFailure {
  return location === undefined ? { ok: false, reason, message } : { ok: false, reason, message, location };
}

/** The document being parsed: its key and where the parser should number encounters from. */
export interface ParseSource {
  key: string;
}
