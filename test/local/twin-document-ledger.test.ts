/**
 * The pipeline's first behaviour on the local twin, end to end through the real SDK clients: every object uploaded
 * under inbox/ gets exactly one ledger entry, whatever the notifications do, and what fails is kept with its reason.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';

const NOTE = 'CHIEF COMPLAINT: cough for five days.\nASSESSMENT: Acute bronchitis.\nPLAN: Supportive care.\n';
const HL7 =
  'MSH|^~\\&|EHR|CLINIC|CLAIMFLOW|BILLING|20261120101500||DFT^P03|MSG0001|P|2.5.1\rPID|1||MRN123||DOE^JANE||19800101|F\r';

let twin: LocalTwin;
let bucket: string;

async function upload(key: string, body: string | Uint8Array): Promise<void> {
  await twin.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** The mapping that feeds code-encounter from the intake queue (the stack has one per consumed queue). */
function intakeEventSource() {
  const source = twin.eventSources.find((s) => s.definition.queueUrl === queueUrl('IntakeQueue'));
  if (!source) throw new Error('no event source for the intake queue');
  return source;
}

function queueUrl(logicalIdPrefix: string, deadLetter = false): string {
  const queue = twin.queues().find((q) => q.logicalId.startsWith(logicalIdPrefix) && q.deadLetterQueue === deadLetter);
  if (!queue) throw new Error(`no queue ${logicalIdPrefix}`);
  return queue.url;
}

beforeAll(async () => {
  twin = await startTestTwin();
  bucket = twin.outputs.IntakeBucketName!;
});

afterAll(async () => {
  await twin?.stop();
});

