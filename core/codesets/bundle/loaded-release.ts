/** A release whose tables are read and split only when a lookup first needs them, then kept. */
import type { ReleaseInfo } from '../index.ts';
import type { ReleaseManifest, ReleaseSource } from './format.ts';
import { SortedTable } from './sorted-table.ts';

export class LoadedRelease {
  private readonly tables = new Map<string, SortedTable | undefined>();
  private readonly json = new Map<string, unknown>();

  constructor(private readonly source: ReleaseSource) {}

  get manifest(): ReleaseManifest {
    return this.source.manifest;
  }

  get id(): string {
    return this.source.manifest.id;
  }

  info(): ReleaseInfo {
    const { id, kind, label, title, effective, compiledAt, counts } = this.source.manifest;
    return { id, kind, label, title, effective, compiledAt, counts };
  }

  table(name: string): SortedTable | undefined {
    if (!this.tables.has(name)) {
      const text = this.source.manifest.tables.includes(name) ? this.source.readTable(name) : undefined;
      this.tables.set(name, text === undefined ? undefined : new SortedTable(text));
    }
    return this.tables.get(name);
  }

  jsonTable<T>(name: string): T | undefined {
    if (!this.json.has(name)) {
      const text = this.source.manifest.tables.includes(name) ? this.source.readTable(name) : undefined;
      this.json.set(name, text === undefined ? undefined : JSON.parse(text));
    }
    return this.json.get(name) as T | undefined;
  }
}
