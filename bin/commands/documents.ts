/** `claimflow documents [--status S] [--json]`: the document ledger, every document with its status and reason. */
import { parseArgs } from 'node:util';
import { DOCUMENT_STATUSES, type DocumentStatus } from '#core/intake/document-ledger';
import { formatDocumentTable, listDocuments } from '#local/cli/list-documents';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary = 'documents [--status S] [--json] [--target twin|aws]: list the document ledger';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...TARGET_OPTIONS, status: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  });
  const statuses = (values.status ?? []).map((s) => s.toUpperCase());
  const unknown = statuses.filter((s) => !(DOCUMENT_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`documents: unknown status ${unknown.join(', ')}; known: ${DOCUMENT_STATUSES.join(', ')}\n`);
    return 2;
  }
  const target = await resolveTarget(values);
  const entries = await listDocuments(
    target.dynamo,
    target.outputs.TableName!,
    statuses.length > 0 ? (statuses as DocumentStatus[]) : DOCUMENT_STATUSES,
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ documents: entries }, null, 2)}\n`);
  else
    process.stdout.write(`${formatDocumentTable(entries)}\n${entries.length} document(s) in ${target.description}\n`);
  return 0;
}
