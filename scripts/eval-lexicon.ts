/**
 * `npx tsx scripts/eval-lexicon.ts [--write]`: checks every code the status and history table
 * (core/coding/lexicon/data/status-history.json) can emit against the full FY2018 ICD-10-CM release in the shared
 * data (for the entries whose code-set years cover FY2018), and prints the coders' review page; `--write` writes it
 * to docs/coding/status-history.md. Exits 1 when a code is missing from the release, 2 when the shared data is absent
 * (the page is still written).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { entryCodes, STATUS_HISTORY } from '#core/coding/lexicon/status-history';
import { statusHistoryPage } from '#core/coding/lexicon/status-history-page';
import { gemPaths, loadFy2018CodeSets } from '../eval/gem/load.ts';
import { sharedDataDir } from './eval-gem.ts';

export const STATUS_HISTORY_PAGE = resolve(
  fileURLToPath(import.meta.url),
  '..',
  '..',
  'docs',
  'coding',
  'status-history.md',
);

export function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { write: { type: 'boolean' } } });
  const page = statusHistoryPage(STATUS_HISTORY);
  if (values.write) writeFileSync(STATUS_HISTORY_PAGE, page);
  else process.stdout.write(page);
  const shared = sharedDataDir();
  if (!existsSync(gemPaths(shared).icd10cm)) {
    process.stderr.write(
      `eval-lexicon: release check skipped, the shared data is absent: ${gemPaths(shared).icd10cm}\n`,
    );
    return 2;
  }
  const codeSets = loadFy2018CodeSets(shared);
  const date = '2018-03-01';
  const missing = STATUS_HISTORY.concepts
    .filter((entry) => entry.codeSetYears.from <= 2018 && (entry.codeSetYears.to ?? 9999) >= 2018)
    .flatMap((entry) => entryCodes(entry).map((code) => `${entry.id}: ${code}`))
    .filter((line) => !codeSets.icd10cm.isBillable(line.slice(line.indexOf(': ') + 2), date));
  process.stderr.write(
    missing.length === 0
      ? 'eval-lexicon: every code of the status and history table is billable in the FY2018 release\n'
      : `eval-lexicon: not billable in the FY2018 release: ${missing.join(', ')}\n`,
  );
  return missing.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
