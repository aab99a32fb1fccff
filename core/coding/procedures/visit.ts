/**
 * The visit itself: a preventive visit, a problem-oriented E/M (levelled by time or MDM, whichever supports the
 * higher level, as CPT allows), prolonged time, or no E/M at all when the visit was only for a procedure.
 */

import { keywordGate } from '#core/coding/text/keyword-gate';
import type { CodedDiagnosis, Evidence, ReviewReason } from '../coded-encounter.ts';
import { assessmentSections, gatedText, type NoteContext, reasonSections } from './context.ts';
import { type ConditionSpan, levelFromMdm, MDM_NAMES, medicalDecisionMaking } from './em-mdm.ts';
import { findDocumentedTime, levelFromTime, prolongedUnits } from './em-time.ts';
import { textEvidence } from './note-text.ts';
import { patientStatus } from './patient-status.ts';
import { findPreventiveStatement, preventiveVisit } from './preventive.ts';
import type { ProposedLine } from './proposed-line.ts';
import { findSeparateProblem } from './separate-problem.ts';

/** A visit only for a scheduled service: the service is billed, not an E/M. */
const SERVICE_ONLY =
  /\b(nurse visit|injection only|(?:here|presents|comes in)(?: today)?(?: only)? for (?:(?:his|her|their|a|the|scheduled|monthly|routine|quarterly|next|annual|seasonal) )*(?:[\w-]+ ){0,2}(?:injections?|shots?|vaccines?|vaccinations?|immunizations?|b-?12|depo-?provera|cerumen removal|ear wax removal|wart treatment|skin tag removal))\b/i;
const NO_OTHER_CONCERNS =
  /\b(no other (?:complaints|concerns|issues)|no new (?:complaints|concerns)|without other complaints)\b/i;
/** Runs only on a note holding one of its words (text/keyword-gate.ts). */
const SERVICE_ONLY_GATE = keywordGate(SERVICE_ONLY);
const EVALUATION_SECTIONS =
  /^(HPI|HISTORY OF PRESENT ILLNESS|PHYSICAL EXAM|PHYSICAL EXAMINATION|PE|ASSESSMENT|ASSESSMENT AND PLAN|ASSESSMENT & PLAN|A\/P|IMPRESSION|IMPRESSION AND PLAN|SUBJECTIVE|OBJECTIVE)$/;

export interface VisitCoding {
  lines: ProposedLine[];
  reasons: ReviewReason[];
}

/** Diagnoses that are the indication of a procedure line, by the line's relevant ICD-10-CM prefixes. */
function servesProcedure(diagnosis: CodedDiagnosis, procedures: readonly ProposedLine[]): boolean {
  const code = diagnosis.code.replace('.', '');
  return procedures.some((line) =>
    (line.relevantDiagnoses ?? []).some((prefix) => code.startsWith(prefix.replace('.', ''))),
  );
}

export function codeVisit(
  context: NoteContext,
  diagnoses: readonly CodedDiagnosis[],
  procedures: readonly ProposedLine[],
): VisitCoding {
  const reasons: ReviewReason[] = [];
  const status = patientStatus(context);
  if (status.conflict)
    reasons.push({ category: 'conflicting_documentation', field: 'newPatient', message: status.conflict });

  const preventive = findPreventiveStatement(context);
  const lines: ProposedLine[] = [];
  if (preventive) {
    const visit = preventiveVisit(context, status.newPatient, preventive);
    if (visit.problem)
      reasons.push({ category: 'missing_information', field: 'patient.birthDate', message: visit.problem });
    lines.push({
      code: visit.code,
      system: visit.system,
      units: 1,
      modifiers: [],
      kind: 'preventive',
      confidence: status.documented ? visit.confidence : Math.min(visit.confidence, 0.7),
      evidence: [...visit.evidence, ...status.evidence],
      relevantDiagnoses: ['Z00', 'Z01.4', 'Z02'],
    });
    const separate = findSeparateProblem(context);
    if (!separate) return { lines, reasons };
    // CPT: once the preventive service is given, the patient is established for a problem E/M the same day. The
    // problem E/M is levelled on the problems alone: the preventive items are the preventive code's work.
    const problem = problemVisit(
      context,
      diagnoses,
      procedures,
      false,
      true,
      status.evidence,
      reasons,
      separate.preventiveItems,
    );
    if (problem) {
      const problemLine = problem.line;
      const { evidence } = separate;
      // The problem E/M carries modifier 25 (modifiers.ts) and points to the problems, not to Z00/Z01.
      problemLine.evidence.push(
        textEvidence(context.text, evidence.start, evidence.end, 'em.separate-from-preventive'),
      );
      problemLine.avoidDiagnoses = ['Z00', 'Z01'];
      lines.push(problemLine);
    }
    return { lines, reasons };
  }

  const serviceOnly = gatedText(context).mayMatch(SERVICE_ONLY_GATE) ? SERVICE_ONLY.exec(context.text) : null;
  const evaluated = (context.encounter.sections ?? []).some((s) => EVALUATION_SECTIONS.test(s.name));
  const otherProblems = diagnoses.filter((d) => !d.code.startsWith('Z23') && !servesProcedure(d, procedures));
  if (serviceOnly && (NO_OTHER_CONCERNS.test(context.text) || otherProblems.length === 0) && procedures.length > 0) {
    return { lines, reasons };
  }
  if (serviceOnly && /nurse visit/i.test(serviceOnly[0]) && procedures.length === 0) {
    lines.push({
      code: '99211',
      system: 'CPT',
      units: 1,
      modifiers: [],
      kind: 'em',
      confidence: 0.85,
      evidence: [
        textEvidence(context.text, serviceOnly.index, serviceOnly.index + serviceOnly[0].length, 'em.nurse-visit'),
      ],
    });
    return { lines, reasons };
  }
  if (!evaluated && diagnoses.length === 0) return { lines, reasons };
  // A minor procedure includes the decision to do it: an E/M is billed beside it only for another problem.
  const minor = procedures.filter((p) => p.kind === 'minor-procedure');
  if (minor.length > 0 && otherProblems.length === 0) return { lines, reasons };

  const visit = problemVisit(
    context,
    diagnoses,
    procedures,
    status.newPatient,
    status.documented,
    status.evidence,
    reasons,
  );
  if (visit) {
    lines.push(visit.line);
    // Prolonged service is reported only for a level chosen by time.
    const minutes = visit.minutesUsed;
    if (minutes !== undefined) {
      const extra = prolongedUnits(visit.line.code, minutes, context.medicare);
      if (extra) {
        lines.push({
          code: extra.code,
          system: extra.code === 'G2212' ? 'HCPCS' : 'CPT',
          units: extra.units,
          modifiers: [],
          kind: 'prolonged',
          confidence: 0.93,
          evidence: visit.line.evidence
            .filter((e) => e.rule === 'em.time')
            .map((e) => ({ ...e, rule: `em.prolonged.${extra.code}` })),
        });
      }
    }
  }
  return { lines, reasons };
}

