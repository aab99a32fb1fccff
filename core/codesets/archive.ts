/**
 * CMS and CDC publish code-set releases as zip files, but people also hand us the unzipped text or XML. Importers
 * call `readReleaseFiles` on whatever they were given and get the contained files either way, so no importer has to
 * care whether the input was zipped. Pure: the caller reads the bytes (fs at the edge) and passes them in.
 */
import { unzipSync } from 'fflate';

/** One file of a release: its name (path inside the zip, folders kept as `a/b.txt`) and raw bytes. */
export interface ReleaseFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Raised when a release file cannot be read; the message names the file and what is wrong with it. */
export class ReleaseArchiveError extends Error {
  override readonly name = 'ReleaseArchiveError';
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04] as const;
// The end-of-central-directory record (22 bytes plus a comment of at most 65535) closes every complete zip, and is all
// an empty zip holds; a download cut short loses it first, so its absence is the precise diagnosis for truncation.
const EOCD_SIGNATURE = [0x50, 0x4b, 0x05, 0x06] as const;
const EOCD_SEARCH_WINDOW = 22 + 0xffff;

/** Whether the bytes start like a zip archive (local file header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_LOCAL_HEADER) || startsWith(bytes, EOCD_SIGNATURE);
}

/**
 * The files a release input contains: a zip is expanded (directory entries dropped, nested paths kept as the name),
 * anything else is returned as itself. A truncated or corrupt zip fails with a `ReleaseArchiveError` naming the input.
 */
export function readReleaseFiles(input: ReleaseFile): ReleaseFile[] {
  if (!looksLikeZip(input.bytes)) return [input];
  if (!hasEndOfCentralDirectory(input.bytes)) {
    throw new ReleaseArchiveError(
      `${input.name}: zip archive has no end-of-central-directory record in its last ${EOCD_SEARCH_WINDOW} bytes; expected a complete zip, the file is truncated`,
    );
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(input.bytes);
  } catch (error) {
    throw new ReleaseArchiveError(
      `${input.name}: not a readable zip archive (${describeZipFailure(error)}); expected a complete zip as published by CMS/CDC, the download may be truncated or corrupt`,
    );
  }
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ name, bytes }));
}

/** The base name of a path inside a release (`2018/icd10cm_order_2018.txt` -> `icd10cm_order_2018.txt`). */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes a CMS/CDC text file without throwing and without mangling: ASCII and valid UTF-8 (the XML files declare
 * utf-8) decode as UTF-8; anything else is single-byte text, which CMS produces as Latin-1 or Windows-1252, and
 * Windows-1252 is the superset of both for printable characters (it maps 0x80-0x9F to the curly quotes and dashes
 * that Latin-1 leaves as control codes). A leading UTF-8 byte-order mark is dropped.
 */
export function decodeReleaseText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1
      .decode(bytes)
      .replace(C1_CONTROLS, (control) => WINDOWS_1252_C1[control.charCodeAt(0) - 0x80] ?? control);
  }
}

// Node 20's TextDecoder treats the 'windows-1252' label as plain Latin-1 (0x80-0x9F come out as C1 control codes), so
// the 32 characters where Windows-1252 differs are mapped here. The five bytes Windows-1252 leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as their C1 code points, as the WHATWG Encoding standard decodes them.
const C1_CONTROLS = /[\u0080-\u009f]/g;
const WINDOWS_1252_C1 = [
  '\u20ac',
  '\u0081',
  '\u201a',
  '\u0192',
  '\u201e',
  '\u2026',
  '\u2020',
  '\u2021',
  '\u02c6',
  '\u2030',
  '\u0160',
  '\u2039',
  '\u0152',
  '\u008d',
  '\u017d',
  '\u008f',
  '\u0090',
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\u2022',
  '\u2013',
  '\u2014',
  '\u02dc',
  '\u2122',
  '\u0161',
  '\u203a',
  '\u0153',
  '\u009d',
  '\u017e',
  '\u0178',
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - EOCD_SEARCH_WINDOW);
  for (let offset = bytes.length - 22; offset >= stop; offset -= 1) {
    if (EOCD_SIGNATURE.every((byte, index) => bytes[offset + index] === byte)) return true;
  }
  return false;
}

function describeZipFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // fflate reports e.g. "invalid zip data" or "unexpected EOF"; keep its words, they say which check failed.
  return message.length > 0 ? message : 'unknown zip error';
}
