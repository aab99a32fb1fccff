/**
 * `npm run eval:gem [-- --half development|untouched|both] [--verbose] [--json]`: the GEM benchmark (eval/gem/README.md).
 * Each ICD-9-CM title of an exact one-to-one 2018 GEM map is coded as the assessment of a minimal note with the full
 * FY2018 ICD-10-CM release loaded; prints coverage, top-1 exact, category accuracy, precision when answering,
 * automation and precision by confidence band for each half. `--verbose` lists the development half's misses
 * (never the untouched half's). Exits 2 when ../shared/data is absent, saying so.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBands } from '../eval/confidence-bands.ts';
import { codeGemCase, type GemMetrics, type GemResult, gemMetrics, isExact } from '../eval/gem/evaluate-gem.ts';
import { loadFy2018CodeSets, loadGemCases, missingGemInputs } from '../eval/gem/load.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDataDir = () => process.env.CLAIMFLOW_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function report(name: string, m: GemMetrics): string {
  return [
    `${name}: ${m.cases} titles`,
    `  coverage                  ${pct(m.coverage)} (${m.answered} answered)`,
    `  top-1 exact               ${pct(m.top1Exact)}`,
    `  category accuracy         ${pct(m.categoryAccuracy)}`,
    `  precision when answering  ${pct(m.precisionWhenAnswering)}`,
    `  automation                ${pct(m.automationRate)} (${m.autoCoded} auto-coded), precision of auto-coded ${pct(m.autoCodedPrecision)}`,
    '  precision by confidence band (first code):',
    formatBands(m.bands),
  ].join('\n');
}

function misses(results: readonly GemResult[]): string {
  return results
    .filter((r) => r.half === 'development' && !isExact(r))
    .map(
      (r) =>
        `${r.icd9} "${r.title}": got ${r.answer ?? '-'}${r.confidence === undefined ? '' : ` (${r.confidence})`} want ${r.expected}${r.reviewReasons.length ? `  [${r.reviewReasons.join('; ')}]` : ''}`,
    )
    .join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { half: { type: 'string', default: 'both' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const shared = sharedDataDir();
  const missing = missingGemInputs(shared);
  if (missing.length > 0) {
    process.stderr.write(`eval:gem: skipped, the shared data is absent: ${missing.join(', ')}\n`);
    return 2;
  }
  if (!['development', 'untouched', 'both'].includes(values.half!)) {
    process.stderr.write(`eval:gem: --half must be development, untouched or both, got "${values.half}"\n`);
    return 1;
  }
  const cases = loadGemCases(shared).filter((c) => values.half === 'both' || c.half === values.half);
  const codeSets = loadFy2018CodeSets(shared);
  const started = process.cpuUsage();
  const results = cases.map((gemCase) => codeGemCase(gemCase, codeSets));
  const cpu = process.cpuUsage(started);
  const halves = (['development', 'untouched'] as const).filter(
    (half) => values.half === 'both' || values.half === half,
  );
  if (values.json) {
    const metrics = Object.fromEntries(
      halves.map((half) => [half, gemMetrics(results.filter((r) => r.half === half))]),
    );
    process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return 0;
  }
  for (const half of halves)
    process.stdout.write(
      `${report(half === 'development' ? 'Development half' : 'Untouched half (never tuned on)', gemMetrics(results.filter((r) => r.half === half)))}\n\n`,
    );
  process.stdout.write(
    `${results.length} titles coded in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s (first-use index builds included)\n`,
  );
  if (values.verbose) process.stdout.write(`\n${misses(results)}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
