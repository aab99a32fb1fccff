/**
 * The raw archive and the remittance queue (core/responses/keep-raw-response.ts ports) in memory, each able to fail
 * its next calls, for tests of whatever brings responses in (the webhook, the mailbox poller).
 */
import { type RemittancePointerMessage, remittancePointerMessage } from '#contracts/messages';
import type { AcceptedContentType, RawResponseArchive, RemittanceQueue } from '#core/responses/keep-raw-response';

export class MemoryRawResponseArchive implements RawResponseArchive {
  readonly bucket = 'claimflow-intake';
  readonly objects = new Map<string, { body: Uint8Array; contentType: AcceptedContentType }>();
  /** Puts counted, failed ones included. */
  puts = 0;
  /** How many of the next puts fail. */
  failures = 0;
  async put(key: string, body: Uint8Array, contentType: AcceptedContentType) {
    this.puts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SlowDown');
    }
    this.objects.set(key, { body, contentType });
    return { versionId: `v${this.puts}` };
  }
  text(key: string): string | undefined {
    const object = this.objects.get(key);
    return object && new TextDecoder().decode(object.body);
  }
}

export class MemoryRemittanceQueue implements RemittanceQueue {
  readonly messages: RemittancePointerMessage[] = [];
  /** How many of the next sends fail. */
  failures = 0;
  /** Fails every send whose pointer this returns true for (a poisoned file), as long as it is set. */
  refuse?: (message: RemittancePointerMessage) => boolean;
  async send(message: RemittancePointerMessage) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('ServiceUnavailable');
    }
    if (this.refuse?.(message)) throw new Error('ServiceUnavailable');
    // As the SQS adapter does: a pointer the consumer would refuse is a bug of the producer.
    this.messages.push(remittancePointerMessage.parse(message));
  }
}
