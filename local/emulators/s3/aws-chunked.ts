/**
 * Decoder for `Content-Encoding: aws-chunked` bodies, as the SDK sends streaming uploads:
 * `<hex size>[;chunk-signature=..]\r\n<bytes>\r\n` repeated, a zero-size chunk, then trailing headers
 * (`x-amz-checksum-crc32:<base64>\r\n`) and a final `\r\n`.
 */
export interface DecodedAwsChunked {
  data: Buffer;
  /** Trailing headers by lower-case name. */
  trailers: Record<string, string>;
}

export class AwsChunkedFormatError extends Error {
  constructor(message: string) {
    super(`aws-chunked body is malformed: ${message}`);
    this.name = 'AwsChunkedFormatError';
  }
}

const CRLF = Buffer.from('\r\n');

export function decodeAwsChunked(body: Buffer): DecodedAwsChunked {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, offset);
    if (lineEnd === -1) throw new AwsChunkedFormatError(`chunk header at byte ${offset} has no CRLF`);
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const sizeText = header.split(';', 1)[0]!.trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) {
      throw new AwsChunkedFormatError(
        `chunk header at byte ${offset} has no hexadecimal size: ${JSON.stringify(header)}`,
      );
    }
    const size = Number.parseInt(sizeText, 16);
    offset = lineEnd + CRLF.length;
    if (size === 0) break;
    if (offset + size + CRLF.length > body.length) {
      throw new AwsChunkedFormatError(`chunk of ${size} bytes at byte ${offset} runs past the end of the body`);
    }
    chunks.push(body.subarray(offset, offset + size));
    offset += size;
    if (!body.subarray(offset, offset + CRLF.length).equals(CRLF)) {
      throw new AwsChunkedFormatError(`chunk ending at byte ${offset} is not followed by CRLF`);
    }
    offset += CRLF.length;
  }
  return { data: Buffer.concat(chunks), trailers: parseTrailers(body.subarray(offset)) };
}

function parseTrailers(section: Buffer): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of section.toString('latin1').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new AwsChunkedFormatError(`trailer line ${JSON.stringify(line)} is not "name:value"`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}