describe('the document ledger on the local twin', () => {
  it('records N uploads through the real S3 client as N ledger entries', async () => {
    const uploads = Array.from({ length: 8 }, (_, i) => upload(`inbox/batch-one/note-${i}.txt`, NOTE));
    await Promise.all([...uploads, upload('inbox/batch-one/message.hl7', HL7)]);

    await twin.waitUntilDrained();

    const entries = (await ledgerEntries(twin)).filter((e) => e.key.startsWith('inbox/batch-one/'));
    expect(entries).toHaveLength(9);
    expect(entries.filter((e) => !['CODED', 'NEEDS_REVIEW', 'FAILED'].includes(e.status))).toEqual([]);
    expect(entries.find((e) => e.key.endsWith('message.hl7'))?.format).toBe('hl7v2');
  });

  it('keeps one entry per document when the same notification is delivered again', async () => {
    await upload('inbox/duplicate/note.txt', NOTE);
    await twin.waitUntilDrained();
    const head = await twin.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'inbox/duplicate/note.txt' }));
    const duplicatesBefore = twin.metrics.sum('DocumentsDuplicate');
    const notification = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          eventName: 'ObjectCreated:Put',
          eventTime: new Date().toISOString(),
          s3: {
            bucket: { name: bucket },
            object: {
              key: 'inbox/duplicate/note.txt',
              size: NOTE.length,
              eTag: head.ETag!.replaceAll('"', ''),
              versionId: head.VersionId,
            },
          },
        },
      ],
    };

    await twin.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl('IntakeQueue'), MessageBody: JSON.stringify(notification) }),
    );
    await twin.waitUntilDrained();

    const entries = (await ledgerEntries(twin)).filter((e) => e.key === 'inbox/duplicate/note.txt');
    expect(entries).toHaveLength(1);
    expect(twin.metrics.sum('DocumentsDuplicate')).toBe(duplicatesBefore + 1);
  });

  it('fails empty, binary and unknown documents with a specific reason and a copy in quarantine', async () => {
    await upload('inbox/bad/empty.txt', '');
    await upload('inbox/bad/scan.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0)]));
    await upload('inbox/bad/shopping.txt', 'eggs, milk, bread');

    await twin.waitUntilDrained();

    const entries = (await ledgerEntries(twin)).filter((e) => e.key.startsWith('inbox/bad/'));
    const reasons = Object.fromEntries(entries.map((e) => [e.key, e.failure?.reason]));
    expect(reasons).toEqual({
      'inbox/bad/empty.txt': 'empty',
      'inbox/bad/scan.pdf': 'binary',
      'inbox/bad/shopping.txt': 'unknown_format',
    });
    const quarantined = await twin.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'quarantine/bad/scan.pdf' }));
    expect(quarantined.Metadata?.['claimflow-reason']).toBe('binary');
  });

  it('ignores objects outside inbox/, as the notification filter in the template says', async () => {
    await upload('exports/report.txt', NOTE);
    await twin.waitUntilDrained();

    const entries = (await ledgerEntries(twin)).filter((e) => e.key === 'exports/report.txt');
    expect(entries).toHaveLength(0);
  });

  it('moves a message that always fails to the dead-letter queue after maxReceiveCount deliveries', async () => {
    const source = intakeEventSource();
    const sent = await twin.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl('IntakeQueue'), MessageBody: 'not a notification' }),
    );

    await twin.waitUntilDrained({ timeoutMs: 150_000 });

    const dead = await twin.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl('IntakeQueue', true), MaxNumberOfMessages: 10 }),
    );
    expect(dead.Messages?.map((m) => m.MessageId)).toContain(sent.MessageId);
    expect(source.batches.flat().filter((id) => id === sent.MessageId)).toHaveLength(3);
  });

  it('redelivers only the failing record of a batch', async () => {
    await upload('inbox/partial/a.txt', NOTE);
    await upload('inbox/partial/b.txt', NOTE);
    await twin.waitUntilDrained();
    const notificationFor = async (key: string) => {
      const head = await twin.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return JSON.stringify({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            eventTime: new Date().toISOString(),
            s3: {
              bucket: { name: bucket },
              object: { key, size: NOTE.length, eTag: head.ETag!.replaceAll('"', ''), versionId: head.VersionId },
            },
          },
        ],
      });
    };
    const source = intakeEventSource();
    const batchesBefore = source.batches.length;

    const sent = await twin.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl('IntakeQueue'),
        Entries: [
          { Id: 'good1', MessageBody: await notificationFor('inbox/partial/a.txt') },
          { Id: 'bad', MessageBody: '{"Records":[{"eventName":"ObjectRemoved:Delete"}]}' },
          { Id: 'good2', MessageBody: await notificationFor('inbox/partial/b.txt') },
        ],
      }),
    );
    await twin.waitUntilDrained({ timeoutMs: 150_000 });

    const idOf = (entryId: string) => sent.Successful!.find((s) => s.Id === entryId)!.MessageId!;
    const batches = source.batches.slice(batchesBefore);
    const timesDelivered = (id: string) => batches.flat().filter((d) => d === id).length;
    expect(batches[0]).toEqual(expect.arrayContaining([idOf('good1'), idOf('bad'), idOf('good2')]));
    expect(timesDelivered(idOf('good1'))).toBe(1);
    expect(timesDelivered(idOf('good2'))).toBe(1);
    expect(timesDelivered(idOf('bad'))).toBe(3);
  });
});

describe('the twin takes its wiring from the template', () => {
  it('ingests nothing when the stack has no event source mapping for the intake queue', async () => {
    const unwired = await startTestTwin({
      customize: (stack) => {
        const fn = stack.intake.codeEncounter.function;
        const mapping = fn.node.children.find((c) => c.node.id.startsWith('SqsEventSource'));
        if (!mapping) throw new Error('the stack no longer has the event source this test removes');
        fn.node.tryRemoveChild(mapping.node.id);
      },
    });
    try {
      await unwired.s3.send(
        new PutObjectCommand({ Bucket: unwired.outputs.IntakeBucketName, Key: 'inbox/x.txt', Body: NOTE }),
      );
      await unwired.waitUntilDrained();

      expect(await ledgerEntries(unwired)).toHaveLength(0);
      const intake = unwired.queues().find((q) => q.logicalId.startsWith('IntakeQueue') && !q.deadLetterQueue)!;
      expect(intake.visible).toBe(1);
    } finally {
      await unwired.stop();
    }
  });
});
