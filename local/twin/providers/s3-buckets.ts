/** AWS::S3::Bucket: a bucket in the S3 emulator, versioned when the template says so. */
import { property } from '../template.ts';
import type { ResourceProvider } from './provider.ts';

export const s3Buckets = (): ResourceProvider => ({
  types: ['AWS::S3::Bucket'],
  identify({ logicalId }, twin) {
    const name = twin.localName(logicalId, 63, true);
    return {
      ref: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${twin.region}.amazonaws.com`,
      },
    };
  },
  create(items, twin) {
    for (const { logicalId, resource } of items) {
      const versioning = property<{ Status?: string }>(resource, 'VersioningConfiguration');
      twin.services.s3Emulator.ensureBucket(twin.intrinsics.resources.get(logicalId)!.ref, {
        versioned: versioning?.Status === 'Enabled',
      });
    }
  },
});
