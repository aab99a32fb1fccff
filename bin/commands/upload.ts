/** `claimflow upload <files|dirs>`: uploads encounter documents to the inbox of the twin or a deployed stack. */
import { parseArgs } from 'node:util';
import { INBOX_PREFIX } from '#contracts/bucket-layout';
import { planUpload, uploadDocuments } from '#local/cli/upload-documents';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary = 'upload <files|dirs> [--target twin|aws] [--stack NAME]: send documents to the intake inbox';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...TARGET_OPTIONS }, allowPositionals: true });
  if (positionals.length === 0) {
    process.stderr.write('upload: name at least one file or folder\n');
    return 2;
  }
  const target = await resolveTarget(values);
  const items = planUpload(positionals, INBOX_PREFIX);
  if (items.length === 0) {
    process.stderr.write('upload: no files found under the given paths\n');
    return 2;
  }
  const uploaded = await uploadDocuments(target.s3, target.outputs.IntakeBucketName!, items);
  process.stdout.write(`uploaded ${uploaded.length} document(s) to ${target.description}\n`);
  return 0;
}
