/**
 * Builds the starter code set bundle shipped in the repository (`core/codesets/starter/starter-bundle.generated.ts`)
 * from the code lists in `core/codesets/starter/selection.ts` and the official public-domain CMS files:
 * the FY2018 ICD-10-CM order file (titles, billable flags, the headers above each code) and the HCPCS 2019 annual
 * file (descriptions, dates). Re-run after changing the selection:
 *   npx tsx scripts/build-starter-codesets.ts [--shared-data DIR]
 * The generated module holds the compiled tables as strings, so esbuild bundles it into a Lambda and nothing reads
 * /work/shared/data at runtime.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { compileIcd10CmRelease } from '#core/codesets/bundle/compile-icd10cm';
import {
  compileCptRelease,
  compileHcpcsRelease,
  compileMueRelease,
  compilePtpRelease,
} from '#core/codesets/bundle/compile-others';
import type { CompiledRelease } from '#core/codesets/bundle/format';
import { parseHcpcsAnnualFile } from '#core/codesets/hcpcs/annual-file';
import type { HcpcsProcedure } from '#core/codesets/hcpcs/types';
import { parseOrderFile } from '#core/codesets/icd10cm/order-file';
import type { Icd10CmOrderRecord } from '#core/codesets/icd10cm/types';
import { parseMueFile } from '#core/codesets/ncci/mue-file';
import { parsePtpFile } from '#core/codesets/ncci/ptp-file';
import { normalizeCode } from '#core/codesets/normalize';
import type { CodeSetKind, ReleaseIdentity } from '#core/codesets/release-names';
import {
  STARTER_CPT_CODES,
  STARTER_HCPCS_CODES,
  STARTER_HCPCS_MODIFIERS,
  STARTER_HCPCS_POST_2019,
  STARTER_ICD10CM_CODES,
  STARTER_ICD10CM_POST_FY2018,
  STARTER_MUE_ROWS,
  STARTER_PTP_ROWS,
} from '#core/codesets/starter/selection';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(repoRoot, 'core', 'codesets', 'starter', 'starter-bundle.generated.ts');
/** The starter answers for any date from the start of ICD-10 in the US; codes carry their own HCPCS dates. */
const STARTER_FROM = '2015-10-01';

const { values } = parseArgs({ options: { 'shared-data': { type: 'string' } } });
const sharedData =
  values['shared-data'] ?? process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
const ICD_ZIP = join(sharedData, 'icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip');
const HCPCS_ZIP = join(sharedData, 'hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip');

function member(zipPath: string, name: string): { text: string; sha256: string } {
  const zipBytes = readFileSync(zipPath);
  const file = readReleaseFiles({ name: zipPath, bytes: zipBytes }).find((f) => f.name.endsWith(name));
  if (!file) throw new Error(`${zipPath} holds no ${name}`);
  return { text: decodeReleaseText(file.bytes), sha256: createHash('sha256').update(zipBytes).digest('hex') };
}

function identity(kind: CodeSetKind): ReleaseIdentity {
  return { kind, label: 'starter', effective: { from: STARTER_FROM } };
}

const compiledAt = new Date().toISOString();
const SELECTION = join(repoRoot, 'core', 'codesets', 'starter', 'selection.ts');
const selectionSource = {
  file: 'core/codesets/starter/selection.ts',
  sha256: createHash('sha256').update(readFileSync(SELECTION)).digest('hex'),
};
const problems: string[] = [];

function buildIcd10Cm(): CompiledRelease {
  const order = member(ICD_ZIP, 'icd10cm_order_2018.txt');
  const parsed = parseOrderFile('icd10cm_order_2018.txt', order.text);
  const byCode = new Map(parsed.records.map((r) => [r.undottedCode, r]));
  const chosen = new Map<string, Icd10CmOrderRecord>();
  const addWithAncestors = (code: string) => {
    for (let length = 3; length <= code.length; length++) {
      const record = byCode.get(code.slice(0, length));
      if (record) chosen.set(record.undottedCode, record);
    }
  };
  for (const dotted of STARTER_ICD10CM_CODES) {
    const code = normalizeCode(dotted);
    const record = byCode.get(code);
    if (!record)
      problems.push(
        `ICD-10-CM ${dotted} is not in the FY2018 order file; list it with its title under STARTER_ICD10CM_POST_FY2018`,
      );
    else if (!record.billable) problems.push(`ICD-10-CM ${dotted} is a header in FY2018, not a billable code`);
    else addWithAncestors(code);
  }
  let orderNumber = parsed.records.length;
  for (const { code: dotted, title } of STARTER_ICD10CM_POST_FY2018) {
    const code = normalizeCode(dotted);
    if (byCode.get(code)?.billable)
      problems.push(`ICD-10-CM ${dotted} is already billable in FY2018; move it to STARTER_ICD10CM_CODES`);
    addWithAncestors(code.slice(0, -1));
    orderNumber += 1;
    chosen.set(code, {
      orderNumber,
      code: dotted,
      undottedCode: code,
      billable: true,
      shortTitle: title,
      longTitle: title,
      source: { file: 'core/codesets/starter/selection.ts', line: 0 },
    });
  }
  // A code with children in the starter is a header today even where FY2018 billed it (R05 before the FY2022 split).
  const codes = [...chosen.keys()];
  const records = [...chosen.values()].map((record) => ({
    ...record,
    billable:
      record.billable && !codes.some((other) => other !== record.undottedCode && other.startsWith(record.undottedCode)),
  }));
  return compileIcd10CmRelease({
    identity: identity('icd10cm'),
    order: { file: 'icd10cm_order_2018.txt', fiscalYear: 2018, records },
    tabular: [],
    indexes: [],
    sources: [{ file: 'icd10cm/2018/2018-ICD-10-Code-Descriptions.zip', sha256: order.sha256 }, selectionSource],
    compiledAt,
  });
}

