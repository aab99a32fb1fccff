/**
 * The ClaimFlow stack, as a table of contents: the platform every feature stands on, one construct per feature, and
 * monitoring over all of them. A new capability is one more feature construct here (and in `features` below).
 *
 *   platform     keys, intake bucket + access logs, domain and idempotency tables, backup      platform/platform.ts
 *   submission   claim-submission queue → submit-claims → clearinghouse, submissions/ archive  features/submission.ts
 *   intake       inbox/ → intake queue → code-encounter → ledger, claims, submission queue       features/intake.ts
 *                (+ Comprehend Medical InferICD10CM, only when the practice configuration turns it on)
 *   reconcile    schedule → reconcile: dead letters, stuck documents and claims settled          features/reconciliation.ts
 *   responses    webhook API → clearinghouse-webhook → responses/raw/ + remittance queue        features/responses.ts
 *   mailbox      schedule → poll-mailbox → responses/raw/ + remittance queue (if polled)     features/mailbox-polling.ts
 *   follow-up    daily schedule → follow-up: quiet claims and timely filing raised to billers    features/follow-up.ts
 *   operations   IAM-authorised API → operations: show, approve, edit, void, assign, note, ...  features/operations.ts
 *   monitoring   dashboard, alarms, the alarm topic and its subscriptions                        monitoring/monitoring.ts
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { mailboxPolling } from '#contracts/clearinghouse-delivery';
import { comprehendMedicalEnabled } from '#contracts/comprehend-medical';
import { FollowUp } from './features/follow-up.ts';
import { Intake } from './features/intake.ts';
import { MailboxPolling } from './features/mailbox-polling.ts';
import { Operations } from './features/operations.ts';
import { Reconciliation } from './features/reconciliation.ts';
import type { ReferenceData } from './features/reference-data.ts';
import { Responses } from './features/responses.ts';
import { Submission } from './features/submission.ts';
import type { AlarmSubscriptions } from './monitoring/alarm-topic.ts';
import { Monitoring } from './monitoring/monitoring.ts';
import { Platform } from './platform/platform.ts';

export interface ClaimFlowStackProps extends StackProps {
  /** Practice configuration, payer rules and code sets shipped with the functions. */
  reference: ReferenceData;
  /** Reserved concurrency per function; none when absent (a new account's whole quota is 10). */
  reservedConcurrency?: number;
  /** Who the alarm topic notifies. */
  alarmSubscriptions: AlarmSubscriptions;
}

export class ClaimFlowStack extends Stack {
  readonly platform: Platform;
  readonly submission: Submission;
  readonly intake: Intake;
  readonly reconciliation: Reconciliation;
  readonly responses: Responses;
  /** Present when the configured clearinghouse keeps a mailbox and polling is not turned off. */
  readonly mailboxPolling?: MailboxPolling;
  readonly followUp: FollowUp;
  readonly operations: Operations;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: ClaimFlowStackProps) {
    super(scope, id, props);
    this.platform = new Platform(this, 'Platform');
    this.submission = new Submission(this, 'Submission', {
      platform: this.platform,
      practiceConfigJson: props.reference.practiceConfigJson,
      reservedConcurrency: props.reservedConcurrency,
    });
    this.intake = new Intake(this, 'Intake', {
      platform: this.platform,
      submissionQueue: this.submission.queue.queue,
      reference: props.reference,
      reservedConcurrency: props.reservedConcurrency,
      comprehendMedical: comprehendMedicalEnabled(props.reference.practiceConfigJson),
    });
    this.reconciliation = new Reconciliation(this, 'Reconciliation', {
      platform: this.platform,
      intakeQueue: this.intake.queue,
      intakeTimeout: this.intake.codeEncounter.timeout,
      intakeMaxReceiveCount: 3,
      submissionQueue: this.submission.queue,
      reservedConcurrency: props.reservedConcurrency,
    });
    this.responses = new Responses(this, 'Responses', {
      platform: this.platform,
      practiceConfigJson: props.reference.practiceConfigJson,
      reservedConcurrency: props.reservedConcurrency,
    });
    const polling = mailboxPolling(
      (JSON.parse(props.reference.practiceConfigJson) as { clearinghouse: { kind: string } }).clearinghouse,
    );
    if (polling) {
      this.mailboxPolling = new MailboxPolling(this, 'MailboxPolling', {
        platform: this.platform,
        remittanceQueue: this.responses.remittanceQueue.queue,
        clearinghouseSecret: this.submission.clearinghouseSecret,
        practiceConfigJson: props.reference.practiceConfigJson,
        polling,
        reservedConcurrency: props.reservedConcurrency,
      });
    }
    this.followUp = new FollowUp(this, 'FollowUp', {
      platform: this.platform,
      practiceConfigJson: props.reference.practiceConfigJson,
      reservedConcurrency: props.reservedConcurrency,
    });
    this.operations = new Operations(this, 'Operations', {
      platform: this.platform,
      submissionQueue: this.submission.queue.queue,
      reference: props.reference,
      reservedConcurrency: props.reservedConcurrency,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      key: this.platform.messagesKey,
      alarmSubscriptions: props.alarmSubscriptions,
      features: [
        this.intake,
        this.submission,
        this.reconciliation,
        this.responses,
        ...(this.mailboxPolling ? [this.mailboxPolling] : []),
        this.followUp,
        this.operations,
      ],
    });

    // What the CLI reads to find a deployed stack's resources (bin/commands/_target.ts).
    new CfnOutput(this, 'IntakeBucketName', { value: this.platform.intakeBucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.platform.table.tableName });
    new CfnOutput(this, 'SubmissionQueueUrl', { value: this.submission.queue.queue.queueUrl });
    // Where `claimflow dlq redrive --queue intake|submission|remittance` moves dead letters from and back to.
    new CfnOutput(this, 'IntakeQueueUrl', { value: this.intake.queue.queue.queueUrl });
    new CfnOutput(this, 'IntakeDeadLetterQueueUrl', { value: this.intake.queue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'SubmissionDeadLetterQueueUrl', { value: this.submission.queue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'RemittanceDeadLetterQueueUrl', {
      value: this.responses.remittanceQueue.deadLetterQueue.queueUrl,
    });
    // What the clearinghouse must be given: where to post responses, and the secret to sign them with.
    new CfnOutput(this, 'ClearinghouseWebhookUrl', { value: this.responses.webhookUrl });
    new CfnOutput(this, 'WebhookSecretArn', { value: this.responses.webhookSecret.secretArn });
    new CfnOutput(this, 'ClearinghouseSecretArn', { value: this.submission.clearinghouseSecret.secretArn });
    new CfnOutput(this, 'RemittanceQueueUrl', { value: this.responses.remittanceQueue.queue.queueUrl });
    // Where the CLI sends operator actions (SigV4-signed) on a deployed stack.
    new CfnOutput(this, 'OperationsApiUrl', { value: this.operations.api.url });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topic.topicArn });
  }
}
