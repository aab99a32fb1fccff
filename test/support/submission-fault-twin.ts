/**
 * A twin whose submit-claims reaches the sandbox clearinghouse through a FaultProxy (the connection secret names the
 * proxy, as an operator would point it at another endpoint), with what the submission fault specs read: the claims,
 * the submission records, the sandbox's own log of what it took in, and the submission queues. Used by
 * twin-submission-faults and twin-submission-dead-letters, which run side by side, each with its own twin.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseClearinghouseConnection, SECRET_ROLES } from '#contracts/secrets';
import type { Claim } from '#core/claims/claim';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import type { LocalTwin } from '#local/twin/twin';
import { FaultProxy } from './fault-proxy.ts';
import { ledgerEntries, startTestTwin } from './twin.ts';
import { until } from './until.ts';
import { cleanVisitJson, daysAgo } from './visits.ts';

const dateOfService = daysAgo(7);

/** A clean visit of its own patient and member, so that no two visits of a file are the same visit. */
function visitJson(tag: string, memberId: string): string {
  return cleanVisitJson({
    encounterId: `V-${tag}`,
    patient: {
      lastName: `Faultcase${tag.replace(/[^A-Za-z]/g, '')}`,
      firstName: 'Robin',
      birthDate: '1979-03-14',
      sex: 'F',
      address: { lines: ['12 Elm Street'], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    memberId,
    dateOfService,
    noteText: 'Sore throat for three days. Assessment: acute upper respiratory infection.',
  });
}

export interface SubmissionFaultTwin {
  twin: LocalTwin;
  proxy: FaultProxy;
  claims: DynamoDbClaimStore;
  records: DynamoDbSubmissionRecords;
  /** Every function log line, for the specs that read how an invocation ended. */
  logLines: string[];
  /** Uploads a visit and waits until the stack has made its claim; returns the claim id. */
  uploadVisit(tag: string, memberId?: string): Promise<string>;
  /** Waits until the claim is in one of the statuses, and returns it. */
  claimIn(claimId: string, ...statuses: Claim['status'][]): Promise<Claim>;
  /** The sandbox's own log of what it took in, for one claim. */
  receivedWith(claimId: string): ReturnType<NonNullable<LocalTwin['clearinghouse']>['sandbox']['received']>;
  submissionQueues(): {
    main: ReturnType<LocalTwin['queues']>[number];
    dead: ReturnType<LocalTwin['queues']>[number];
    deadLetters: number;
  };
  stop(): Promise<void>;
}

export async function startSubmissionFaultTwin(): Promise<SubmissionFaultTwin> {
  const logLines: string[] = [];
  const proxy = await FaultProxy.start();
  const twin = await startTestTwin({ log: (_fn, _stream, text) => void logLines.push(text) });
  proxy.forwardTo(twin.clearinghouse!.url);
  const connection = twin.secrets.byRole(SECRET_ROLES.clearinghouseConnection)!;
  twin.secrets.put(
    connection.arn,
    JSON.stringify({ ...parseClearinghouseConnection(connection.value), url: proxy.url }),
  );
  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  const claims = new DynamoDbClaimStore(documents, twin.outputs.TableName!);
  const records = new DynamoDbSubmissionRecords(documents, twin.outputs.TableName!);

  return {
    twin,
    proxy,
    claims,
    records,
    logLines,
    async uploadVisit(tag, memberId = `SBX${randomUUID().replace(/-/g, '').slice(0, 9)}`) {
      const key = `inbox/submission-faults/${tag}.json`;
      await twin.s3.send(
        new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: visitJson(tag, memberId) }),
      );
      let claimId: string | undefined;
      await until(async () => {
        const entry = (await ledgerEntries(twin)).find((e) => e.key === key);
        claimId = entry?.claimIds?.[0];
        return claimId !== undefined;
      }, `the claim of ${tag} exists`);
      return claimId!;
    },
    async claimIn(claimId, ...statuses) {
      let claim: Claim | undefined;
      await until(
        async () => {
          claim = await claims.get(claimId);
          return claim !== undefined && statuses.includes(claim.status);
        },
        `claim ${claimId} is ${statuses.join(' or ')}`,
      );
      return claim!;
    },
    receivedWith(claimId) {
      return twin
        .clearinghouse!.sandbox.received()
        .filter((s) => s.accepted.includes(claimId) || s.rejected.includes(claimId));
    },
    submissionQueues() {
      const queues = twin.queues().filter((q) => q.logicalId.startsWith('ClaimSubmissionQueue'));
      const main = queues.find((q) => !q.deadLetterQueue)!;
      const dead = queues.find((q) => q.deadLetterQueue)!;
      return { main, dead, deadLetters: dead.visible + dead.inFlight };
    },
    async stop() {
      await proxy.close();
      await twin.stop();
    },
  };
}
