import { readBody } from '../http-host.ts';
import { S3Error } from './errors.ts';
import { type S3Reply, type S3Request, xmlReply } from './exchange.ts';
import { malformedXml } from './object-write.ts';
import { readVerifiedBody } from './request-body.ts';
import type { ObjectStore } from './store.ts';
import { element, hasRoot, textOf, xmlDocument } from './xml.ts';

const OWNER = element('ID', '000000000000') + element('DisplayName', 'local');

export function listBuckets(store: ObjectStore): S3Reply {
  const buckets = store
    .buckets()
    .map(
      (bucket) =>
        `<Bucket>${element('Name', bucket.name)}${element('CreationDate', bucket.createdAt.toISOString())}</Bucket>`,
    )
    .join('');
  return xmlReply(xmlDocument('ListAllMyBucketsResult', `<Owner>${OWNER}</Owner><Buckets>${buckets}</Buckets>`));
}

export async function createBucket(request: S3Request, store: ObjectStore, name: string): Promise<S3Reply> {
  const body = (await readBody(request.raw, 64 * 1024)).toString('utf8');
  if (body.trim() !== '' && !hasRoot(body, 'CreateBucketConfiguration')) throw malformedXml();
  store.createBucket(name);
  return { status: 200, headers: { location: `/${name}` } };
}

export function headBucket(store: ObjectStore, name: string, region: string): S3Reply {
  store.bucket(name);
  return { status: 200, headers: { 'x-amz-bucket-region': region } };
}

export function deleteBucket(store: ObjectStore, name: string): S3Reply {
  store.deleteBucket(name);
  return { status: 204 };
}

export function getBucketLocation(store: ObjectStore, name: string, region: string): S3Reply {
  store.bucket(name);
  // us-east-1 is reported as an empty LocationConstraint, as S3 does.
  return xmlReply(xmlDocument('LocationConstraint', region === 'us-east-1' ? '' : region));
}

export function getBucketVersioning(store: ObjectStore, name: string): S3Reply {
  const { versioning } = store.bucket(name);
  return xmlReply(xmlDocument('VersioningConfiguration', element('Status', versioning)));
}

export async function putBucketVersioning(request: S3Request, store: ObjectStore, name: string): Promise<S3Reply> {
  const bucket = store.bucket(name);
  const xml = (await readVerifiedBody(request.raw)).data.toString('utf8');
  if (!hasRoot(xml, 'VersioningConfiguration')) throw malformedXml();
  const status = textOf(xml, 'Status');
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new S3Error('MalformedXML', `Versioning Status must be Enabled or Suspended, got ${status ?? 'nothing'}.`);
  }
  store.setVersioning(bucket, status);
  return { status: 200 };
}
