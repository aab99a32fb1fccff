import { parseArgs } from 'node:util';
import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import { isIsoDate } from '#core/codesets/dates';
import type { CodeSets } from '#core/codesets/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { type CodedEncounterJson, toCodedJson } from '#core/coding/coded-json';
import { codeEncounter } from '#core/coding/index';
import type { PracticeConfig } from '#core/config/practice-config';
import { completeEncounter } from '#core/config/practice-defaults';
import { type Finding, InMemoryPriorClaims, type PayerRules, scrubClaim } from '#core/scrubbing/index';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES } from '#lib/sample-config';
import { loadPracticeConfigFile, practiceConfigPath } from '#local/cli/practice-config-file';
import { readEncounters } from '#local/cli/read-encounters';

export const summary =
  'scrub documents: code them and run the claim edits (NCCI, code validity, claim data, payer rules)';

const USAGE =
  'Usage: claimflow scrub <files...> [--json] [--codesets DIR] [--config FILE] [--payer-rules DIR] [--date YYYY-MM-DD]\n';

function fail(message: string, code = 2): number {
  process.stderr.write(`claimflow scrub: ${message}\n${code === 2 ? USAGE : ''}`);
  return code;
}

interface Scrubbed {
  file: string;
  coded: CodedEncounter;
  claim: Claim;
  findings: Finding[];
  ready: boolean;
}

/** The coded JSON of an encounter with the scrubber's repairs written into it, so `x12 837` bills what was scrubbed. */
function repairedJson(json: CodedEncounterJson, claim: Claim): CodedEncounterJson {
  const withNpi = <T extends { npi?: string }>(ref: T | undefined, npi: string | undefined): T | undefined =>
    ref && npi !== undefined ? { ...ref, npi } : ref;
  const billing = json.billingProvider && {
    ...json.billingProvider,
    ...(claim.billingProvider.npi !== undefined ? { npi: claim.billingProvider.npi } : {}),
    ...(claim.billingProvider.tin !== undefined ? { tin: claim.billingProvider.tin } : {}),
    ...(json.billingProvider.address && claim.billingProvider.address?.postalCode !== undefined
      ? { address: { ...json.billingProvider.address, postalCode: claim.billingProvider.address.postalCode } }
      : {}),
  };
  return {
    ...json,
    diagnoses: json.diagnoses.map((d, i) => ({ ...d, code: claim.diagnoses[i]?.code ?? d.code })),
    lines: json.lines.map((l, i) => {
      const line = claim.lines[i];
      return line
        ? {
            ...l,
            code: line.code,
            system: line.system,
            modifiers: line.modifiers,
            ...(line.serviceDate ? { serviceDate: line.serviceDate } : {}),
          }
        : l;
    }),
    ...(json.subscriber ? { subscriber: { ...json.subscriber, memberId: claim.subscriber.memberId } } : {}),
    ...(billing ? { billingProvider: billing } : {}),
    ...(json.renderingProvider
      ? { renderingProvider: withNpi(json.renderingProvider, claim.renderingProvider?.npi) }
      : {}),
    ...(json.referringProvider
      ? { referringProvider: withNpi(json.referringProvider, claim.referringProvider?.npi) }
      : {}),
  };
}

function describe(result: Scrubbed): string {
  const { coded, findings, ready } = result;
  const { encounter } = coded;
  const where = `${result.file}${encounter.source.index > 0 || encounter.source.sourceId ? ` #${encounter.source.index}` : ''}`;
  const verdict = ready ? 'READY' : coded.review.required ? 'NEEDS REVIEW (coding)' : 'NEEDS REVIEW (scrub errors)';
  const out = [
    `== ${where} claim ${result.claim.id} (date of service ${encounter.dateOfService ?? 'not given'}): ${verdict}`,
  ];
  if (coded.review.required) for (const r of coded.review.reasons) out.push(`  [coding ${r.category}] ${r.message}`);
  if (findings.length === 0) out.push('  no findings');
  for (const f of findings) {
    out.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.id.padEnd(28)} ${f.field}: ${f.message}`);
    if (f.suggestedFix) out.push(`  ${''.padEnd(8)} fix: ${f.suggestedFix}`);
  }
  return `${out.join('\n')}\n`;
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
  let codeSets: CodeSets;
  let payerRules: PayerRules;
  try {
    config = loadPracticeConfigFile(practiceConfigPath(values.config));
    codeSets = resolveCodeSets(values.codesets, process.env).codeSets;
    payerRules = loadPayerRulesDirectory(values['payer-rules'] ?? SAMPLE_PAYER_RULES);
  } catch (error) {
    return fail((error as Error).message, 1);
  }
  const today = values.date ?? new Date().toISOString().slice(0, 10);
  const priorClaims = new InMemoryPriorClaims();
  const results: Scrubbed[] = [];
  const { encounters, failures } = await readEncounters(files, 'scrub');
  for (const { file, encounter } of encounters) {
    const coded = codeEncounter(await completeEncounter(encounter, config), { codeSets, config, date: today });
    const built = buildClaim(coded, { documentId: file, at: `${today}T00:00:00.000Z`, actor: 'claimflow scrub' });
    const { claim, findings } = await scrubClaim(built, coded, { codeSets, config, payerRules, today, priorClaims });
    const ready = !coded.review.required && findings.every((f) => f.severity !== 'error');
    // A claim that would be queued counts as sent for the claims after it in this run.
    if (ready) priorClaims.add({ ...claim, status: 'QUEUED' });
    results.push({ file, coded, claim, findings, ready });
  }
  if (values.json) {
    const document = toCodedJson(
      results.map((r) => r.coded),
      config,
    );
    const encounters = document.encounters.map((json, i) => {
      const result = results[i]!;
      return {
        ...repairedJson(json, result.claim),
        findings: result.findings.map(({ id, severity, message, field }) => ({ id, severity, message, field })),
        ready: result.ready,
      };
    });
    process.stdout.write(`${JSON.stringify({ ...document, encounters }, null, 2)}\n`);
  } else {
    for (const result of results) process.stdout.write(describe(result));
    const ready = results.filter((r) => r.ready).length;
    process.stdout.write(
      `${results.length} claim(s): ${ready} ready, ${results.length - ready} for review${failures ? `, ${failures} document(s) failed` : ''}\n`,
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
      'payer-rules': { type: 'string' },
    },
  });
}
