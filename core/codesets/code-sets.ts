/** The CodeSets implementation: picks the release in effect for each lookup and delegates to the kind's lookups. */
import type { IsoDate } from '#core/documents/encounter';
import { BUNDLE_FORMAT, type ReleaseSource } from './bundle/format.ts';
import { LoadedRelease } from './bundle/loaded-release.ts';
import { isIsoDate, isWithin } from './dates.ts';
import type { CodeSets } from './index.ts';
import { icd10cmLookups } from './lookups/icd10cm.ts';
import { cptLookups, hcpcsLookups, ncciLookups } from './lookups/procedures.ts';
import { CODE_SET_KINDS, type CodeSetKind } from './release-kinds.ts';

/** Builds the API over any set of releases; nothing is read until a lookup needs it. */
export function createCodeSets(sources: readonly ReleaseSource[]): CodeSets {
  const byKind = new Map<CodeSetKind, LoadedRelease[]>(CODE_SET_KINDS.map((kind) => [kind, []]));
  const seen = new Set<string>();
  for (const source of sources) {
    const { manifest } = source;
    if (manifest.format !== BUNDLE_FORMAT) {
      throw new Error(`code set release "${manifest.id}" has format "${manifest.format}"; expected "${BUNDLE_FORMAT}"`);
    }
    if (seen.has(manifest.id)) throw new Error(`code set release "${manifest.id}" is given twice`);
    seen.add(manifest.id);
    byKind.get(manifest.kind)?.push(new LoadedRelease(source));
  }
  // Latest start first: where ranges overlap (an April update inside its fiscal year), the newer release answers.
  for (const list of byKind.values())
    list.sort((a, b) => (a.manifest.effective.from < b.manifest.effective.from ? 1 : -1));

  // Lookups come in runs for one date of service, so each kind remembers the last date it resolved.
  const pickerFor = (kind: CodeSetKind) => {
    const releases = byKind.get(kind)!;
    let lastDate: string | undefined;
    let lastRelease: LoadedRelease | undefined;
    return (date: IsoDate): LoadedRelease | undefined => {
      if (date === lastDate) return lastRelease;
      if (!isIsoDate(date)) throw new Error(`date of service must be a YYYY-MM-DD date, got "${date}"`);
      lastRelease = releases.find((r) => isWithin(date, r.manifest.effective.from, r.manifest.effective.to));
      lastDate = date;
      return lastRelease;
    };
  };

  // One picker per kind, made once: releaseFor is asked on every code lookup of the coder, and a picker made per call
  // would validate the date and search the releases each time instead of remembering the last date.
  const pickers = new Map(CODE_SET_KINDS.map((kind) => [kind, pickerFor(kind)]));
  const picker = (kind: CodeSetKind) => pickers.get(kind)!;

  return {
    releases: () => CODE_SET_KINDS.flatMap((kind) => [...byKind.get(kind)!].reverse().map((release) => release.info())),
    releaseFor: (kind, date) => picker(kind)(date)?.info(),
    icd10cm: icd10cmLookups(picker('icd10cm')),
    hcpcs: hcpcsLookups(picker('hcpcs')),
    cpt: cptLookups(picker('cpt')),
    ncci: ncciLookups(picker('ncci-ptp'), picker('ncci-mue')),
  };
}
