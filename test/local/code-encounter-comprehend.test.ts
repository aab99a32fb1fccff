/**
 * The code-encounter handler with Amazon Comprehend Medical, against the real adapters: DynamoDB on dynalite, the
 * inbox in the S3 emulator, queues in the SQS emulator, and a fake Comprehend Medical endpoint that speaks the
 * service's JSON protocol (AWS_ENDPOINT_URL_COMPREHENDMEDICAL), so the real SDK client, its retries and the
 * handler's wiring from the practice configuration are what is exercised. Off: nothing reaches the service. On: the
 * note is sent and the service's proposal joins ours for review. Throttled or failing: the visit is coded exactly as
 * with the service off, and what the function prints (logs, EMF metrics) names the cause and never the note.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PIPELINE_METRICS } from '#contracts/metrics';
import { documentIdOf } from '#core/intake/document-id';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbDocumentLedger } from '#functions/common/storage/dynamodb-document-ledger';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { startClaimFlowTable } from '#test/support/dynalite';
import { cleanVisitJson, daysAgo } from '#test/support/visits';
import { s3ClientFor } from './emulators/s3-client.ts';

const BUCKET = 'claimflow-intake';
const PLAIN_NOTE =
  'HPI: Sore throat and congestion for three days.\nASSESSMENT:\n1. Acute upper respiratory infection.\n';
const REFLUX_NOTE = `${PLAIN_NOTE}2. Acid regurgitation after meals.\n`;
const PHI_WORDS = ['regurgitation', 'Sore throat', 'Haddad'];

type Mode = 'answer' | 'throttle' | 'fail';
/** The fake service: how it answers, and every InferICD10CM text it was sent. */
const service = { mode: 'answer' as Mode, texts: [] as string[], targets: [] as string[] };
let comprehendServer: Server;
let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let s3Emulator: S3Emulator;
let sqsEmulator: SqsEmulator;

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
  });
}

/** InferICD10CM as the service answers it: the entities found in the text, offsets in code points. */
function inferIcd10Cm(text: string): unknown {
  const at = text.indexOf('Acid regurgitation');
  if (at < 0) return { Entities: [], ModelVersion: '0.1.0' };
  const begin = Array.from(text.slice(0, at)).length;
  return {
    Entities: [
      {
        Id: 0,
        Text: 'Acid regurgitation',
        Category: 'MEDICAL_CONDITION',
        Type: 'DX_NAME',
        Score: 0.99,
        BeginOffset: begin,
        EndOffset: begin + 18,
        Attributes: [],
        Traits: [{ Name: 'SYMPTOM', Score: 0.58 }],
        ICD10CMConcepts: [
          { Code: 'K21.9', Description: 'Gastro-esophageal reflux disease without esophagitis', Score: 0.97 },
        ],
      },
    ],
    ModelVersion: '0.1.0',
  };
}

