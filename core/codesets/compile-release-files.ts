/**
 * From published release files to compiled releases, without touching the file system: the caller passes each
 * input's name and bytes (zips are expanded here), this module recognises every file by its published name, groups
 * the files into releases (kind + label), parses them with the matching importer and compiles one release per group.
 * Anything wrong fails the whole call, so the caller writes either every release or none.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '#core/documents/encounter';
import { decodeReleaseText, type ReleaseFile, readReleaseFiles } from './archive.ts';
import { compileIcd10CmRelease, type Icd10CmReleaseInput } from './bundle/compile-icd10cm.ts';
import {
  compileCptRelease,
  compileHcpcsRelease,
  compileMueRelease,
  compilePtpRelease,
  type ReleaseMeta,
} from './bundle/compile-others.ts';
import type { CompiledRelease } from './bundle/format.ts';
import type { IndexSourceKind } from './bundle/icd10cm-notes.ts';
import { parseCptCsv } from './cpt/licensed-csv.ts';
import { parseHcpcsAnnualFile } from './hcpcs/annual-file.ts';
import { parseCodesFile } from './icd10cm/codes-file.ts';
import { parseIndexXml } from './icd10cm/index-xml.ts';
import { parseOrderFile } from './icd10cm/order-file.ts';
import { recogniseFileName, resolveFiscalYear } from './icd10cm/release-name.ts';
import { parseTabularXml } from './icd10cm/tabular-xml.ts';
import { CodeSetFileError } from './import-error.ts';
import { parseMueFile } from './ncci/mue-file.ts';
import { parsePtpFile } from './ncci/ptp-file.ts';
import type { MueEdit, PtpEdit } from './ncci/types.ts';
import {
  cptReleaseFromName,
  hcpcsReleaseFromName,
  icd10cmRelease,
  ncciMueReleaseFromName,
  ncciPtpReleaseFromName,
  type ReleaseIdentity,
  releaseId,
} from './release-names.ts';

export interface CompileOptions {
  /** ICD-10-CM fiscal year the caller says the files are (checked against the names and contents). */
  fiscalYear?: number;
  /** Treat ICD-10-CM files as the April 1 update of their fiscal year (also recognised from "april" in a name). */
  aprilUpdate?: boolean;
  /** Override the effective range from the names (e.g. a CPT list without a year in its name). */
  effectiveFrom?: IsoDate;
  effectiveTo?: IsoDate;
  /** Timestamp written into the manifests. */
  compiledAt: string;
  /** Progress lines for a person watching (stderr in the CLI). */
  onProgress?: (message: string) => void;
}

type Recognised =
  | { kind: 'icd10cm'; role: Icd10CmRole; identity: ReleaseIdentity }
  | { kind: 'hcpcs' | 'ncci-ptp' | 'ncci-mue' | 'cpt'; identity: ReleaseIdentity };

type Icd10CmRole = 'order' | 'codes' | 'tabular' | IndexSourceKind;
const ICD10CM_ROLES: readonly string[] = ['order', 'codes', 'tabular', 'index', 'eindex', 'neoplasm', 'drug'];

interface Group {
  identity: ReleaseIdentity;
  files: { file: ReleaseFile; recognised: Recognised }[];
}

const EXPECTED_NAMES =
  'icd10cm_order_YYYY.txt, icd10cm_codes_YYYY.txt, icd10cm_tabular_YYYY.xml, icd10cm_index/eindex/neoplasm/drug_YYYY.xml, HCPCYYYY_CONTR_ANWEB.txt, ccipra-vNNNrN-fN.txt, MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv or a CPT CSV with the year in its name';

function recognise(name: string, container: string | undefined, options: CompileOptions): Recognised | undefined {
  const icd = recogniseFileName(name);
  if (icd.kind !== undefined && ICD10CM_ROLES.includes(icd.kind)) {
    const claims = {
      ...(options.fiscalYear !== undefined ? { expectedFiscalYear: options.fiscalYear } : {}),
      ...(container ? { releaseName: container } : {}),
    };
    const fiscalYear = resolveFiscalYear(name, claims);
    const april = options.aprilUpdate === true || /april/i.test(`${container ?? ''} ${name}`);
    return { kind: 'icd10cm', role: icd.kind as Icd10CmRole, identity: icd10cmRelease(fiscalYear, april) };
  }
  if (/\.txt$/i.test(name)) {
    const hcpcs = hcpcsReleaseFromName(name);
    if (hcpcs) return { kind: 'hcpcs', identity: hcpcs };
  }
  const ptp = ncciPtpReleaseFromName(name);
  if (ptp) return { kind: 'ncci-ptp', identity: ptp };
  const mue = ncciMueReleaseFromName(name);
  if (mue) return { kind: 'ncci-mue', identity: mue };
  if (/cpt/i.test(name) && /\.csv$/i.test(name)) {
    const cpt = cptReleaseFromName(name);
    if (cpt) return { kind: 'cpt', identity: cpt };
    if (options.effectiveFrom)
      return {
        kind: 'cpt',
        identity: { kind: 'cpt', label: options.effectiveFrom.slice(0, 4), effective: { from: options.effectiveFrom } },
      };
    throw new CodeSetFileError(
      name,
      0,
      'a CPT list needs its year in the file name (cpt-2025.csv) or --effective-from',
    );
  }
  return undefined;
}

