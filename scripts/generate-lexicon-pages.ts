/**
 * `npm run docs:lexicon`: writes the coders' review pages of the lexicon from its validated data:
 * docs/coding/lexicon.md (the concept files) and docs/coding/status-history.md (the status and history table).
 * Specs compare the committed pages with these.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMBINED_PHRASES } from '#core/coding/lexicon/combined-phrases';
import { CONCEPT_FILES } from '#core/coding/lexicon/concepts';
import { lexiconPage } from '#core/coding/lexicon/lexicon-page';
import { MEDICATIONS } from '#core/coding/lexicon/medications';
import { STATUS_HISTORY } from '#core/coding/lexicon/status-history';
import { statusHistoryPage } from '#core/coding/lexicon/status-history-page';

const docs = resolve(fileURLToPath(import.meta.url), '..', '..', 'docs', 'coding');
export const LEXICON_PAGE = resolve(docs, 'lexicon.md');
export const STATUS_HISTORY_PAGE = resolve(docs, 'status-history.md');

export function main(): number {
  writeFileSync(LEXICON_PAGE, lexiconPage(CONCEPT_FILES, MEDICATIONS, COMBINED_PHRASES));
  writeFileSync(STATUS_HISTORY_PAGE, statusHistoryPage(STATUS_HISTORY));
  process.stdout.write(`wrote ${LEXICON_PAGE} and ${STATUS_HISTORY_PAGE}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
