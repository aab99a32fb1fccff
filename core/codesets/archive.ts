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
  const endOfDirectory = findEndOfCentralDirectory(input.bytes);
  if (endOfDirectory < 0) {
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
  const files = Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ name, bytes }));
  verifyChecksums(input.name, files, readCentralDirectory(input.bytes, endOfDirectory));
  return files;
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

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - EOCD_SEARCH_WINDOW);
  for (let offset = bytes.length - 22; offset >= stop; offset -= 1) {
    if (EOCD_SIGNATURE.every((byte, index) => bytes[offset + index] === byte)) return offset;
  }
  return -1;
}

interface DirectoryEntry {
  readonly crc32: number;
  readonly size: number;
}

const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;
const UTF8_NAME_FLAG = 0x800;

/**
 * The CRC-32 and size the central directory records for each entry, by name. fflate inflates without checking
 * either, so a flipped bit in a stored entry, or one that still inflates, would otherwise pass unnoticed.
 * Entries with ZIP64 sizes are left out (no CMS/CDC release file comes near 4 GB).
 */
function readCentralDirectory(bytes: Uint8Array, endOfDirectory: number): Map<string, DirectoryEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, DirectoryEntry>();
  const count = view.getUint16(endOfDirectory + 10, true);
  let offset = view.getUint32(endOfDirectory + 16, true);
  for (let index = 0; index < count && offset + 46 <= bytes.length; index += 1) {
    if (view.getUint32(offset, true) !== CENTRAL_HEADER_SIGNATURE) break;
    const flags = view.getUint16(offset + 8, true);
    const crc32 = view.getUint32(offset + 16, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    // Decoded the way fflate names its entries: UTF-8 when the entry says so, else one character per byte.
    const name = flags & UTF8_NAME_FLAG ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes);
    if (size !== ZIP64_MARKER) entries.set(name, { crc32, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function verifyChecksums(archive: string, files: readonly ReleaseFile[], directory: Map<string, DirectoryEntry>): void {
  for (const file of files) {
    const recorded = directory.get(file.name);
    if (recorded === undefined) continue;
    if (file.bytes.length !== recorded.size) {
      throw new ReleaseArchiveError(
        `${archive}: entry ${file.name} inflates to ${file.bytes.length} bytes but the zip directory says ${recorded.size}; the archive is corrupt`,
      );
    }
    const actual = crc32(file.bytes);
    if (actual !== recorded.crc32) {
      throw new ReleaseArchiveError(
        `${archive}: entry ${file.name} has CRC-32 ${hex(actual)} but the zip directory says ${hex(recorded.crc32)}; the archive is corrupt`,
      );
    }
  }
}

const CRC32_TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let value = byte;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value;
});

/** CRC-32 (IEEE 802.3, as zip uses). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index += 1) {
    crc = (CRC32_TABLE[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function describeZipFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // fflate reports e.g. "invalid zip data" or "unexpected EOF"; keep its words, they say which check failed.
  return message.length > 0 ? message : 'unknown zip error';
}
