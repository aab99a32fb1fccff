/**
 * On the twin, from the template: a visit of 120 lines ends as 3 claims, each submitted once in an 837P the
 * independent validator accepts; and a note whose patient's address only the patient directory on the table knows
 * (recorded the way `claimflow patients load` records it) is billed with that address.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSIONS_PREFIX } from '#contracts/bucket-layout';
import type { Claim } from '#core/claims/claim';
import { loadPatientRecords } from '#core/patients/look-up-patient';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbPatientDirectory } from '#functions/common/storage/dynamodb-patient-directory';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';
import { cleanVisitJson, daysAgo } from '#test/support/visits';
import { describeWithValidator, validateX12 } from '../unit/sandbox/independent-validator.ts';

let twin: LocalTwin;
let claims: DynamoDbClaimStore;

async function upload(key: string, body: string): Promise<void> {
  await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
}

async function claimsOf(key: string): Promise<Claim[]> {
  const entry = (await ledgerEntries(twin)).find((e) => e.key === key);
  return Promise.all((entry?.claimIds ?? []).map(async (id) => (await claims.get(id)) as Claim));
}

/** The archived 837P interchanges that carry a claim (CLM01 is the claim id). */
async function interchangesCarrying(claimIds: string[]): Promise<string[]> {
  const listed = await twin.s3.send(
    new ListObjectsV2Command({ Bucket: twin.outputs.IntakeBucketName, Prefix: SUBMISSIONS_PREFIX }),
  );
  const texts = await Promise.all(
    (listed.Contents ?? []).map(async ({ Key }) =>
      (
        await twin.s3.send(new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key }))
      ).Body!.transformToString(),
    ),
  );
  return texts.filter((x12) => claimIds.some((id) => x12.includes(`CLM*${id}*`)));
}

/** A course of injections billed as one visit: 40 days, three lines a day (injection, drug, blood draw). */
function courseOfTreatment(encounterId: string): string {
  const visit = JSON.parse(cleanVisitJson({ encounterId, dateOfService: daysAgo(10) }));
  visit.encounter.procedures = Array.from({ length: 40 }, (_, day) =>
    [
      { code: '96372', charge: '35.00' },
      { code: 'J1100', charge: '6.00' },
      { code: '36415', charge: '10.00' },
    ].map(({ code, charge }) => ({
      code,
      units: 1,
      charge,
      serviceDate: daysAgo(49 - day),
      diagnosisCodes: ['J06.9'],
    })),
  ).flat();
  return JSON.stringify(visit);
}

beforeAll(async () => {
  twin = await startTestTwin();
  claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
  await upload('inbox/split/course.json', courseOfTreatment('V-COURSE'));
  await twin.waitUntilDrained();
}, 300_000);

afterAll(async () => {
  await twin?.stop();
});

describe('a visit over the payer’s 50 lines on the twin', () => {
  it('ends as 3 claims of 50, 50 and 20 lines, each submitted once', async () => {
    const parts = await claimsOf('inbox/split/course.json');

    expect(parts.map((c) => c.lines.length)).toEqual([50, 50, 20]);
    expect(parts.map((c) => c.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
    const carrying = await interchangesCarrying(parts.map((c) => c.id));
    for (const part of parts) expect(carrying.filter((x12) => x12.includes(`CLM*${part.id}*`))).toHaveLength(1);
  });
});

describeWithValidator('the split visit’s 837P on the twin, checked by the independent validator (pyx12)', () => {
  it('validates', async () => {
    const parts = await claimsOf('inbox/split/course.json');
    const carrying = await interchangesCarrying(parts.map((c) => c.id));

    const { valid, report } = validateX12(Object.fromEntries(carrying.map((x12, i) => [`split-${i}`, x12])));

    expect(valid, report).toBe(true);
  });
});

describe('the patient directory on the twin’s table', () => {
  it('supplies the address a document lacks, once the patient is recorded', async () => {
    const directory = new DynamoDbPatientDirectory(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
    const address = { lines: ['41 Quarry Rd'], city: 'Springfield', state: 'IL', postalCode: '62704' };
    const loaded = await loadPatientRecords(
      [{ memberId: 'SB777000111', lastName: 'Brandt', birthDate: '1968-09-30', address }],
      directory,
      new Date().toISOString(),
    );
    expect(loaded).toEqual({ loaded: 1, refused: [] });
    const visit = JSON.parse(
      cleanVisitJson({
        encounterId: 'V-DIRECTORY',
        memberId: 'SB777000111',
        patient: { lastName: 'Brandt', firstName: 'Ilse', birthDate: '1968-09-30', sex: 'F' },
      }),
    );
    delete visit.encounter.patient.address;

    await upload('inbox/directory/visit.json', JSON.stringify(visit));
    await twin.waitUntilDrained();

    const [claim] = await claimsOf('inbox/directory/visit.json');
    expect(claim?.status).toBe('SUBMITTED');
    expect(claim?.subscriber.address).toEqual(address);
    const [x12] = await interchangesCarrying([claim!.id]);
    expect(x12).toContain('N3*41 Quarry Rd~');
  });
});
