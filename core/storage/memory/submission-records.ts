/** Submission records held in memory, with the same conditional-write contract as the DynamoDB store. */
import type {
  ClaimRecordOutcome,
  ClaimSubmissionRecord,
  InterchangeReceipt,
  InterchangeRecord,
  SubmissionDeadLetter,
  SubmissionRecords,
} from '../submission-records.ts';

export class InMemorySubmissionRecords implements SubmissionRecords {
  readonly #claims = new Map<string, ClaimSubmissionRecord>();
  readonly #interchanges = new Map<string, InterchangeRecord>();
  readonly #deadLetters = new Map<string, SubmissionDeadLetter>();

  async claim(record: ClaimSubmissionRecord, replacing?: string): Promise<ClaimRecordOutcome> {
    const key = `${record.claimId}#${record.version}`;
    const held = this.#claims.get(key);
    if (held && held.interchangeId !== replacing) return { won: false, record: structuredClone(held) };
    this.#claims.set(key, structuredClone(record));
    return { won: true };
  }

  async getClaim(claimId: string, version: number): Promise<ClaimSubmissionRecord | undefined> {
    const held = this.#claims.get(`${claimId}#${version}`);
    return held ? structuredClone(held) : undefined;
  }

  async createInterchange(record: InterchangeRecord): Promise<{ created: boolean; record: InterchangeRecord }> {
    const held = this.#interchanges.get(record.id);
    if (held) return { created: false, record: structuredClone(held) };
    this.#interchanges.set(record.id, structuredClone(record));
    return { created: true, record: structuredClone(record) };
  }

  async getInterchange(id: string): Promise<InterchangeRecord | undefined> {
    const held = this.#interchanges.get(id);
    return held ? structuredClone(held) : undefined;
  }

  async findInterchangeByGroup(senderId: string, groupControlNumber: number): Promise<InterchangeRecord | undefined> {
    for (const record of this.#interchanges.values()) {
      if (record.sealed?.senderId === senderId && record.sealed.groupControlNumber === groupControlNumber)
        return structuredClone(record);
    }
    return undefined;
  }

  async recordReceipt(id: string, receipt: InterchangeReceipt): Promise<void> {
    this.#settle(id, 'SENT', (record) => ({ ...record, status: 'SENT', receipt: structuredClone(receipt) }));
  }

  async recordRefusal(id: string, refusal: NonNullable<InterchangeRecord['refusal']>): Promise<void> {
    this.#settle(id, 'REFUSED', (record) => ({ ...record, status: 'REFUSED', refusal: { ...refusal } }));
  }

  async recordDeadLetter(entry: SubmissionDeadLetter): Promise<void> {
    this.#deadLetters.set(`${entry.claimId}#${entry.version}`, { ...entry });
  }

  async getDeadLetter(claimId: string, version: number): Promise<SubmissionDeadLetter | undefined> {
    const held = this.#deadLetters.get(`${claimId}#${version}`);
    return held ? { ...held } : undefined;
  }

  #settle(id: string, to: 'SENT' | 'REFUSED', change: (record: InterchangeRecord) => InterchangeRecord): void {
    const held = this.#interchanges.get(id);
    if (held?.status === to) return;
    if (held?.status !== 'PENDING')
      throw new Error(`interchange ${id} is ${held?.status ?? 'absent'}, not PENDING; it cannot become ${to}`);
    this.#interchanges.set(id, change(held));
  }
}
