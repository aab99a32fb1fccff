/**
 * AWS::ApiGatewayV2 (HTTP APIs): each API of the template served on a local port, its routes and Lambda proxy
 * integrations (payload format 2.0) read from the template. A request becomes the event API Gateway sends (route key,
 * raw path and query string, lower-cased headers with repeated values joined by commas, cookies, path parameters,
 * the body base64-encoded unless its content type is text, requestContext with the method, path, stage, request id
 * and times); the function is invoked synchronously through the twin's runtime, and its result is mapped back as
 * API Gateway maps it (a result without `statusCode` is a 200 JSON body).
 *
 * What API Gateway answers itself is answered here too: 404 for no matching route, 413 over the 10 MB request limit,
 * 429 past the stage's throttle (a token bucket per stage, the default route settings' rate and burst), 500 when the
 * function fails or times out, 503 when a function allowed more than 30 s outlasts the integration timeout.
 * Routes with AWS_IAM authorization get the caller's SigV4 signature checked (../iam-authorizer.ts: the twin's local
 * credentials) and 403 when it does not hold, as API Gateway answers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localIamAuthorizer } from '../iam-authorizer.ts';
import type { LocalResourceAttributes } from '../intrinsics.ts';
import { property } from '../template.ts';
import { findFunctionByArn, type LocalFunction, type ResourceProvider, type TwinContext } from './provider.ts';

/** API Gateway's request payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** API Gateway waits this long for a Lambda integration (HTTP APIs: at most 30 s). */
const INTEGRATION_TIMEOUT_SECONDS = 30;

export interface HttpRoute {
  routeKey: string;
  method: string;
  /** Path segments; `{name}` and a last `{name+}` are parameters. */
  segments: string[];
  target: LocalFunction;
  authorization: 'NONE' | 'AWS_IAM';
}

interface ServedApi {
  logicalId: string;
  apiId: string;
  server: Server;
  routes: HttpRoute[];
  stage: string;
  throttle: TokenBucket | undefined;
  baseUrl: string;
}

/** The parts of a request an authorizer sees. */
export interface AuthorizerRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
}
/** Checks an AWS_IAM route's caller; resolves with the identity for `requestContext.authorizer.iam`, or a refusal. */
export type IamAuthorizer = (
  request: AuthorizerRequest,
) => Promise<{ ok: true; iam: Record<string, unknown> } | { ok: false; status: number; message: string }>;

