import { parseArgs } from 'node:util';
import { isIsoDate } from '#core/codesets/dates';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { toCodedJson } from '#core/coding/coded-json';
import { codeEncounter } from '#core/coding/index';
import type { PracticeConfig } from '#core/config/practice-config';
import { completeEncounter } from '#core/config/practice-defaults';
import { formatCents } from '#core/kernel/money';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { loadPracticeConfigFile, practiceConfigPath } from '#local/cli/practice-config-file';
import { readEncounters } from '#local/cli/read-encounters';

export const summary = 'code documents: ICD-10-CM, CPT/HCPCS, modifiers and charges with evidence (--json for x12 837)';

const USAGE = 'Usage: claimflow code <files...> [--json] [--codesets DIR] [--date YYYY-MM-DD] [--config FILE]\n';

function fail(message: string, code = 2): number {
  process.stderr.write(`claimflow code: ${message}\n${code === 2 ? USAGE : ''}`);
  return code;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function pct(value: number): string {
  return value.toFixed(2);
}

function describeEncounter(coded: CodedEncounter, file: string): string {
  const out: string[] = [];
  const { encounter, review } = coded;
  const where = `${file}${encounter.source.index > 0 || encounter.source.sourceId ? ` #${encounter.source.index}` : ''}`;
  out.push(
    `== ${where} (${encounter.source.format}, date of service ${encounter.dateOfService ?? 'not given'}): ${review.required ? 'NEEDS REVIEW' : 'auto-coded'}`,
  );
  out.push('Diagnoses:');
  if (coded.diagnoses.length === 0) out.push('  (none)');
  for (const [i, d] of coded.diagnoses.entries()) {
    out.push(`  ${i + 1}. ${d.code.padEnd(8)} ${d.description ?? ''} (confidence ${pct(d.confidence)})`);
    for (const e of d.evidence) out.push(`       ${evidenceText(e)}`);
  }
  out.push('Lines:');
  if (coded.lines.length === 0) out.push('  (none)');
  for (const l of coded.lines) {
    const modifiers = l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : '';
    out.push(
      `  ${`${l.code}${modifiers}`.padEnd(14)} x${l.units}  $${formatCents(l.chargeCents)}  pointers ${l.diagnosisPointers.join(',') || '-'}  (confidence ${pct(l.confidence)})`,
    );
    for (const e of l.evidence) out.push(`       ${evidenceText(e)}`);
  }
  if (review.reasons.length > 0) {
    out.push('Review:');
    for (const r of review.reasons) out.push(`  - [${r.category}] ${r.message}`);
  }
  return `${out.join('\n')}\n`;
}

function evidenceText(e: CodedEncounter['lines'][number]['evidence'][number]): string {
  if (e.kind === 'text') return `${e.rule}: "${(e.quote ?? '').replace(/\s+/g, ' ')}" [${e.start}-${e.end}]`;
  return `${e.rule}: ${e.path ?? ''}`;
}

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals: files } = parsed;
  if (files.length === 0) return fail('no document given');
  if (values.date !== undefined && !isIsoDate(values.date))
    return fail(`--date must be YYYY-MM-DD, got "${values.date}"`);
  let config: PracticeConfig;
  let codeSets: ReturnType<typeof resolveCodeSets>['codeSets'];
  try {
    config = loadPracticeConfigFile(practiceConfigPath(values.config));
    codeSets = resolveCodeSets(values.codesets, process.env).codeSets;
  } catch (error) {
    return fail((error as Error).message, 1);
  }
  const date = values.date ?? today();
  // Configuration fills what a practice sets once (billing provider, payer details), as the pipeline does.
  const { encounters, failures } = await readEncounters(files, 'code');
  // The patient directory is the configuration's own (offline: the table's records stay in the deployment).
  const coded = [];
  for (const { file, encounter } of encounters)
    coded.push({
      file,
      encounter: codeEncounter(await completeEncounter(encounter, config), { codeSets, config, date }),
    });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        toCodedJson(
          coded.map((c) => c.encounter),
          config,
        ),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const c of coded) process.stdout.write(describeEncounter(c.encounter, c.file));
    const review = coded.filter((c) => c.encounter.review.required).length;
    process.stdout.write(
      `${coded.length} encounter(s): ${coded.length - review} auto-coded, ${review} for review${failures ? `, ${failures} document(s) failed` : ''}\n`,
    );
  }
  return failures > 0 ? 1 : 0;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      codesets: { type: 'string' },
      date: { type: 'string' },
      config: { type: 'string' },
    },
  });
}
