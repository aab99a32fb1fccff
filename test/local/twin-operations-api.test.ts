/**
 * The operations API on the twin, as the CLI uses it on AWS: every request SigV4-signed (the twin checks signatures as
 * API Gateway's AWS_IAM authorization does), the signed caller recorded as the actor, core/operations behind one
 * function, refusals answered with their kind and status and nothing changed.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationPath } from '#contracts/http-routes';
import { type OperationsApi, OperationsApiError, operationsApi } from '#local/operations-api/client';
import { signRequest } from '#local/operations-api/sigv4';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';

const NOTE = `Patient: Ana Rivera
DOB: 1970-02-03
Sex: F
Date of service: 2026-11-20
Billing NPI: 1987654328
Visit type: established
Total time: 25 minutes

CHIEF COMPLAINT: Follow-up of diabetes and blood pressure.
ASSESSMENT:
1. Type 2 diabetes mellitus without complications.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.
`;

let twin: LocalTwin;
let claimId: string;
let ana: OperationsApi;

function apiAs(accessKeyId: string, secretAccessKey = 'local'): OperationsApi {
  return operationsApi({
    baseUrl: twin.outputs.OperationsApiUrl!,
    region: twin.intrinsicContext.region,
    credentials: async () => ({ accessKeyId, secretAccessKey }),
  });
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; kind: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OperationsApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, kind: error.kind, message: error.message };
}

beforeAll(async () => {
  twin = await startTestTwin({ clearinghouse: false });
  // A note without member id or payer: its claim waits for a person.
  await twin.s3.send(
    new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: 'inbox/ops/visit.txt', Body: NOTE }),
  );
  await twin.waitUntilDrained();
  const entry = (await ledgerEntries(twin)).find((e) => e.key === 'inbox/ops/visit.txt');
  claimId = entry!.claimIds![0]!;
  ana = apiAs('local-ana');
}, 180_000);

afterAll(async () => {
  await twin?.stop();
});

describe('authentication (AWS_IAM)', () => {
  it('refuses an unsigned request and a request signed with the wrong secret, with 403, before the function runs', async () => {
    const fn = [...twin.runtimes.values()].find((r) => r.definition.functionName.includes('Operations'))!;
    const before = fn.invocations;
    const unsigned = await fetch(`${twin.outputs.OperationsApiUrl}${operationPath('show')}`, {
      method: 'POST',
      body: JSON.stringify({ claimId }),
    });
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect(await refusal(apiAs('local-ana', 'not-the-secret').run('show', { claimId }))).toMatchObject({
      status: 403,
      kind: 'forbidden',
      message: expect.stringMatching(/signature/),
    });
    expect(fn.invocations).toBe(before);
  });

  it('refuses a signed request whose body was changed on the way (the payload hash is signed)', async () => {
    const url = new URL(`${twin.outputs.OperationsApiUrl}${operationPath('show')}`);
    const body = JSON.stringify({ claimId });
    const headers = await signRequest(
      { method: 'POST', url, headers: {}, body },
      { accessKeyId: 'local', secretAccessKey: 'local' },
      'us-east-1',
    );
    const tampered = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ claimId: 'CF0000' }) });
    expect(tampered.status).toBe(403);
  });
});

describe('operator actions through the API', () => {
  it('shows a claim with its review reasons and timeline', async () => {
    const view = (await ana.run('show', { claimId })) as { claim?: { id: string }; timeline: unknown[] };
    expect(JSON.stringify(view)).toContain(claimId);
    expect(view.timeline.length).toBeGreaterThan(0);
  });

  it('records the signed caller as the actor of a change, and refuses a body that names someone else', async () => {
    await ana.run('note', { claimId, text: 'called the patient for the member id' });
    const view = (await ana.run('show', { claimId })) as { timeline: { actor?: string; action?: string }[] };
    expect(view.timeline.at(-1)).toMatchObject({ actor: 'arn:aws:iam::000000000000:user/ana' });
    expect(
      await refusal(ana.run('note', { claimId, text: 'x', actor: 'arn:aws:iam::000000000000:user/bob' })),
    ).toMatchObject({ status: 400, kind: 'invalid_request', message: expect.stringMatching(/signed caller/) });
  });

  it('lists the work queue with filters and totals', async () => {
    const { practiceId } = (await ana.run('show', { claimId })) as { practiceId: string };
    const queue = (await ana.run('workQueue', { practiceId })) as { rows: { id: string }[]; total: unknown };
    expect(queue.rows.map((r) => r.id)).toContain(claimId);
    expect(queue.total).toBeDefined();
    const none = (await ana.run('workQueue', { practiceId, owner: 'PATIENT' })) as { rows: { id: string }[] };
    expect(none.rows.map((r) => r.id)).not.toContain(claimId);
  });

  it('answers refusals with their kind and status and changes nothing', async () => {
    const before = JSON.stringify(await ana.run('show', { claimId }));
    expect(await refusal(ana.run('show', { claimId: 'CF00000000000000000000' }))).toMatchObject({
      status: 404,
      kind: 'not_found',
    });
    expect(await refusal(ana.run('frobnicate', { claimId }))).toMatchObject({ status: 400, kind: 'invalid_request' });
    expect(await refusal(ana.run('void', { claimId, reason: 'x', extra: true }))).toMatchObject({
      status: 400,
      kind: 'invalid_request',
    });
    expect(JSON.stringify(await ana.run('show', { claimId }))).toBe(before);
  });
});
