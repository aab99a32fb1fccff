/**
 * What the mentions mean for the claim. Only statements of the assessment (or of a note without sections, or of a
 * structured condition's text) are coded; history, review of systems and exam mentions never code on their own.
 * Negated, uncertain, hypothetical and family statements are excluded (family history goes to Z80-Z84 when the
 * assessment states it); "history of" a chronic condition under treatment is the condition, otherwise a personal
 * history Z code or nothing. An uncertain diagnosis is not coded, but a documented symptom is.
 */

import type { Evidence } from '#core/coding/coded-encounter';
import type { ExcludedMention } from '#core/coding/diagnosis-port';
import type { CodeChoice, Modifiers } from '#core/coding/lexicon/index';
import type { ContextCategory } from '#core/coding/text/context';
import type { Finding, FindingStatus } from './finding.ts';
import type { ConceptMention, MentionSource, ReadText } from './read-text.ts';

export const TEXT_RULES = {
  conceptMatch: 'dx.text.concept-match',
  chronicHistoryCurrent: 'dx.text.history-of-chronic-under-treatment',
  personalHistory: 'dx.text.personal-history',
  statusPost: 'dx.text.status-post',
  familyHistory: 'dx.text.family-history',
} as const;

const CODING_SOURCES: ReadonlySet<MentionSource> = new Set(['assessment', 'unsectioned', 'condition']);

/** Words that say a chronic condition written as "history of" is still being treated. */
const CURRENT_TREATMENT = [
  ' on ',
  ' taking ',
  ' continue ',
  ' continues ',
  ' controlled ',
  ' stable ',
  ' managed ',
  ' treated with ',
  ' maintained on ',
  ' uses ',
  ' refill ',
  ' refilled ',
];

const BASE_CONFIDENCE: Record<MentionSource, number> = {
  assessment: 0.95,
  condition: 0.93,
  unsectioned: 0.75,
  supporting: 0,
  findings: 0,
  'past-history': 0,
  'family-history': 0,
  medications: 0,
  other: 0,
};

export interface TextFindings {
  findings: Finding[];
  excluded: ExcludedMention[];
  /** Concepts the coding sections both state and deny: conflicting documentation. */
  contradictions: string[];
}

function choicesOf(mention: ConceptMention, code?: string, status?: FindingStatus): CodeChoice[] {
  if (code) return [{ codes: [code] }];
  if (status === 'history' && mention.concept.historyResolve) return mention.concept.historyResolve(mention.modifiers);
  const { resolve } = mention.concept;
  return typeof resolve === 'string' ? [{ codes: [resolve] }] : resolve(mention.modifiers);
}

/** How much the sentence says about specificity: the most specific of several mentions of a concept is kept. */
function specificity(modifiers: Modifiers): number {
  return (
    (modifiers.laterality ? 1 : 0) +
    (modifiers.stage ? 1 : 0) +
    (modifiers.acute ? 1 : 0) +
    (modifiers.chronic ? 1 : 0) +
    (modifiers.exacerbation ? 1 : 0)
  );
}

/** Words that put a service in the future or leave it undone ("flu vaccine up to date", "colonoscopy due"). */
const SERVICE_NOT_TODAY = [
  ' due ',
  ' overdue ',
  ' next year ',
  ' next visit ',
  ' schedule ',
  ' scheduled ',
  ' will schedule ',
  ' up to date ',
  ' utd ',
  ' declined ',
  ' declines ',
  ' refused ',
  ' deferred ',
  ' discussed ',
  ' recommended ',
  ' offered ',
  ' reminder ',
];
/** Words that say the service was done at this visit, which outweigh the above ("administered today; next dose due"; a kit "given" for home is not done). */
const SERVICE_TODAY = [' administered ', ' today ', ' performed ', ' done ', ' collected ', ' obtained '];

/** Words that say the service was not done at all ("Flu vaccine not given", "immunization not carried out"). */
const SERVICE_NOT_DONE = [' not given ', ' not carried out ', ' not administered ', ' not done ', ' not performed '];

