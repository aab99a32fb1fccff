/** CPT/HCPCS validity on the date of service, and what cannot be checked because no release covers the date. */
import { type EditHit, NO_HITS, type ScrubContext, type SyncEditDefinition } from '../edit.ts';

const HCPCS_LEVEL_II = /^[A-V]\d{4}$/;
/** The starter bundle's CPT "release" is our own list of code numbers, not the AMA code set. */
const STARTER_CPT = 'cpt-starter';

function lineCodes(context: ScrubContext) {
  return context.claim.lines.map((line, index) => ({
    index,
    code: line.code,
    date: context.lineDates[index] ?? context.firstDate,
  }));
}

function cptKnown(context: ScrubContext, code: string, date: string): 'valid' | 'invalid' | 'unverifiable' {
  const cpt = context.lookups.cpt;
  if (cpt.isValid(code, date)) return 'valid';
  if (!cpt.isWellFormed(code)) return 'invalid';
  const release = context.lookups.releaseFor('cpt', date);
  return release === undefined || release.id === STARTER_CPT ? 'unverifiable' : 'invalid';
}

export const procedureInvalid: SyncEditDefinition = {
  id: 'PROC-CODE-INVALID',
  category: 'procedure',
  severity: 'error',
  owner: 'CODER',
  checks:
    'Every line code is a CPT or HCPCS Level II code valid on its date of service (HCPCS: added and not terminated).',
  source: 'HIPAA code sets (45 CFR 162.1002); CMS HCPCS Level II annual file (add and termination dates); AMA CPT',
  example: 'HCPCS G0001 (terminated 2012) billed for a 2026 date of service.',
  check(context) {
    const hcpcs = context.lookups.hcpcs;
    return lineCodes(context).flatMap(({ index, code, date }): EditHit[] => {
      if (date === undefined) return NO_HITS;
      if (HCPCS_LEVEL_II.test(code)) {
        if (context.lookups.releaseFor('hcpcs', date) === undefined) return NO_HITS;
        const found = hcpcs.lookup(code, date);
        if (found?.status === 'active') return NO_HITS;
        const why =
          found?.status === 'terminated'
            ? `was terminated on ${found.terminationDate}`
            : found?.status === 'not-yet-added'
              ? `is not effective until ${found.addDate}`
              : 'is not a HCPCS Level II code';
        return [
          {
            message: `HCPCS ${code} ${why}; it cannot be billed for ${date}.`,
            field: `lines[${index}].code`,
            suggestedFix: 'Use the code in effect on the date of service (see the HCPCS file’s cross-reference).',
            source: `CMS HCPCS Level II (${found?.release ?? context.lookups.releaseFor('hcpcs', date)?.id})`,
          },
        ];
      }
      if (cptKnown(context, code, date) !== 'invalid') return NO_HITS;
      return [
        {
          message: `CPT ${code} is not a CPT code in effect on ${date}.`,
          field: `lines[${index}].code`,
          suggestedFix: 'Correct the procedure code.',
        },
      ];
    });
  },
};

export const procedureUnverified: SyncEditDefinition = {
  id: 'PROC-CODE-UNVERIFIED',
  category: 'procedure',
  severity: 'warning',
  owner: 'CODER',
  checks:
    'A CPT code that no licensed CPT list loaded can confirm (the starter bundle lists only the codes ClaimFlow emits).',
  source: 'AMA CPT (licensed; import it with `claimflow codesets import cpt-YYYY.csv`)',
  example: 'CPT 27447 on a deployment that runs on the starter bundle.',
  check(context) {
    return lineCodes(context).flatMap(({ index, code, date }) =>
      date !== undefined && !HCPCS_LEVEL_II.test(code) && cptKnown(context, code, date) === 'unverifiable'
        ? [
            {
              message: `CPT ${code} is well formed but no licensed CPT list is loaded to confirm it for ${date}.`,
              field: `lines[${index}].code`,
              suggestedFix: 'Load a licensed CPT release, or confirm the code by hand.',
            },
          ]
        : NO_HITS,
    );
  },
};

export const codeSetsMissing: SyncEditDefinition = {
  id: 'CODESET-RELEASE-MISSING',
  category: 'procedure',
  severity: 'warning',
  owner: 'CODER',
  checks: 'A code set release (ICD-10-CM, HCPCS, NCCI PTP/MUE) covers the date of service, so the code edits can run.',
  source: 'ClaimFlow code set bundle (core/codesets)',
  example: 'A 2014 date of service, before any loaded ICD-10-CM release.',
  check(context) {
    const date = context.firstDate;
    if (date === undefined) return NO_HITS;
    const missing = (['icd10cm', 'hcpcs', 'ncci-ptp', 'ncci-mue'] as const).filter(
      (kind) => context.lookups.releaseFor(kind, date) === undefined,
    );
    return missing.length === 0
      ? NO_HITS
      : [
          {
            message: `No ${missing.join(', ')} release covers ${date}; those edits were not run.`,
            field: 'lines',
            suggestedFix: 'Import the code set release in effect on the date of service.',
          },
        ];
  },
};

export const PROCEDURE_EDITS: readonly SyncEditDefinition[] = [procedureInvalid, procedureUnverified, codeSetsMissing];
