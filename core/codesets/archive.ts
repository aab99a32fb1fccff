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
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06] as const;

/** Whether the bytes start like a zip archive (local file header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_LOCAL_HEADER) || startsWith(bytes, ZIP_EMPTY_ARCHIVE);
}

/**
 * The files a release input contains: a zip is expanded (directory entries dropped, nested paths kept as the name),
 * anything else is returned as itself. A truncated or corrupt zip fails with a `ReleaseArchiveError` naming the input.
 */
export function readReleaseFiles(input: ReleaseFile): ReleaseFile[] {
  if (!looksLikeZip(input.bytes)) return [input];
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
const windows1252 = new TextDecoder('windows-1252');

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
    return windows1252.decode(bytes);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function describeZipFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // fflate reports e.g. "invalid zip data" or "unexpected EOF"; keep its words, they say which check failed.
  return message.length > 0 ? message : 'unknown zip error';
}
