/**
 * A problem evaluated beside a preventive visit (CPT: a significant, separately identifiable problem-oriented E/M
 * with modifier 25). Recognised from what the note does with the problem, not from a phrase: an assessed problem
 * that is not the preventive service itself (not the examination, screening, immunization or counselling) and that
 * is managed beyond it at this visit: a prescription started, changed or stopped, a test ordered for it today, or a
 * new diagnosis. A known problem only continued or rechecked later ("recheck lipids in 3 months") is part of the
 * preventive service. "In addition to the preventive visit ..." counts too, but only beside an assessed problem.
 */
import { assessmentSections, type NoteContext, planSections } from './context.ts';
import { type Span, sentencesOf } from './note-text.ts';

/** Assessment items that are the preventive service, not a problem. */
const PREVENTIVE_ITEM =
  /\b(encounter for|general (?:adult )?medical exam\w*|(?:routine|well)[- ](?:child|infant|adult|woman|baby)|health (?:check|exam\w*|maintenance)|annual|physical exam\w*|preventive|wellness|immuniz\w*|vaccin\w*|screening|counsel\w*|anticipatory guidance|body mass index|bmi|z00|z01|z23|age[- ]appropriate)\b/i;
/** Starting, changing or stopping a prescription (continuing or refilling it is part of the preventive visit). */
const CHANGE_VERB =
  /\b(start(?:ed|ing)?|begin|began|initiat(?:e|ed|ing)|prescrib(?:e|ed)|e-?prescribed|increas(?:e|ed|ing)|decreas(?:e|ed|ing)|titrat\w+|adjust(?:ed)?|switch(?:ed)?|chang(?:e|ed) (?:to|from)|discontinu\w+|stop(?:ped)?|add(?:ed)?)\b/i;
const DRUG =
  /\b(\w{3,}(?:cillin|mycin|cycline|xacin|pril|sartan|statin|olol|dipine|formin|gliptin|flozin|tidine|prazole|azole|oxetine|pram|aline|tropin|sone|lone|thiazide|semide|icam|oxacin|profen)|medication|antibiotic|steroid|inhaler|insulin|levothyroxine|metformin|amoxicillin|azithromycin|prednisone|albuterol|fluticasone|montelukast|gabapentin|meloxicam|naproxen|cephalexin|nitrofurantoin|doxycycline|bactrim|tamsulosin|sertraline|escitalopram|bupropion|hydrochlorothiazide|hctz|lisinopril|amlodipine|losartan|glipizide|triamcinolone cream|hydrocortisone cream|mupirocin|ketoconazole|terbinafine)s?\b/i;
/** A test ordered, obtained or sent today for the problem. */
const ORDERED =
  /\b(order(?:ed|ing)?|obtain(?:ed)?|check(?:ed)?|sent|draw(?:n)?|performed|will get|get)\b[^.\n]{0,60}\b(x-?rays?|radiographs?|ultrasound|ct|mri|cbc|cmp|bmp|a1c|tsh|t4|lipid panel|urinalysis|ua|urine culture|culture|biopsy|ekg|ecg|echo\w*|labs?|blood work|panel|level|swab|test(?:ing)?)\b|\b(x-?rays?|radiographs?|ultrasound|ct|mri|biopsy|ekg|ecg|labs?|culture|a1c|tsh|cbc|cmp|bmp|urinalysis)\b[^.\n]{0,40}\b(ordered|obtained|sent|drawn|today|performed)\b/i;
/** Later, not today: a recheck at the next visit is part of following the problem, not managing it now. */
const LATER =
  /\b(recheck|re-?check|in \d+ (?:days|weeks|months|years)|next (?:visit|year|physical)|at (?:the )?next|due)\b/i;
const NEW_DIAGNOSIS = /\b(new(?:ly)?[- ]diagnosed|new diagnosis|new problem|new[- ]onset)\b/i;
const SEPARATE_STATEMENT =
  /\b(separately identifiable|in addition to (?:the |her |his )?(?:preventive|physical|wellness|annual)|also (?:addressed|evaluated|seen for)|problem[- ]oriented)\b/i;
