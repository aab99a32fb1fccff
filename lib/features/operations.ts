/**
 * Operations: the operator actions of core/operations (show, approve, edit and recode, void, assign, note, write-off,
 * the work queue) behind an API Gateway HTTP API whose every route requires AWS_IAM authorization: the CLI signs its
 * requests (SigV4) with the operator's own AWS credentials, and the IAM principal is the actor recorded on each change.
 * Who may act is an IAM policy on `execute-api:Invoke` for this API (docs/operations.md); nothing here is public.
 */
import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SUBMISSIONS_PREFIX } from '#contracts/bucket-layout';
import { OPERATIONS_PATH } from '#contracts/http-routes';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import { ClaimFlowHttpApi } from '../constructs/http-api.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import type { Platform } from '../platform/platform.ts';
import { type ReferenceData, scrubbingReferenceData } from './reference-data.ts';

export interface OperationsProps {
  platform: Platform;
  /** Where an approved claim is queued, exactly as intake queues it. */
  submissionQueue: sqs.IQueue;
  /** The practice configuration, payer rules and code sets intake scrubs with (an approval scrubs again). */
  reference: ReferenceData;
  reservedConcurrency?: number;
}

export class Operations extends Construct implements MonitoredFeature {
  readonly api: ClaimFlowHttpApi;
  readonly operations: ClaimFlowFunction;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { platform, reference } = props;
    this.api = new ClaimFlowHttpApi(this, 'Api', {
      description: 'ClaimFlow: operator actions on claims (AWS_IAM, SigV4-signed requests only)',
      key: platform.dataKey,
      // People at a keyboard and scripts over a work queue: far below this.
      throttle: { ratePerSecond: 10, burst: 20 },
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const scrubbing = scrubbingReferenceData(reference);
    this.operations = new ClaimFlowFunction(this, 'Operations', {
      name: 'operations',
      description: 'Operator actions on claims: show, approve, edit/recode, void, assign, note, write-off, work queue',
      key: platform.dataKey,
      // An approval scrubs one claim again; a work-queue page reads at most a bounded number of claims.
      timeout: Duration.seconds(20),
      memorySize: 1024,
      reservedConcurrency: props.reservedConcurrency,
      environment: { SUBMISSIONS_PREFIX, ...scrubbing.environment },
      assetFolders: scrubbing.assetFolders,
      bundleDefines: scrubbing.bundleDefines,
    })
      // Claims, their events and visit reservations: reads, conditional puts and updates; never deletes.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      // `claims show` reads the 837P that was sent.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, { readPrefix: SUBMISSIONS_PREFIX })
      .bindQueueProducer('SUBMISSION_QUEUE_URL', props.submissionQueue)
      .serveHttpRoute(this.api.api, apigwv2.HttpMethod.POST, OPERATIONS_PATH);

    this.monitoring = {
      functions: [{ title: 'operations', function: this.operations.function, consumesBatches: false }],
    };
  }
}
