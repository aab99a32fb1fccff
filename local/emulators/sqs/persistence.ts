/**
 * Keeps the SQS emulator's queues and messages in `journal.jsonl` inside a folder, so they survive a restart of the
 * twin: each send, receive (receive count and visibility), visibility change, delete and purge is a line written as
 * it happens. Loading replays the journal and compacts it to one line per queue and message. Messages keep their
 * ids, receive counts and visibility deadlines, so a message in flight when the twin stopped reappears when its
 * visibility timeout ends and is still redriven after maxReceiveCount receives, as on SQS.
 */
import { join } from 'node:path';
import { Journal } from '../persistence/journal.ts';
import type { Queue, StoredMessage } from './queue.ts';
import { settingsAsAttributes } from './queue-attributes.ts';
import type { QueueSnapshot, RegistryObserver } from './registry.ts';

type MessageState = Pick<StoredMessage, 'visibleAt' | 'receiveCount' | 'firstReceivedAt' | 'receiptHandle'>;

type SqsRecord =
  | { t: 'queue'; name: string; createdAt: number; lastModifiedAt: number; attributes: Record<string, string> }
  | { t: 'queue-deleted'; name: string }
  | { t: 'message'; queue: string; message: StoredMessage }
  | { t: 'state'; queue: string; id: string; state: MessageState }
  | { t: 'removed'; queue: string; id: string }
  | { t: 'purged'; queue: string };

export class SqsPersistence implements RegistryObserver {
  readonly #journal: Journal<SqsRecord>;

  private constructor(journal: Journal<SqsRecord>) {
    this.#journal = journal;
  }

  /** Reads the folder back (creating it when new) and returns the queues it holds. */
  static open(directory: string): { persistence: SqsPersistence; queues: QueueSnapshot[] } {
    const { journal, records } = Journal.open<SqsRecord>(join(directory, 'journal.jsonl'));
    const queues = replay(records);
    journal.compact(
      queues.flatMap((q): SqsRecord[] => [
        {
          t: 'queue',
          name: q.name,
          createdAt: q.createdAt,
          lastModifiedAt: q.lastModifiedAt,
          attributes: q.attributes,
        },
        ...q.messages.map((message): SqsRecord => ({ t: 'message', queue: q.name, message })),
      ]),
    );
    return { persistence: new SqsPersistence(journal), queues };
  }

  queueSaved(queue: Queue): void {
    this.#journal.append({
      t: 'queue',
      name: queue.name,
      createdAt: queue.createdAt,
      lastModifiedAt: queue.lastModifiedAt,
      attributes: settingsAsAttributes(queue.settings),
    });
  }

  queueDeleted(name: string): void {
    this.#journal.append({ t: 'queue-deleted', name });
  }

  messageSaved(queue: Queue, message: StoredMessage): void {
    this.#journal.append({ t: 'message', queue: queue.name, message });
  }

  messageStateChanged(queue: Queue, message: StoredMessage): void {
    const { visibleAt, receiveCount, firstReceivedAt, receiptHandle } = message;
    this.#journal.append({
      t: 'state',
      queue: queue.name,
      id: message.messageId,
      state: { visibleAt, receiveCount, firstReceivedAt, receiptHandle },
    });
  }

  messageRemoved(queue: Queue, messageId: string): void {
    this.#journal.append({ t: 'removed', queue: queue.name, id: messageId });
  }

  purged(queue: Queue): void {
    this.#journal.append({ t: 'purged', queue: queue.name });
  }

  close(): void {
    this.#journal.close();
  }
}

function replay(records: SqsRecord[]): QueueSnapshot[] {
  const queues = new Map<string, QueueSnapshot & { byId: Map<string, StoredMessage> }>();
  for (const record of records) {
    if (record.t === 'queue') {
      const existing = queues.get(record.name);
      if (existing) Object.assign(existing, { lastModifiedAt: record.lastModifiedAt, attributes: record.attributes });
      else queues.set(record.name, { ...record, messages: [], byId: new Map() });
      continue;
    }
    if (record.t === 'queue-deleted') {
      queues.delete(record.name);
      continue;
    }
    const queue = queues.get(record.queue);
    // A change for a queue deleted since (or never created) has nothing left to apply to.
    if (!queue) continue;
    switch (record.t) {
      case 'message':
        queue.byId.set(record.message.messageId, record.message);
        break;
      case 'state': {
        const message = queue.byId.get(record.id);
        if (message) Object.assign(message, record.state);
        break;
      }
      case 'removed':
        queue.byId.delete(record.id);
        break;
      case 'purged':
        queue.byId.clear();
        break;
    }
  }
  return [...queues.values()].map(({ byId, ...queue }) => ({ ...queue, messages: [...byId.values()] }));
}