const PLAN_START =
  /^\s*(?:plan|add|start|begin|continue|increase|decrease|stop|discontinue|order|obtain|check|refer|recheck|return|follow|will|prescribe|rx)\b/i;
const ITEM_MARK = /^\s*(?:\d+[.)]|[-*•#])\s*/;

export interface SeparateProblem {
  /** Where the note shows the problem managed (the evidence for the problem E/M and its modifier 25). */
  evidence: Span;
  /** The assessment items that are the preventive service: left out of the problem E/M's MDM. */
  preventiveItems: Span[];
}

interface Item extends Span {
  /** The item with the lines and sentences under it (its own plan, when the assessment and plan are one). */
  body: string;
}

function assessmentItems(context: NoteContext): Item[] {
  const items: Item[] = [];
  for (const section of assessmentSections(context)) {
    const sectionItems: Item[] = [];
    const lines = context.text.slice(section.start, section.end).split('\n');
    const numbered = lines.some((line) => ITEM_MARK.test(line));
    let offset = section.start;
    for (const line of lines) {
      const lineStart = offset;
      offset += line.length + 1;
      if (line.trim() === '') continue;
      const spans = numbered
        ? [{ start: lineStart, end: lineStart + line.length, text: line }]
        : sentencesOf(line).map((s) => ({ ...s, start: lineStart + s.start, end: lineStart + s.end }));
      for (const span of spans) {
        const previous = sectionItems.at(-1);
        const continues = numbered ? !ITEM_MARK.test(span.text) : PLAN_START.test(span.text);
        if (continues && previous) previous.body += ` ${span.text}`;
        else if (!continues || !previous) sectionItems.push({ ...span, body: span.text });
      }
    }
    items.push(...sectionItems);
  }
  return items;
}

/** Content words of a problem ("right knee pain" -> knee), to tie a plan sentence to it. */
function problemWords(text: string): string[] {
  return (
    text
      .replace(ITEM_MARK, '')
      .toLowerCase()
      .match(/[a-z]{4,}/g) ?? []
  ).filter(
    (w) =>
      !/^(with|without|right|left|pain|acute|chronic|stable|mild|moderate|severe|history|unspecified|type|other|likely|possible|today|also)$/.test(
        w,
      ),
  );
}

function managed(text: string): boolean {
  if (NEW_DIAGNOSIS.test(text)) return true;
  for (const sentence of text.split(/(?<=[.;])\s+/)) {
    if (CHANGE_VERB.test(sentence) && DRUG.test(sentence)) return true;
    if (ORDERED.test(sentence) && !LATER.test(sentence)) return true;
  }
  return false;
}

export function findSeparateProblem(context: NoteContext): SeparateProblem | undefined {
  const items = assessmentItems(context);
  const preventiveItems = items.filter((item) => PREVENTIVE_ITEM.test(item.text));
  const problems = items.filter((item) => !PREVENTIVE_ITEM.test(item.text));
  if (problems.length === 0) return undefined;
  const result = (evidence: Span): SeparateProblem => ({ evidence, preventiveItems });
  for (const problem of problems) if (managed(problem.body)) return result(problem);
  // A separate plan section: a prescription change is never part of the preventive service; a test is tied to the
  // problem only when the plan sentence names it.
  const planText = planSections(context).flatMap((section) =>
    sentencesOf(context.text.slice(section.start, section.end)).map((s) => ({
      ...s,
      start: section.start + s.start,
      end: section.start + s.end,
    })),
  );
  for (const sentence of planText) {
    if (CHANGE_VERB.test(sentence.text) && DRUG.test(sentence.text)) return result(sentence);
    if (!ORDERED.test(sentence.text) || LATER.test(sentence.text)) continue;
    const lower = sentence.text.toLowerCase();
    if (problems.some((p) => problemWords(p.text).some((w) => lower.includes(w)))) return result(sentence);
  }
  const statement = context.sentences.find((s) => SEPARATE_STATEMENT.test(s.text));
  return statement ? result(statement) : undefined;
}
