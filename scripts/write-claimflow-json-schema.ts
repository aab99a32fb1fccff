/** Writes docs/formats/claimflow-json.v1.schema.json from the zod schema: `npx tsx scripts/write-claimflow-json-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimflowJsonSchema } from '#core/documents/claimflow-json/claimflow-json-schema';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'formats', 'claimflow-json.v1.schema.json');
writeFileSync(target, `${JSON.stringify(claimflowJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
