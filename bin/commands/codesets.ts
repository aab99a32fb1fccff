/**
 * `claimflow codesets import <files...> --out DIR` compiles official release files (zipped or not) into a bundle
 * directory, one release per directory, atomically; `claimflow codesets info [--codesets DIR]` lists the releases a
 * bundle (or the starter bundle) holds.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { isIsoDate } from '#core/codesets/dates';
import type { ReleaseInfo } from '#core/codesets/index';
import { writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';

export const summary = 'import official code set files into a bundle (import), or list a bundle (info)';

const USAGE = `Usage:
  claimflow codesets import <files...> --out DIR [--fiscal-year YYYY] [--april-update]
                            [--effective-from YYYY-MM-DD] [--effective-to YYYY-MM-DD]
  claimflow codesets info [--codesets DIR]
Files: ICD-10-CM order/codes/tabular files (or CMS/CDC zips), HCPC<year>_CONTR_ANWEB.txt (or its zip),
NCCI ccipra-v<NNN>r<N>-f<N>.txt parts, MCR_MUE_PractitionerServices_Eff_<MM-DD-YYYY>.csv, cpt-<year>.csv.
`;

function fail(message: string): number {
  process.stderr.write(`claimflow codesets: ${message}\n`);
  return 2;
}

async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'fiscal-year': { type: 'string' },
      'april-update': { type: 'boolean', default: false },
      'effective-from': { type: 'string' },
      'effective-to': { type: 'string' },
    },
  });
  if (!values.out) return fail(`import needs --out DIR\n${USAGE}`);
  if (positionals.length === 0) return fail(`import needs at least one file\n${USAGE}`);
  const fiscalYear = values['fiscal-year'];
  if (fiscalYear !== undefined && !/^\d{4}$/.test(fiscalYear))
    return fail(`--fiscal-year must be a year like 2025, got "${fiscalYear}"`);
  for (const flag of ['effective-from', 'effective-to'] as const) {
    const value = values[flag];
    if (value !== undefined && !isIsoDate(value)) return fail(`--${flag} must be a YYYY-MM-DD date, got "${value}"`);
  }
  const inputs = [];
  for (const path of positionals) {
    try {
      inputs.push({ name: path, bytes: readFileSync(path) });
    } catch (error) {
      return fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const started = performance.now();
  try {
    const releases = compileReleaseFiles(inputs, {
      ...(fiscalYear !== undefined ? { fiscalYear: Number(fiscalYear) } : {}),
      aprilUpdate: values['april-update'],
      ...(values['effective-from'] ? { effectiveFrom: values['effective-from'] } : {}),
      ...(values['effective-to'] ? { effectiveTo: values['effective-to'] } : {}),
      compiledAt: new Date().toISOString(),
      onProgress: (message) => process.stderr.write(`${message}\n`),
    });
    const written = writeReleasesAtomically(values.out, releases);
    for (const release of releases) {
      const { id, effective, counts } = release.manifest;
      process.stdout.write(`${id}\t${effective.from}..${effective.to ?? ''}\t${JSON.stringify(counts)}\n`);
    }
    process.stderr.write(
      `wrote ${written.length} release(s) to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `claimflow codesets import failed, nothing written: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

function describeCounts(info: ReleaseInfo): string {
  return Object.entries(info.counts)
    .filter(([, value]) => value !== undefined && value > 0)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

async function runInfo(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { codesets: { type: 'string' } } });
  let resolved: ReturnType<typeof resolveCodeSets>;
  try {
    resolved = resolveCodeSets(values.codesets, process.env);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  process.stdout.write(`Code sets from ${resolved.origin}:\n`);
  for (const info of resolved.codeSets.releases()) {
    const range = `${info.effective.from} to ${info.effective.to ?? '(open)'}`;
    process.stdout.write(`  ${info.id.padEnd(22)} ${range.padEnd(28)} ${describeCounts(info)}\n    ${info.title}\n`);
  }
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'import') return await runImport(rest);
    if (sub === 'info') return await runInfo(rest);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  return fail(sub ? `unknown subcommand "${sub}"\n${USAGE}` : USAGE);
}
