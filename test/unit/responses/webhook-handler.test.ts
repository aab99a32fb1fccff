/**
 * The handler's mapping from HTTP API events to answers, for the refusals (they are decided before any AWS call, so
 * no emulator is needed): the status the sender sees and the reason it can act on, never the body.
 */
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const SECRET = `whsec_${Buffer.from('claimflow-test-webhook-secret-32b').toString('base64')}`;
const X12 =
  'ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMFLOW      *261202*0800*^*00501*000000001*0*P*:~';

let receive: (event: unknown) => Promise<{ statusCode?: number; body?: string }>;

beforeAll(async () => {
  for (const [name, value] of Object.entries({
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'claimflow',
    POWERTOOLS_METRICS_NAMESPACE: 'ClaimFlow',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'claimflow-test',
    INTAKE_BUCKET_NAME: 'claimflow-intake',
    RESPONSES_RAW_PREFIX: 'responses/raw/',
    MAX_WEBHOOK_BODY_BYTES: '1024',
    REMITTANCE_QUEUE_URL: 'http://127.0.0.1:1/000000000000/remittance',
    WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:claimflow-webhook-AbCdEf',
    // What the stack sets beside the Parameters and Secrets extension layer.
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
    PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
    PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '1000',
    PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'warn',
    PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '3',
    SECRETS_MANAGER_TIMEOUT_MILLIS: '0',
    SECRETS_MANAGER_TTL: '300',
    SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '0',
    SSM_PARAMETER_STORE_TTL: '300',
  })) {
    vi.stubEnv(name, value);
  }
  // The secrets extension (Secrets Manager) answers with the signing secret, as it does beside a deployed function.
  vi.stubGlobal('fetch', async (url: string) =>
    String(url).includes('/secretsmanager/get?')
      ? Response.json({ SecretString: SECRET })
      : new Response('not here', { status: 404 }),
  );
  ({ receive } = await import('#functions/clearinghouse-webhook/handler'));
});

function event(body: string, headers: Record<string, string>, isBase64Encoded = false) {
  return {
    version: '2.0',
    routeKey: 'POST /webhooks/clearinghouse',
    headers,
    body: isBase64Encoded ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded,
    requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/webhooks/clearinghouse' } },
  };
}

function signedHeaders(body: string, at: Date, secret = SECRET): Record<string, string> {
  return {
    'content-type': 'application/edi-x12',
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign('msg_1', at, body),
  };
}

describe('clearinghouse-webhook handler refusals', () => {
  it('answers 401 to a forged signature, with the reason and without the body', async () => {
    const forged = signedHeaders(
      X12,
      new Date(),
      `whsec_${Buffer.from('some-other-secret-entirely-xxxxx').toString('base64')}`,
    );
    const result = await receive(event(X12, forged, true));
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ status: 'refused', reason: 'invalid_signature' });
    expect(result.body).not.toContain('ISA');
  });

  it('answers 400 to a stale timestamp, 413 past MAX_WEBHOOK_BODY_BYTES, 415 to another content type', async () => {
    const stale = await receive(event(X12, signedHeaders(X12, new Date(Date.now() - 10 * 60_000))));
    expect([stale.statusCode, JSON.parse(stale.body ?? '{}').reason]).toEqual([400, 'stale_timestamp']);
    const big = 'X'.repeat(1025);
    const oversize = await receive(event(big, signedHeaders(big, new Date())));
    expect([oversize.statusCode, JSON.parse(oversize.body ?? '{}').reason]).toEqual([413, 'payload_too_large']);
    const xml = await receive(event(X12, { ...signedHeaders(X12, new Date()), 'content-type': 'application/xml' }));
    expect([xml.statusCode, JSON.parse(xml.body ?? '{}').reason]).toEqual([415, 'unsupported_content_type']);
  });

  it('throws on an event that is not an HTTP API 2.0 event (a wiring mistake is loud, not a 4xx)', async () => {
    await expect(receive({ Records: [] })).rejects.toThrow();
  });
});
