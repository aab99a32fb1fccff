/**
 * Which intake format a document is in, decided from its content (never from its name: practices name files
 * anything). Every refusal carries a specific reason, because the document ledger records it and an operator acts
 * on it.
 */
import { binarySignatureKind } from './binary-signatures.ts';
import { CLAIMFLOW_JSON_SCHEMA_ID } from './claimflow-json/claimflow-json-schema.ts';
import { normalizeHeaderName, REQUIRED_SUPERBILL_COLUMNS, SUPERBILL_COLUMNS } from './csv/superbill-columns.ts';
import type { DocumentFormat } from './encounter.ts';
import { looksLikeClinicalNote } from './note/note-signals.ts';
import { decodeDocumentText } from './text-decoding.ts';

export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export { CLAIMFLOW_JSON_SCHEMA_ID };

export type DetectionFailureReason = 'empty' | 'too_large' | 'binary' | 'undecodable' | 'unknown_format';

export type DetectionResult =
  | { ok: true; format: DocumentFormat; text: string }
  | { ok: false; reason: DetectionFailureReason; message: string };

export interface DetectionHint {
  /** Object key or file name: used only to word messages, never to decide the format. */
  key?: string;
  contentType?: string;
}

export interface DetectionOptions {
  /** Largest accepted document, bytes (default 5 MiB). */
  maxBytes?: number;
}

/** How far into a large document the JSON markers are looked for when it does not parse. */
const MARKER_SCAN_CHARS = 64 * 1024;

function fail(reason: DetectionFailureReason, message: string): DetectionResult {
  return { ok: false, reason, message };
}

function formatBytes(count: number): string {
  if (count >= 1024 * 1024) return `${(count / (1024 * 1024)).toFixed(1)} MiB`;
  if (count >= 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${count} bytes`;
}

function detectJson(text: string): DetectionResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Broken JSON still goes to the parser its markers point at, which reports where the JSON breaks.
    const head = text.slice(0, MARKER_SCAN_CHARS);
    if (/"claimflowVersion"\s*:/.test(head) || head.includes(CLAIMFLOW_JSON_SCHEMA_ID)) {
      return { ok: true, format: 'claimflow-json', text };
    }
    if (/"resourceType"\s*:/.test(head)) return { ok: true, format: 'fhir-r4', text };
    return fail(
      'unknown_format',
      'document looks like JSON but is not valid JSON and has no "resourceType" (FHIR) or "claimflowVersion" (ClaimFlow JSON) marker',
    );
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    if ('claimflowVersion' in record || record['$schema'] === CLAIMFLOW_JSON_SCHEMA_ID) {
      return { ok: true, format: 'claimflow-json', text };
    }
    if (typeof record['resourceType'] === 'string') return { ok: true, format: 'fhir-r4', text };
  }
  return fail(
    'unknown_format',
    'JSON document has neither a top-level "resourceType" (FHIR R4) nor "claimflowVersion" (ClaimFlow JSON)',
  );
}

/** A segment line: three-character id, then the field separator (`|` by convention, MSH-1 otherwise). */
const HL7_HEADER = /^(?:MSH|FHS|BHS)[^A-Za-z0-9\s]/;
const HL7_SEGMENT_LINE = /^[A-Z][A-Z0-9]{2}\|/;

function looksLikeHl7(text: string): boolean {
  if (HL7_HEADER.test(text)) return true;
  // A message whose MSH is missing is still HL7 v2 to the eye; the parser then says what is missing.
  const lines = text.split(/\r\n|\r|\n/, 20).filter((line) => line.trim() !== '');
  const segmentLines = lines.filter((line) => HL7_SEGMENT_LINE.test(line)).length;
  return segmentLines >= 2 && segmentLines === lines.length;
}

function looksLikeSuperbill(text: string): boolean {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (!firstLine.includes(',')) return false;
  const names = new Set(firstLine.split(',').map((cell) => normalizeHeaderName(cell.replace(/^"|"$/g, ''))));
  const known = SUPERBILL_COLUMNS.filter((column) => names.has(column)).length;
  const required = REQUIRED_SUPERBILL_COLUMNS.filter((column) => names.has(column)).length;
  // Enough of the documented header that a missing required column is the parser's to report, by name.
  return required >= 1 && known >= 3;
}

function describeSource(hint: DetectionHint | undefined): string {
  const parts = [hint?.key, hint?.contentType ? `declared ${hint.contentType}` : undefined].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function detectFormat(bytes: Uint8Array, hint?: DetectionHint, options?: DetectionOptions): DetectionResult {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const named = describeSource(hint);
  if (bytes.length === 0) return fail('empty', `document${named} is empty (0 bytes)`);
  if (bytes.length > maxBytes) {
    return fail(
      'too_large',
      `document${named} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)} (${maxBytes} bytes)`,
    );
  }
  const binaryKind = binarySignatureKind(bytes);
  if (binaryKind) {
    return fail('binary', `document${named} is a ${binaryKind}, not a text encounter document`);
  }
  const decoded = decodeDocumentText(bytes);
  if (!decoded.ok) return fail('undecodable', `document${named} ${decoded.message}`);
  const nulAt = decoded.text.indexOf('\u0000');
  if (nulAt >= 0) {
    return fail('binary', `document${named} contains a NUL character at offset ${nulAt}: binary data, not text`);
  }
  const text = decoded.text;
  // MLLP framing (VT ... FS CR) sometimes survives when HL7 feeds are written to files; the HL7 parser unframes it.
  const trimmed = text
    .replace(/^\s*\u000b/, '')
    .replace(/\u001c\s*$/, '')
    .trim();
  if (trimmed === '') return fail('empty', `document${named} contains only whitespace (${bytes.length} bytes)`);

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return detectJson(text);
  if (looksLikeHl7(trimmed)) return { ok: true, format: 'hl7v2', text };
  if (looksLikeSuperbill(trimmed)) return { ok: true, format: 'csv-superbill', text };
  if (trimmed.startsWith('<')) {
    return fail('unknown_format', `document${named} is XML/HTML; FHIR must be sent as JSON, notes as plain text`);
  }
  const note = looksLikeClinicalNote(text);
  if (note.ok) return { ok: true, format: 'clinical-note', text };
  return fail(
    'unknown_format',
    `document${named} is not FHIR R4 JSON, ClaimFlow JSON, HL7 v2, a CSV superbill or a clinical note: ${note.message}`,
  );
}
