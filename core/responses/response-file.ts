/**
 * The X12 inside a response file as it was kept: raw X12 (a mailbox download, an SFTP drop, a clearinghouse posting
 * `application/edi-x12`) or the sandbox's JSON webhook envelope `{ type: "x12.response.available", data: { x12 } }`.
 * The file's identity is the SHA-256 of the X12 itself, so the same response delivered by webhook and by mailbox is
 * one file and is applied once.
 */
import { createHash } from 'node:crypto';

export type ResponseText =
  /** `bodySha256` is the digest of the body as kept (the webhook's pointer records it); `fileId` that of its X12. */
  { ok: true; x12: string; fileId: string; bodySha256: string } | { ok: false; fileId: string; reason: string };

export function responseText(body: string | Uint8Array): ResponseText {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, fileId: sha256(bytes), reason: 'the file is not UTF-8 text (X12 is plain text)' };
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const x12 = envelopeX12(trimmed);
    if (typeof x12 !== 'string')
      return { ok: false, fileId: sha256(bytes), reason: `the JSON file is not a response envelope: ${x12.reason}` };
    return { ok: true, x12, fileId: sha256(new TextEncoder().encode(x12)), bodySha256: sha256(bytes) };
  }
  const digest = sha256(bytes);
  return { ok: true, x12: text, fileId: digest, bodySha256: digest };
}

function envelopeX12(text: string): string | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'it does not parse as JSON' };
  }
  const data = (value as { data?: unknown } | null)?.data;
  const x12 = (data as { x12?: unknown } | null | undefined)?.x12;
  if (typeof x12 !== 'string' || x12.length === 0) return { reason: 'data.x12 is missing or empty' };
  return x12;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
