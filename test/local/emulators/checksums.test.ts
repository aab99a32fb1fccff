import { describe, expect, it } from 'vitest';
import { checksumBase64, checksumBytes, softwareCrc32 } from '#local/emulators/s3/checksums';

// Check values from the CRC catalogue: the checksum of the ASCII string "123456789".
const CHECK_INPUT = Buffer.from('123456789');

describe('S3 flexible checksum algorithms', () => {
  it('match the published check values', () => {
    expect(checksumBytes('CRC32', CHECK_INPUT).toString('hex')).toBe('cbf43926');
    expect(checksumBytes('CRC32C', CHECK_INPUT).toString('hex')).toBe('e3069283');
    expect(checksumBytes('CRC64NVME', CHECK_INPUT).toString('hex')).toBe('ae8b14860a799888');
    expect(softwareCrc32(CHECK_INPUT).toString(16)).toBe('cbf43926');
  });

  it('encode the empty input as S3 does', () => {
    expect(checksumBase64('CRC32', Buffer.alloc(0))).toBe('AAAAAA==');
    expect(checksumBase64('CRC64NVME', Buffer.alloc(0))).toBe('AAAAAAAAAAA=');
    expect(checksumBase64('SHA256', Buffer.alloc(0))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});
