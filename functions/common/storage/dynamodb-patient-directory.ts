/**
 * The patient directory on the ClaimFlow table (keys: keys/patient-keys.ts). The entry item is the commit point; the
 * pointer items a lookup queries are derived from it, written after it with deterministic keys. A lookup follows
 * each pointer to its entry and keeps the entry only if it is still found by that key, so a pointer left behind by a
 * corrected entry (a new member id) or by a crash between the writes never returns a wrong patient; loading the
 * file again writes whatever pointer a crash left out.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  entryIdentity,
  memberLookupKey,
  mrnLookupKey,
  type PatientDirectory,
  type PatientDirectoryEntry,
} from '#core/patients/patient-directory';
import {
  patientByMemberPartition,
  patientByMrnPartition,
  patientEntryKey,
  patientPointerSortKey,
} from './keys/patient-keys.ts';

/** More candidates than this under one key is an ambiguous directory; the matcher refuses it either way. */
const MAX_CANDIDATES = 10;

interface EntryItem {
  entry: PatientDirectoryEntry;
  mrnKey?: string;
  memberKey?: string;
}

export class DynamoDbPatientDirectory implements PatientDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findByMrn(mrn: string): Promise<PatientDirectoryEntry[]> {
    const key = mrnLookupKey(mrn);
    return this.#lookUp(patientByMrnPartition(key), (item) => item.mrnKey === key);
  }

  async findByMember(memberId: string, birthDate: string): Promise<PatientDirectoryEntry[]> {
    const key = memberLookupKey(memberId, birthDate);
    return this.#lookUp(patientByMemberPartition(key), (item) => item.memberKey === key);
  }

  async put(entry: PatientDirectoryEntry, at: string): Promise<void> {
    const identity = entryIdentity(entry);
    const mrnKey = entry.mrn !== undefined ? mrnLookupKey(entry.mrn) : undefined;
    const memberKey = entry.memberId !== undefined ? memberLookupKey(entry.memberId, entry.birthDate) : undefined;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...patientEntryKey(identity),
          entry,
          ...(mrnKey && { mrnKey }),
          ...(memberKey && { memberKey }),
          updatedAt: at,
        },
      }),
    );
    const pointers = [
      ...(mrnKey ? [patientByMrnPartition(mrnKey)] : []),
      ...(memberKey ? [patientByMemberPartition(memberKey)] : []),
    ];
    for (const pk of pointers) {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { pk, sk: patientPointerSortKey(identity), identity } }),
      );
    }
  }

  async #lookUp(partition: string, stillFoundBy: (item: EntryItem) => boolean): Promise<PatientDirectoryEntry[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        Limit: MAX_CANDIDATES,
        ConsistentRead: true,
      }),
    );
    const entries: PatientDirectoryEntry[] = [];
    for (const pointer of Items) {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: patientEntryKey(String(pointer.identity)),
          ConsistentRead: true,
        }),
      );
      if (Item && stillFoundBy(Item as EntryItem)) entries.push((Item as EntryItem).entry);
    }
    return entries;
  }
}