/** Where the note states the problems minor procedures treat (text evidence of the diagnoses they are for). */
function procedureProblemSpans(
  diagnoses: readonly CodedDiagnosis[],
  procedures: readonly ProposedLine[],
): { start: number; end: number }[] {
  const minor = procedures.filter((p) => p.kind === 'minor-procedure');
  return diagnoses
    .filter((d) => servesProcedure(d, minor))
    .flatMap((d) => d.evidence)
    .filter((e) => e.kind === 'text' && e.start !== undefined && e.end !== undefined)
    .map((e) => ({ start: e.start!, end: e.end! }));
}

/** Where the note names each coded condition (Z codes are encounters and status, never problems addressed). */
function conditionSpans(diagnoses: readonly CodedDiagnosis[]): ConditionSpan[] {
  return diagnoses
    .filter((d) => !d.code.startsWith('Z'))
    .flatMap((d) =>
      d.evidence
        .filter((e) => e.kind === 'text' && e.start !== undefined && e.end !== undefined)
        .map((e) => ({ start: e.start!, end: e.end!, code: d.code })),
    );
}

function problemVisit(
  context: NoteContext,
  diagnoses: readonly CodedDiagnosis[],
  procedures: readonly ProposedLine[],
  newPatient: boolean,
  statusDocumented: boolean,
  statusEvidence: Evidence[],
  reasons: ReviewReason[],
  excludedItems: readonly { start: number; end: number }[] = [],
): { line: ProposedLine; minutesUsed?: number } | undefined {
  const time = findDocumentedTime(context);
  if (time.conflicting.length > 0) {
    reasons.push({
      category: 'conflicting_documentation',
      field: 'totalTimeMinutes',
      message: `the note states different total times (${time.conflicting.map((t) => `${t.minutes} min`).join(', ')})`,
    });
  }
  const billableProblems = diagnoses.filter((d) => !/^Z(23|00|01)/.test(d.code)).length;
  const mdm = medicalDecisionMaking(
    context,
    billableProblems,
    [...procedureProblemSpans(diagnoses, procedures), ...excludedItems],
    conditionSpans(diagnoses),
  );
  const byMdm = levelFromMdm(mdm.level, newPatient);
  const byTime = time.time ? levelFromTime(time.time.minutes, newPatient) : undefined;
  const useTime = byTime !== undefined && byTime >= byMdm;
  const code = useTime ? byTime : byMdm;
  let confidence: number;
  const evidence: Evidence[] = [...statusEvidence];
  if (useTime) {
    evidence.push(time.time!.evidence);
    confidence = 0.95;
  } else {
    evidence.push(...mdm.evidence, {
      kind: 'field',
      path: `mdm: problems ${MDM_NAMES[mdm.problems]}, data ${MDM_NAMES[mdm.data]}, risk ${MDM_NAMES[mdm.risk]} -> ${MDM_NAMES[mdm.level]}`,
      rule: 'em.mdm',
    });
    // Without an assessment the problems element is a guess from the coded diagnoses.
    confidence = mdm.hasAssessment ? 0.88 : 0.6;
    if (mdm.borderline) {
      // Between two levels on a judgment call: a coder decides, the coder does not auto-code a guess.
      confidence = Math.min(confidence, 0.8);
      reasons.push({
        category: 'low_confidence_coding',
        field: 'lines.em',
        message: `E/M level borderline: ${MDM_NAMES[mdm.level]} MDM (${code}) with ${mdm.borderline.why}; ${MDM_NAMES[mdm.borderline.level]} MDM (${levelFromMdm(mdm.borderline.level, newPatient)}) otherwise`,
      });
    }
    if (time.time && byTime === undefined) confidence = Math.min(confidence, 0.7);
  }
  if (reasonSections(context).length === 0 && assessmentSections(context).length === 0 && !useTime)
    confidence = Math.min(confidence, 0.6);
  if (!statusDocumented) {
    confidence = Math.min(confidence, 0.7);
    reasons.push({
      category: 'missing_information',
      field: 'newPatient',
      message: 'the note does not say whether the patient is new or established; coded as established',
    });
  }
  const line: ProposedLine = { code, system: 'CPT', units: 1, modifiers: [], kind: 'em', confidence, evidence };
  return useTime ? { line, minutesUsed: time.time!.minutes } : { line };
}
