import { S3Client } from '@aws-sdk/client-s3';

/** A real SDK v3 S3 client pointed at an emulator endpoint, path-style, with the twin's dummy credentials. */
export function s3ClientFor(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Records the headers of every request the client sends, to check what travelled on the wire. */
export function recordRequestHeaders(client: S3Client): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) seen.push({ ...request.headers });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low' },
  );
  return seen;
}
