/**
 * AWS::SecretsManager::Secret: each secret of the template, with its value (given, or generated as CloudFormation's
 * GenerateSecretString would), held by the twin's stand-in for the Parameters and Secrets extension
 * (../secrets-extension.ts), which the functions read exactly as they do in AWS. `Ref` is the secret's ARN, as in
 * CloudFormation; the role in the template's metadata (contracts/secrets.ts) lets the twin seed what only it knows
 * (the local clearinghouse's address).
 */
import { randomBytes } from 'node:crypto';
import { SECRET_ROLE_METADATA } from '#contracts/secrets';
import { type GenerateSecretString, generateSecretValue } from '../secrets-extension.ts';
import { property } from '../template.ts';
import type { ResourceProvider } from './provider.ts';

export const secretsManagerSecrets = (): ResourceProvider => ({
  types: ['AWS::SecretsManager::Secret'],
  identify({ logicalId, resource }, twin) {
    const name = property<string>(resource, 'Name') ?? twin.localName(logicalId, 128);
    // Secrets Manager appends a dash and six random characters to the name in the ARN.
    const arn = twin.arn('secretsmanager', `secret:${name}-${randomBytes(3).toString('hex')}`);
    return { ref: arn, attributes: { Id: arn } };
  },
  create(items, twin) {
    for (const { logicalId, resource } of items) {
      const local = twin.intrinsics.resources.get(logicalId)!;
      const role = resource.Metadata?.[SECRET_ROLE_METADATA];
      const given = property<unknown>(resource, 'SecretString');
      const generate = property<GenerateSecretString>(resource, 'GenerateSecretString');
      if (given === undefined && generate === undefined) {
        throw new Error(`secret ${logicalId} has neither SecretString nor GenerateSecretString`);
      }
      twin.secrets.add(
        {
          logicalId,
          arn: local.ref,
          name: local.ref.split(':secret:')[1]!.replace(/-[0-9a-f]{6}$/, ''),
          ...(typeof role === 'string' ? { role } : {}),
        },
        () => (given !== undefined ? twin.resolveString(given) : generateSecretValue(generate!)),
      );
    }
  },
});