export const apiGatewayV2 = (options: { iamAuthorizer?: IamAuthorizer } = {}): ResourceProvider => {
  const served: ServedApi[] = [];
  let inFlight = 0;
  return {
    types: [
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Stage',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Integration',
    ],
    identify({ logicalId, resource }, twin): LocalResourceAttributes {
      const id = createHash('sha256').update(`${twin.stack.stackName}/${logicalId}`).digest('hex').slice(0, 10);
      if (resource.Type === 'AWS::ApiGatewayV2::Api') {
        // The endpoint is set once the API listens (create), before any function's environment is resolved.
        return { ref: id, attributes: { ApiId: id, ApiEndpoint: `http://${twin.host}:0` } };
      }
      return { ref: id, attributes: {} };
    },
    async create(items, twin) {
      for (const { logicalId, resource } of items.filter((i) => i.resource.Type === 'AWS::ApiGatewayV2::Api')) {
        if (property(resource, 'ProtocolType') !== 'HTTP') {
          throw new Error(
            `API ${logicalId}: the twin serves HTTP APIs only, not ${String(property(resource, 'ProtocolType'))}`,
          );
        }
        const local = twin.intrinsics.resources.get(logicalId)!;
        const api: ServedApi = {
          logicalId,
          apiId: local.ref,
          server: createServer(),
          routes: [],
          stage: '$default',
          throttle: undefined,
          baseUrl: '',
        };
        await new Promise<void>((resolve, reject) => {
          api.server.once('error', reject);
          api.server.listen(0, twin.host, resolve);
        });
        api.baseUrl = `http://${twin.host}:${(api.server.address() as AddressInfo).port}`;
        local.attributes.ApiEndpoint = api.baseUrl;
        twin.apis.set(logicalId, api.baseUrl);
        served.push(api);
      }
    },
    wire(items, twin) {
      const byId = new Map(served.map((api) => [api.apiId, api]));
      const apiOf = (logicalId: string, apiIdValue: unknown): ServedApi => {
        const api = byId.get(twin.resolveString(apiIdValue));
        if (!api) throw new Error(`${logicalId} belongs to an API the twin does not serve`);
        return api;
      };
      const integrations = new Map<string, LocalFunction>();
      for (const { logicalId, resource } of items.filter((i) => i.resource.Type === 'AWS::ApiGatewayV2::Integration')) {
        const type = property(resource, 'IntegrationType');
        const version = property(resource, 'PayloadFormatVersion');
        if (type !== 'AWS_PROXY' || version !== '2.0') {
          throw new Error(
            `integration ${logicalId}: the twin runs Lambda proxy integrations with payload 2.0, not ${String(type)} ${String(version)}`,
          );
        }
        const arn = twin.resolveString(property(resource, 'IntegrationUri'));
        const fn = findFunctionByArn(twin, arn);
        if (!fn) throw new Error(`integration ${logicalId} targets ${arn}, which is not a function the twin runs`);
        integrations.set(twin.intrinsics.resources.get(logicalId)!.ref, fn);
      }
      for (const { logicalId, resource } of items.filter((i) => i.resource.Type === 'AWS::ApiGatewayV2::Route')) {
        const api = apiOf(logicalId, property(resource, 'ApiId'));
        const routeKey = String(property(resource, 'RouteKey'));
        const target = twin.resolveString(property(resource, 'Target'));
        const fn = integrations.get(target.replace(/^integrations\//, ''));
        if (!fn) throw new Error(`route ${logicalId} (${routeKey}) targets ${target}, which is not an integration`);
        const authorization = String(property(resource, 'AuthorizationType') ?? 'NONE');
        if (authorization !== 'NONE' && authorization !== 'AWS_IAM') {
          throw new Error(`route ${logicalId}: the twin supports no authorizer or AWS_IAM, not ${authorization}`);
        }
        api.routes.push({ ...parseRouteKey(routeKey), routeKey, target: fn, authorization });
      }
      for (const { logicalId, resource } of items.filter((i) => i.resource.Type === 'AWS::ApiGatewayV2::Stage')) {
        const api = apiOf(logicalId, property(resource, 'ApiId'));
        api.stage = String(property(resource, 'StageName'));
        const settings = property<{ ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }>(
          resource,
          'DefaultRouteSettings',
        );
        if (settings?.ThrottlingRateLimit !== undefined && settings.ThrottlingBurstLimit !== undefined) {
          api.throttle = new TokenBucket(settings.ThrottlingRateLimit, settings.ThrottlingBurstLimit);
        }
      }
      const iamAuthorizer = options.iamAuthorizer ?? localIamAuthorizer(twin.region, twin.accountId);
      for (const api of served) {
        if (api.stage !== '$default') {
          throw new Error(`API ${api.logicalId}: the twin serves the $default stage only, not ${api.stage}`);
        }
        api.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
          inFlight += 1;
          handle(api, request, response, twin, iamAuthorizer)
            .catch((error: unknown) => {
              twin.wiringError(error);
              if (!response.headersSent) send(response, 500, { message: 'Internal Server Error' });
            })
            .finally(() => {
              inFlight -= 1;
            });
        });
      }
    },
    pending: () => inFlight,
    async stop() {
      await Promise.all(
        served.splice(0).map(
          (api) =>
            new Promise<void>((resolve) => {
              api.server.closeAllConnections();
              api.server.close(() => resolve());
            }),
        ),
      );
    },
  };
};

/** `POST /webhooks/{name}` → method and segments; `$default` matches anything. */
export function parseRouteKey(routeKey: string): { method: string; segments: string[] } {
  if (routeKey === '$default') return { method: 'ANY', segments: ['{proxy+}'] };
  const [method, path] = routeKey.split(' ');
  if (!method || !path?.startsWith('/')) throw new Error(`route key ${routeKey} is not "METHOD /path"`);
  return { method, segments: path.split('/').slice(1) };
}

/**
 * The route API Gateway picks: the most specific path (literal segments before parameters before a greedy one), an
 * exact method before ANY; `$default` last. Undefined when none matches.
 */
export function matchRoute(
  routes: readonly HttpRoute[],
  method: string,
  path: string,
): { route: HttpRoute; pathParameters: Record<string, string> } | undefined {
  const segments = path.split('/').slice(1);
  let best: { route: HttpRoute; pathParameters: Record<string, string>; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const matched = matchSegments(route.segments, segments);
    if (!matched) continue;
    const score = [
      route.routeKey === '$default' ? 0 : 1,
      ...route.segments.map((s) => (s.endsWith('+}') ? 1 : s.startsWith('{') ? 2 : 3)),
      route.method === 'ANY' ? 0 : 1,
    ];
    if (!best || compareScores(score, best.score) > 0) best = { route, pathParameters: matched, score };
  }
  return best && { route: best.route, pathParameters: best.pathParameters };
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i]!;
    if (part.startsWith('{') && part.endsWith('+}')) {
      if (i !== pattern.length - 1 || segments.length <= i) return undefined;
      parameters[part.slice(1, -2)] = segments.slice(i).map(decodeURIComponent).join('/');
      return parameters;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.startsWith('{') && part.endsWith('}')) {
      if (segment === '') return undefined;
      parameters[part.slice(1, -1)] = decodeURIComponent(segment);
    } else if (part !== segment) return undefined;
  }
  return segments.length === pattern.length ? parameters : undefined;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Content types API Gateway passes as text; everything else (and any content-encoding) arrives base64-encoded. */
