#!/usr/bin/env node
// The npm registry mirror of this build environment lacks the other platforms' builds of @biomejs/cli-*, so
// `npm install` leaves them out of package-lock.json, and `npm ci` then rejects the lock as out of sync. This adds
// the missing entries, marked with their os/cpu/libc, which `npm ci` skips on a non-matching machine without fetching.
// Run it after any `npm install` that rewrites the lock: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [parentKey, parent] of Object.entries(packages)) {
  if (!parentKey.endsWith('node_modules/@biomejs/biome')) continue;
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const platform = name.replace('@biomejs/cli-', '');
    const [os, cpu, libc] = platform.split('-');
    packages[key] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/')[1]}-${version}.tgz`,
      cpu: [cpu],
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      license: 'MIT OR Apache-2.0',
      engines: { node: '>=14.21.3' },
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entr${added === 1 ? 'y' : 'ies'}`);
