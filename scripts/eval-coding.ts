/**
 * `npm run eval:coding [-- --gold DIR] [--verbose] [--json] [--oracle-diagnoses]`: codes every gold case (eval/coding/gold) with the starter
 * code sets and the gold set's practice configuration (eval/coding/practice.json), and prints the metrics of eval/coding/README.md for the tuned
 * and the held-out part. Exit 1 when a gold file is malformed.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import {
  type Evaluation,
  evaluateGold,
  type FileMetrics,
  type PartMetrics,
  type PrecisionRecall,
} from '../eval/coding/evaluate.ts';
import { loadGoldDirectory, MalformedGoldError } from '../eval/coding/gold-file.ts';
import { formatBands } from '../eval/confidence-bands.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GOLD_PRACTICE = resolve(root, 'eval', 'coding', 'practice.json');

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const pr = (m: PrecisionRecall) =>
  `P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}  (${m.truePositives}/${m.predicted} predicted, ${m.expected} gold)`;

function report(name: string, m: PartMetrics): string {
  return [
    `${name}: ${m.cases} cases${m.errors ? `, ${m.errors} unreadable` : ''}`,
    `  diagnoses, full code      ${pr(m.diagnoses.full)}`,
    `  diagnoses, category       ${pr(m.diagnoses.category)}`,
    `  procedures (CPT/HCPCS)    ${pr(m.procedures)}`,
    `  first-listed accuracy     ${pct(m.firstListedAccuracy)}`,
    `  E/M accuracy              ${pct(m.emAccuracy)}`,
    `  modifier accuracy         ${pct(m.modifierAccuracy)}    unit accuracy ${pct(m.unitAccuracy)}`,
    `  automation rate           ${pct(m.automationRate)} (${m.autoCoded} auto-coded)`,
    `  precision of auto-coded   ${pct(m.autoCodedPrecision)} (${m.autoCodedExact}/${m.autoCoded} exactly right)`,
    '  exactly right by confidence band (weakest code of the encounter):',
    formatBands(m.bands),
  ].join('\n');
}

/** One line per part of a file: enough to see which file a change helped or hurt. */
function fileSummary(m: PartMetrics): string {
  if (m.cases === 0) return 'no cases';
  return [
    `${String(m.cases).padStart(3)} cases`,
    `automation ${pct(m.automationRate).padStart(6)} (${m.autoCoded})`,
    `auto-coded precision ${pct(m.autoCodedPrecision).padStart(6)} (${m.autoCodedExact}/${m.autoCoded})`,
    `dx F1 ${pct(m.diagnoses.full.f1)}`,
    `px F1 ${pct(m.procedures.f1)}`,
    `E/M ${pct(m.emAccuracy)}`,
    ...(m.errors ? [`${m.errors} unreadable`] : []),
  ].join('  ');
}

function byFileReport(files: readonly FileMetrics[]): string {
  const out = ['By gold file:'];
  for (const f of files) {
    out.push(`  ${basename(f.file)}`);
    out.push(`    tuned     ${fileSummary(f.tuned)}`);
    out.push(`    held out  ${fileSummary(f.heldOut)}`);
  }
  return out.join('\n');
}

function details(evaluation: Evaluation): string {
  const out: string[] = [];
  // Held-out failures stay hidden: reading them would be tuning on them.
  for (const r of evaluation.results) {
    if ((r.exact && r.autoCoded) || r.heldOut) continue;
    out.push(
      `${r.id}${r.heldOut ? ' (held out)' : ''}: ${r.autoCoded ? 'AUTO' : 'review'}${r.exact ? ' exact' : ' WRONG'}${r.error ? ` error: ${r.error}` : ''}`,
    );
    out.push(`   dx    got ${r.predicted.diagnoses.join(' ') || '-'}   want ${r.expected.diagnoses.join(' ')}`);
    out.push(`   lines got ${r.predicted.lines.join(', ') || '-'}   want ${r.expected.lines.join(', ')}`);
    for (const reason of r.reviewReasons) out.push(`   ${reason}`);
  }
  return out.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
      'oracle-diagnoses': { type: 'boolean' },
    },
  });
  const goldDir = values.gold ?? resolve(root, 'eval', 'coding', 'gold');
  let cases: ReturnType<typeof loadGoldDirectory>;
  try {
    cases = loadGoldDirectory(goldDir);
  } catch (error) {
    if (error instanceof MalformedGoldError) {
      process.stderr.write(`eval:coding: malformed gold: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // The gold set's own practice (eval/coding/README.md): the shared sample configuration may change under it.
  const config = parsePracticeConfig(JSON.parse(readFileSync(GOLD_PRACTICE, 'utf8')), 'eval/coding/practice.json');
  const oracleDiagnoses = values['oracle-diagnoses'] ?? false;
  const evaluation = evaluateGold(cases, { codeSets: starterCodeSets(), config, date: '2026-11-23', oracleDiagnoses });
  if (oracleDiagnoses) process.stdout.write('(diagnoses replaced by the gold diagnoses: procedure side only)\n\n');
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ tuned: evaluation.tuned, heldOut: evaluation.heldOut, byFile: evaluation.byFile, results: evaluation.results }, null, 2)}\n`,
    );
    return 0;
  }
  const heldIds = evaluation.results.filter((r) => r.heldOut).map((r) => r.id);
  process.stdout.write(
    `${report('Tuned part', evaluation.tuned)}\n\n${report('Held-out part (never tuned on)', evaluation.heldOut)}\n`,
  );
  process.stdout.write(`\n${byFileReport(evaluation.byFile)}\n`);
  process.stdout.write(`\nheld-out ids: ${heldIds.join(' ')}\n`);
  if (values.verbose) process.stdout.write(`\n${details(evaluation)}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
