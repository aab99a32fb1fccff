/**
 * Procedure coding for one encounter: structured codes when the source has them, otherwise the services the note
 * documents; then the visit (E/M, preventive, prolonged), modifiers, NCCI pairs, code validation on the date,
 * diagnosis pointers and charges from the fee schedule.
 */
import type { CodeSets } from '#core/codesets/index';
import { feeFor, type PracticeConfig } from '#core/config/practice-config';
import type { IsoDate } from '#core/documents/encounter';
import type { CodedDiagnosis, ReviewReason, ServiceLine } from '../coded-encounter.ts';
import { LATERAL_CODES } from './code-kinds.ts';
import { assessmentSections, type NoteContext, planSections } from './context.ts';
import { managesPrescription } from './em-mdm.ts';
import { injectionLines } from './injections.ts';
import { applyLaterality, applyModifier25, applyNcciPairs } from './modifiers.ts';
import { officeProcedureLines } from './office-procedures.ts';
import { officeTestLines } from './office-tests.ts';
import { patientStatus } from './patient-status.ts';
import { pointersFor } from './pointers.ts';
import type { ProposedLine } from './proposed-line.ts';
import { findPsychotherapy, psychotherapyLine } from './psychotherapy.ts';
import { skinProcedureLines } from './skin-procedures.ts';
import { structuredLines } from './structured.ts';
import { applyTelehealth } from './telehealth.ts';
import { tobaccoCounsellingLines } from './tobacco-counselling.ts';
import { vaccineLines } from './vaccines.ts';
import { codeVisit } from './visit.ts';

export interface ProcedurePorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  date: IsoDate;
}

export interface ProcedureCoding {
  lines: ServiceLine[];
  reasons: ReviewReason[];
}

/** Services documented in the note text, before the visit and the cross-line passes. */
export function servicesFromNote(context: NoteContext, diagnoses: readonly CodedDiagnosis[] = []): ProposedLine[] {
  return [
    ...officeProcedureLines(context),
    ...skinProcedureLines(context, diagnoses),
    ...injectionLines(context),
    ...vaccineLines(context),
    ...officeTestLines(context),
    ...tobaccoCounsellingLines(context),
  ];
}

export function codeProcedures(
  context: NoteContext,
  diagnoses: readonly CodedDiagnosis[],
  ports: ProcedurePorts,
): ProcedureCoding {
  const reasons: ReviewReason[] = [];
  let proposed: ProposedLine[];
  const { encounter } = context;
  if (encounter.procedures.length > 0) {
    const structured = structuredLines(encounter.procedures, context);
    proposed = structured.lines;
    reasons.push(...structured.reasons);
    const status = patientStatus(context);
    const em = proposed.find((l) => l.kind === 'em' || l.kind === 'preventive');
    if (em && encounter.newPatient !== undefined) {
      const billedNew = /^(9920|9938)/.test(em.code);
      const billedEstablished = /^(9921|9939)/.test(em.code);
      if ((billedNew && !encounter.newPatient) || (billedEstablished && encounter.newPatient)) {
        reasons.push({
          category: 'conflicting_documentation',
          field: 'newPatient',
          message: `${em.code} is a ${billedNew ? 'new' : 'established'} patient code but the document says the patient is ${encounter.newPatient ? 'new' : 'established'}`,
        });
      }
    } else if (status.conflict)
      reasons.push({ category: 'conflicting_documentation', field: 'newPatient', message: status.conflict });
  } else {
    const services = servicesFromNote(context, diagnoses);
    const visit = codeVisit(context, diagnoses, services);
    reasons.push(...visit.reasons);
    proposed = [...withPsychotherapy(context, visit.lines), ...services];
  }

  applyModifier25(proposed);
  applyLaterality(proposed);
  reasons.push(...applyNcciPairs(proposed, context, ports.codeSets, ports.date));
  // Lines read from the note; a source that coded its own lines also chose their modifiers.
  if (encounter.procedures.length === 0) reasons.push(...applyTelehealth(proposed, context, ports.config));
  // Structured lines keep whatever side the source gave; a side read from text must be there for these codes.
  const sideless = proposed.filter(
    (l) =>
      l.kind === 'minor-procedure' &&
      LATERAL_CODES.has(l.code) &&
      !l.laterality &&
      l.evidence.some((e) => e.kind === 'text'),
  );
  for (const line of sideless) {
    reasons.push({
      category: 'missing_information',
      field: `lines.${line.code}`,
      message: `${line.code} needs the side (right, left or both) documented`,
    });
  }

  const lines = proposed.map((line) => toServiceLine(line, diagnoses, ports, reasons));
  if (lines.length === 0) {
    reasons.push({
      category: 'missing_information',
      field: 'lines',
      message: 'no billable service was found in the document',
    });
  }
  return { lines: orderLines(lines), reasons };
}

