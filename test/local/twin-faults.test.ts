/**
 * The fault matrix on the twin, with AWS-like timing (scaled visibility timeouts, real redelivery and dead-lettering):
 * the same visit arriving at once under two keys and as two versions queues one claim; oversized and pathological
 * documents end FAILED with a reason; DynamoDB down longer than every retry leaves nothing silent once it returns
 * (the reconciler records the dead letters and gets every document settled; a redrive afterwards changes nothing);
 * and after all of it, the PHI in those documents is nowhere outside the domain table's items: not in the
 * idempotency table, the table's keys and indexes, object metadata, logs or metrics.
 *
 * The exhaustive crash-between-every-pair-of-writes matrix runs against in-memory ports (test/unit/pipeline); here
 * a few cases show the same holds with the real services' timing.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentEntry } from '#core/intake/document-ledger';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { redrive } from '#local/cli/redrive';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';
import { until } from '#test/support/until';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

/** Values that appear nowhere but in these documents. */
const PHI = {
  lastName: 'Quuxleyphi',
  firstName: 'Zyxwvutphi',
  birthDate: '1931-07-19',
  memberId: 'PHIZ98765431',
  street: '77 Xylophonephi Lane',
  noteWord: 'ornithopterphi',
};

const dateOfService = daysAgo(10);

const CSV_HEADER =
  'encounter_id,patient_last_name,patient_first_name,patient_dob,patient_sex,patient_mrn,member_id,group_number,payer_id,payer_name,billing_npi,billing_tin,billing_name,rendering_npi,date_of_service,place_of_service,procedure_code,modifiers,units,charge,diagnosis_codes,notes';

