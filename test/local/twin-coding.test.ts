/**
 * code-encounter on the twin, past the ledger: documents are parsed, coded and turned into claims persisted with
 * their status; malformed documents end FAILED with the parser's specific reason; partly usable ones end
 * NEEDS_REVIEW saying what is missing.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSIONS_PREFIX } from '#contracts/bucket-layout';
import type { Claim } from '#core/claims/claim';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

let twin: LocalTwin;
let claims: DynamoDbClaimStore;

// Dates of service are relative to the day the test runs (daysAgo): the twin scrubs with the real clock.
const COMPLETE_NOTE = `Patient: Ana Rivera
DOB: 1970-02-03
Sex: F
Date of service: ${daysAgo(12)}
Member ID: SB123456789
Payer: SANDBOX1
Billing NPI: 1987654328
Visit type: established
Total time: 25 minutes

CHIEF COMPLAINT: Follow-up of diabetes and blood pressure.
ASSESSMENT:
1. Type 2 diabetes mellitus without complications.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.
`;

async function upload(key: string, body: string): Promise<void> {
  await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
}

async function entryFor(key: string) {
  return (await ledgerEntries(twin)).find((e) => e.key === key);
}

beforeAll(async () => {
  twin = await startTestTwin();
  claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
});

afterAll(async () => {
  await twin?.stop();
});

describe('coding on the twin', () => {
  it('turns a clinical note into a persisted claim with its lines and charges', async () => {
    await upload('inbox/coding/visit.txt', COMPLETE_NOTE);
    await twin.waitUntilDrained();

    const entry = await entryFor('inbox/coding/visit.txt');
    expect(['CODED', 'NEEDS_REVIEW']).toContain(entry?.status);
    expect(entry?.claimIds).toHaveLength(1);
    const claim = (await claims.get(entry!.claimIds![0]!)) as Claim;
    expect(claim.encounter.key).toBe('inbox/coding/visit.txt');
    expect(claim.lines.length).toBeGreaterThan(0);
    expect(claim.totalChargeCents).toBe(claim.lines.reduce((sum, l) => sum + l.chargeCents, 0));
    expect(claim.subscriber.memberId).toBe('SB123456789');
    expect(claim.billingProvider).toMatchObject({ npi: '1987654328', tin: '841234567' });
  });

  it("ends a malformed FHIR bundle FAILED with the parser's reason and location", async () => {
    await upload('inbox/coding/broken.json', '{"resourceType":"Bundle","type":"collection","entry":[{"resource":');
    await twin.waitUntilDrained();

    const entry = await entryFor('inbox/coding/broken.json');
    expect(entry?.status).toBe('FAILED');
    expect(entry?.failure?.reason).toBe('unparseable');
    expect(entry?.failure?.message).toMatch(/json/i);
  });

  it('sends a note without member id or payer to review, saying what is missing', async () => {
    const partial = COMPLETE_NOTE.replace('Member ID: SB123456789\n', '').replace('Payer: SANDBOX1\n', '');
    await upload('inbox/coding/partial.txt', partial);
    await twin.waitUntilDrained();

    const entry = await entryFor('inbox/coding/partial.txt');
    expect(entry?.status).toBe('NEEDS_REVIEW');
    expect(entry?.reviewReasons).toContain('missing_information');
    const claim = (await claims.get(entry!.claimIds![0]!)) as Claim;
    expect(claim.status).toBe('NEEDS_REVIEW');
    expect(claim.lastEvent.reason).toMatch(/subscriber\.memberId/);
  });

  it('treats a re-upload of the same bytes as a new document version naming the same claim, left untouched', async () => {
    await upload('inbox/coding/visit-again.txt', COMPLETE_NOTE);
    await twin.waitUntilDrained();
    const entry = await entryFor('inbox/coding/visit-again.txt');

    const before = (await claims.listByStatus({ status: (await claims.get(entry!.claimIds![0]!))!.status })).items;
    await upload('inbox/coding/visit-again.txt', COMPLETE_NOTE);
    await twin.waitUntilDrained();

    // The ledger records both versions; the claim id derives from the text (core/claims/build-claim), so the same
    // bytes name the same claim and cannot bill it twice. Other bytes for the same visit are the duplicate edit's job.
    const entries = (await ledgerEntries(twin)).filter((e) => e.key === 'inbox/coding/visit-again.txt');
    expect(entries).toHaveLength(2);
    expect(new Set(entries.flatMap((e) => e.claimIds ?? [])).size).toBe(1);
    expect((await claims.get(entry!.claimIds![0]!))?.version).toBe(
      before.find((c) => c.id === entry!.claimIds![0])?.version,
    );
  });
});

describe('scrubbing on the twin', () => {
  const visit = (id: string) =>
    cleanVisitJson({
      encounterId: id,
      dateOfService: daysAgo(26),
      noteText:
        'Sore throat and congestion for three days. Assessment: acute upper respiratory infection. Plan: fluids.',
    });

  it('submits a clean claim to the clearinghouse once, archiving the 837 it sent', async () => {
    await upload('inbox/scrub/visit-1.json', visit('V-1'));
    await twin.waitUntilDrained();

    const entry = await entryFor('inbox/scrub/visit-1.json');
    expect(entry?.status).toBe('CODED');
    const claim = (await claims.get(entry!.claimIds![0]!)) as Claim;
    expect(claim.status).toBe('SUBMITTED');
    expect((await claims.history(claim.id)).items.map((h) => h.to)).toEqual(['CODED', 'READY', 'QUEUED', 'SUBMITTED']);
    const submission = twin.queues().find((q) => q.logicalId.startsWith('ClaimSubmissionQueue') && !q.deadLetterQueue);
    expect(submission).toMatchObject({ visible: 0, inFlight: 0 });
    const archived = await twin.s3.send(
      new ListObjectsV2Command({ Bucket: twin.outputs.IntakeBucketName, Prefix: SUBMISSIONS_PREFIX }),
    );
    const interchanges = await Promise.all(
      (archived.Contents ?? []).map(async ({ Key }) => {
        const object = await twin.s3.send(new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key }));
        return object.Body!.transformToString();
      }),
    );
    // Exactly one 837P interchange carries this claim (CLM01 is the claim id): sent once, archived once.
    const carrying = interchanges.filter((x12) => x12.includes(`CLM*${claim.id}*`));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]).toMatch(/^ISA\*/);
    expect(carrying[0]).toContain('*005010X222A1');
  });

  it('holds the same visit sent again in another document, once the first is submitted, for the biller', async () => {
    await upload('inbox/scrub/visit-1-again.json', visit('V-1-resent'));
    await twin.waitUntilDrained();

    // The later document is a correction of a claim the payer already has (core/pipeline/replace-earlier-claim):
    // nothing more is sent, and a biller decides (recode the first once adjudicated, or void).
    const entry = await entryFor('inbox/scrub/visit-1-again.json');
    const claim = (await claims.get(entry!.claimIds![0]!)) as Claim;
    expect(claim).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'corrected_document', owner: 'BILLER' });
    // The sandbox acknowledges the first claim a payer-minute later (277CA, ACCEPTED): either way it is not adjudicated.
    expect(claim.lastEvent.reason).toMatch(
      /is (SUBMITTED|ACCEPTED) at the payer; this later document corrects it once the payer has adjudicated it/,
    );
  });
});
