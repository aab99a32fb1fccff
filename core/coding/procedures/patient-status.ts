/** New versus established patient (CPT: new = no professional service from the practice in the past 3 years). */

import { keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';
import { gatedText, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';

export interface PatientStatus {
  newPatient: boolean;
  /** false when nothing documents it and "established" was assumed. */
  documented: boolean;
  evidence: Evidence[];
  /** The structure and the text say different things. */
  conflict?: string;
}

const NEW_TEXT =
  /\b(new patient|new to (?:the |our )?(?:practice|clinic|office)|(?:here |presents )?to establish care|establishing care|first visit (?:to|with|at) (?:this|our|the) (?:practice|clinic|office))\b/i;
const ESTABLISHED_TEXT =
  /\b(established patient|(?:presents|here|returns|seen) for (?:a )?follow[- ]?up|returns (?:today|for)|last seen|since (?:her|his|their) last visit|known to (?:this|our) practice)\b/i;

/** Each runs only on a note holding one of its words (text/keyword-gate.ts). */
const NEW_GATE = keywordGate(NEW_TEXT);
const ESTABLISHED_GATE = keywordGate(ESTABLISHED_TEXT);

export function patientStatus(context: NoteContext): PatientStatus {
  const { text } = context;
  const gated = gatedText(context);
  const newMatch = gated.mayMatch(NEW_GATE) ? NEW_TEXT.exec(text) : null;
  const establishedMatch = gated.mayMatch(ESTABLISHED_GATE) ? ESTABLISHED_TEXT.exec(text) : null;
  const structured = context.encounter.newPatient;
  const matchEvidence = (match: RegExpExecArray) =>
    textEvidence(text, match.index, match.index + match[0].length, 'em.patient-status');
  if (structured !== undefined) {
    const evidence: Evidence[] = [{ kind: 'field', path: 'newPatient', rule: 'em.patient-status' }];
    const contrary = structured ? establishedMatch : newMatch;
    // "Follow-up" wording in a new patient's note is common (a referral follow-up); only an explicit contrary
    // statement of status is a conflict.
    const explicitContrary =
      contrary && /\b(new patient|established patient|establish(?:ing)? care)\b/i.test(contrary[0]);
    if (contrary && explicitContrary) {
      return {
        newPatient: structured,
        documented: true,
        evidence: [...evidence, matchEvidence(contrary)],
        conflict: `visit type says ${structured ? 'new' : 'established'} patient but the note says "${contrary[0]}"`,
      };
    }
    return { newPatient: structured, documented: true, evidence };
  }
  if (newMatch && !establishedMatch) return { newPatient: true, documented: true, evidence: [matchEvidence(newMatch)] };
  if (establishedMatch && !newMatch)
    return { newPatient: false, documented: true, evidence: [matchEvidence(establishedMatch)] };
  if (newMatch && establishedMatch) {
    return {
      newPatient: false,
      documented: true,
      evidence: [matchEvidence(newMatch), matchEvidence(establishedMatch)],
      conflict: `the note says both "${newMatch[0]}" and "${establishedMatch[0]}"`,
    };
  }
  return { newPatient: false, documented: false, evidence: [] };
}
