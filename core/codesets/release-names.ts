/**
 * Which release a file belongs to and when that release is in effect, read from the names CMS and CDC give their
 * files. Each kind has its own calendar:
 * - ICD-10-CM: fiscal years start October 1 (FY2025 = 2024-10-01..2025-09-30); an April 1 update runs to the end of
 *   the same fiscal year (2025-04-01..2025-09-30) and, overlapping the October release, wins for those dates.
 * - HCPCS Level II: the annual file (`HCPC2019_CONTR_ANWEB`) is in effect for its calendar year; a quarterly file
 *   (`HCPC2026_APR_ANWEB...`) from its quarter to the end of the year.
 * - NCCI PTP: `ccipra-v<major><minor>r<revision>-f<part>`; version 25.0 is January 2019, each major version is a year
 *   (year = 1994 + major) and each minor version a quarter. In effect for that quarter.
 * - NCCI MUE: `MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY`: from that date to the end of its quarter.
 * - CPT (licensed list): the year in the file name, for the calendar year.
 */
import { baseName } from './archive.ts';
import { isIsoDate } from './dates.ts';
import type { CodeSetKind, ReleaseIdentity } from './release-kinds.ts';

export {
  CODE_SET_KINDS,
  type CodeSetKind,
  type EffectiveRange,
  type ReleaseIdentity,
  releaseId,
} from './release-kinds.ts';

const QUARTER_START_MONTHS = ['01', '04', '07', '10'] as const;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;
const MONTH_WORDS: Record<string, number> = { JAN: 0, APR: 1, JUL: 2, OCT: 3 };

/** ICD-10-CM: October release of a fiscal year, or its April update. */
export function icd10cmRelease(fiscalYear: number, aprilUpdate = false): ReleaseIdentity {
  return {
    kind: 'icd10cm',
    label: aprilUpdate ? `fy${fiscalYear}-apr` : `fy${fiscalYear}`,
    effective: { from: aprilUpdate ? `${fiscalYear}-04-01` : `${fiscalYear - 1}-10-01`, to: `${fiscalYear}-09-30` },
  };
}

/** HCPCS: `HCPC2019_CONTR_ANWEB.txt` (annual) or `HCPC2026_APR_ANWEB_...txt` (quarterly); undefined if unrecognised. */
export function hcpcsReleaseFromName(name: string): ReleaseIdentity | undefined {
  const match = /^HCPC(\d{4})_(?:(JAN|APR|JUL|OCT)_)?(?:CONTR_)?ANWEB/i.exec(baseName(name));
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = match[2] ? MONTH_WORDS[match[2].toUpperCase()]! : 0;
  return {
    kind: 'hcpcs',
    label: quarter === 0 ? `${year}` : `${year}-${match[2]!.toLowerCase()}`,
    effective: { from: `${year}-${QUARTER_START_MONTHS[quarter]}-01`, to: `${year}-12-31` },
  };
}

/** NCCI practitioner PTP: `ccipra-v311r0-f1.txt` is version 31.1, April-June 2025. */
export function ncciPtpReleaseFromName(name: string): ReleaseIdentity | undefined {
  const match = /^ccipra-v(\d{2})(\d)r\d+(?:-f\d+)?\.(?:txt|zip)$/i.exec(baseName(name));
  if (!match) return undefined;
  const year = 1994 + Number(match[1]);
  const quarter = Number(match[2]);
  if (quarter > 3) return undefined;
  return quarterRelease('ncci-ptp', year, quarter);
}

/** NCCI practitioner MUE: `MCR_MUE_PractitionerServices_Eff_04-01-2025.csv`. */
export function ncciMueReleaseFromName(name: string): ReleaseIdentity | undefined {
  const match = /^MCR_MUE_PractitionerServices_Eff_(\d{2})-(\d{2})-(\d{4})\.(?:csv|txt)$/i.exec(baseName(name));
  if (!match) return undefined;
  const from = `${match[3]}-${match[1]}-${match[2]}`;
  if (!isIsoDate(from)) return undefined;
  const quarter = Math.floor((Number(match[1]) - 1) / 3);
  const release = quarterRelease('ncci-mue', Number(match[3]), quarter);
  return { ...release, effective: { from, to: release.effective.to } };
}

/** Licensed CPT list: a four-digit year in the file name (`cpt-2025.csv`). */
export function cptReleaseFromName(name: string): ReleaseIdentity | undefined {
  const year = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(baseName(name))?.[1];
  if (!year) return undefined;
  return { kind: 'cpt', label: year, effective: { from: `${year}-01-01`, to: `${year}-12-31` } };
}

function quarterRelease(kind: CodeSetKind, year: number, quarter: number): ReleaseIdentity {
  return {
    kind,
    label: `${year}q${quarter + 1}`,
    effective: { from: `${year}-${QUARTER_START_MONTHS[quarter]}-01`, to: `${year}-${QUARTER_END[quarter]}` },
  };
}
