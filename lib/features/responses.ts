/**
 * Responses: the clearinghouse posts 999, 277CA and 835 files to an HTTPS webhook (API Gateway HTTP API, payload 2.0,
 * `POST /webhooks/clearinghouse`). clearinghouse-webhook verifies the Standard Webhooks signature with the signing
 * secret (Secrets Manager, read at run time), archives the raw body under `responses/raw/`, records the webhook-id,
 * and puts a pointer on the remittance queue; process-remittance consumes it (partial batch failures, DLQ) and
 * applies each file to the claims exactly once.
 *
 * The route has no API Gateway authorizer on purpose: the clearinghouse cannot sign AWS requests, and the signature
 * over id, timestamp and body (checked before anything is kept) is the authentication Standard Webhooks defines.
 * Every refusal is counted by reason (WebhooksRejected, dimension Reason); a spike of them is alarmed, because it
 * means a sender is being turned away (a rotated secret, a clock off by minutes) or someone is probing the endpoint.
 */
import { type CfnResource, Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { MAX_WEBHOOK_BODY_BYTES, RESPONSES_RAW_PREFIX } from '#contracts/bucket-layout';
import { CLEARINGHOUSE_WEBHOOK_PATH, WEBHOOK_SENDER_FAILURE_LIMIT } from '#contracts/http-routes';
import {
  REVENUE_CYCLE_METRICS,
  WEBHOOK_NOT_KEPT_REASONS,
  WEBHOOK_REFUSAL_DIMENSION,
  WEBHOOK_REFUSALS,
} from '#contracts/metrics';
import { SECRET_ROLE_METADATA, SECRET_ROLES, WEBHOOK_SECRET_LENGTH } from '#contracts/secrets';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import { ClaimFlowHttpApi } from '../constructs/http-api.ts';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import { secureSecretProps } from '../defaults/secure-defaults.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import { acknowledge, resourceOf } from '../nag.ts';
import type { Platform } from '../platform/platform.ts';

export interface ResponsesProps {
  platform: Platform;
  /** The validated practice configuration (JSON text): the payer contract rates an 835 is checked against. */
  practiceConfigJson: string;
  reservedConcurrency?: number;
}

/** Refusals in five minutes past which someone should look: a handful is a probe or a sender's hiccup, more is not. */
const REFUSAL_SPIKE_PER_5_MINUTES = 10;

/**
 * The webhook answers within a few hundred milliseconds (one S3 put, one SQS send, one DynamoDB put). The timeout
 * leaves room for slow dependencies and SDK retries yet ends before API Gateway's 30 s integration limit, so a slow
 * delivery fails as the function's own timeout (logged and alarmed) and the sender retries it.
 */
const WEBHOOK_TIMEOUT = Duration.seconds(20);

/** Remittance files are posted claim by claim; a large 835 may take minutes. Visibility is six times the consumer's. */
export const PROCESS_REMITTANCE_TIMEOUT = Duration.minutes(2);

export class Responses extends Construct implements MonitoredFeature {
  readonly remittanceQueue: QueueWithDlq;
  readonly webhookSecret: secretsmanager.Secret;
  readonly webhookApi: ClaimFlowHttpApi;
  readonly clearinghouseWebhook: ClaimFlowFunction;
  readonly processRemittance: ClaimFlowFunction;
  readonly monitoring: FeatureMonitoring;

  /** Where the clearinghouse posts responses (with the signing secret, what it must be given). */
  get webhookUrl(): string {
    return `${this.webhookApi.url}${CLEARINGHOUSE_WEBHOOK_PATH}`;
  }

  constructor(scope: Construct, id: string, props: ResponsesProps) {
    super(scope, id);
    const { platform } = props;

    this.remittanceQueue = new QueueWithDlq(this, 'RemittanceQueue', {
      key: platform.messagesKey,
      visibilityTimeout: Duration.seconds(PROCESS_REMITTANCE_TIMEOUT.toSeconds() * 6),
      maxReceiveCount: 5,
    });

    this.webhookSecret = new secretsmanager.Secret(
      this,
      'WebhookSigningSecret',
      secureSecretProps(
        platform.dataKey,
        'ClaimFlow: the Standard Webhooks secret the clearinghouse signs response deliveries with',
        { length: WEBHOOK_SECRET_LENGTH },
      ),
    );
    (resourceOf(this.webhookSecret) as CfnResource).addMetadata(SECRET_ROLE_METADATA, SECRET_ROLES.webhookSigning);
    const sharedWithSender =
      'Shared with the clearinghouse, which signs with it: rotation is an operator step done together with the ' +
      'sender (docs/operations.md), not a Lambda that would change it under the sender.';
    acknowledge(resourceOf(this.webhookSecret), 'AwsSolutions::AwsSolutions-SMG4', sharedWithSender);
    acknowledge(
      resourceOf(this.webhookSecret),
      'HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled',
      sharedWithSender,
    );

    this.webhookApi = new ClaimFlowHttpApi(this, 'WebhookApi', {
      description: 'ClaimFlow: clearinghouse response webhooks (Standard Webhooks signatures)',
      key: platform.dataKey,
      // A clearinghouse delivers a payment cycle's files in a burst and retries failures; far below this.
      throttle: { ratePerSecond: 20, burst: 50 },
    });

    this.clearinghouseWebhook = new ClaimFlowFunction(this, 'ClearinghouseWebhook', {
      name: 'clearinghouse-webhook',
      description: 'Verifies, archives and queues clearinghouse response webhooks (999, 277CA, 835)',
      key: platform.dataKey,
      timeout: WEBHOOK_TIMEOUT,
      reservedConcurrency: props.reservedConcurrency,
      readsSecrets: true,
      environment: { RESPONSES_RAW_PREFIX, MAX_WEBHOOK_BODY_BYTES: String(MAX_WEBHOOK_BODY_BYTES) },
    })
      // Webhook receipts (one per webhook-id, conditional put) and their lookup on redelivery.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      // Writes each raw response once; never reads or lists the archive.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, { writePrefix: RESPONSES_RAW_PREFIX })
      .bindQueueProducer('REMITTANCE_QUEUE_URL', this.remittanceQueue.queue)
      .bindSecret('WEBHOOK_SECRET_ARN', this.webhookSecret)
      .serveHttpRoute(this.webhookApi.api, apigwv2.HttpMethod.POST, CLEARINGHOUSE_WEBHOOK_PATH);
    for (const route of this.webhookApi.api.node.findAll().filter((c) => c instanceof apigwv2.HttpRoute)) {
      acknowledge(
        resourceOf(route),
        'AwsSolutions::AwsSolutions-APIG4',
        'The clearinghouse authenticates each delivery with a Standard Webhooks signature (HMAC-SHA256 over id, ' +
          'timestamp and body) that the function verifies before keeping anything; it cannot sign AWS requests.',
      );
    }

    this.processRemittance = new ClaimFlowFunction(this, 'ProcessRemittance', {
      name: 'process-remittance',
      description: 'Applies 999, 277CA and 835 files to claims exactly once, in any order; posts payments',
      key: platform.dataKey,
      timeout: PROCESS_REMITTANCE_TIMEOUT,
      memorySize: 1024,
      reservedConcurrency: props.reservedConcurrency,
      environment: { RESPONSES_RAW_PREFIX },
      bundleDefines: { 'process.env.CLAIMFLOW_PRACTICE_CONFIG': props.practiceConfigJson },
    })
      // Claims and their history, postings, the remittance and provider ledgers, work items: conditional writes only.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      // Reads the archived response the pointer names; never writes or deletes there.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, { readPrefix: RESPONSES_RAW_PREFIX })
      // Files are applied in any order and each exactly once, so a few batches at a time is safe; a small window
      // gathers a payment cycle's files without holding them back.
      .consumeQueue(this.remittanceQueue.queue, {
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(2),
        maxConcurrency: 2,
      });

    this.monitoring = {
      panels: [
        {
          title: 'Webhooks',
          left: [REVENUE_CYCLE_METRICS.webhooksReceived],
          right: [REVENUE_CYCLE_METRICS.webhooksRejected, REVENUE_CYCLE_METRICS.webhookSenderRefusals],
        },
        {
          title: 'Responses applied',
          left: [
            REVENUE_CYCLE_METRICS.responseFilesApplied,
            REVENUE_CYCLE_METRICS.responseFilesDuplicate,
            REVENUE_CYCLE_METRICS.remittancesPosted,
          ],
          right: [REVENUE_CYCLE_METRICS.remittancesQuarantined, REVENUE_CYCLE_METRICS.responseFilesUnreadable],
        },
      ],
      breakdowns: [
        {
          title: 'Webhook refusals by reason',
          metric: REVENUE_CYCLE_METRICS.webhooksRejected,
          function: this.clearinghouseWebhook.function,
          dimension: WEBHOOK_REFUSAL_DIMENSION,
          values: [...WEBHOOK_REFUSALS, ...WEBHOOK_NOT_KEPT_REASONS],
        },
      ],
      functions: [
        { title: 'clearinghouse-webhook', function: this.clearinghouseWebhook.function, consumesBatches: false },
        { title: 'process-remittance', function: this.processRemittance.function, consumesBatches: true },
      ],
      queues: [
        {
          title: 'Remittance',
          queue: this.remittanceQueue.queue,
          deadLetterQueue: this.remittanceQueue.deadLetterQueue,
          thresholds: { maxMessageAge: Duration.hours(1) },
        },
      ],
      metricAlarms: [
        {
          title: 'Response files unreadable',
          metric: REVENUE_CYCLE_METRICS.responseFilesUnreadable,
          threshold: 0,
          description:
            'a 999, 277CA or 835 could not be read; it is kept as received under responses/raw/ with a work item ' +
            'naming it: read it with `claimflow x12 parse` and ask the clearinghouse for a corrected file',
        },
        {
          title: 'Webhooks rejected',
          metric: REVENUE_CYCLE_METRICS.webhooksRejected,
          threshold: REFUSAL_SPIKE_PER_5_MINUTES,
          description:
            'webhook deliveries were refused or not kept (by reason: the Reason dimension of WebhooksRejected); ' +
            'invalid_signature after a rotation means the clearinghouse signs with another secret, stale_timestamp ' +
            "a clock off, not_kept_* an AWS dependency failing; check the clearinghouse-webhook function's logs",
        },
        {
          title: 'Webhook sender refused',
          metric: REVENUE_CYCLE_METRICS.webhookSenderRefusals,
          threshold: 0,
          description:
            `a sender failed authentication ${WEBHOOK_SENDER_FAILURE_LIMIT.maxFailures} times within ` +
            `${WEBHOOK_SENDER_FAILURE_LIMIT.windowSeconds / 60} minutes and is answered 429 until the window ends; ` +
            'find its address in the webhook API access log (status 429) and its failures by reason on the dashboard: ' +
            'a probe, or the clearinghouse signing with another secret (docs/operations.md)',
        },
      ],
    };
  }
}
