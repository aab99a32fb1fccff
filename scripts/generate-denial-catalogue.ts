/**
 * Writes docs/denials.md from the mapping in core/denials/data (`npm run docs:denials`). A unit test fails when the
 * committed file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDenialCatalogue } from '#core/denials/catalogue-markdown';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'denials.md');
writeFileSync(target, renderDenialCatalogue());
process.stdout.write(`wrote ${target}\n`);
