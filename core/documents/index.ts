/**
 * The single entry to intake parsing: detect the format from the bytes, then parse with that format's parser.
 * The Lambda (which detects first, for the document ledger) can call `parseDetected` with the detection's text.
 */

import { createHash } from 'node:crypto';
import { parseClaimflowJson } from './claimflow-json/parse-claimflow-json.ts';
import { parseSuperbill } from './csv/parse-superbill.ts';
import { type DetectionFailureReason, type DetectionHint, detectFormat } from './detect.ts';
import type { DocumentFormat, Encounter } from './encounter.ts';
import { parseFhirBundle } from './fhir/parse-fhir.ts';
import { parseHl7v2 } from './hl7v2/parse-hl7v2.ts';
import { parseClinicalNote } from './note/parse-note.ts';
import type { ParseResult, ParseSource } from './parse-result.ts';

export { missingInformation } from './missing-information.ts';
export type { ParseResult, ParseSource } from './parse-result.ts';

export interface DocumentParseOptions {
  /** Largest accepted document in bytes (default 5 MiB). */
  maxBytes?: number;
  /** Longest accepted plain-text note in characters (default 100,000). */
  maxNoteChars?: number;
}

export type DocumentParseResult =
  | { ok: true; format: DocumentFormat; encounters: Encounter[]; warnings: string[] }
  | {
      ok: false;
      /** `detection`: not a document we read at all; `parsing`: a known format, malformed. */
      stage: 'detection' | 'parsing';
      format?: DocumentFormat;
      reason: DetectionFailureReason | string;
      message: string;
      location?: string;
    };

/** Parses text already identified as `format` (see `detectFormat`). */
export function parseDetected(
  format: DocumentFormat,
  text: string,
  source: ParseSource,
  options?: DocumentParseOptions,
): ParseResult {
  const result = parseByFormat(format, text, source, options);
  if (!result.ok) return result;
  // Every encounter names the exact text it came from, so any path that reads this text derives the same claim ids.
  const digest = createHash('sha256').update(text).digest('hex');
  for (const encounter of result.encounters) encounter.source = { ...encounter.source, digest };
  return result;
}

function parseByFormat(
  format: DocumentFormat,
  text: string,
  source: ParseSource,
  options?: DocumentParseOptions,
): ParseResult {
  switch (format) {
    case 'fhir-r4':
      return parseFhirBundle(text, source);
    case 'hl7v2':
      return parseHl7v2(text, source);
    case 'csv-superbill':
      return parseSuperbill(text, source);
    case 'claimflow-json':
      return parseClaimflowJson(text, source);
    case 'clinical-note':
      return parseClinicalNote(text, source, { maxChars: options?.maxNoteChars });
  }
}

export function parseDocument(
  bytes: Uint8Array,
  ref: ParseSource & Pick<DetectionHint, 'contentType'>,
  options?: DocumentParseOptions,
): DocumentParseResult {
  const detection = detectFormat(bytes, ref, { maxBytes: options?.maxBytes });
  if (!detection.ok) return { ok: false, stage: 'detection', reason: detection.reason, message: detection.message };
  const result = parseDetected(detection.format, detection.text, { key: ref.key }, options);
  if (!result.ok) return { ...result, stage: 'parsing', format: detection.format };
  return { ...result, format: detection.format };
}
