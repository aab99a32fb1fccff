/**
 * Procedures the source document already coded (FHIR Procedure/ChargeItem, HL7 FT1, superbill rows, ClaimFlow
 * JSON): normalized and validated, never re-invented. A code the source gives is kept as the source gives it; what
 * is wrong with it becomes a review reason.
 */
import { normalizeCode } from '#core/codesets/index';
import type { SourceProcedure } from '#core/documents/encounter';
import type { Evidence, ReviewReason } from '../coded-encounter.ts';
import { kindOfCode, systemOfCode } from './code-kinds.ts';
import type { NoteContext } from './context.ts';
import { vaccineForCvx } from './cvx-vaccines.ts';
import type { ProposedLine } from './proposed-line.ts';
import { administrationLines, type Vaccine } from './vaccines.ts';

const MODIFIER = /^[0-9A-Z]{2}$/;

export function structuredLines(
  procedures: readonly SourceProcedure[],
  context: NoteContext,
): { lines: ProposedLine[]; reasons: ReviewReason[] } {
  const lines: ProposedLine[] = [];
  const reasons: ReviewReason[] = [];
  const vaccines: { vaccine: Vaccine; evidence: Evidence }[] = [];
  for (const [i, procedure] of procedures.entries()) {
    const path = procedure.location.path ?? `procedures[${i}]`;
    if (procedure.system === 'CVX') {
      // An immunization record: the CPT product from the CDC crosswalk, administration added below.
      const vaccine = vaccineForCvx(procedure.code);
      if (!vaccine) {
        reasons.push({
          category: 'unsupported_code',
          field: path,
          message: `vaccine CVX ${procedure.code} has no CPT product code in our CVX crosswalk`,
        });
        continue;
      }
      const evidence: Evidence = { kind: 'field', path, rule: 'vaccine.cvx' };
      lines.push({
        code: vaccine.code,
        system: 'CPT',
        units: 1,
        modifiers: [],
        kind: 'vaccine',
        confidence: 0.9,
        evidence: [evidence],
        relevantDiagnoses: ['Z23'],
      });
      vaccines.push({ vaccine, evidence: { ...evidence, rule: 'vaccine.admin' } });
      continue;
    }
    if (procedure.system !== 'CPT' && procedure.system !== 'HCPCS') {
      reasons.push({
        category: 'unsupported_code',
        field: path,
        message: `procedure ${procedure.code} is coded in ${procedure.system}; a claim line needs a CPT or HCPCS code`,
      });
      continue;
    }
    const code = normalizeCode(procedure.code);
    const modifiers = (procedure.modifiers ?? []).map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
    let confidence = 0.97;
    const bad = modifiers.filter((m) => !MODIFIER.test(m));
    if (bad.length > 0) {
      confidence = 0.3;
      reasons.push({
        category: 'unsupported_code',
        field: path,
        message: `procedure ${code}: modifier(s) ${bad.join(', ')} are not two-character modifiers`,
      });
    }
    if (modifiers.length > 4) {
      confidence = 0.3;
      reasons.push({
        category: 'unsupported_code',
        field: path,
        message: `procedure ${code} has ${modifiers.length} modifiers; a claim line takes at most 4`,
      });
    }
    const units = procedure.units ?? 1;
    if (!Number.isFinite(units) || units <= 0) {
      confidence = 0.3;
      reasons.push({
        category: 'unsupported_code',
        field: path,
        message: `procedure ${code} has ${units} units; units must be positive`,
      });
    }
    const line: ProposedLine = {
      code,
      system: procedure.system === 'HCPCS' ? 'HCPCS' : systemOfCode(code),
      units: units > 0 ? units : 1,
      modifiers: modifiers.filter((m) => MODIFIER.test(m)).slice(0, 4),
      kind: kindOfCode(code),
      confidence,
      evidence: [{ kind: 'field', path, rule: 'px.structured' }],
    };
    if (procedure.diagnosisCodes?.length) line.linkedDiagnoses = procedure.diagnosisCodes.map(normalizeCode);
    if (procedure.serviceDate) line.serviceDate = procedure.serviceDate;
    if (procedure.chargeCents !== undefined) line.sourceChargeCents = procedure.chargeCents;
    lines.push(line);
  }
  // Administration the source did not bill itself is added for the immunizations it recorded.
  const billsAdministration = lines.some((l) => l.kind === 'vaccine-admin');
  if (vaccines.length > 0 && !billsAdministration) lines.push(...administrationLines(context, vaccines));
  return { lines, reasons };
}
