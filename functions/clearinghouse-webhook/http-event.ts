/**
 * The part of an API Gateway HTTP API (payload format 2.0) proxy event this function reads, parsed with zod so a
 * malformed event (a wiring mistake, not a sender's fault) fails loudly. The body arrives base64-encoded when API
 * Gateway treats the content type as binary; either way the core receives the exact bytes that were signed.
 */
import { z } from 'zod';

export const httpApiEvent = z.object({
  version: z.literal('2.0'),
  routeKey: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean(),
  requestContext: z.object({
    requestId: z.string(),
    // sourceIp is always set by API Gateway (and the twin); optional so a hand-made event still parses, and then
    // nothing is counted against a sender.
    http: z.object({ method: z.string(), path: z.string(), sourceIp: z.string().optional() }),
  }),
});
export type HttpApiEvent = z.infer<typeof httpApiEvent>;

/** The body's bytes as they came over the wire (base64 decoded when API Gateway encoded them). */
export function bodyBytes(event: HttpApiEvent): Uint8Array {
  if (event.body === undefined) return new Uint8Array();
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** An HTTP API (2.0) result with a small JSON body: a status word and, for refusals, what to fix. */
export function jsonResult(statusCode: number, body: Record<string, string>, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
