/** Paths of the code set fixtures written in the exact CMS layouts (test/fixtures/codesets). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODESET_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'codesets');

export function fixturePath(...parts: string[]): string {
  return join(CODESET_FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'latin1');
}
