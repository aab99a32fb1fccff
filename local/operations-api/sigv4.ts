/**
 * SigV4 for the operations API, over @smithy/signature-v4 (the signer every AWS SDK v3 client uses) with node:crypto
 * for SHA-256: signing a request as the CLI sends it to API Gateway (service `execute-api`), and checking one as the
 * twin's stand-in for API Gateway's AWS_IAM authorization does.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** SHA-256, or HMAC-SHA256 with a key: the Checksum shape the signer takes. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

function signer(credentials: Credentials, region: string): SignatureV4 {
  return new SignatureV4({ credentials, region, service: 'execute-api', sha256: Sha256, uriEscapePath: true });
}

function toHttpRequest(request: SignableRequest) {
  const query: Record<string, string> = {};
  for (const [name, value] of request.url.searchParams) query[name] = value;
  return {
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    ...(request.url.port ? { port: Number(request.url.port) } : {}),
    path: request.url.pathname,
    query,
    headers: { ...request.headers, host: request.url.host },
    body: request.body,
  };
}

/** The headers to send: the request's own plus host, x-amz-date, x-amz-content-sha256 (and the token), authorization. */
export async function signRequest(
  request: SignableRequest,
  credentials: Credentials,
  region: string,
  at: Date = new Date(),
): Promise<Record<string, string>> {
  const withPayloadHash = {
    ...request,
    headers: { ...request.headers, 'x-amz-content-sha256': createHash('sha256').update(request.body).digest('hex') },
  };
  const signed = await signer(credentials, region).sign(toHttpRequest(withPayloadHash), { signingDate: at });
  return signed.headers as Record<string, string>;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/execute-api\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export type Verdict = { ok: true; accessKeyId: string } | { ok: false; reason: string };

/**
 * Checks a request's SigV4 signature as API Gateway does: the credential scope (region, service), the signed headers
 * (host and x-amz-date at least), the time (within 5 minutes), the payload hash, and the signature itself, made again
 * with the secret the access key id names.
 */
export async function verifyRequest(
  request: SignableRequest,
  region: string,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date = new Date(),
): Promise<Verdict> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const match = AUTHORIZATION.exec(headers.authorization ?? '');
  if (!match) return { ok: false, reason: 'Missing Authentication Token' };
  const [, accessKeyId, scopeDate, scopeRegion, signedHeaderList, signature] = match as unknown as string[];
  if (scopeRegion !== region) return { ok: false, reason: `Credential should be scoped to a valid region (${region})` };
  const signedHeaders = signedHeaderList!.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date'))
    return { ok: false, reason: 'host and x-amz-date must be signed' };
  const date = AMZ_DATE.exec(headers['x-amz-date'] ?? '');
  if (!date || !headers['x-amz-date']!.startsWith(scopeDate!)) return { ok: false, reason: 'x-amz-date is invalid' };
  const at = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!));
  if (Math.abs(now.getTime() - at.getTime()) > 5 * 60_000) return { ok: false, reason: 'Signature expired' };
  const payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash && payloadHash !== createHash('sha256').update(request.body).digest('hex'))
    return { ok: false, reason: 'The request body does not match x-amz-content-sha256' };
  const secret = secretFor(accessKeyId!);
  if (secret === undefined) return { ok: false, reason: 'The security token included in the request is invalid' };
  const signedOnly = Object.fromEntries(signedHeaders.filter((h) => h !== 'host').map((h) => [h, headers[h] ?? '']));
  const again = await signer(
    {
      accessKeyId: accessKeyId!,
      secretAccessKey: secret,
      ...(headers['x-amz-security-token'] ? { sessionToken: headers['x-amz-security-token'] } : {}),
    },
    region,
  ).sign(toHttpRequest({ ...request, headers: signedOnly }), {
    signingDate: at,
    signableHeaders: new Set(signedHeaders),
  });
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(again.headers.authorization))?.[1] ?? '';
  const ok = expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return ok
    ? { ok: true, accessKeyId: accessKeyId! }
    : { ok: false, reason: 'The request signature we calculated does not match the signature you provided' };
}
