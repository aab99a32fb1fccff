/** Response application records held in memory, with the same contract as the DynamoDB store. */
import type {
  ResponseApplicationRecord,
  ResponseApplicationSummary,
  ResponseApplications,
  ResponseFileSource,
} from '../response-applications.ts';

export class InMemoryResponseApplications implements ResponseApplications {
  readonly #records = new Map<string, ResponseApplicationRecord>();

  async get(fileId: string) {
    const held = this.#records.get(fileId);
    return held ? structuredClone(held) : undefined;
  }

  async begin(fileId: string, source: ResponseFileSource, at: string): Promise<ResponseApplicationRecord> {
    const held = this.#records.get(fileId);
    if (!held) {
      const record: ResponseApplicationRecord = { fileId, status: 'APPLYING', source, startedAt: at, attempts: 1 };
      this.#records.set(fileId, record);
      return structuredClone(record);
    }
    if (held.status === 'APPLYING') held.attempts += 1;
    return structuredClone(held);
  }

  async finish(
    fileId: string,
    outcome: { status: 'APPLIED'; summary: ResponseApplicationSummary } | { status: 'UNREADABLE'; reason: string },
    at: string,
  ): Promise<void> {
    const held = this.#records.get(fileId);
    if (held?.status === outcome.status) return;
    if (held?.status !== 'APPLYING')
      throw new Error(`response file ${fileId} is ${held?.status ?? 'absent'}, not APPLYING`);
    this.#records.set(fileId, {
      ...held,
      status: outcome.status,
      finishedAt: at,
      ...(outcome.status === 'APPLIED' ? { summary: structuredClone(outcome.summary) } : { reason: outcome.reason }),
    });
  }
}
