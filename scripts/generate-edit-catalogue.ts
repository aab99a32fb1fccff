/**
 * Writes docs/edits.md from the edit definitions in core/scrubbing (`npm run docs:edits`). A unit test fails when the
 * committed file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEditCatalogue } from '#core/scrubbing/catalogue-markdown';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'edits.md');
writeFileSync(target, renderEditCatalogue());
process.stdout.write(`wrote ${target}\n`);
