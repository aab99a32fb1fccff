/**
 * `claimflow codes lookup <code|words> [--date D] [--codesets DIR]`: what a code means on a date of service (ICD-10-CM,
 * HCPCS, CPT, with validity, billability, notes, excludes, 7th characters and index entries), or which index terms
 * match some words.
 */
import { parseArgs } from 'node:util';
import { isIsoDate } from '#core/codesets/dates';
import type { CodeSets } from '#core/codesets/index';
import { normalizeCode } from '#core/codesets/normalize';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';

export const summary = 'look up a code (ICD-10-CM, HCPCS, CPT) or index words on a date of service';

const USAGE = 'Usage: claimflow codes lookup <code | words...> [--date YYYY-MM-DD] [--codesets DIR]\n';
const CODE_LIKE = /^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$|^\d{4}[0-9FTU]$/;

function fail(message: string): number {
  process.stderr.write(`claimflow codes: ${message}\n`);
  return 2;
}

function describeIcd(codeSets: CodeSets, code: string, date: string, out: string[]): boolean {
  const found = codeSets.icd10cm.lookup(code, date);
  if (!found) return false;
  out.push(`ICD-10-CM ${found.display} (${found.release}): ${found.title}`);
  out.push(
    `  ${found.billable ? 'billable' : 'not billable: a header, use a code below it'}${found.generated ? ' (7th-character code)' : ''}`,
  );
  const parents = codeSets.icd10cm.parents(code, date);
  if (parents.length > 0) out.push(`  under: ${parents.map((p) => `${p.display} ${p.title}`).join(' < ')}`);
  const children = codeSets.icd10cm.children(code, date);
  if (children.length > 0) out.push(`  codes below: ${children.map((c) => c.display).join(', ')}`);
  for (const { from, notes } of codeSets.icd10cm.notes(code, date)) {
    for (const [kind, texts] of Object.entries(notes))
      out.push(`  ${kind} (${from}): ${(texts as string[]).join('; ')}`);
  }
  const seventh = codeSets.icd10cm.seventhCharacter(code, date);
  if (seventh) {
    out.push(
      `  7th character required on ${seventh.baseCode} (defined at ${seventh.definedAt}): ${seventh.characters.map((c) => `${c.character} ${c.meaning}`).join('; ')}`,
    );
    if (seventh.given)
      out.push(`  7th character ${seventh.given} ${seventh.givenIsAllowed ? 'is allowed' : 'is NOT allowed here'}`);
  }
  for (const edit of codeSets.icd10cm.demographics(code)) {
    const who = [
      edit.sex,
      edit.minAge !== undefined ? `age >= ${edit.minAge}` : '',
      edit.maxAge !== undefined ? `age <= ${edit.maxAge}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`  patient must be: ${who} (${edit.reason})`);
  }
  for (const hit of codeSets.icd10cm.indexEntriesFor(code, date, 10))
    out.push(`  index (${hit.source}): ${hit.path.join(' > ')}`);
  return true;
}

function describeProcedure(codeSets: CodeSets, code: string, date: string, out: string[]): boolean {
  let found = false;
  const hcpcs = codeSets.hcpcs.lookup(code, date);
  if (hcpcs) {
    found = true;
    out.push(`HCPCS ${hcpcs.code} (${hcpcs.release}): ${hcpcs.longDescription}`);
    out.push(
      `  ${hcpcs.status} on ${date}; added ${hcpcs.addDate ?? '?'}${hcpcs.terminationDate ? `, terminated after ${hcpcs.terminationDate}` : ''}; action ${hcpcs.actionCode}${hcpcs.coverageCode ? `, coverage ${hcpcs.coverageCode}` : ''}`,
    );
  }
  const cpt = codeSets.cpt.lookup(code, date);
  if (cpt) {
    found = true;
    out.push(`CPT ${cpt.code} (${cpt.release}): ${cpt.label}`);
  }
  const mue = codeSets.ncci.mue(code, date);
  if (mue) out.push(`  MUE ${mue.value} unit(s), ${mue.indicatorText} (${mue.release})`);
  return found;
}

async function runLookup(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { date: { type: 'string' }, codesets: { type: 'string' } },
  });
  if (positionals.length === 0) return fail(`lookup needs a code or words\n${USAGE}`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(date)) return fail(`--date must be a YYYY-MM-DD date, got "${date}"`);
  const { codeSets, origin } = resolveCodeSets(values.codesets, process.env);
  const query = positionals.join(' ');
  const out: string[] = [];
  const code = normalizeCode(query);
  if (positionals.length === 1 && CODE_LIKE.test(query.toUpperCase())) {
    const isIcd = describeIcd(codeSets, code, date, out);
    const isProcedure = describeProcedure(codeSets, code, date, out);
    if (!isIcd && !isProcedure) {
      const releases = (['icd10cm', 'hcpcs', 'cpt'] as const).map(
        (kind) => codeSets.releaseFor(kind, date)?.id ?? `no ${kind} release`,
      );
      process.stdout.write(
        `${query} is not a code in the releases in effect on ${date} (${releases.join(', ')}; from ${origin})\n`,
      );
      return 1;
    }
  } else {
    const release = codeSets.releaseFor('icd10cm', date);
    const hits = codeSets.icd10cm.searchIndex(query, date, 20);
    for (const hit of hits) {
      const cells = hit.cells
        ? ` ${Object.entries(hit.cells)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}`
        : '';
      const see = hit.see ? ` (see ${hit.see})` : hit.seeAlso ? ` (see also ${hit.seeAlso})` : '';
      out.push(
        `index (${hit.source}): ${hit.path.join(' > ')}${hit.code ? `  ${hit.code}` : ''}${hit.manifestation ? ` [${hit.manifestation}]` : ''}${see}${cells}`,
      );
    }
    for (const found of codeSets.icd10cm.searchTitles(query, date, 20)) {
      out.push(`title: ${found.display.padEnd(8)} ${found.billable ? 'billable' : 'header  '} ${found.title}`);
    }
    if (out.length === 0) {
      const index = release?.counts.indexTerms ? 'no index term' : 'no index imported';
      process.stdout.write(
        `nothing matches "${query}" on ${date} in ${release?.id ?? 'no ICD-10-CM release'} (${index}, no title holds every word; from ${origin})\n`,
      );
      return 1;
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'lookup') return fail(sub ? `unknown subcommand "${sub}"\n${USAGE}` : USAGE);
  try {
    return await runLookup(rest);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
