/** Reads one of our own X12 fixtures from test/fixtures/x12. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const X12_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'x12');

export function readX12Fixture(name: string): string {
  return readFileSync(join(X12_FIXTURES, name), 'utf8');
}
