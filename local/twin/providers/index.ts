/**
 * Every resource provider the twin has, in the order resources are created and wired (queues, secrets and API
 * endpoints before the functions that name them in their environment, functions before the event sources,
 * notifications and routes that invoke them).
 * Adding a resource type: one file in this folder and one line here.
 */
import { apiGatewayV2 } from './api-gateway-v2.ts';
import { bucketNotifications } from './bucket-notifications.ts';
import { dynamodbTables } from './dynamodb-tables.ts';
import { eventRules } from './event-rules.ts';
import { eventSourceMappings } from './event-source-mappings.ts';
import { lambdaFunctions } from './lambda-functions.ts';
import { noOfflineBehaviour } from './no-offline-behaviour.ts';
import type { ResourceProvider } from './provider.ts';
import { s3Buckets } from './s3-buckets.ts';
import { secretsManagerSecrets } from './secrets-manager-secrets.ts';
import { sqsQueues } from './sqs-queues.ts';

export const PROVIDERS: readonly (() => ResourceProvider)[] = [
  s3Buckets,
  sqsQueues,
  dynamodbTables,
  secretsManagerSecrets,
  apiGatewayV2,
  lambdaFunctions,
  eventSourceMappings,
  bucketNotifications,
  eventRules,
  noOfflineBehaviour,
];
