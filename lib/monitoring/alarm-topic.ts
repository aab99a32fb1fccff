/**
 * The topic every alarm notifies, encrypted with the messages key, and who it reaches. An alarm action on an
 * encrypted topic only delivers when CloudWatch may use the topic's key: the key policy allows cloudwatch.amazonaws.com
 * to generate and decrypt data keys, only for alarms of this account and region. Subscriptions (an email address,
 * an HTTPS endpoint such as a paging service's) come from the deployment's context.
 */
import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acknowledge, resourceOf } from '../nag.ts';

export interface AlarmSubscriptions {
  email?: string;
  /** An HTTPS URL that accepts SNS notifications (confirms the subscription itself). */
  httpsEndpoint?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { key: kms.Key; subscriptions: AlarmSubscriptions }) {
    super(scope, id);
    const stack = Stack.of(this);
    const fromThisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
    };
    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
        principals: [cloudwatch],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromThisAccountsAlarms,
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccountsAlarms,
      }),
    );

    const { email, httpsEndpoint } = props.subscriptions;
    if (email !== undefined) {
      if (!EMAIL.test(email)) throw new Error(`alarm email '${email}' is not an email address`);
      this.acknowledgeNoRedrive(this.topic.addSubscription(new subscriptions.EmailSubscription(email)));
    }
    if (httpsEndpoint !== undefined) {
      if (!/^https:\/\/[^\s/]+/.test(httpsEndpoint)) {
        throw new Error('the alarm endpoint must be an https:// URL (SNS sends notifications over TLS only there)');
      }
      this.acknowledgeNoRedrive(
        this.topic.addSubscription(
          new subscriptions.UrlSubscription(httpsEndpoint, { protocol: sns.SubscriptionProtocol.HTTPS }),
        ),
      );
    }
    if (email === undefined && httpsEndpoint === undefined) {
      Annotations.of(this).addWarningV2(
        'claimflow:alarms-reach-nobody',
        'No alarm subscription: alarms will notify a topic nobody reads. Deploy with -c claimflow:alarmEmail=ADDRESS ' +
          'and/or -c claimflow:alarmHttpsEndpoint=URL.',
      );
    }
  }

  private acknowledgeNoRedrive(subscription: sns.Subscription): void {
    acknowledge(
      resourceOf(subscription),
      'Serverless::Serverless-SNSRedrivePolicy',
      'An alarm notification that cannot be delivered leaves its alarm in ALARM on the dashboard, and SNS retries ' +
        'HTTPS deliveries by its delivery policy; a dead-letter queue for undelivered alarms would need a watcher too.',
    );
  }
}
