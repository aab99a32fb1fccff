/**
 * `npm run bench [-- name-filter]`: runs every bench/*.bench.ts, each in a fresh Node process (so one benchmark's
 * heap and JIT state never colour another's), one after another, and prints their reports.
 * A benchmark is a plain script that prints its own report and exits 0; it compares against a peer side by side in
 * the same run where one exists, and reports ratios, because these machines are noisy.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`no benchmark matches "${filter ?? ''}"\n`);
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(benchDir, file)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`${file} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