function withOverrides(identity: ReleaseIdentity, options: CompileOptions): ReleaseIdentity {
  const effective = { ...identity.effective };
  if (options.effectiveFrom) effective.from = options.effectiveFrom;
  if (options.effectiveTo) effective.to = options.effectiveTo;
  if (effective.to !== undefined && effective.to < effective.from) {
    throw new Error(
      `effective range of ${releaseId(identity)} ends (${effective.to}) before it starts (${effective.from})`,
    );
  }
  return { ...identity, effective };
}

/** Recognises, parses and compiles every release the inputs hold. */
export function compileReleaseFiles(inputs: readonly ReleaseFile[], options: CompileOptions): CompiledRelease[] {
  const progress = options.onProgress ?? (() => {});
  const groups = new Map<string, Group>();
  for (const input of inputs) {
    const members = readReleaseFiles(input);
    const container = members.length === 1 && members[0] === input ? undefined : input.name;
    let recognisedAny = false;
    for (const member of members) {
      const name = container ? `${container}!${member.name}` : member.name;
      const recognised = recognise(member.name, container, options);
      if (!recognised) {
        if (container) progress(`  skipping ${name} (not a code table)`);
        continue;
      }
      recognisedAny = true;
      const identity = withOverrides(recognised.identity, options);
      const id = releaseId(identity);
      const group = groups.get(id) ?? { identity, files: [] };
      group.files.push({ file: { name, bytes: member.bytes }, recognised });
      groups.set(id, group);
    }
    if (!recognisedAny) {
      throw new CodeSetFileError(
        input.name,
        0,
        `not a recognised code set release file; expected one of ${EXPECTED_NAMES}`,
      );
    }
  }
  const compiled: CompiledRelease[] = [];
  for (const [id, group] of groups) {
    progress(`compiling ${id} from ${group.files.length} file(s)`);
    compiled.push(compileGroup(group, options, progress));
  }
  return compiled;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function compileGroup(group: Group, options: CompileOptions, progress: (message: string) => void): CompiledRelease {
  const meta: ReleaseMeta = {
    identity: group.identity,
    sources: group.files.map(({ file }) => ({ file: file.name, sha256: sha256(file.bytes) })),
    compiledAt: options.compiledAt,
  };
  const texts = group.files.map(({ file, recognised }) => {
    progress(`  reading ${file.name} (${(file.bytes.length / 1024).toFixed(0)} KiB)`);
    return { name: file.name, text: decodeReleaseText(file.bytes), recognised };
  });
  switch (group.identity.kind) {
    case 'icd10cm': {
      const input: Icd10CmReleaseInput = { ...meta, tabular: [], indexes: [] };
      const claims = { expectedFiscalYear: Number(group.identity.label.slice(2, 6)) };
      const seenRoles = new Map<string, string>();
      for (const { name, text, recognised } of texts) {
        const role = recognised.kind === 'icd10cm' ? recognised.role : undefined;
        const earlier = role && role !== 'tabular' ? seenRoles.get(role) : undefined;
        if (earlier)
          throw new CodeSetFileError(
            name,
            0,
            `a second ${role} file for ${releaseId(group.identity)}; ${earlier} was given already`,
          );
        if (role) seenRoles.set(role, name);
        if (role === 'order') input.order = parseOrderFile(name, text, claims);
        else if (role === 'codes') input.codes = parseCodesFile(name, text, claims);
        else if (role === 'tabular') input.tabular.push(parseTabularXml(name, text, claims));
        else if (role) input.indexes.push({ kind: role, file: parseIndexXml(name, text, claims) });
      }
      return compileIcd10CmRelease(input);
    }
    case 'hcpcs': {
      if (texts.length !== 1)
        throw new Error(`${releaseId(group.identity)}: expected one HCPCS file, got ${texts.length}`);
      return compileHcpcsRelease(meta, parseHcpcsAnnualFile(texts[0]!.name, texts[0]!.text));
    }
    case 'ncci-ptp': {
      const edits: PtpEdit[] = texts.flatMap(({ name, text }) => parsePtpFile(name, text));
      return compilePtpRelease(meta, edits);
    }
    case 'ncci-mue': {
      const edits: MueEdit[] = texts.flatMap(({ name, text }) => parseMueFile(name, text));
      return compileMueRelease(meta, edits);
    }
    case 'cpt':
      return compileCptRelease(
        meta,
        texts.flatMap(({ name, text }) => parseCptCsv(name, text)),
      );
  }
}
