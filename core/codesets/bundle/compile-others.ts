/**
 * Compiles HCPCS, NCCI PTP, NCCI MUE and licensed CPT releases into bundle tables (see format.ts). Each is one sorted
 * table (HCPCS has a second one for modifiers); field order is documented at each table and read back by
 * code-sets.ts in the same order.
 */
import type { CptCode } from '../cpt/licensed-csv.ts';
import type { HcpcsRelease } from '../hcpcs/types.ts';
import type { MueEdit, PtpEdit } from '../ncci/types.ts';
import { type ReleaseIdentity, releaseId } from '../release-names.ts';
import { type CompiledRelease, type ReleaseCounts, type ReleaseManifest, TABLE, toSortedTable } from './format.ts';

export interface ReleaseMeta {
  identity: ReleaseIdentity;
  sources: { file: string; sha256: string }[];
  compiledAt: string;
}

const TITLES: Record<ReleaseIdentity['kind'], string> = {
  icd10cm: 'ICD-10-CM',
  hcpcs: 'HCPCS Level II',
  'ncci-ptp': 'NCCI practitioner PTP edits',
  'ncci-mue': 'NCCI practitioner MUEs',
  cpt: 'CPT (licensed list)',
};

function manifest(meta: ReleaseMeta, counts: ReleaseCounts, tables: Record<string, string>): ReleaseManifest {
  const { identity } = meta;
  return {
    format: 'claimflow-codesets/1',
    id: releaseId(identity),
    kind: identity.kind,
    label: identity.label,
    title: `${TITLES[identity.kind]} ${identity.label}`,
    effective: identity.effective,
    compiledAt: meta.compiledAt,
    sources: meta.sources,
    counts,
    tables: Object.keys(tables).sort(),
  };
}

/** HCPCS `codes.tsv`: code, add date, termination date, action code, action effective date, coverage code, pricing
 * indicators (comma-separated), BETOS, types of service, short description, long description.
 * `modifiers.tsv`: modifier, add date, termination date, action code, action effective date, short, long description. */
export function compileHcpcsRelease(meta: ReleaseMeta, release: HcpcsRelease): CompiledRelease {
  const tables = {
    [TABLE.hcpcsCodes]: toSortedTable(
      release.procedures.map((p) => [
        p.code,
        p.addDate ?? '',
        p.terminationDate ?? '',
        p.actionCode,
        p.actionEffectiveDate ?? '',
        p.coverageCode,
        p.pricingIndicators.join(','),
        p.betos,
        p.typesOfService.join(','),
        p.shortDescription,
        p.longDescription,
      ]),
    ),
    [TABLE.hcpcsModifiers]: toSortedTable(
      release.modifiers.map((m) => [
        m.modifier,
        m.addDate ?? '',
        m.terminationDate ?? '',
        m.actionCode,
        m.actionEffectiveDate ?? '',
        m.shortDescription,
        m.longDescription,
      ]),
    ),
  };
  const terminated = release.procedures.filter((p) => p.terminationDate !== undefined).length;
  return {
    manifest: manifest(
      meta,
      { codes: release.procedures.length, terminated, modifiers: release.modifiers.length },
      tables,
    ),
    tables,
  };
}

/** `ptp.tsv`: key `column1|column2`, effective, deletion, modifier indicator, '*' if prior to 1996, rationale. */
export function compilePtpRelease(meta: ReleaseMeta, edits: PtpEdit[]): CompiledRelease {
  const tables = {
    [TABLE.ptp]: toSortedTable(
      edits.map((e) => [
        `${e.column1}|${e.column2}`,
        e.effective,
        e.deletion ?? '',
        e.modifierIndicator,
        e.priorTo1996 ? '*' : '',
        e.rationale,
      ]),
    ),
  };
  return { manifest: manifest(meta, { ptpEdits: edits.length }, tables), tables };
}

/** `mue.tsv`: code, value, adjudication indicator digit, indicator text, rationale. */
export function compileMueRelease(meta: ReleaseMeta, edits: MueEdit[]): CompiledRelease {
  const tables = {
    [TABLE.mue]: toSortedTable(edits.map((e) => [e.code, String(e.value), e.indicator, e.indicatorText, e.rationale])),
  };
  return { manifest: manifest(meta, { mueEdits: edits.length }, tables), tables };
}

/** CPT `codes.tsv`: code, description (the deployment's licensed descriptor, or our own short label in the starter). */
export function compileCptRelease(meta: ReleaseMeta, codes: CptCode[]): CompiledRelease {
  const tables = { [TABLE.cptCodes]: toSortedTable(codes.map((c) => [c.code, c.description])) };
  return { manifest: manifest(meta, { codes: codes.length }, tables), tables };
}
