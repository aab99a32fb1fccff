/**
 * Follow-up on the twin: a claim submitted to the sandbox clearinghouse that hears nothing back raises a biller's
 * follow-up once the payer's acknowledgment days have passed. The test drives the daily schedule itself: it finds the
 * EventBridge rule in the template and invokes its target with the scheduled event EventBridge would send on a later
 * day (the run decides as of the event's time), instead of waiting days of twin time.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpReport } from '#core/followup/raise-follow-ups';
import { readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

const DAY = 86_400_000;
let twin: LocalTwin;

beforeAll(async () => {
  twin = await startTestTwin();
});

afterAll(async () => {
  await twin?.stop();
});

/** A clean visit served `daysAgo` days before today (dated relative to today, so it never ages out of filing). */
function visit(servedDaysAgo: number): string {
  return cleanVisitJson({
    encounterId: 'FU-1',
    patient: {
      lastName: 'Okafor',
      firstName: 'Grace',
      birthDate: '1979-09-14',
      sex: 'F',
      address: { lines: ['8 Elm Street'], city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    memberId: 'SB777000111',
    dateOfService: daysAgo(servedDaysAgo),
  });
}

/** Runs the daily schedule's target as EventBridge would on the day `at`. */
async function runDailySchedule(at: Date): Promise<FollowUpReport> {
  const rules = Object.entries(twin.stack.template.Resources).filter(
    ([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression === 'rate(1 day)',
  );
  expect(rules).toHaveLength(1);
  const [ruleId, rule] = rules[0]!;
  const target = (rule.Properties!.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!;
  const runtime = twin.runtimes.get(target.Arn['Fn::GetAtt'][0]);
  expect(runtime).toBeDefined();
  return (await runtime!.invoke({
    version: '0',
    id: `test-${at.getTime()}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${ruleId}`],
    detail: {},
  })) as FollowUpReport;
}

describe('follow-up on the twin', () => {
  it('raises a follow-up for a submitted claim with no acknowledgment after the payer’s days, once', async () => {
    await twin.s3.send(
      new PutObjectCommand({
        Bucket: twin.outputs.IntakeBucketName,
        Key: 'inbox/follow-up/visit.json',
        Body: visit(3),
      }),
    );
    await twin.waitUntilDrained();
    const entry = (await ledgerEntries(twin)).find((e) => e.key === 'inbox/follow-up/visit.json');
    const documents = DynamoDBDocumentClient.from(twin.dynamodb);
    const claims = new DynamoDbClaimStore(documents, twin.outputs.TableName!);
    const workItems = new DynamoDbWorkItems(documents, twin.outputs.TableName!);
    const claimId = entry!.claimIds![0]!;
    expect((await claims.get(claimId))?.status).toBe('SUBMITTED');

    // Two days on the claim is not late (Sandbox Health Plan acknowledges within the default 5 days) ...
    const early = await runDailySchedule(new Date(Date.now() + 2 * DAY));
    // ... eight days on it is, and the next day's run raises nothing new.
    const late = await runDailySchedule(new Date(Date.now() + 8 * DAY));
    const nextDay = await runDailySchedule(new Date(Date.now() + 9 * DAY));

    expect(early.noAcknowledgment).toMatchObject({ raised: 0 });
    expect(late.noAcknowledgment).toMatchObject({ raised: 1 });
    expect(nextDay.noAcknowledgment).toMatchObject({ raised: 0 });
    const items = (await readAllPages((page) => workItems.listOpen(page))).filter((i) => i.claimId === claimId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ category: 'follow_up_no_acknowledgment', owner: 'BILLER', status: 'OPEN' });
    expect(items[0]!.reason).toMatch(/Submitted 8 days ago and no claim acknowledgment \(277CA\)/);
  });
});
