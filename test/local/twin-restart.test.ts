/**
 * `npm start` keeps the twin's data in .claimflow/data: a restarted twin on the same folder shows the documents and
 * claims of the previous run (DynamoDB items, S3 objects and SQS messages alike), and a fresh folder (`--fresh`)
 * shows none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { listClaims } from '#local/cli/list-claims';
import { listDocuments } from '#local/cli/list-documents';
import type { LocalTwin } from '#local/twin/twin';
import { startTestTwin } from '#test/support/twin';

const NOTE = `Patient: Ana Rivera
DOB: 1970-02-03
Sex: F
Date of service: ${new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)}
Member ID: SB123456789
Payer: SANDBOX1
Billing NPI: 1987654328
Visit type: established
Total time: 25 minutes

CHIEF COMPLAINT: Follow-up of diabetes and blood pressure.
ASSESSMENT:
1. Type 2 diabetes mellitus without complications.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.
`;

const running: LocalTwin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
});

async function twinOn(dataDir: string): Promise<LocalTwin> {
  const twin = await startTestTwin({ dataDir });
  running.push(twin);
  return twin;
}

async function documentsAndClaims(twin: LocalTwin) {
  const client = DynamoDBDocumentClient.from(twin.dynamodb);
  const documents = await listDocuments(client, twin.outputs.TableName!);
  const claims = await listClaims(client, twin.outputs.TableName!);
  return {
    documents: documents.map((d) => ({ key: d.key, status: d.status })).sort((a, b) => a.key.localeCompare(b.key)),
    claims: claims.map((c) => ({ id: c.id, status: c.status })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('twin data across restarts', () => {
  it('shows the documents, claims, objects and queued messages of the previous run after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'claimflow-data-'));
    const first = await twinOn(dataDir);
    const bucket = first.outputs.IntakeBucketName!;
    await first.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbox/restart/visit.txt', Body: NOTE }));
    await first.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbox/restart/list.txt', Body: 'eggs, milk' }));
    await first.waitUntilDrained();
    const before = await documentsAndClaims(first);
    const heldBefore = first.queues().map((q) => [q.logicalId, q.visible]);
    await first.stop();
    running.splice(0);

    const second = await twinOn(dataDir);
    await second.waitUntilDrained();

    expect(before.documents).toHaveLength(2);
    expect(before.claims).toHaveLength(1);
    expect(await documentsAndClaims(second)).toEqual(before);
    expect(second.queues().map((q) => [q.logicalId, q.visible])).toEqual(heldBefore);
    const kept = await second.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'inbox/restart/visit.txt' }));
    expect(await kept.Body!.transformToString()).toBe(NOTE);
    await second.stop();
    running.splice(0);

    // `npm start -- --fresh` removes the folder before starting.
    rmSync(dataDir, { recursive: true, force: true });
    const fresh = await twinOn(dataDir);

    expect(await documentsAndClaims(fresh)).toEqual({ documents: [], claims: [] });
    expect(fresh.queues().every((q) => q.visible === 0)).toBe(true);
  });
});
