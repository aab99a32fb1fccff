import { describe, expect, it } from 'vitest';
import { documentIdOf } from '#core/intake/document-id';
import type { StoredObject } from '#core/intake/document-ledger';
import { fixedClock } from '#core/kernel/clock';
import { type DocumentObjects, ingestDocument } from '#core/pipeline/ingest-document';
import { InMemoryDocumentLedger } from '#core/storage/memory/document-ledger';

class InMemoryObjects implements DocumentObjects {
  readonly reads: string[] = [];
  readonly quarantined: string[] = [];
  constructor(private readonly bodies: Record<string, Uint8Array | undefined>) {}

  async read(object: StoredObject) {
    this.reads.push(object.key);
    const bytes = this.bodies[object.key];
    return bytes ? { bytes } : undefined;
  }

  async quarantine(object: StoredObject) {
    const key = object.key.replace('inbox/', 'quarantine/');
    this.quarantined.push(key);
    return key;
  }
}

const NOTE = new TextEncoder().encode('CHIEF COMPLAINT: sore throat\nASSESSMENT: Acute pharyngitis.\nPLAN: fluids.\n');

function objectFor(key: string, size: number): StoredObject {
  return { bucket: 'intake', key, versionId: 'v1', size, eTag: 'etag', eventTime: '2026-11-20T10:00:00.000Z' };
}

function ports(bodies: Record<string, Uint8Array | undefined>, maxDocumentBytes = 1024) {
  return {
    ledger: new InMemoryDocumentLedger(),
    objects: new InMemoryObjects(bodies),
    clock: fixedClock('2026-11-20T10:00:01.000Z'),
    source: { bucket: 'intake', inboxPrefix: 'inbox/' },
    maxDocumentBytes,
  };
}

describe('ingestDocument', () => {
  it('accepts a readable clinical note and records its format and digest', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });

    const outcome = await ingestDocument(objectFor('inbox/note.txt', NOTE.length), p);

    expect(outcome.kind).toBe('accepted');
    const entry = (await p.ledger.get(outcome.documentId))!;
    expect(entry).toMatchObject({ status: 'ACCEPTED', format: 'clinical-note', size: NOTE.length });
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a second delivery of the same object as a duplicate without reading it again', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });
    await ingestDocument(objectFor('inbox/note.txt', NOTE.length), p);

    const again = await ingestDocument(objectFor('inbox/note.txt', NOTE.length), p);

    expect(again).toMatchObject({ kind: 'duplicate', status: 'ACCEPTED' });
    expect(p.objects.reads).toEqual(['inbox/note.txt']);
    expect((await p.ledger.listByStatus({ status: 'ACCEPTED' })).items).toHaveLength(1);
  });

  it('resumes an entry left RECEIVED by a crashed attempt', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });
    const object = objectFor('inbox/note.txt', NOTE.length);
    await p.ledger.recordReceived({
      documentId: documentIdOf(object),
      bucket: 'intake',
      key: object.key,
      size: object.size,
      eTag: 'etag',
      status: 'RECEIVED',
      receivedAt: object.eventTime,
      recordedAt: object.eventTime,
      updatedAt: object.eventTime,
    });

    const outcome = await ingestDocument(object, p);

    expect(outcome.kind).toBe('accepted');
  });

  it('fails an oversized object without downloading it, and quarantines it', async () => {
    const p = ports({ 'inbox/huge.txt': NOTE }, 10);

    const outcome = await ingestDocument(objectFor('inbox/huge.txt', 5000), p);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too_large', quarantined: true });
    expect((await p.ledger.get(outcome.documentId))?.quarantineKey).toBe('quarantine/huge.txt');
    expect(p.objects.reads).toEqual([]);
  });

  it('fails an empty object with the reason "empty"', async () => {
    const p = ports({ 'inbox/empty.txt': new Uint8Array(0) });

    const outcome = await ingestDocument(objectFor('inbox/empty.txt', 0), p);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'empty' });
    expect((await p.ledger.get(outcome.documentId))?.failure?.reason).toBe('empty');
  });

  it('fails an object deleted before it could be read, without a quarantine copy', async () => {
    const p = ports({});

    const outcome = await ingestDocument(objectFor('inbox/gone.txt', 10), p);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'object_missing' });
    expect(p.objects.quarantined).toEqual([]);
  });

  it('refuses a notification for another bucket without reading or copying the object', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });

    const outcome = await ingestDocument({ ...objectFor('inbox/note.txt', NOTE.length), bucket: 'elsewhere' }, p);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'refused_notification', quarantined: false });
    expect((await p.ledger.get(outcome.documentId))?.failure?.message).toMatch(
      /bucket elsewhere, not the intake bucket/,
    );
    expect(p.objects.reads).toEqual([]);
  });

  it('refuses an object outside the inbox, and the bare prefix itself', async () => {
    const p = ports({ 'quarantine/note.txt': NOTE, 'inbox/': NOTE });

    for (const key of ['quarantine/note.txt', 'inbox/']) {
      const outcome = await ingestDocument(objectFor(key, NOTE.length), p);
      expect(outcome).toMatchObject({ kind: 'failed', reason: 'refused_notification' });
      expect((await p.ledger.get(outcome.documentId))?.failure?.message).toMatch(/outside inbox\//);
    }
    expect(p.objects.reads).toEqual([]);
  });

  it('refuses an object whose size disagrees with the notification, and quarantines what was read', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });

    const outcome = await ingestDocument(objectFor('inbox/note.txt', NOTE.length + 7), p);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'refused_notification', quarantined: true });
    expect((await p.ledger.get(outcome.documentId))?.failure?.message).toMatch(
      new RegExp(`says ${NOTE.length + 7} bytes but the object has ${NOTE.length}`),
    );
  });

  it('answers as a duplicate when another delivery settled the entry while this one worked', async () => {
    const p = ports({ 'inbox/note.txt': NOTE });
    const object = objectFor('inbox/note.txt', NOTE.length);
    const racing = {
      ...p,
      process: async () => {
        await p.ledger.settle(documentIdOf(object), { status: 'FAILED' }, '2026-11-20T10:00:02.000Z');
        return { status: 'CODED' as const, claimIds: [], reviewReasons: [] };
      },
    };

    const outcome = await ingestDocument(object, racing);

    expect(outcome).toEqual({ kind: 'duplicate', documentId: documentIdOf(object), status: 'FAILED' });
  });
});

describe('documentIdOf', () => {
  it('names the same object version the same way, and a new version differently', () => {
    const first = objectFor('inbox/a.txt', 1);
    expect(documentIdOf(first)).toBe(documentIdOf({ ...first }));
    expect(documentIdOf({ ...first, versionId: 'v2' })).not.toBe(documentIdOf(first));
  });
});
