/** Reads the broken and clean claim corpora (test/fixtures/scrubbing/broken, clean). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CompactClaim, SCRUB_FIXTURES } from './scrub-setup.ts';

export interface CorpusEntry {
  file: string;
  /** The one edit id a broken claim must raise (absent in the clean corpus). */
  expect?: string;
  why: string;
  claim: CompactClaim;
  priorClaims?: CompactClaim[];
}

export function readCorpus(kind: 'broken' | 'clean'): CorpusEntry[] {
  const dir = join(SCRUB_FIXTURES, kind);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<CorpusEntry, 'file'>) }));
}
