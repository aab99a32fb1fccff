/**
 * `claimflow patients load FILE.json`: records the practice's patients (what its practice management system knows:
 * the address a claim needs when a document lacks it) on the encrypted domain table of the twin or a deployed stack,
 * where code-encounter finds them by MRN, or by member id and date of birth. Patient records are PHI: they belong
 * there, not in the practice configuration that is bundled into the functions.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPatientRecords } from '#core/patients/look-up-patient';
import { DynamoDbPatientDirectory } from '#functions/common/storage/dynamodb-patient-directory';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary = 'patients load FILE.json [--target twin|aws] [--stack NAME]: record patients in the directory';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...TARGET_OPTIONS }, allowPositionals: true });
  if (positionals[0] !== 'load' || positionals.length !== 2) {
    process.stderr.write(`usage: claimflow ${summary}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(positionals[1]!, 'utf8'));
  } catch (error) {
    // The file's own text is never echoed: it holds patient records.
    process.stderr.write(`patients: ${positionals[1]} is not a readable JSON file (${(error as Error).name})\n`);
    return 1;
  }
  const target = await resolveTarget(values);
  const tableName = target.outputs.TableName;
  if (!tableName) {
    process.stderr.write(`patients: ${target.description} has no TableName output\n`);
    return 1;
  }
  const directory = new DynamoDbPatientDirectory(target.dynamo, tableName);
  const { loaded, refused } = await loadPatientRecords(json, directory, new Date().toISOString());
  for (const problem of refused) process.stderr.write(`patients: refused ${problem}\n`);
  process.stdout.write(`recorded ${loaded} patient(s) in the directory of ${target.description}\n`);
  return refused.length > 0 ? 1 : 0;
}
