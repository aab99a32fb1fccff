import { SQSClient } from '@aws-sdk/client-sqs';

/** A real SDK v3 SQS client pointed at an emulator endpoint, with the dummy credentials the twin uses. */
export function sqsClientFor(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