export function isTextContent(contentType: string | undefined, contentEncoding: string | undefined): boolean {
  if (contentEncoding && contentEncoding !== 'identity') return false;
  if (!contentType) return true;
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    media.startsWith('text/') ||
    /^application\/([\w.+-]+\+)?(json|xml)$/.test(media) ||
    media === 'application/javascript' ||
    media === 'application/x-www-form-urlencoded'
  );
}

async function handle(
  api: ServedApi,
  request: IncomingMessage,
  response: ServerResponse,
  twin: TwinContext,
  iamAuthorizer: IamAuthorizer,
): Promise<void> {
  const started = Date.now();
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) {
    request.resume();
    return send(response, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
  }
  const body = await readBody(request, MAX_REQUEST_BYTES);
  if (body === undefined) return send(response, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', api.baseUrl);
  const matched = matchRoute(api.routes, method, url.pathname);
  if (!matched) return send(response, 404, { message: 'Not Found' });
  if (api.throttle && !api.throttle.take(Date.now())) return send(response, 429, { message: 'Too Many Requests' });
  const headers = lowerCasedHeaders(request);
  let authorizer: Record<string, unknown> | undefined;
  if (matched.route.authorization === 'AWS_IAM') {
    const verdict = await iamAuthorizer({ method, url, headers, body });
    if (!verdict.ok) return send(response, verdict.status, { message: verdict.message });
    authorizer = { iam: verdict.iam };
  }
  const event = proxyEvent(api, matched, request, url, headers, body, started, twin, authorizer);
  let result: unknown;
  try {
    const { runtime } = matched.route.target;
    const invocation = runtime.invoke(event);
    // API Gateway gives up after 30 s; a function whose own timeout is shorter is stopped by that first (its error is
    // a 500). Only a longer one meets the integration limit, so only then is it raced (scaled like every wait).
    const declared = runtime.definition.declaredTimeoutSeconds ?? runtime.definition.timeoutSeconds;
    result =
      declared > INTEGRATION_TIMEOUT_SECONDS
        ? await withTimeout(invocation, INTEGRATION_TIMEOUT_SECONDS * 1000 * twin.timeScale)
        : await invocation;
  } catch (error) {
    if (error === TIMED_OUT) return send(response, 503, { message: 'Service Unavailable' });
    return send(response, 500, { message: 'Internal Server Error' });
  }
  const mapped = mapResult(result);
  response.writeHead(mapped.statusCode, {
    ...mapped.headers,
    'apigw-requestid': event.requestContext.requestId,
    ...(mapped.cookies.length > 0 ? { 'set-cookie': mapped.cookies } : {}),
  });
  response.end(mapped.body);
}

type ProxyEvent = ReturnType<typeof proxyEvent>;

function proxyEvent(
  api: ServedApi,
  matched: { route: HttpRoute; pathParameters: Record<string, string> },
  request: IncomingMessage,
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  started: number,
  twin: TwinContext,
  authorizer: Record<string, unknown> | undefined,
) {
  const text = isTextContent(headers['content-type'], headers['content-encoding']);
  const rawQueryString = url.search.replace(/^\?/, '');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const cookies = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const { cookie: _cookie, ...withoutCookie } = headers;
  const host = headers.host ?? new URL(api.baseUrl).host;
  return {
    version: '2.0' as const,
    routeKey: matched.route.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers: withoutCookie,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    ...(Object.keys(matched.pathParameters).length > 0 ? { pathParameters: matched.pathParameters } : {}),
    requestContext: {
      accountId: twin.accountId,
      apiId: api.apiId,
      ...(authorizer ? { authorizer } : {}),
      domainName: host,
      domainPrefix: host.split('.')[0]!.split(':')[0]!,
      http: {
        method: (request.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: matched.route.routeKey,
      stage: api.stage,
      time: clfTime(new Date(started)),
      timeEpoch: started,
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/** How API Gateway maps a payload 2.0 result: a structured result as given, anything else as a 200 JSON body. */
export function mapResult(result: unknown): {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
} {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown[];
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
    return {
      statusCode: Number(r.statusCode),
      headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
      cookies: (r.cookies ?? []).map(String),
      body: r.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
    };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
}

/** Header names lower-cased, repeated headers joined with commas (set-cookie aside), as in payload 2.0. */
function lowerCasedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}${name === 'cookie' ? '; ' : ','}${value}` : value;
  }
  return headers;
}

/** The body, or undefined when it passes `limit` bytes (the rest is drained). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk as Buffer);
  }
  return over ? undefined : Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const TIMED_OUT = Symbol('integration timeout');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(TIMED_OUT), Math.max(1, ms));
    }),
  ]).finally(() => clearTimeout(timer));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `02/Dec/2026:09:30:00 +0000`, as requestContext.time is written. */
function clfTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`
  );
}

/** The stage's throttle: `burst` requests at once, refilled at `rate` per second. */
export class TokenBucket {
  #tokens: number;
  #at = Date.now();
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.rate);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export type { ProxyEvent };
