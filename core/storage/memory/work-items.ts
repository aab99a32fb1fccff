/** Work items held in memory, with the same contract as the DynamoDB store. */
import type { PageRequest } from '../page.ts';
import type { WorkItem, WorkItemResolution, WorkItemStore } from '../work-items.ts';
import { pageOf, sortedBy } from './paging.ts';

export class InMemoryWorkItems implements WorkItemStore {
  readonly #items = new Map<string, WorkItem>();

  async raise(item: WorkItem): Promise<boolean> {
    if (this.#items.has(item.id)) return false;
    this.#items.set(item.id, structuredClone(item));
    return true;
  }

  async get(id: string) {
    const held = this.#items.get(id);
    return held ? structuredClone(held) : undefined;
  }

  async listOpen(page?: PageRequest) {
    const open = [...this.#items.values()].filter((item) => item.status === 'OPEN').map((i) => structuredClone(i));
    return pageOf(
      sortedBy(open, (item) => `${item.raisedAt}#${item.id}`),
      page,
    );
  }

  async resolve(id: string, resolution: WorkItemResolution): Promise<boolean> {
    const held = this.#items.get(id);
    if (held?.status !== 'OPEN') return false;
    this.#items.set(id, {
      ...held,
      status: 'RESOLVED',
      resolvedAt: resolution.at,
      resolvedBy: resolution.actor,
      resolution: resolution.reason,
    });
    return true;
  }
}
