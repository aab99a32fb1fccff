/**
 * Magic numbers of binary files people drop into an intake bucket by mistake (scans, exports, archives). Naming the
 * kind in the failure tells the practice what to send instead.
 */

interface BinarySignature {
  kind: string;
  bytes: readonly number[];
}

const SIGNATURES: readonly BinarySignature[] = [
  { kind: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'ZIP archive (or an Office/OpenDocument file)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'ZIP archive (empty)', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'legacy Microsoft Office file (OLE2)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

const DICOM_MAGIC_OFFSET = 128;
const DICOM_MAGIC = [0x44, 0x49, 0x43, 0x4d] as const;

/** The kind of binary file the bytes start with, or undefined when no known signature matches. */
export function binarySignatureKind(bytes: Uint8Array): string | undefined {
  for (const signature of SIGNATURES) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((value, index) => bytes[index] === value)) {
      return signature.kind;
    }
  }
  if (
    bytes.length >= DICOM_MAGIC_OFFSET + DICOM_MAGIC.length &&
    DICOM_MAGIC.every((value, index) => bytes[DICOM_MAGIC_OFFSET + index] === value)
  ) {
    return 'DICOM image';
  }
  return undefined;
}
