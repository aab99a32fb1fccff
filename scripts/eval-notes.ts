/**
 * `npm run eval:notes [-- --verbose] [--json]`: reads the outpatient transcriptions of the shared MTSamples subset
 * (eval/notes/shared-notes.ts) with the full FY2018 ICD-10-CM release and the gold set's practice configuration,
 * and prints how many had header fields read, an assessment found, a diagnosis coded and the visit auto-coded.
 * Exits 2 when ../shared/data is absent, saying so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parsePracticeConfig } from '#core/config/practice-config';
import { gemPaths, loadFy2018CodeSets } from '../eval/gem/load.ts';
import { outpatientNotes, readSharedNote } from '../eval/notes/shared-notes.ts';
import { GOLD_PRACTICE } from './eval-coding.ts';
import { sharedDataDir } from './eval-gem.ts';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { verbose: { type: 'boolean' }, json: { type: 'boolean' } } });
  const shared = sharedDataDir();
  const folder = join(shared, 'mtsamples');
  const csvName = existsSync(folder) ? readdirSync(folder).find((name) => name.endsWith('.csv')) : undefined;
  const release = gemPaths(shared).icd10cm;
  const missing = [...(existsSync(release) ? [] : [release]), ...(csvName ? [] : [folder])];
  if (!csvName || missing.length > 0) {
    process.stderr.write(`eval:notes: skipped, the shared data is absent: ${missing.join(', ')}\n`);
    return 2;
  }
  const config = parsePracticeConfig(JSON.parse(readFileSync(GOLD_PRACTICE, 'utf8')), GOLD_PRACTICE);
  const codeSets = loadFy2018CodeSets(shared);
  const notes = outpatientNotes(readFileSync(join(folder, csvName), 'utf8'));
  const results = notes.map((note) => readSharedNote(note, { codeSets, config, date: '2018-03-01' }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  const count = (test: (r: (typeof results)[number]) => boolean) => results.filter(test).length;
  const lines = [
    `MTSamples outpatient notes: ${results.length}`,
    `  header fields read (any)        ${count((r) => r.headerFields > 0)}`,
    `  assessment found                ${count((r) => r.assessment !== 'none')} (heading ${count((r) => r.assessment === 'heading')}, found by content ${count((r) => r.assessment === 'inferred')}, dictation read whole ${count((r) => r.assessment === 'whole-note')})`,
    `  at least one diagnosis coded    ${count((r) => r.diagnoses > 0)}`,
    `  auto-coded                      ${count((r) => r.autoCoded)}`,
  ];
  if (values.verbose)
    for (const r of results)
      lines.push(
        `  ${r.index.padStart(3)} ${r.assessment.padEnd(10)} dx ${r.diagnoses} ${r.autoCoded ? 'auto  ' : 'review'} ${r.sampleName} [${[...new Set(r.reviewReasons)].join(', ')}]`,
      );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
