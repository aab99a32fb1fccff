/**
 * Which code sets a command uses: the bundle directory given (`--codesets DIR`), else the one configured in the
 * environment (`CLAIMFLOW_CODESETS`), else the starter bundle shipped in the repository.
 * A directory without a CPT release (a deployment without an AMA licence) gets the starter's CPT code numbers, so the
 * coding rules can still check the numbers they emit; `origin` says so.
 */
import { readBundleDirectory } from './bundle/bundle-files.ts';
import { createCodeSets } from './code-sets.ts';
import type { CodeSets } from './index.ts';
import { starterCodeSets, starterReleaseSources } from './starter/index.ts';

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
    if (sources.some((source) => source.manifest.kind === 'cpt'))
      return { codeSets: createCodeSets(sources), origin: chosen };
    const starterCpt = starterReleaseSources().filter((source) => source.manifest.kind === 'cpt');
    return { codeSets: createCodeSets([...sources, ...starterCpt]), origin: `${chosen} (+ starter CPT code numbers)` };
  }
  return { codeSets: starterCodeSets(), origin: 'starter bundle' };
}
