/**
 * Which code sets a command uses: the bundle directory given (`--codesets DIR`), else the one configured in the
 * environment (`CLAIMFLOW_CODESETS`), else the starter bundle shipped in the repository.
 * A directory without a release of some kind (CPT for a deployment without an AMA licence, HCPCS or NCCI not yet
 * imported) gets the starter's release of that kind, so the coding rules can still check what they emit; `origin`
 * says so.
 */

import { createCodeSets } from '#core/codesets/code-sets';
import type { CodeSets } from '#core/codesets/index';
import { starterCodeSets, starterReleaseSources } from '#core/codesets/starter/index';
import { readBundleDirectory } from './bundle-directory.ts';

export const CODESETS_ENV = 'CLAIMFLOW_CODESETS';

export interface ResolvedCodeSets {
  codeSets: CodeSets;
  /** Where they came from, for messages: a directory path or "starter bundle". */
  origin: string;
}

export function resolveCodeSets(
  dir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedCodeSets {
  const chosen = dir ?? env[CODESETS_ENV];
  if (chosen) {
    const sources = readBundleDirectory(chosen);
    if (sources.length === 0)
      throw new Error(`code set bundle directory ${chosen} holds no releases (no */manifest.json)`);
    // Kinds the directory lacks (commonly CPT without an AMA licence, or HCPCS/NCCI not yet imported) fall back to
    // the starter's, so every rule keeps a code set to check against; `origin` names them.
    const present = new Set(sources.map((source) => source.manifest.kind));
    const fallback = starterReleaseSources().filter((source) => !present.has(source.manifest.kind));
    if (fallback.length === 0) return { codeSets: createCodeSets(sources), origin: chosen };
    const kinds = [...new Set(fallback.map((source) => source.manifest.kind))].join(', ');
    return { codeSets: createCodeSets([...sources, ...fallback]), origin: `${chosen} (+ starter ${kinds})` };
  }
  return { codeSets: starterCodeSets(), origin: 'starter bundle' };
}