function superbill(encounters: number, linesEach: number): string {
  const rows = [CSV_HEADER];
  for (let e = 0; e < encounters; e++) {
    for (let l = 0; l < linesEach; l++) {
      const who =
        l === 0
          ? `${PHI.lastName},${PHI.firstName},${PHI.birthDate},F,MRN-${e},${PHI.memberId},GRP-1,SANDBOX1,Sandbox Health Plan,1987654328,84-1234567,Maple Grove Family Medicine,1456789019`
          : ',,,,,,,,,,,,';
      rows.push(
        `E-${e},${who},${dateOfService},11,${l === 0 ? '99213' : '36415'},,1,25.00,J06.9,"${PHI.noteWord} at ${PHI.street}"`,
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

function visitJson(encounterId: string, overrides: { charge?: string; memberId?: string } = {}): string {
  return cleanVisitJson({
    encounterId,
    patient: {
      lastName: PHI.lastName,
      firstName: PHI.firstName,
      birthDate: PHI.birthDate,
      sex: 'F',
      address: { lines: [PHI.street], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    memberId: overrides.memberId ?? PHI.memberId,
    dateOfService,
    procedures: [{ code: '99213', units: 1, charge: overrides.charge ?? '135.00', diagnosisCodes: ['J06.9'] }],
    noteText: `Sore throat for three days, ${PHI.noteWord}. Assessment: acute upper respiratory infection.`,
  });
}

let twin: LocalTwin;
let claims: DynamoDbClaimStore;
const logLines: string[] = [];

async function upload(key: string, body: string | Uint8Array): Promise<void> {
  await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
}

async function entriesUnder(prefix: string): Promise<DocumentEntry[]> {
  return (await ledgerEntries(twin)).filter((e) => e.key.startsWith(prefix));
}

/** The claim's moves into QUEUED and SUBMITTED (not annotations such as a 999 noted on a SUBMITTED claim). */
async function queuedAndSent(claimId: string): Promise<string[]> {
  const { items } = await claims.history(claimId);
  return items.filter((e) => e.from !== e.to && (e.to === 'QUEUED' || e.to === 'SUBMITTED')).map((e) => e.to);
}

function intakeDeadLetters(): number {
  const dlq = twin.queues().find((q) => q.logicalId.startsWith('IntakeQueue') && q.deadLetterQueue);
  return (dlq?.visible ?? 0) + (dlq?.inFlight ?? 0);
}

beforeAll(async () => {
  twin = await startTestTwin({
    log: (_fn, _stream, text) => void logLines.push(text),
    // Stuck after a few seconds instead of half an hour, so the test need not wait; the logic is the deployed one,
    // run by the template's schedule (its period scaled by the twin's time scale).
    customize: (stack) => stack.reconciliation.reconcile.function.addEnvironment('RECONCILE_STUCK_AFTER_SECONDS', '8'),
  });
  claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
});

afterAll(async () => {
  await twin?.stop();
});

describe('the fault matrix on the twin', () => {
  it('submits one claim for a visit uploaded at once under two keys and as two versions of one key', async () => {
    const visit = visitJson('V-DUP', { memberId: 'DUPM0000001' });
    await Promise.all([
      upload('inbox/dup/visit.json', visit),
      upload('inbox/dup/visit-resent.json', visit),
      upload('inbox/dup/visit.json', `${visit}\n`),
    ]);
    await twin.waitUntilDrained();

    const entries = await entriesUnder('inbox/dup/');
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.status === 'CODED' || e.status === 'NEEDS_REVIEW')).toBe(true);
    // Claim ids derive from the visit's content and position, so two documents may name the same claim: count claims.
    const claimIds = [...new Set(entries.flatMap((e) => e.claimIds ?? []))];
    const statuses = await Promise.all(claimIds.map(async (id) => (await claims.get(id))?.status));
    // The one clean claim went through the submission queue to the clearinghouse; the others wait for a person, or
    // were superseded by the later upload of the visit before anything was sent (core/pipeline/replace-earlier-claim).
    expect(statuses.filter((s) => s === 'SUBMITTED')).toHaveLength(1);
    expect(statuses.filter((s) => s !== 'SUBMITTED').every((s) => s === 'NEEDS_REVIEW' || s === 'VOIDED')).toBe(true);
  });

  it('fails oversized and pathological documents with a specific reason and a quarantine copy', async () => {
    await Promise.all([
      upload('inbox/bad/many-lines.csv', superbill(1, 1000)),
      // Past the absolute cap of visits per document (fewer are coded in pieces: twin-large-documents.test.ts).
      upload('inbox/bad/many-visits.csv', superbill(10_001, 1)),
      upload('inbox/bad/huge-charge.json', visitJson('V-HUGE', { charge: '99999999999999999999.00' })),
      upload('inbox/bad/broken.json', visitJson('V-BROKEN').replace(`"${PHI.firstName}"`, `"${PHI.firstName}" ,,`)),
      upload('inbox/bad/empty.txt', ''),
    ]);
    await twin.waitUntilDrained();

    const reasons = Object.fromEntries((await entriesUnder('inbox/bad/')).map((e) => [e.key, e.failure?.reason]));
    expect(reasons).toEqual({
      'inbox/bad/many-lines.csv': 'too_many_lines',
      'inbox/bad/many-visits.csv': 'too_many_encounters',
      // The parser refuses an amount beyond the exactly representable range; the pipeline's own bound is the backstop.
      'inbox/bad/huge-charge.json': expect.stringMatching(/^(amount_out_of_range|unparseable)$/),
      'inbox/bad/broken.json': 'unparseable',
      'inbox/bad/empty.txt': 'empty',
    });
    for (const entry of await entriesUnder('inbox/bad/')) {
      expect(entry.status).toBe('FAILED');
      expect(entry.quarantineKey).toMatch(/^quarantine\//);
      expect(entry.claimIds ?? []).toEqual([]);
    }
  });

  it('settles every document of a DynamoDB outage longer than the retries once it returns, through the reconciler', async () => {
    const tableName = twin.outputs.TableName!;
    const { Table } = await twin.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    await twin.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
    await until(
      async () => !(await twin.dynamodb.send(new DescribeTableCommand({ TableName: tableName })).catch(() => false)),
      'the table is gone',
    );

    const keys = ['inbox/outage/a.json', 'inbox/outage/b.json', 'inbox/outage/c.json'];
    await Promise.all(
      keys.map((key, i) => upload(key, visitJson(`V-OUT-${i}`, { memberId: `OUT${randomUUID().slice(0, 8)}` }))),
    );
    await until(async () => intakeDeadLetters() >= keys.length, 'every notification is dead-lettered', 300_000);

    await twin.dynamodb.send(new CreateTableCommand(recreation(Table!)));
    // Nobody intervenes: the scheduled reconciler records the dead letters and sends the documents back.
    await until(
      async () => (await entriesUnder('inbox/outage/')).filter((e) => e.status !== 'RECEIVED').length === keys.length,
      'the reconciler settled every document of the outage',
      150_000,
    );
    await twin.waitUntilDrained();

    const settled = await entriesUnder('inbox/outage/');
    expect(settled.map((e) => e.status).sort()).toEqual(['CODED', 'CODED', 'CODED']);
    expect(settled.every((e) => e.deadLetter !== undefined && (e.reconcileAttempts ?? 0) >= 1)).toBe(true);
    expect(twin.metrics.sum('ItemsReconciled')).toBeGreaterThanOrEqual(2 * keys.length);

    // The operator redrives the dead letters afterwards: every one is answered as a duplicate, nothing is sent twice.
    // Responses keep arriving meanwhile (the sandbox acknowledges and pays these claims), so what must not change is
    // how many times each claim was queued and sent.
    const sendsBefore = await Promise.all(settled.map(async (e) => queuedAndSent(e.claimIds![0]!)));
    const moved = await redrive(
      twin.sqs,
      { queueUrl: twin.outputs.IntakeQueueUrl!, deadLetterQueueUrl: twin.outputs.IntakeDeadLetterQueueUrl! },
      100,
    );
    await twin.waitUntilDrained();
    expect(moved.moved).toBeGreaterThanOrEqual(keys.length);
    expect(intakeDeadLetters()).toBe(0);
    const sendsAfter = await Promise.all(settled.map(async (e) => queuedAndSent(e.claimIds![0]!)));
    expect(sendsAfter).toEqual(sendsBefore);
    expect(sendsAfter.every((moves) => moves.join() === 'QUEUED,SUBMITTED')).toBe(true);
  }, 600_000);

  it('keeps the PHI of every document above out of everything outside the domain table items', async () => {
    const needles = Object.values(PHI);
    const found: string[] = [];
    const search = (where: string, text: string) => {
      for (const needle of needles) if (text.includes(needle)) found.push(`${where}: ${needle}`);
    };

    // The idempotency table, every attribute; the domain table's keys and index attributes (item contents are the
    // encrypted domain data and may hold PHI).
    for (const [logicalId, resource] of twin.resources) {
      if (resource.type !== 'AWS::DynamoDB::Table') continue;
      const domain = resource.ref === twin.outputs.TableName;
      for (const item of await scanAll(resource.ref)) {
        const attributes = domain
          ? ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'dupKey'].map((a) => item[a])
          : [item];
        search(`${logicalId} ${domain ? 'keys' : 'items'}`, JSON.stringify(attributes));
      }
    }
    // Object metadata of every object in the bucket (inbox documents and quarantine copies).
    const bucket = twin.outputs.IntakeBucketName!;
    const objects: string[] = [];
    let token: string | undefined;
    do {
      const page = await twin.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      objects.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(objects.some((key) => key.startsWith('quarantine/'))).toBe(true);
    for (const key of objects) {
      const head = await twin.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      search(`metadata of ${key}`, JSON.stringify(head.Metadata ?? {}));
    }
    // Every log line and every metric point the functions wrote.
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) search('log', line);
    search('metrics', JSON.stringify(twin.metrics.points));

    expect(found).toEqual([]);
  });
});

async function scanAll(tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await twin.dynamodb.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start as never }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The table as it was described, for recreating it after the simulated outage. */
function recreation(table: TableDescription): CreateTableCommandInput {
  return {
    TableName: table.TableName!,
    AttributeDefinitions: table.AttributeDefinitions!,
    KeySchema: table.KeySchema!,
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.map((index) => ({
      IndexName: index.IndexName!,
      KeySchema: index.KeySchema!,
      Projection: index.Projection!,
    })),
  };
}