function decide(
  mention: ConceptMention,
): { status: FindingStatus; rule: string; code?: string } | { excluded: ContextCategory } | undefined {
  const category = mention.context.decisive;
  const { concept } = mention;
  // Not done is no encounter for the service (Z23); Z28.- and Z53.- say why, from the release's titles.
  if (concept.service && SERVICE_NOT_DONE.some((words) => mention.modifiers.text.includes(words)))
    return { excluded: 'negated' };
  if (
    concept.service &&
    (category === undefined || category === 'hypothetical') &&
    SERVICE_NOT_TODAY.some((words) => mention.modifiers.text.includes(words)) &&
    !SERVICE_TODAY.some((words) => mention.modifiers.text.includes(words))
  )
    return { excluded: 'hypothetical' };
  if (category === undefined) return { status: 'current', rule: TEXT_RULES.conceptMatch };
  if (category === 'uncertain' && concept.kind === 'symptom')
    return { status: 'current', rule: TEXT_RULES.conceptMatch };
  if (category === 'historical') {
    const sentence = mention.modifiers.text;
    // "Personal history of" is the classification's own words for Z85-Z87: the provider chose the history, and a
    // plan to continue surveillance ("continue annual mammography") is not treatment of the condition.
    if (
      concept.chronic &&
      !sentence.includes(' personal history ') &&
      CURRENT_TREATMENT.some((words) => sentence.includes(words))
    )
      return { status: 'current', rule: TEXT_RULES.chronicHistoryCurrent };
    if (concept.historyResolve) return { status: 'history', rule: TEXT_RULES.statusPost };
    if (concept.historyCode) return { status: 'history', rule: TEXT_RULES.personalHistory, code: concept.historyCode };
    return { excluded: 'historical' };
  }
  if (category === 'family' && concept.familyCode && !mention.context.categories.has('negated'))
    return { status: 'family', rule: TEXT_RULES.familyHistory, code: concept.familyCode };
  return { excluded: category };
}

const codesOfChoices = (choices: readonly CodeChoice[]) => choices.map((choice) => choice.codes.join('+')).join('|');

/**
 * How a further mention of a finding's concept relates to it by side and site. Two sides stated apart ("Right knee
 * OA", "Left knee OA", or a side and "bilateral") of one site are the bilateral reading (Guidelines I.B.13): its
 * choices are returned. A site whose reading differs from the finding's when both are read with the same side
 * ("Right knee OA" and "Right hip OA", or "Left hip OA") is another diagnosis ('other-site'). Otherwise (the same
 * site, or no side stated at all) undefined: the same diagnosis.
 */
function sameSiteBothSides(
  finding: Finding,
  mention: ConceptMention,
  code: string | undefined,
): CodeChoice[] | 'other-site' | undefined {
  const first = finding.modifiers.laterality;
  const second = mention.modifiers.laterality;
  const { resolve } = mention.concept;
  if (code !== undefined || typeof resolve === 'string') return undefined;
  // A concept coded by side has sites ("knee", "hip"): read with one side, two sentences naming one site give one
  // code. Neither side stated, only a concept whose codes depend on the side is compared ("Type 2 diabetes" and
  // "diabetes with hyperglycemia" stay one diagnosis, the more specific reading kept).
  const side = first ?? second ?? 'right';
  const withSide = (text: string) => codesOfChoices(resolve({ ...finding.modifiers, laterality: side, text }));
  const bySide =
    first !== undefined ||
    second !== undefined ||
    withSide(finding.modifiers.text) !== codesOfChoices(resolve({ ...finding.modifiers, laterality: undefined }));
  if (bySide && withSide(finding.modifiers.text) !== withSide(mention.modifiers.text)) return 'other-site';
  if (!first && !second) return undefined;
  if (!first || !second || first === second) return undefined;
  const both = (modifiers: Modifiers) => resolve({ ...modifiers, laterality: 'bilateral' });
  const bilateral = both(finding.modifiers);
  return codesOfChoices(bilateral) === codesOfChoices(both(mention.modifiers)) ? bilateral : 'other-site';
}

