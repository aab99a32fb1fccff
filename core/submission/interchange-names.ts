/**
 * Names derived from an interchange's sender and control number: its record id, the idempotency key its send carries
 * and its archive name. Each is a function of (sender, ISA13) only, so every resend of one interchange carries the
 * same key, and two interchanges (whose ISA13s never repeat per sender) never share one. No PHI in any of them.
 */
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';

/** ISA06 as a name part: trimmed, and anything outside letters, digits, "." and "-" replaced (ISA ids allow spaces). */
export function senderIdOf(identity: SubmitterIdentity): string {
  const { qualifier, id } = identity.interchangeSender;
  return `${qualifier}-${id.trim().replace(/[^A-Za-z0-9.-]/g, '_')}`;
}

/** Claims with the same sender and receiver (ISA and GS) may travel in one interchange. */
export function senderKeyOf(identity: SubmitterIdentity): string {
  return JSON.stringify([
    identity.interchangeSender,
    identity.interchangeReceiver,
    identity.applicationSenderCode,
    identity.applicationReceiverCode,
    identity.submitter.id,
    identity.receiver.id,
    identity.usage,
  ]);
}

const isa13 = (controlNumber: number) => String(controlNumber).padStart(9, '0');

export function interchangeIdFor(senderId: string, controlNumber: number): string {
  return `${senderId}:${isa13(controlNumber)}`;
}

/** Matches the Clearinghouse port's IDEMPOTENCY_KEY rule (8-128 of letters, digits, ".", "_", ":", "-"). */
export function idempotencyKeyFor(senderId: string, controlNumber: number): string {
  return `cf837:${senderId}:${isa13(controlNumber)}`.slice(0, 128);
}

/** `<sender>/<yyyy-mm-dd>/<ISA13>.x12`, under the archive's prefix: one object per interchange, listable by day. */
export function archiveNameFor(senderId: string, controlNumber: number, createdAt: string): string {
  return `${senderId}/${createdAt.slice(0, 10)}/${isa13(controlNumber)}.x12`;
}