function buildHcpcs(): CompiledRelease {
  const annual = member(HCPCS_ZIP, 'HCPC2019_CONTR_ANWEB.txt');
  const release = parseHcpcsAnnualFile('HCPC2019_CONTR_ANWEB.txt', annual.text);
  const procedures = new Map(release.procedures.map((p) => [p.code, p]));
  const modifiers = new Map(release.modifiers.map((m) => [m.modifier, m]));
  const chosen: HcpcsProcedure[] = [];
  for (const code of STARTER_HCPCS_CODES) {
    const procedure = procedures.get(code);
    if (!procedure)
      problems.push(`HCPCS ${code} is not in the 2019 annual file; list it under STARTER_HCPCS_POST_2019`);
    else if (procedure.terminationDate)
      problems.push(`HCPCS ${code} is terminated (${procedure.terminationDate}) in the 2019 file`);
    else chosen.push(procedure);
  }
  for (const { code, label, since } of STARTER_HCPCS_POST_2019) {
    if (procedures.has(code))
      problems.push(`HCPCS ${code} is already in the 2019 file; move it to STARTER_HCPCS_CODES`);
    chosen.push({
      code,
      longDescription: label,
      shortDescription: label.slice(0, 28),
      addDate: `${since}-01-01`,
      actionEffectiveDate: `${since}-01-01`,
      actionCode: 'A',
      pricingIndicators: [],
      multiplePricingIndicator: '',
      coverageCode: '',
      betos: '',
      typesOfService: [],
    });
  }
  const chosenModifiers = STARTER_HCPCS_MODIFIERS.flatMap((m) => {
    const modifier = modifiers.get(m);
    if (!modifier) problems.push(`HCPCS modifier ${m} is not in the 2019 annual file`);
    return modifier ? [modifier] : [];
  });
  return compileHcpcsRelease(
    {
      identity: identity('hcpcs'),
      sources: [{ file: 'hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip', sha256: annual.sha256 }, selectionSource],
      compiledAt,
    },
    { procedures: chosen, modifiers: chosenModifiers },
  );
}

const meta = (kind: CodeSetKind) => ({ identity: identity(kind), sources: [selectionSource], compiledAt });
const PTP_HEADER =
  'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale';
const MUE_HEADER = '"HCPCS/CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"';

const releases = [
  buildIcd10Cm(),
  buildHcpcs(),
  compileCptRelease(
    meta('cpt'),
    STARTER_CPT_CODES.map(({ code, label }) => ({ code, description: label })),
  ),
  compilePtpRelease(
    meta('ncci-ptp'),
    parsePtpFile('selection.ts STARTER_PTP_ROWS', [PTP_HEADER, ...STARTER_PTP_ROWS].join('\n')),
  ),
  compileMueRelease(
    meta('ncci-mue'),
    parseMueFile('selection.ts STARTER_MUE_ROWS', [MUE_HEADER, ...STARTER_MUE_ROWS].join('\n')),
  ),
];
for (const release of releases) {
  release.manifest.title = `${release.manifest.title} (starter bundle: a small selection; import the official files for production)`;
}
if (problems.length > 0) {
  process.stderr.write(`starter selection problems:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
writeFileSync(
  OUTPUT,
  `/**\n * GENERATED by scripts/build-starter-codesets.ts from core/codesets/starter/selection.ts and the official CMS files\n * (FY2018 ICD-10-CM order file, HCPCS 2019 annual file); re-run the script instead of editing.\n */\nimport type { CompiledRelease } from '../bundle/format.ts';\n\nexport const STARTER_RELEASES: readonly CompiledRelease[] = ${JSON.stringify(releases, null, 2)};\n`,
);
// Formatted like the rest of the code base, so `biome check` stays clean after a rebuild.
spawnSync('npx', ['biome', 'format', '--write', OUTPUT], { cwd: repoRoot, stdio: 'ignore' });
process.stderr.write(
  `wrote ${OUTPUT}: ${releases.map((r) => `${r.manifest.id} ${JSON.stringify(r.manifest.counts)}`).join('; ')}\n`,
);
