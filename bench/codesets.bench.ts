/**
 * Code set benchmarks: import time (FY2018 order file zip, the FY2025 index tables, HCPCS 2019), bundle load time in a
 * fresh process (esbuild-bundled like a Lambda; from process start to the first lookup answered, against a peer that
 * loads the same codes as one JSON array), and lookups per second (against a plain Map over the same codes).
 * Needs ../shared/data; says so and exits 0 when it is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { openCodeSetsDirectory, writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
const ICD_ZIP = join(shared, 'icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip');
const HCPCS_ZIP = join(shared, 'hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip');
const INDEX_TABLES = ['icd-10-cm-neoplasm-2025.xml', 'icd-10-cm-drug-2025.xml', 'icd-10-cm-eindex-2025.xml'].map((f) =>
  join(shared, 'icd10cm', '2025', f),
);
const RUNS = 7;

if (![ICD_ZIP, HCPCS_ZIP, ...INDEX_TABLES].every(existsSync)) {
  process.stdout.write(`skipped: official files under ${shared} are absent\n`);
  process.exit(0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const out = mkdtempSync(join(tmpdir(), 'claimflow-codesets-bench-'));

function timeImport(label: string, files: string[], options: { aprilUpdate?: boolean } = {}) {
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const releases = compileReleaseFiles(
      files.map((f) => ({ name: f, bytes: readFileSync(f) })),
      { compiledAt: new Date().toISOString(), ...options },
    );
    writeReleasesAtomically(out, releases);
    times.push(performance.now() - started);
    summary = releases.map((r) => `${r.manifest.id} ${JSON.stringify(r.manifest.counts)}`).join('; ');
  }
  process.stdout.write(
    `import ${label}: median ${ms(median(times))} of 3 (read, parse, compile, write)  [${summary}]\n`,
  );
}

process.stdout.write('--- import ---\n');
timeImport('FY2018 order+codes zip', [ICD_ZIP]);
timeImport('FY2025 neoplasm+drug+eindex XML', INDEX_TABLES, { aprilUpdate: true });
timeImport('HCPCS 2019 zip', [HCPCS_ZIP]);

// Peer format for the load comparison: the same FY2018 code table as one JSON array of objects.
const fy2018Dir = join(out, 'icd10cm-fy2018');
const rows = readFileSync(join(fy2018Dir, 'codes.tsv'), 'utf8')
  .split('\n')
  .map((line) => {
    const [code, flags, parent, title, shortTitle] = line.split('\t');
    return { code, billable: flags?.includes('B'), parent, title, shortTitle };
  });
const peerJson = join(out, 'codes-peer.json');
writeFileSync(peerJson, JSON.stringify(rows));

const childSource = (kind: 'bundle' | 'json') =>
  kind === 'bundle'
    ? `import { openCodeSetsDirectory } from ${JSON.stringify(join(repoRoot, 'functions/common/codesets/bundle-directory.ts'))};
const t0 = performance.now();
const cs = openCodeSetsDirectory(process.argv[2]);
const ok = cs.icd10cm.isBillable('E11.9', '2018-03-01') && cs.icd10cm.title('I10', '2018-03-01');
process.stdout.write(JSON.stringify({ sinceStart: performance.now(), inLoad: performance.now() - t0, ok: Boolean(ok) }));`
    : `import { readFileSync } from 'node:fs';
const t0 = performance.now();
const rows = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byCode = new Map(rows.map((r) => [r.code, r]));
const ok = byCode.get('E119')?.billable && byCode.get('I10')?.title;
process.stdout.write(JSON.stringify({ sinceStart: performance.now(), inLoad: performance.now() - t0, ok: Boolean(ok) }));`;

async function bundleChild(kind: 'bundle' | 'json'): Promise<string> {
  const entry = join(out, `child-${kind}.ts`);
  writeFileSync(entry, childSource(kind));
  const outfile = join(out, `child-${kind}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
  return outfile;
}

function runChild(script: string, arg: string): { sinceStart: number; inLoad: number } {
  const result = spawnSync(process.execPath, [script, arg], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`child ${script} failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { sinceStart: number; inLoad: number; ok: boolean };
  if (!parsed.ok) throw new Error(`child ${script} answered wrongly`);
  return parsed;
}

process.stdout.write('--- load in a fresh process (esbuild bundle, like a Lambda cold start) ---\n');
const emptyStarts = Array.from({ length: RUNS }, () =>
  Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(performance.now()))'], { encoding: 'utf8' }).stdout,
  ),
);
process.stdout.write(
  `baseline: empty node process reaches its first line at ${ms(median(emptyStarts))} (median of ${RUNS})\n`,
);
const bundleChildPath = await bundleChild('bundle');
const jsonChildPath = await bundleChild('json');
const samples = {
  bundle: [] as { sinceStart: number; inLoad: number }[],
  json: [] as { sinceStart: number; inLoad: number }[],
};
for (let i = 0; i < RUNS; i++) {
  samples.bundle.push(runChild(bundleChildPath, out));
  samples.json.push(runChild(jsonChildPath, peerJson));
}
const report = (label: string, list: { sinceStart: number; inLoad: number }[]) => {
  const start = median(list.map((s) => s.sinceStart));
  const load = median(list.map((s) => s.inLoad));
  process.stdout.write(
    `${label}: process start -> first lookup ${ms(start)}; open + first lookup ${ms(load)} (median of ${RUNS})\n`,
  );
  return load;
};
const bundleLoad = report('bundle (FY2018 + HCPCS 2019 + index, lazy tables)', samples.bundle);
const jsonLoad = report('peer: FY2018 codes as one JSON array -> Map    ', samples.json);
process.stdout.write(`ratio open+first lookup, JSON peer / bundle: ${(jsonLoad / bundleLoad).toFixed(2)}x\n`);

process.stdout.write('--- lookups per second (warm, in process) ---\n');
const codeSets = openCodeSetsDirectory(out);
const codes = rows.map((r) => r.code!);
const queries = Array.from({ length: 200_000 }, (_, i) => codes[(i * 7919) % codes.length]!);
const peerMap = new Map(rows.map((r) => [r.code, r]));
const rate = (label: string, fn: (code: string) => unknown, count = queries.length) => {
  fn(queries[0]!);
  const started = performance.now();
  let hits = 0;
  for (let i = 0; i < count; i++) if (fn(queries[i]!)) hits++;
  const perSecond = count / ((performance.now() - started) / 1000);
  const shown = perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;
  process.stdout.write(`${label}: ${shown} (${hits} of ${count} answered)\n`);
  return perSecond;
};
const lookupRate = rate('icd10cm.isBillable (binary search)', (c) => codeSets.icd10cm.isBillable(c, '2018-03-01'));
const mapRate = rate('peer: Map.get(code).billable       ', (c) => peerMap.get(c)?.billable);
rate('icd10cm.lookup (answer object)    ', (c) => codeSets.icd10cm.lookup(c, '2018-03-01'));
rate('icd10cm.parents                   ', (c) => codeSets.icd10cm.parents(c, '2018-03-01').length > 0);
rate('hcpcs.isValid                     ', (c) => codeSets.hcpcs.isValid(`J${c.slice(1, 5)}`, '2019-03-01'));
rate(
  'icd10cm.searchIndex "neoplasm breast"',
  () => codeSets.icd10cm.searchIndex('neoplasm breast', '2025-05-01', 5).length > 0,
  2_000,
);
process.stdout.write(`ratio Map / binary search: ${(mapRate / lookupRate).toFixed(2)}x\n`);
rmSync(out, { recursive: true, force: true });
