/**
 * Which code sets a command uses: the bundle directory given (`--codesets DIR`), else the one configured in the
 * environment (`CLAIMFLOW_CODESETS`), else the starter bundle shipped in the repository.
 */
import { openCodeSetsDirectory } from './bundle/bundle-files.ts';
import type { CodeSets } from './index.ts';
import { starterCodeSets } from './starter/index.ts';

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
  if (chosen) return { codeSets: openCodeSetsDirectory(chosen), origin: chosen };
  return { codeSets: starterCodeSets(), origin: 'starter bundle' };
}
