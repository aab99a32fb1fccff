/**
 * Reference resolution inside one Bundle: `urn:uuid:`/`urn:oid:` full URLs, relative `Type/id` (with or without
 * `_history`), absolute URLs, and `#id` for resources contained in the referring one.
 */
import type { Resource } from 'fhir/r4';

export interface IndexedResource {
  resource: Resource & { contained?: Resource[] };
  /** Human-readable position, e.g. `entry[4] (Condition/abc)` or `entry[2] (Claim/x) #coverage`. */
  label: string;
  /** The resource holding this one in `contained`, when it is contained. */
  container?: IndexedResource;
}

export type Resolution =
  | { kind: 'found'; target: IndexedResource }
  /** A bundle-local reference (`urn:`, `#id`) that points nowhere: the bundle is broken. */
  | { kind: 'broken'; message: string }
  /** A reference to a resource the bundle does not include (normal in search results): nothing to read. */
  | { kind: 'absent'; message: string }
  | { kind: 'none' };

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]+)?$/;
const ABSOLUTE_TAIL = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]+)?$/;

export class BundleIndex {
  readonly entries: IndexedResource[] = [];
  private readonly byFullUrl = new Map<string, IndexedResource>();
  private readonly byTypeAndId = new Map<string, IndexedResource>();

  add(resource: Resource, entryIndex: number, fullUrl: string | undefined): IndexedResource {
    const label = `entry[${entryIndex}] (${resource.resourceType}${resource.id ? `/${resource.id}` : ''})`;
    const indexed: IndexedResource = { resource, label };
    this.entries.push(indexed);
    if (fullUrl) this.byFullUrl.set(fullUrl, indexed);
    if (resource.id) this.byTypeAndId.set(`${resource.resourceType}/${resource.id}`, indexed);
    return indexed;
  }

  ofType(resourceType: string): IndexedResource[] {
    return this.entries.filter((entry) => entry.resource.resourceType === resourceType);
  }

  resolve(reference: string | undefined, from: IndexedResource): Resolution {
    if (!reference) return { kind: 'none' };
    if (reference.startsWith('#')) return this.resolveContained(reference.slice(1), from);
    const exact = this.byFullUrl.get(reference);
    if (exact) return { kind: 'found', target: exact };
    if (reference.startsWith('urn:')) {
      return { kind: 'broken', message: `reference "${reference}" matches no entry fullUrl in the bundle` };
    }
    const match = RELATIVE.exec(reference) ?? ABSOLUTE_TAIL.exec(reference);
    if (match) {
      const target = this.byTypeAndId.get(`${match[1]}/${match[2]}`);
      if (target) return { kind: 'found', target };
    }
    return { kind: 'absent', message: `reference "${reference}" is not included in the bundle` };
  }

  private resolveContained(id: string, from: IndexedResource): Resolution {
    const holder = from.container ?? from;
    const contained = holder.resource.contained?.find((resource) => resource.id === id);
    if (!contained) {
      return { kind: 'broken', message: `contained reference "#${id}" matches nothing in ${holder.label}.contained` };
    }
    return { kind: 'found', target: { resource: contained, label: `${holder.label} #${id}`, container: holder } };
  }
}
