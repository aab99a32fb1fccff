/**
 * `claimflow x12 <subcommand>`: X12 tools.
 *   parse <file> [--json] [--lenient]   read any X12 file; 999, 277CA and 835 as typed objects
 *   837 ...                             build an 837P (bin/commands/x12/build-837.ts)
 * `parse` exits 0 when the file is valid and every 835 balances, 1 when it cannot be read (the error names the
 * segment and what was expected, and says whether --lenient would read it), 2 on usage errors, and 3 when it was
 * read but has lenient-mode issues, TR3 issues (content the implementation guide forbids: state codes, a missing
 * PER*BL or STC, a broken 837 hierarchy...) or an 835 that does not balance (such a file is for review, not
 * posting).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { TypedDocument, TypedTransaction } from '#core/x12/typed';
import { readTypedX12 } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { typedDocumentToJson } from '#core/x12/x12-json';

export const summary =
  'X12 tools: "x12 parse <file> [--json] [--lenient]" reads 999/277CA/835 (and any X12); "x12 837" builds an 837P';

const USAGE = 'usage: claimflow x12 parse <file> [--json] [--lenient] | claimflow x12 837 <coded.json> [options]';

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'parse') return runParse(rest);
  if (subcommand === '837') {
    const module = (await import('#bin/commands/x12/build-837')) as { run837(argv: string[]): Promise<number> };
    return module.run837(rest);
  }
  process.stderr.write(`claimflow x12: unknown subcommand "${subcommand ?? ''}"\n${USAGE}\n`);
  return 2;
}

async function runParse(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`claimflow x12 parse: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) {
    process.stderr.write(`claimflow x12 parse: expected exactly one file\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(
      `claimflow x12 parse: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 1;
  }
  let typed: TypedDocument;
  try {
    typed = readTypedX12(text, { lenient: parsed.values.lenient });
  } catch (error) {
    if (error instanceof X12Error) {
      const lenientHint = parsed.values.lenient ? '' : `; ${whatLenientReads(text)}`;
      process.stderr.write(`claimflow x12 parse: ${file}: ${error.message} [${error.code}]${lenientHint}\n`);
      return 1;
    }
    throw error;
  }
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(typedDocumentToJson(typed), null, 2)}\n`);
  } else {
    process.stdout.write(`${describeDocument(file, typed)}\n`);
  }
  const unbalanced = typed.transactions.some((t) => t.kind === '835' && !t.remittance.balance.balanced);
  return typed.document.issues.length > 0 || typed.tr3Issues.length > 0 || unbalanced ? 3 : 0;
}

/** Whether a lenient read gets through a file strict reading refused, and what it would report. */
function whatLenientReads(text: string): string {
  try {
    const lenient = readTypedX12(text, { lenient: true });
    return (
      `--lenient reads it (${lenient.document.issues.length} envelope issue(s), ${lenient.tr3Issues.length} TR3 issue(s), ` +
      `${lenient.transactions.length} transaction set(s))`
    );
  } catch (error) {
    if (error instanceof X12Error) return `--lenient cannot read it either (${error.message} [${error.code}])`;
    throw error;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lenient: { type: 'boolean', default: false } },
  });
}

/** A short human summary (no PHI: no names or member ids, only control numbers, counts and amounts). */
function describeDocument(file: string, typed: TypedDocument): string {
  const { document } = typed;
  const lines = [
    `${file}: ${document.segmentCount} segments, ${document.interchanges.length} interchange(s)` +
      (document.hasEnvelope ? '' : ' (no ISA/GS envelope: starts at ST)'),
  ];
  for (const issue of document.issues) lines.push(`  warning: ${issue.message} [${issue.code}]`);
  for (const issue of typed.tr3Issues) lines.push(`  TR3 issue: ${issue.message} [${issue.code}]`);
  for (const ack of typed.interchangeAcknowledgments) {
    lines.push(
      `  TA1 for interchange ${ack.controlNumber}: ${ack.status} (${ack.statusDescription}), note ${ack.noteCode}`,
    );
  }
  for (const transaction of typed.transactions) lines.push(...describeTransaction(transaction));
  return lines.join('\n');
}

function describeTransaction(transaction: TypedTransaction): string[] {
  switch (transaction.kind) {
    case '835': {
      const { remittance } = transaction;
      const head = `  835 ${transaction.controlNumber}: trace ${remittance.trace.number}, paid ${remittance.payment.totalPaid / 100} (${remittance.payment.method}), ${remittance.claims.length} claim(s), ${remittance.providerAdjustments.length} PLB, ${remittance.balance.balanced ? 'balanced' : 'NOT BALANCED'}`;
      return [head, ...remittance.balance.imbalances.map((imbalance) => `    imbalance: ${imbalance.message}`)];
    }
    case '999': {
      const { acknowledgment } = transaction;
      return [
        `  999 ${transaction.controlNumber}: group ${acknowledgment.acknowledgedGroup.controlNumber} ${acknowledgment.groupResponse.status} (${acknowledgment.groupResponse.statusDescription})`,
        ...acknowledgment.transactionResponses.map(
          (response) =>
            `    ${response.setId} ${response.controlNumber}: ${response.status} (${response.statusDescription}), ${response.segmentErrors.length} segment error(s)`,
        ),
      ];
    }
    case '277CA': {
      const { claimAcknowledgment } = transaction;
      return [
        `  277CA ${transaction.controlNumber}: ${claimAcknowledgment.claims.length} claim(s)`,
        ...claimAcknowledgment.claims.map(
          (claim) =>
            `    claim ${claim.patientControlNumber}: ${claim.outcome} (${claim.statuses.flatMap((s) => s.codes.map((c) => `${c.category}:${c.status}${c.entity ? `:${c.entity}` : ''}`)).join(', ')})`,
        ),
      ];
    }
    default:
      return [
        `  ${transaction.setId} ${transaction.controlNumber}: ${transaction.segments.length} segments (${transaction.implementationGuide ?? 'no guide'})`,
      ];
  }
}
