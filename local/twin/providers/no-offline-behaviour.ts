/**
 * Resource types the template declares that have nothing to do on one machine: access control, encryption keys,
 * observability and backup. The twin names them (so Refs to them resolve), counts them for `npm start`'s summary
 * and otherwise leaves them alone. A type belongs here only when skipping it cannot change what the pipeline does;
 * anything else needs a provider of its own, or the twin refuses to start (see twin.ts).
 */
import type { LocalResourceAttributes } from '../intrinsics.ts';
import type { ResourceProvider, TemplateResource, TwinContext } from './provider.ts';

/** Each type with the reason it has no offline behaviour. */
export const NO_OFFLINE_BEHAVIOUR: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'permissions are not enforced offline (the infra tests check least privilege)',
  'AWS::IAM::Policy': 'permissions are not enforced offline',
  'AWS::IAM::ManagedPolicy': 'permissions are not enforced offline',
  'AWS::KMS::Key': 'nothing is encrypted offline',
  'AWS::KMS::Alias': 'nothing is encrypted offline',
  'AWS::S3::BucketPolicy': 'bucket policies (TLS only) are not enforced offline',
  'AWS::SQS::QueuePolicy': 'queue policies are not enforced offline',
  'AWS::SNS::Topic': 'alarm notifications go nowhere offline',
  'AWS::SNS::TopicPolicy': 'alarm notifications go nowhere offline',
  'AWS::SNS::Subscription': 'alarm notifications go nowhere offline',
  'AWS::Logs::LogGroup': 'function logs go to .claimflow/logs/ instead',
  'AWS::CloudWatch::Alarm': 'alarms are evaluated by the local dashboard from the same metrics, not by the twin',
  'AWS::CloudWatch::CompositeAlarm': 'alarms are evaluated by the local dashboard, not by the twin',
  'AWS::CloudWatch::Dashboard': 'the local dashboard draws it from the template',
  'AWS::Backup::BackupPlan': 'there is nothing to back up offline',
  'AWS::Backup::BackupVault': 'there is nothing to back up offline',
  'AWS::Backup::BackupSelection': 'there is nothing to back up offline',
  'AWS::Lambda::Permission': 'invocation permissions are not enforced offline',
  'AWS::CDK::Metadata': 'CDK version reporting',
};

export const noOfflineBehaviour = (): ResourceProvider => ({
  types: Object.keys(NO_OFFLINE_BEHAVIOUR),
  identify(item, twin) {
    twin.countInert(item.resource.Type);
    return identity(item, twin);
  },
});

function identity({ logicalId, resource }: TemplateResource, twin: TwinContext): LocalResourceAttributes {
  switch (resource.Type) {
    case 'AWS::KMS::Key': {
      const id = `local-${logicalId}`;
      return { ref: id, attributes: { Arn: twin.arn('kms', `key/${id}`), KeyId: id } };
    }
    case 'AWS::SNS::Topic': {
      const name = twin.localName(logicalId, 256);
      const arn = twin.arn('sns', name);
      return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm': {
      const name = twin.localName(logicalId, 255);
      return { ref: name, attributes: { Arn: twin.arn('cloudwatch', `alarm:${name}`) } };
    }
    case 'AWS::IAM::Role': {
      const name = twin.localName(logicalId, 64);
      return { ref: name, attributes: { Arn: `arn:aws:iam::${twin.accountId}:role/${name}`, RoleId: name } };
    }
    case 'AWS::Logs::LogGroup': {
      const name = twin.localName(logicalId, 512);
      return { ref: name, attributes: { Arn: twin.arn('logs', `log-group:${name}:*`) } };
    }
    default: {
      const name = twin.localName(logicalId, 128);
      return { ref: name, attributes: { Arn: twin.arn('local', name) } };
    }
  }
}