beforeAll(async () => {
  comprehendServer = createServer(async (request, response) => {
    const text = (JSON.parse(await body(request)) as { Text: string }).Text;
    service.texts.push(text);
    service.targets.push(String(request.headers['x-amz-target']));
    const [status, answer] =
      service.mode === 'answer'
        ? [200, inferIcd10Cm(text)]
        : service.mode === 'throttle'
          ? [400, { __type: 'TooManyRequestsException', Message: `rate exceeded: ${text}` }]
          : [500, { __type: 'InternalServerException', Message: `internal error on ${text}` }];
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => comprehendServer.listen(0, '127.0.0.1', resolve));

  table = await startClaimFlowTable();
  const dynamoEndpoint = await table.client.config.endpoint?.();
  const dynamoUrl = `${dynamoEndpoint?.protocol}//${dynamoEndpoint?.hostname}:${dynamoEndpoint?.port}`;
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamoUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await raw.send(
    new CreateTableCommand({
      TableName: 'claimflow-idempotency',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  raw.destroy();
  s3Emulator = new S3Emulator();
  await s3Emulator.listen();
  s3Emulator.createBucket(BUCKET);
  sqsEmulator = new SqsEmulator();
  await sqsEmulator.listen();
  const submissionQueue = sqsEmulator.createQueue('submission');
  const intakeQueue = sqsEmulator.createQueue('intake');
  for (const [name, value] of Object.entries({
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'claimflow',
    POWERTOOLS_METRICS_NAMESPACE: 'ClaimFlow',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_LAMBDA_FUNCTION_NAME: 'code-encounter',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_S3: s3Emulator.endpoint,
    AWS_ENDPOINT_URL_SQS: sqsEmulator.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_ENDPOINT_URL_COMPREHENDMEDICAL: `http://127.0.0.1:${(comprehendServer.address() as AddressInfo).port}`,
    TABLE_NAME: table.tableName,
    IDEMPOTENCY_TABLE_NAME: 'claimflow-idempotency',
    INTAKE_BUCKET_NAME: BUCKET,
    INBOX_PREFIX: 'inbox/',
    QUARANTINE_PREFIX: 'quarantine/',
    MAX_DOCUMENT_BYTES: String(5 * 1024 * 1024),
    SUBMISSION_QUEUE_URL: submissionQueue.url,
    INTAKE_QUEUE_URL: intakeQueue.url,
    CLAIMFLOW_PAYER_RULES: SAMPLE_PAYER_RULES,
  })) {
    vi.stubEnv(name, value);
  }
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await table?.stop();
  await s3Emulator?.close();
  await sqsEmulator?.close();
  await new Promise<void>((resolve) => comprehendServer?.close(() => resolve()));
});

const context = {
  functionName: 'code-encounter',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

/**
 * Uploads one visit, hands its notification to a fresh code-encounter (a new execution environment, whose bundled
 * practice configuration has the switch as given) and returns its claim and what the function printed.
 */
async function codeVisit(
  name: string,
  noteText: string,
  comprehendMedical: { enabled: boolean } | undefined,
  ageDays: number,
) {
  const config = JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8'));
  if (comprehendMedical) config.comprehendMedical = comprehendMedical;
  vi.stubEnv('CLAIMFLOW_PRACTICE_CONFIG', JSON.stringify(config));
  vi.resetModules();
  const { handler } = (await import('#functions/code-encounter/handler')) as unknown as {
    handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  };
  const key = `inbox/${name}.json`;
  const document = cleanVisitJson({
    encounterId: `V-${name}`,
    dateOfService: daysAgo(ageDays),
    diagnoses: [],
    noteText,
  });
  const s3 = s3ClientFor(s3Emulator.endpoint);
  const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: document }));
  s3.destroy();
  const notification = {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: new Date().toISOString(),
        s3: {
          bucket: { name: BUCKET },
          object: {
            key,
            size: Buffer.byteLength(document),
            eTag: 'etag',
            ...(put.VersionId ? { versionId: put.VersionId } : {}),
          },
        },
      },
    ],
  };
  const printed: string[] = [];
  const capture = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  // Logs (warnings on stderr) and EMF metrics: everything the function would hand to CloudWatch.
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  let result: SQSBatchResponse;
  try {
    result = await handler(
      {
        Records: [
          { messageId: name, body: JSON.stringify(notification), attributes: { ApproximateReceiveCount: '1' } },
        ],
      } as unknown as SQSEvent,
      context,
    );
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  expect(result).toEqual({ batchItemFailures: [] });
  const documentId = documentIdOf({
    bucket: BUCKET,
    key,
    eTag: 'etag',
    ...(put.VersionId ? { versionId: put.VersionId } : {}),
  });
  const entry = await new DynamoDbDocumentLedger(table.client, table.tableName).get(documentId);
  const claimId = entry?.claimIds?.[0];
  const claim = claimId ? await new DynamoDbClaimStore(table.client, table.tableName).get(claimId) : undefined;
  return { entry, claim, printed: printed.join('') };
}

describe('code-encounter with Amazon Comprehend Medical', () => {
  it('off (the sample configuration): nothing is sent, the visit is coded by our coder', async () => {
    service.texts = [];
    const off = await codeVisit('off', REFLUX_NOTE, undefined, 10);
    expect(service.texts).toEqual([]);
    expect(off.claim?.diagnoses.map((d) => d.code)).toEqual(['J06.9']);
  });

  it('on: sends the note through the SDK, and the proposal joins ours for review', async () => {
    service.mode = 'answer';
    service.texts = [];
    service.targets = [];
    const on = await codeVisit('on', REFLUX_NOTE, { enabled: true }, 11);
    expect(service.texts).toEqual([REFLUX_NOTE]);
    expect(service.targets).toEqual(['ComprehendMedical_20181030.InferICD10CM']);
    expect(on.claim?.diagnoses.map((d) => d.code)).toEqual(['J06.9', 'K21.9']);
    expect(on.claim?.status).toBe('NEEDS_REVIEW');
    expect(on.printed).toContain(`"${PIPELINE_METRICS.comprehendMedicalNotes}":1`);
    // One request of 100-character units, one at least.
    expect(on.printed).toContain(`"${PIPELINE_METRICS.comprehendMedicalUnits}":${Math.ceil(REFLUX_NOTE.length / 100)}`);
  });

  for (const mode of ['throttle', 'fail'] as const) {
    const cause = mode === 'throttle' ? 'throttled' : 'failed';
    it(`on but ${cause}: the visit is coded and routed as with the service off, the cause printed, no PHI`, async () => {
      const off = await codeVisit(`${mode}-off`, PLAIN_NOTE, undefined, mode === 'throttle' ? 12 : 13);
      service.mode = mode;
      service.texts = [];
      const unavailable = await codeVisit(mode, PLAIN_NOTE, { enabled: true }, mode === 'throttle' ? 14 : 15);
      // The SDK retried before giving up; every attempt carried the note, none reached the claim or the output.
      expect(service.texts.length).toBeGreaterThanOrEqual(1);
      expect(unavailable.claim?.diagnoses).toEqual(off.claim?.diagnoses);
      expect(unavailable.claim?.status).toBe(off.claim?.status);
      expect(unavailable.entry?.status).toBe('CODED');
      expect(unavailable.printed).toContain(`"${PIPELINE_METRICS.comprehendMedicalUnavailable}":1`);
      expect(unavailable.printed).toContain(`"cause":"${cause}"`);
      for (const word of PHI_WORDS) expect(unavailable.printed).not.toContain(word);
      expect(unavailable.printed).not.toMatch(/rate exceeded|internal error/);
    });
  }
});
