import type { IncomingMessage } from 'node:http';
import type { CreatedObject } from './event-record.ts';

/** One parsed path-style S3 request. */
export interface S3Request {
  method: string;
  /** Undefined for the service root (ListBuckets). */
  bucket: string | undefined;
  /** Undefined for bucket-level requests. */
  key: string | undefined;
  query: URLSearchParams;
  raw: IncomingMessage;
  requestId: string;
}

/** What a handler answers; `created` objects are announced to listeners after the response is sent. */
export interface S3Reply {
  status: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
  created?: Omit<CreatedObject, 'region' | 'sequence' | 'requestId' | 'sourceIp'>;
}

export function header(request: S3Request, name: string): string | undefined {
  const value = request.raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function xmlReply(body: string, headers: Record<string, string | number> = {}): S3Reply {
  return { status: 200, headers: { 'content-type': 'application/xml', ...headers }, body };
}

/** `x-amz-meta-*` request headers as S3 stores user metadata (lower-case names without the prefix). */
export function userMetadata(request: S3Request): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.raw.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) {
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  return metadata;
}

const CONTENT_HEADERS = ['cache-control', 'content-disposition', 'content-language', 'expires'] as const;

/** The standard representation headers S3 stores with an object and returns on GET/HEAD. */
export function contentHeaders(request: S3Request, contentEncoding: string | undefined): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const name of CONTENT_HEADERS) {
    const value = header(request, name);
    if (value !== undefined) stored[name] = value;
  }
  if (contentEncoding !== undefined) stored['content-encoding'] = contentEncoding;
  return stored;
}

export function contentType(request: S3Request): string {
  return header(request, 'content-type') ?? 'binary/octet-stream';
}
