/**
 * The ports the reconciler hands to core: the same stores and queues code-encounter uses, the intake DLQ, and the
 * claim-submission DLQ with the submission ledger's dead-letter items.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ReconcileEnvironment } from '#contracts/functions/reconcile';
import { storedObjectOf } from '#core/intake/document-ledger';
import { systemClock } from '#core/kernel/clock';
import type { ReconcileOptions, ReconcilePorts } from '#core/pipeline/reconcile';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { S3DocumentObjects } from '#functions/common/s3-document-objects';
import { notificationBody } from '#functions/common/s3-notification';
import { sqsChunkContinuations } from '#functions/common/sqs-chunk-continuations';
import { SqsClaimSubmissions } from '#functions/common/sqs-claim-submissions';
import { peekDeadLetters, peekSubmissionDeadLetters } from '#functions/common/sqs-dead-letters';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbDocumentChunks } from '#functions/common/storage/dynamodb-document-chunks';
import { DynamoDbDocumentLedger } from '#functions/common/storage/dynamodb-document-ledger';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { DynamoDbVisitReservations } from '#functions/common/storage/dynamodb-visit-reservations';

export function reconcilePorts(settings: ReconcileEnvironment): ReconcilePorts {
  const client = dynamoDocumentClient();
  const sqs = sqsClient();
  return {
    ledger: new DynamoDbDocumentLedger(client, settings.TABLE_NAME),
    claims: new DynamoDbClaimStore(client, settings.TABLE_NAME),
    visits: new DynamoDbVisitReservations(client, settings.TABLE_NAME),
    submissions: new SqsClaimSubmissions(sqs, settings.SUBMISSION_QUEUE_URL),
    objects: new S3DocumentObjects(s3Client(), settings.INBOX_PREFIX, settings.QUARANTINE_PREFIX),
    clock: systemClock,
    deadLetters: (max) => peekDeadLetters(sqs, settings.INTAKE_DEAD_LETTER_QUEUE_URL, max),
    chunks: new DynamoDbDocumentChunks(client, settings.TABLE_NAME),
    continueWith: sqsChunkContinuations(sqs, settings.INTAKE_QUEUE_URL),
    submissionDeadLetters: (max) => peekSubmissionDeadLetters(sqs, settings.SUBMISSION_DEAD_LETTER_QUEUE_URL, max),
    submissionRecords: new DynamoDbSubmissionRecords(client, settings.TABLE_NAME),
    resubmit: async (entry) => {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: settings.INTAKE_QUEUE_URL,
          MessageBody: notificationBody(storedObjectOf(entry)),
        }),
      );
    },
  };
}

export function reconcileOptions(settings: ReconcileEnvironment): ReconcileOptions {
  return {
    stuckAfterMs: settings.RECONCILE_STUCK_AFTER_SECONDS * 1000,
    maxAttempts: settings.RECONCILE_MAX_ATTEMPTS,
    maxItemsPerKind: 200,
  };
}
