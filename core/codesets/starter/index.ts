/**
 * The starter bundle: compiled into the code (a generated module of table strings), so it loads with no file access
 * and esbuild bundles it into any Lambda. Used when no bundle directory is given or configured.
 */
import type { ReleaseSource } from '../bundle/format.ts';
import { createCodeSets } from '../code-sets.ts';
import type { CodeSets } from '../index.ts';
import { STARTER_RELEASES } from './starter-bundle.generated.ts';

export function starterReleaseSources(): ReleaseSource[] {
  return STARTER_RELEASES.map((release) => ({ manifest: release.manifest, readTable: (name) => release.tables[name] }));
}

export function starterCodeSets(): CodeSets {
  return createCodeSets(starterReleaseSources());
}
