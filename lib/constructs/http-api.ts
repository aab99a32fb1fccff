/**
 * An API Gateway HTTP API the way ClaimFlow declares one: a single `$default` stage that deploys itself, throttled on
 * every route (the stage's default route settings), with JSON access logs in an encrypted log group of its own and
 * detailed per-route metrics. Routes are added by the functions that serve them (ClaimFlowFunction.serveHttpRoute),
 * so each route's grant and acknowledgements sit beside it.
 *
 * HTTP APIs accept request bodies up to 10 MB and wait at most 30 s for an integration; Lambda takes at most 6 MB
 * synchronously. Each function checks its own, smaller body limit (see contracts/bucket-layout.ts).
 */
import * as apigwv1 from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { httpStageThrottle, secureLogGroupProps } from '../defaults/secure-defaults.ts';
import { acknowledge, resourceOf } from '../nag.ts';

export interface ClaimFlowHttpApiProps {
  description: string;
  /** Encrypts the access logs. */
  key: kms.IKey;
  /** Requests per second every route accepts, steady and in a burst; API Gateway answers 429 beyond. */
  throttle: { ratePerSecond: number; burst: number };
  /** The authorizer of every route (AWS_IAM for operator APIs); none when the function authenticates requests. */
  defaultAuthorizer?: apigwv2.IHttpRouteAuthorizer;
}

/**
 * Access log fields: who called what, when, and how it ended, never a header or body value. `$context.authorizer`
 * fields are absent for IAM authorization; the caller's IAM identity (`userArn`) is logged instead.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  caller: '$context.identity.userArn',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};

export class ClaimFlowHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ClaimFlowHttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: props.description,
      createDefaultStage: false,
      ...(props.defaultAuthorizer ? { defaultAuthorizer: props.defaultAuthorizer } : {}),
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', secureLogGroupProps(props.key));
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: httpStageThrottle(props.throttle.ratePerSecond, props.throttle.burst),
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigwv1.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    acknowledge(
      resourceOf(this.stage),
      'AwsSolutions::AwsSolutions-APIG1',
      'Access logging is enabled (JSON, to its own encrypted log group); cdk-nag reads only REST API stage settings.',
    );
  }

  /** The API's base URL (`$default` stage: no stage path). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
