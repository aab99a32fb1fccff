/**
 * A deployment ships its imported code sets inside the function asset (`cdk deploy -c claimflow:codesets=DIR`); the
 * twin runs that same asset, so a code the starter bundle lacks is known once the official release is deployed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import type { LocalTwin } from '#local/twin/twin';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { ledgerEntries, startTestTwin } from '#test/support/twin';

const ORDER_ZIP = ['icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'];

// W10.8XXA (fall on other stairs, initial encounter) is in the FY2018 release but not in the starter bundle.
const SUPERBILL = [
  'encounter_id,patient_last_name,patient_first_name,patient_dob,patient_sex,patient_mrn,member_id,group_number,payer_id,payer_name,billing_npi,billing_tin,billing_name,rendering_npi,date_of_service,place_of_service,procedure_code,modifiers,units,charge,diagnosis_codes,notes',
  'E1,Haddad,Omar,1985-04-12,M,MRN77,SB555666777,,SANDBOX1,Sandbox Health Plan,1987654328,841234567,Maple Grove Family Medicine,1456789019,2026-11-06,11,99213,,1,135.00,S93.401A;W10.8XXA,',
].join('\r\n');

describeWithSharedData('code sets deployed with the function', ORDER_ZIP, () => {
  let twin: LocalTwin;

  beforeAll(async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'claimflow-codesets-'));
    const zip = sharedData(...ORDER_ZIP);
    const releases = compileReleaseFiles([{ name: zip, bytes: readFileSync(zip) }], {
      // FY2018 is the newest full release available here; stretch it over today's dates of service for the test.
      effectiveTo: '2026-12-31',
      compiledAt: new Date().toISOString(),
    });
    writeReleasesAtomically(bundle, releases);
    twin = await startTestTwin({ codeSetsDir: bundle });
  });

  afterAll(async () => {
    await twin?.stop();
  });

  it('codes against the deployed release: a code outside the starter bundle is accepted', async () => {
    await twin.s3.send(
      new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: 'inbox/fall.csv', Body: SUPERBILL }),
    );
    await twin.waitUntilDrained();

    const entry = (await ledgerEntries(twin)).find((e) => e.key === 'inbox/fall.csv');
    const claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
    const claim = await claims.get(entry!.claimIds![0]!);
    expect(claim?.diagnoses.map((d) => d.code)).toEqual(expect.arrayContaining(['W10.8XXA']));
    expect(claim?.diagnoses.find((d) => d.code === 'W10.8XXA')?.codeSetVersion).toBe('icd10cm-fy2018');
  });
});