function evidenceOf(mention: ConceptMention, rule: string): Evidence {
  return { kind: 'text', start: mention.start, end: mention.end, quote: mention.quote, rule };
}

function isInside(offset: number, span: { start: number; end: number } | undefined): boolean {
  return span !== undefined && offset >= span.start && offset < span.end;
}

export function textFindings(read: ReadText): TextFindings {
  const excluded: ExcludedMention[] = [];
  const byKey = new Map<string, { finding: Finding; specificity: number }[]>();
  const chiefConcepts = new Set(
    read.concepts.filter((m) => isInside(m.start, read.chiefComplaint) && !m.context.decisive).map((m) => m.concept.id),
  );

  for (const mention of read.concepts) {
    // Section context: everything in the family history is about relatives, the past history is history.
    if (mention.source === 'family-history' && !mention.context.decisive) mention.context.decisive = 'family';
    if (mention.source === 'past-history' && !mention.context.decisive) mention.context.decisive = 'historical';
    const decision = decide(mention);
    if (decision && 'excluded' in decision) {
      excluded.push({ text: mention.quote, start: mention.start, end: mention.end, why: decision.excluded });
      continue;
    }
    if (!decision) continue;
    if (!CODING_SOURCES.has(mention.source)) {
      // A relative's or a past condition outside the assessment is reported as not coded, like any exclusion.
      if (decision.status !== 'current')
        excluded.push({
          text: mention.quote,
          start: mention.start,
          end: mention.end,
          why: decision.status === 'family' ? 'family' : 'historical',
        });
      continue;
    }
    const key = `${mention.concept.id}|${decision.status}`;
    const confidence = BASE_CONFIDENCE[mention.source] - (mention.abbreviation ? 0.02 : 0);
    const evidence = evidenceOf(mention, decision.rule);
    const mentionSpecificity = specificity(mention.modifiers);
    const entries = byKey.get(key) ?? [];
    const merged = entries.find((entry) => {
      const sides = sameSiteBothSides(entry.finding, mention, decision.code);
      if (sides === 'other-site') return false;
      if (entry.finding.evidence.length < 3) entry.finding.evidence.push(evidence);
      if (sides) {
        // Right and left (or one side and both) of one site: the bilateral code, or each side where there is none.
        entry.finding.choices = sides;
        entry.finding.modifiers = { ...entry.finding.modifiers, laterality: 'bilateral' };
      } else if (mentionSpecificity > entry.specificity) {
        entry.finding.choices = choicesOf(mention, decision.code, decision.status);
        entry.finding.modifiers = mention.modifiers;
        entry.specificity = mentionSpecificity;
      }
      entry.finding.confidence = Math.max(entry.finding.confidence, confidence);
      return true;
    });
    if (merged) continue;
    entries.push({
      specificity: mentionSpecificity,
      finding: {
        concept: mention.concept,
        status: decision.status,
        choices: choicesOf(mention, decision.code, decision.status),
        modifiers: mention.modifiers,
        evidence: [evidence],
        position: mention.start,
        confidence,
        inChiefComplaint: decision.status === 'current' && chiefConcepts.has(mention.concept.id),
        secondaryOnly: decision.status !== 'current' || mention.concept.secondaryOnly === true,
      },
    });
    byKey.set(key, entries);
  }
  const findings = [...byKey.values()].flat().map((entry) => entry.finding);
  const deniedInAssessment = new Set(
    read.concepts
      .filter((m) => CODING_SOURCES.has(m.source) && m.context.decisive === 'negated')
      .map((m) => m.concept.id),
  );
  const contradictions = findings
    .filter((finding) => finding.status === 'current' && deniedInAssessment.has(finding.concept.id))
    .map((finding) => finding.evidence[0]?.quote ?? finding.concept.id);
  // A disease whose integral symptom is the chief complaint answers the chief complaint.
  for (const finding of findings)
    if (!finding.inChiefComplaint && finding.status === 'current')
      finding.inChiefComplaint = (finding.concept.integral ?? []).some((id) => chiefConcepts.has(id));
  return { findings, excluded, contradictions };
}
