/**
 * `npm ci` on a fresh machine accepts package-lock.json only if it lists every optional platform package of the
 * dependencies; this build environment's registry mirror lacks some of biome's, so `npm install` drops them.
 * `npm run lockfile:complete` puts them back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { optionalDependencies?: Record<string, string> }>;
};

describe('package-lock.json', () => {
  it('lists every optional platform package of @biomejs/biome (else run npm run lockfile:complete)', () => {
    const biome = lock.packages['node_modules/@biomejs/biome'];
    const missing = Object.keys(biome?.optionalDependencies ?? {}).filter(
      (name) => !lock.packages[`node_modules/${name}`],
    );
    expect(missing).toEqual([]);
  });
});