/**
 * Psychotherapy beside the visit: the add-on when the visit keeps an E/M for medical decision making of its own
 * (prescription drug management in the assessment or plan), else the standalone code in place of the E/M.
 */
function withPsychotherapy(context: NoteContext, visitLines: ProposedLine[]): ProposedLine[] {
  const found = findPsychotherapy(context);
  if (!found) return visitLines;
  const manages = [...assessmentSections(context), ...planSections(context)].some((section) =>
    managesPrescription(context.text.slice(section.start, section.end)),
  );
  const hasEm = visitLines.some((l) => l.kind === 'em');
  const keepEm = hasEm && manages;
  const line = psychotherapyLine(context, found, keepEm);
  const lines = keepEm ? visitLines : visitLines.filter((l) => l.kind !== 'em' && l.kind !== 'prolonged');
  return line ? [...lines, line] : visitLines;
}

function toServiceLine(
  line: ProposedLine,
  diagnoses: readonly CodedDiagnosis[],
  ports: ProcedurePorts,
  reasons: ReviewReason[],
): ServiceLine {
  const { codeSets, config, date } = ports;
  const kind = line.system === 'HCPCS' ? 'hcpcs' : 'cpt';
  const release = codeSets.releaseFor(kind, date);
  const valid =
    line.system === 'HCPCS' ? codeSets.hcpcs.isValid(line.code, date) : codeSets.cpt.isValid(line.code, date);
  let confidence = line.confidence;
  if (!valid) {
    confidence = Math.min(confidence, 0.3);
    reasons.push({
      category: 'unsupported_code',
      field: `lines.${line.code}`,
      message: release
        ? `${line.system} ${line.code} is not valid on ${date} in ${release.id}`
        : `no ${line.system} code set release covers ${date}, so ${line.code} cannot be validated`,
    });
  }
  const fee = feeFor(config, line.code);
  let chargeCents = line.sourceChargeCents ?? 0;
  if (line.sourceChargeCents === undefined) {
    if (fee === undefined) {
      reasons.push({
        category: 'missing_information',
        field: `feeSchedule.${line.code}`,
        message: `the fee schedule has no charge for ${line.code}`,
      });
    } else chargeCents = fee * line.units;
  }
  const serviceLine: ServiceLine = {
    code: line.code,
    system: line.system,
    modifiers: line.modifiers,
    units: line.units,
    chargeCents,
    diagnosisPointers: pointersFor(line, diagnoses),
    confidence: Math.round(confidence * 100) / 100,
    evidence: line.evidence,
    codeSetVersion: release?.id ?? 'unknown',
  };
  if (line.serviceDate) serviceLine.serviceDate = line.serviceDate;
  return serviceLine;
}

/** The visit first, then the rest in the order found (a claim reads E/M, procedures, drugs, tests). */
function orderLines(lines: ServiceLine[]): ServiceLine[] {
  const rank = (line: ServiceLine) =>
    /^(9920|9921|9938|9939|G043)/.test(line.code) ? 0 : /^(99417|G2212)$/.test(line.code) ? 1 : 2;
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank(a.line) - rank(b.line) || a.i - b.i)
    .map(({ line }) => line);
}
