/**
 * The CLI's side of the operations API: each operator action is one SigV4-signed `POST /operations/<name>` with the
 * action's JSON request; the answer is its JSON result, or a refusal thrown as an OperationsApiError carrying the
 * kind and message core gave (not found, illegal action, invalid request, conflict). On a deployed stack the
 * signature is made with the operator's own AWS credentials (the SDK's default chain); on the twin with its local
 * credentials, so the same path is exercised offline.
 */
import { operationPath } from '#contracts/http-routes';
import { type Credentials, signRequest } from './sigv4.ts';

export type CredentialSource = () => Promise<Credentials>;

export class OperationsApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperationsApiError';
  }
}

export interface OperationsApi {
  run(operation: string, input: Record<string, unknown>): Promise<unknown>;
}

export function operationsApi(options: {
  baseUrl: string;
  region: string;
  credentials: CredentialSource;
  /** Per request (default 30 s: API Gateway's own integration limit). */
  timeoutMs?: number;
}): OperationsApi {
  return {
    async run(operation, input) {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${operationPath(operation)}`);
      const body = JSON.stringify(input);
      const headers = await signRequest(
        { method: 'POST', url, headers: { 'content-type': 'application/json' }, body },
        await options.credentials(),
        options.region,
      );
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new OperationsApiError(response.status, 'internal', `the operations API answered ${response.status}`);
      }
      if (response.ok) return json;
      const error = (json as { error?: { kind?: string; message?: string }; message?: string }) ?? {};
      throw new OperationsApiError(
        response.status,
        error.error?.kind ?? (response.status === 403 ? 'forbidden' : 'internal'),
        error.error?.message ?? error.message ?? `the operations API answered ${response.status}`,
      );
    },
  };
}
