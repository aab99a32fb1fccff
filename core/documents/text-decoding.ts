/**
 * Bytes to text for intake documents: UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark.
 * Anything else is refused with the byte offset of the first invalid sequence, so an operator can find it.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }
  | { ok: false; message: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((value, index) => bytes[index] === value);
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1 when all of it is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    if (index + length > bytes.length) return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const continuation = bytes[index + k]!;
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

export function decodeDocumentText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    if ((bytes.length - 2) % 2 !== 0) {
      return { ok: false, message: `is UTF-16 (byte order mark) but has an odd number of bytes (${bytes.length})` };
    }
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
      return { ok: true, text, encoding };
    } catch {
      return {
        ok: false,
        message: `starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}`,
      };
    }
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  const invalidAt = firstInvalidUtf8Offset(body);
  if (invalidAt >= 0) {
    const offset = invalidAt + (body === bytes ? 0 : UTF8_BOM.length);
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      message: `is not valid UTF-8: byte 0x${byte} at offset ${offset} does not start a valid sequence (save it as UTF-8 or UTF-16 with a byte order mark)`,
    };
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
}
