/**
 * The DynamoDB stores, on dynalite with the table's key schema and indexes, pass the same conformance suites as the
 * in-memory stores; plus what only the DynamoDB claim store has to get right (a crash between its two writes).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '#core/claims/state-machine';
import { readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbDocumentChunks } from '#functions/common/storage/dynamodb-document-chunks';
import { DynamoDbDocumentLedger } from '#functions/common/storage/dynamodb-document-ledger';
import { DynamoDbPatientDirectory } from '#functions/common/storage/dynamodb-patient-directory';
import { DynamoDbVisitReservations } from '#functions/common/storage/dynamodb-visit-reservations';
import { claimEventKey, claimKey } from '#functions/common/storage/keys/claim-keys';
import { startClaimFlowTable } from '#test/support/dynalite';
import { newClaim } from '../unit/storage/conformance/claim-fixture.ts';
import { claimStoreConformance } from '../unit/storage/conformance/claim-store.ts';
import { documentChunksConformance } from '../unit/storage/conformance/document-chunks.ts';
import { documentLedgerConformance } from '../unit/storage/conformance/document-ledger.ts';
import { patientDirectoryConformance } from '../unit/storage/conformance/patient-directory.ts';
import { visitReservationsConformance } from '../unit/storage/conformance/visit-reservations.ts';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let claims: DynamoDbClaimStore;

beforeAll(async () => {
  table = await startClaimFlowTable();
  claims = new DynamoDbClaimStore(table.client, table.tableName);
});

afterAll(async () => {
  await table?.stop();
});

claimStoreConformance('DynamoDB (dynalite)', () => claims);
documentLedgerConformance('DynamoDB (dynalite)', () => new DynamoDbDocumentLedger(table.client, table.tableName));
documentChunksConformance('DynamoDB (dynalite)', () => new DynamoDbDocumentChunks(table.client, table.tableName));
visitReservationsConformance('DynamoDB (dynalite)', () => new DynamoDbVisitReservations(table.client, table.tableName));
patientDirectoryConformance('DynamoDB (dynalite)', () => new DynamoDbPatientDirectory(table.client, table.tableName));

describe('DynamoDB claim store without transactions', () => {
  it('keeps the history complete when a crash fell between a claim write and its event item', async () => {
    const claim = newClaim();
    await claims.create(claim);
    const ready = transition(claim, { to: 'READY', at: '2026-11-20T10:00:01.000Z', actor: 't' });
    // The claim item written as save() writes it, and the crash before its event item.
    const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: claimKey(claim.id) }));
    await table.client.send(
      new PutCommand({ TableName: table.tableName, Item: { ...Item, ...ready, ...claimKey(claim.id) } }),
    );
    const lostEvent = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: claimEventKey(claim.id, 2) }),
    );
    expect(lostEvent.Item).toBeUndefined();

    // Until the next save, history() completes the list from the claim item ...
    expect((await readAllPages((p) => claims.history(claim.id, p))).map((e) => e.to)).toEqual(['CODED', 'READY']);
    // ... and the next save writes the missing event item before its own.
    await claims.save(transition(ready, { to: 'QUEUED', at: '2026-11-20T10:00:02.000Z', actor: 't' }));
    const repaired = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: claimEventKey(claim.id, 2) }),
    );
    expect(repaired.Item).toMatchObject({ version: 2, to: 'READY' });
    expect((await readAllPages((p) => claims.history(claim.id, p))).map((e) => e.to)).toEqual([
      'CODED',
      'READY',
      'QUEUED',
    ]);
  });
});
