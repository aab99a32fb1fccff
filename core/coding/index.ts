/**
 * The coder's entry point: one Encounter in, one CodedEncounter out. Diagnoses come from the diagnosis coder
 * (`diagnoses/index.ts`, contract in `diagnosis-port.ts`), procedures from `procedures/`, and `review.ts` decides
 * between auto-coding and review. Pure: code sets and configuration are passed in.
 */
import type { CodeSets } from '#core/codesets/index';
import type { PracticeConfig } from '#core/config/practice-config';
import type { Encounter, IsoDate } from '#core/documents/encounter';
import { missingInformation } from '#core/documents/missing-information';
import type { CodedEncounter } from './coded-encounter.ts';
import { type ComprehendAnswer, unavailableReason } from './comprehend/inference-port.ts';
import { codeDiagnoses } from './diagnoses/index.ts';
import type { DiagnosisCoder } from './diagnosis-port.ts';
import { withNoteSections } from './note-sections.ts';
import { noteContext } from './procedures/context.ts';
import { codeProcedures } from './procedures/index.ts';
import { decideReview } from './review.ts';

export type { CodedDiagnosis, CodedEncounter, Evidence, ReviewReason, ServiceLine } from './coded-encounter.ts';
export type { DiagnosisCoder, DiagnosisCoding } from './diagnosis-port.ts';

export interface CodingPorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  /** Coding date when the encounter has no date of service (the CLI's --date, the pipeline's receipt date). */
  date?: IsoDate;
}

export class NoCodingDateError extends Error {
  constructor(key: string) {
    super(`encounter from ${key} has no date of service and no coding date was given: code sets are picked by date`);
    this.name = 'NoCodingDateError';
  }
}

/**
 * `comprehend`, when given, is Amazon Comprehend Medical's answer for `encounter.noteText`: its proposals join our
 * own (core/coding/comprehend); when the service was unavailable, the visit is coded exactly as without it, and a
 * visit that goes to review anyway says so to its reviewer.
 */
export function codeEncounter(encounter: Encounter, ports: CodingPorts, comprehend?: ComprehendAnswer): CodedEncounter {
  if (comprehend?.kind === 'inferred')
    return codeEncounterWith(encounter, ports, (e, p) => codeDiagnoses(e, p, { comprehend: comprehend.response }));
  const coded = codeEncounterWith(encounter, ports, codeDiagnoses);
  if (comprehend?.kind !== 'unavailable' || !coded.review.required) return coded;
  return {
    ...coded,
    review: { ...coded.review, reasons: [...coded.review.reasons, unavailableReason(comprehend.why)] },
  };
}

/** `codeEncounter` with the diagnosis coder given, so procedure behaviour can be specified with fixed diagnoses. */
export function codeEncounterWith(source: Encounter, ports: CodingPorts, diagnose: DiagnosisCoder): CodedEncounter {
  const encounter = withNoteSections(source);
  const date = encounter.dateOfService ?? ports.date;
  if (!date) throw new NoCodingDateError(encounter.source.key);
  const medicare = medicareClaim(encounter, ports.config);
  const diagnosisCoding = diagnose(encounter, { codeSets: ports.codeSets, date });
  const context = noteContext(encounter, date, medicare);
  const procedures = codeProcedures(context, diagnosisCoding.diagnoses, {
    codeSets: ports.codeSets,
    config: ports.config,
    date,
  });
  const missing = missingInformation(encounter);
  const review = decideReview({
    encounter,
    diagnoses: diagnosisCoding.diagnoses,
    lines: procedures.lines,
    missing,
    config: ports.config,
    reasons: [...diagnosisCoding.reviewReasons, ...procedures.reasons],
  });
  return { encounter, diagnoses: diagnosisCoding.diagnoses, lines: procedures.lines, missing, review };
}

/** Medicare Part B: the filing indicator the document gives, else the configured payer's. */
function medicareClaim(encounter: Encounter, config: PracticeConfig): boolean {
  const indicator =
    encounter.payer?.filingIndicator ??
    config.payers.find((p) => p.payerId === encounter.payer?.payerId)?.filingIndicator;
  return indicator === 'MB';
}
