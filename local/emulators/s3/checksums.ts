import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

/** zlib's native CRC32 exists from Node 20.15; older 20.x fall back to the table below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The flexible checksum algorithms S3 and the SDK support, by their API names. */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export function isChecksumAlgorithm(value: string): value is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

/** The header (or aws-chunked trailer) that carries an algorithm's checksum, e.g. `x-amz-checksum-crc32`. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** The raw digest bytes (big-endian for the CRCs, as S3 encodes them before base64). */
export function checksumBytes(algorithm: ChecksumAlgorithm, data: Buffer): Buffer {
  switch (algorithm) {
    case 'CRC32':
      return uint32Bytes(nativeCrc32 ? nativeCrc32(data) : softwareCrc32(data));
    case 'CRC32C':
      return uint32Bytes(crc32(data, CRC32C_TABLE));
    case 'CRC64NVME':
      return crc64Nvme(data);
    case 'SHA1':
      return createHash('sha1').update(data).digest();
    case 'SHA256':
      return createHash('sha256').update(data).digest();
  }
}

export function checksumBase64(algorithm: ChecksumAlgorithm, data: Buffer): string {
  return checksumBytes(algorithm, data).toString('base64');
}

function uint32Bytes(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

function reflectedTable32(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = index;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ polynomial : crc >>> 1;
    table[index] = crc >>> 0;
  }
  return table;
}

const CRC32_TABLE = reflectedTable32(0xedb88320);
const CRC32C_TABLE = reflectedTable32(0x82f63b78);

/** Table-driven CRC32, the fallback where zlib has no crc32. */
export function softwareCrc32(data: Buffer): number {
  return crc32(data, CRC32_TABLE);
}

function crc32(data: Buffer, table: Uint32Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < data.length; index++) crc = table[(crc ^ data[index]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), kept as two 32-bit halves so the per-byte loop stays on
 * plain numbers; BigInt is used only to build the table.
 */
const CRC64_TABLES = (() => {
  const polynomial = 0x9a6c9329ac4bc9b5n;
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = BigInt(index);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
    high[index] = Number(crc >> 32n);
    low[index] = Number(crc & 0xffffffffn);
  }
  return { high, low };
})();

function crc64Nvme(data: Buffer): Buffer {
  const { high, low } = CRC64_TABLES;
  let crcHigh = 0xffffffff;
  let crcLow = 0xffffffff;
  for (let index = 0; index < data.length; index++) {
    const entry = (crcLow ^ data[index]!) & 0xff;
    crcLow = (((crcLow >>> 8) | (crcHigh << 24)) ^ low[entry]!) >>> 0;
    crcHigh = ((crcHigh >>> 8) ^ high[entry]!) >>> 0;
  }
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE((crcHigh ^ 0xffffffff) >>> 0, 0);
  bytes.writeUInt32BE((crcLow ^ 0xffffffff) >>> 0, 4);
  return bytes;
}
