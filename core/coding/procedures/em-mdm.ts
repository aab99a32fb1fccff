/**
 * E/M by medical decision making (CPT 2021+ office visit MDM table): the level met by 2 of 3 elements.
 *
 * Our grid, read from note signals (documented here because a reviewer must be able to check it):
 * - Problems, one per assessed condition (numbered item or sentence of ASSESSMENT / A&P / IMPRESSION; where the coded
 *   diagnoses are located, an item naming two conditions is two problems, and a sentence naming no new condition is
 *   the status of the problem before it; a line under a numbered item is that item's status):
 *   high     = severe exacerbation, threat to life or bodily function, sending to the ED / admitting;
 *   moderate = chronic illness worsening/uncontrolled/not at goal, acute illness with systemic symptoms (fever,
 *              pneumonia, pyelonephritis), acute complicated injury (fracture, dislocation), undiagnosed new
 *              problem with uncertain prognosis (mass, nodule), or two or more stable chronic illnesses;
 *   low      = one stable chronic illness, one acute uncomplicated illness or injury, two or more self-limited;
 *   minimal  = one self-limited or minor problem.
 * - Data: category 1 elements are each unique test ordered or reviewed, each external note reviewed, and an
 *   independent historian; category 2 is independent interpretation of a test reported by another physician;
 *   category 3 is discussion of management with an external physician. limited = 2 category-1 elements or a
 *   historian; moderate = 3 category-1 elements, or category 2, or category 3; extensive = 2 of the 3 categories.
 * - Risk: high = decision about hospitalization / ED transfer, drug therapy needing intensive toxicity monitoring,
 *   DNR or de-escalation; moderate = prescription drug management (start, stop, change, refill, continue with
 *   assessment: a management verb with a drug name or generic-name ending, common words excepted), minor surgery
 *   with risk factors, social determinants limiting care; low = over-the-counter drugs,
 *   minor surgery without risk factors, physical therapy; minimal = rest, fluids, reassurance.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';
import { isChronicCode, isExacerbationCode } from './chronic-conditions.ts';
import { assessmentSections, dataSentences, gatedText, type NoteContext, planSections } from './context.ts';
import { ANY_DRUG } from './drugs.ts';
import { type Span, sentencesOf, textEvidence } from './note-text.ts';

export type MdmLevel = 0 | 1 | 2 | 3;
export const MDM_NAMES = ['straightforward', 'low', 'moderate', 'high'] as const;

export interface MdmResult {
  level: MdmLevel;
  problems: MdmLevel;
  data: MdmLevel;
  risk: MdmLevel;
  problemCount: number;
  /** Whether the note has an assessment to read problems from (without one the level is a weak guess). */
  hasAssessment: boolean;
  /**
   * Set when the level rests on a reading the 2021 table leaves to judgment and another defensible reading gives
   * another level: the levels of that reading and why (the E/M then goes to review rather than auto-coding a guess).
   */
  borderline?: { level: MdmLevel; why: string };
  evidence: Evidence[];
}

const HIGH_PROBLEM =
  /\b(severe exacerbation|threat to (?:life|bodily)|life[- ]threatening|sepsis|septic|acute (?:mi|myocardial infarction|coronary syndrome|abdomen)|stroke|cva|pulmonary embol|suicidal|(?:sent|send|sending|transfer(?:red)?) (?:to|for) (?:the )?(?:er|ed|emergency)|admit(?:ted)? to)\b/i;
const WORSENING =
  /\b(worsening|worsened|exacerbation|exacerbated|exac|uncontrolled|poorly controlled|not (?:well )?controlled|not (?:at|to) goal|above goal|progressi(?:ng|on|ve)|flare|suboptimal(?:ly)? controlled|inadequately controlled|decompensat\w*|acute on chronic|volume (?:up|overload(?:ed)?)|elevated)\b/i;
const SYSTEMIC = /\b(fever|febrile|systemic|pneumonia|pyelonephritis|cellulitis with|dehydrat)/i;
const COMPLICATED_INJURY = /\b(fracture|dislocation|tendon (?:rupture|tear))\b/i;
const UNCERTAIN_NEW = /\b(undiagnosed|uncertain prognosis|(?:breast|neck|abdominal) mass|lump|nodule|new[- ]onset)\b/i;
const CHRONIC =
  /\b(hypertension|htn|diabet\w*|dm2?|t2dm|hyperlipidemia|dyslipidemia|hypercholesterolemia|asthma|copd|hypothyroid\w*|hyperthyroid\w*|chronic kidney|ckd|depression|depressive|anxiety|gerd|reflux|osteoarthritis|arthritis|atrial fibrillation|afib|heart failure|chf|obesity|bph|benign prostatic|coronary artery|cad|osteoporosis|migraine|gout|chronic|insomnia|allergic rhinitis|hypothyroidism|prediabetes|anemia)\b/i;
const SELF_LIMITED =
  /\b(self[- ]limit\w*|minor|common cold|(?:viral |acute )?uri|(?:viral |acute )?upper respiratory (?:tract )?infection|insect bite|resolv(?:ing|ed)|cerumen|skin tags?|warts?|seborrheic keratos[ie]s|benign (?:skin )?lesion|(?:melanocytic )?nev(?:us|i)|moles?)\b/i;

/** Where the coded diagnoses are written (non-Z codes, text evidence): the conditions the assessment names. */
export interface ConditionSpan {
  start: number;
  end: number;
  code: string;
}

/** One assessed problem: its first span (evidence), the text its status is read from, how many conditions it names. */
interface Problem extends Span {
  status: string;
  conditions: number;
  /** The coded diagnoses written in the item (their kind says chronic or exacerbated when the words do not). */
  codes: string[];
}

/** A numbered or bulleted item: "1.", "2)", "#1", "# 2", "Problem 1:", "-", "*". */
const ITEM_MARK = /^\s*(?:#\s?\d+[.):]?|\d+[.)]|problem\s+\d+\s*[:.)-]?|[-*•#])\s*/i;
/** Items and sentences that are plan or follow-up, not a problem ("#2 f/u 3 wks", "RTC 6 mo."). */
const PLAN_ITEM =
  /^\s*(?:#\s?\d+[.):]?|\d+[.)]|[-*•#])?\s*(?:plan|follow[- ]?up|f\/u|return|rtc|recheck|next visit)\b/i;

/**
 * One problem per assessed condition (AMA 2021: problems addressed, not sentences): a numbered item, or a sentence of
 * an unnumbered paragraph. When the coded diagnoses are located in the assessment, an item naming two conditions
 * ("hypertension and hyperlipidemia, both stable") is two problems, and a sentence naming none ("BP at goal.") is the
 * status of the problem before it, not another problem. Plan sentences are neither.
 */
function assessmentProblems(context: NoteContext, conditions: readonly ConditionSpan[]): Problem[] {
  const problems: Problem[] = [];
  for (const section of assessmentSections(context)) {
    const located = conditions.filter((c) => c.start >= section.start && c.end <= section.end);
    const body = context.text.slice(section.start, section.end);
    const lines = body.split('\n');
    const numbered = lines.some((line) => ITEM_MARK.test(line));
    const sectionProblems: Problem[] = [];
    let offset = section.start;
    const counted = new Set<string>();
    const add = (span: Span, isItem: boolean) => {
      if (PLAN_ITEM.test(span.text) || PLAN_LIKE.test(span.text.replace(ITEM_MARK, ''))) return;
      const codes = new Set(
        located.filter((c) => c.start < span.end && span.start < c.end && !counted.has(c.code)).map((c) => c.code),
      );
      for (const code of codes) counted.add(code);
      const previous = sectionProblems.at(-1);
      // A sentence naming no condition not already counted continues the problem before it (its status, findings).
      if (!isItem && codes.size === 0 && located.length > 0 && previous) {
        previous.status += ` ${span.text}`;
        return;
      }
      sectionProblems.push({ ...span, status: span.text, conditions: Math.max(1, codes.size), codes: [...codes] });
    };
    for (const line of lines) {
      const lineStart = offset;
      offset += line.length + 1;
      if (line.trim() === '') continue;
      if (numbered) {
        const previous = sectionProblems.at(-1);
        if (ITEM_MARK.test(line)) add({ start: lineStart, end: lineStart + line.length, text: line }, true);
        // An unnumbered line under an item carries that item's status ("Worsening despite metformin.").
        else if (previous && !PLAN_ITEM.test(line) && !PLAN_LIKE.test(line)) previous.status += ` ${line}`;
        continue;
      }
      for (const s of sentencesOf(line)) add({ ...s, start: lineStart + s.start, end: lineStart + s.end }, false);
    }
    problems.push(...sectionProblems);
  }
  return problems;
}

/** "stable without exacerbation", "no flare": a negated worsening word is not worsening. */
const NEGATED_WORSENING =
  /\b(?:without|no|denies|not)\s+(?:\w+\s+){0,2}?(?:exacerbations?|flares?|worsening|progression)\b/gi;
/** Sentences of an unnumbered assessment that are plan, not problems ("Add LABA to LAMA.", "Vaccine up to date."). */
const PLAN_LIKE =
  /^\s*(?:(?:meds?|medications?|rx|education|labs?|orders?|imaging|referrals?|disposition|instructions|counsel\w*|follow[- ]?up|f\/u)\s*:|add|start|begin|continue|increase|decrease|stop|discontinue|review|follow|return|rtc|check|order|refer|recommend|discuss|counsel|educat\w*|schedule|obtain|repeat|consider|will|plan|monitor|encourage|advise|reassur\w*)\b|\bup to date\b|\bdeclined\b/i;

/** A fever named as what a drug is for ("ibuprofen prn fever/pain", "return if fever") is not a symptom. */
const FEVER_INDICATION =
  /\b(?:prn|for|if|as needed for|antipyretics?(?: for)?)\s+(?:\w+\s*\/\s*)?(?:fever|febrile)\b/gi;

/**
 * How the readings the table leaves to judgment are taken: whether the history's fever with myalgias, chills ...
 * makes an acute illness one with systemic symptoms, and whether a viral URI is self-limited (else an acute
 * uncomplicated illness).
 */
interface ProblemReading {
  systemic: boolean;
  uriSelfLimited: boolean;
}
const URI = /\b(?:uri|upper respiratory (?:tract )?infection)\b/i;

const SAYS_SELF_LIMITED = /self[- ]limit/i;

/**
 * What a problem's words say (its status, negated worsening and fevers named as a drug's indication left out), read
 * once for every reading problemLevel is asked about: the level and each judgment call taken the other way.
 */
interface ProblemWords {
  high: boolean;
  chronic: boolean;
  worsening: boolean;
  /** An acute illness with systemic symptoms, an acute complicated injury or an undiagnosed new problem. */
  moderate: boolean;
  selfLimited: boolean;
  /** A URI not said to be self-limited: self-limited only in the reading that takes a viral URI as one. */
  uriOnly: boolean;
}

function problemWords(problem: Problem): ProblemWords {
  const text = problem.status.replace(NEGATED_WORSENING, ' ').replace(FEVER_INDICATION, ' ');
  return {
    high: HIGH_PROBLEM.test(text),
    chronic: CHRONIC.test(text),
    worsening: WORSENING.test(text),
    moderate: SYSTEMIC.test(text) || COMPLICATED_INJURY.test(text) || UNCERTAIN_NEW.test(text),
    selfLimited: SELF_LIMITED.test(text),
    uriOnly: URI.test(text) && !SAYS_SELF_LIMITED.test(text),
  };
}

function problemLevel(problems: readonly Problem[], words: readonly ProblemWords[], reading: ProblemReading): MdmLevel {
  const systemicHistory = reading.systemic;
  let moderate = 0;
  let chronicStable = 0;
  let acute = 0;
  let selfLimited = 0;
  for (const [p, problem] of problems.entries()) {
    const said = words[p]!;
    if (said.high) return 3;
    // One kind per condition: the code the diagnosis coder located says chronic or exacerbated where the words
    // (an abbreviation, a code title) do not; an item without a located code is read from its words alone.
    const kinds: (string | undefined)[] = problem.codes.length > 0 ? problem.codes : [undefined];
    for (let i = 0; i < Math.max(kinds.length, problem.conditions); i += 1) {
      const code = kinds[i] ?? kinds[0];
      const chronic = said.chronic || (code !== undefined && isChronicCode(code));
      if (chronic && (said.worsening || (code !== undefined && isExacerbationCode(code)))) moderate += 1;
      else if (said.moderate) moderate += 1;
      else if (chronic) chronicStable += 1;
      else if (said.selfLimited && (reading.uriSelfLimited || !said.uriOnly)) selfLimited += 1;
      // An acute illness whose history documents fever with other constitutional symptoms (myalgias, chills) is an
      // acute illness with systemic symptoms (AMA 2021); fever alone in a localized illness stays uncomplicated.
      else if (systemicHistory) moderate += 1;
      else acute += 1;
    }
  }
  if (moderate > 0 || chronicStable >= 2) return 2;
  if (chronicStable >= 1 || acute >= 1 || selfLimited >= 2) return 1;
  return 0;
}

const FEVER =
  /\b(?:fevers?|febrile|pyrexia)\b|\b(?:t|temp|temperature|tmax)\s*:?\s*(?:of |to )?(10[0-9](?:\.\d)?|3[89](?:\.\d)?)\b/gi;
const CONSTITUTIONAL = /\b(?:myalgias?|body aches?|muscle aches?|achiness|chills|rigors|malaise)\b/gi;
const NEGATION_CUE = /\b(?:no|denies|denied|without|negative for|not|afebrile|resolved)\b/gi;
/** A clause after which a negation no longer reaches ("no cough but fever and chills"). */
const NEGATION_END = /\b(?:but|however|although|reports|endorses|positive for|now)\b/i;

function affirmed(sentence: string, pattern: RegExp): boolean {
  // `exec` from lastIndex 0, as `matchAll` on a copy of each pattern would (see dosedPrescription).
  pattern.lastIndex = 0;
  for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
    if (pattern === FEVER && match[1] !== undefined) {
      const degrees = Number(match[1]);
      if (degrees > 45 ? degrees < 100.4 : degrees < 38) continue;
    }
    const before = sentence.slice(0, match.index);
    let negated = false;
    NEGATION_CUE.lastIndex = 0;
    for (let cue = NEGATION_CUE.exec(before); cue !== null; cue = NEGATION_CUE.exec(before))
      negated = !NEGATION_END.test(before.slice(cue.index));
    if (!negated) return true;
  }
  return false;
}

/**
 * Whether the history or exam documents fever together with another constitutional symptom (myalgias, body aches,
 * chills, rigors, malaise): the systemic symptoms of an acute illness (AMA 2021 problem definitions). Read in the
 * chief complaint, the history and the exam, and in text before the first section; never in the assessment, plan
 * or history lists (past conditions), each term outside a negation's reach ("no fever", "denies chills").
 */
function systemicSymptomsDocumented(context: NoteContext): boolean {
  const sections = context.encounter.sections ?? [];
  const outside = sections.filter((s) => !HISTORY_READ.has(s.name));
  const read = context.sentences.filter(
    (s) => !outside.some((section) => s.start >= section.start && s.start < section.end),
  );
  let fever = false;
  let constitutional = false;
  for (const sentence of read) {
    if (!fever && /fever|febrile|pyrexia|\bt(?:emp\w*|max)?\b/i.test(sentence.text))
      fever = affirmed(sentence.text, FEVER);
    if (!constitutional && /ache|algia|chills|rigors|malaise/i.test(sentence.text))
      constitutional = affirmed(sentence.text, CONSTITUTIONAL);
    if (fever && constitutional) return true;
  }
  return false;
}
/** Sections that report the patient's present symptoms and findings. */
const HISTORY_READ = new Set([
  'CHIEF COMPLAINT',
  'CC',
  'SUBJECTIVE',
  'HPI',
  'HISTORY OF PRESENT ILLNESS',
  'INTERVAL HISTORY',
  'PHYSICAL EXAM',
  'PHYSICAL EXAMINATION',
  'PE',
  'EXAM',
  'OBJECTIVE',
  'VITALS',
  'VITAL SIGNS',
  'ROS',
  'REVIEW OF SYSTEMS',
]);

/** Tests whose ordering or review counts as one data element each (named once per note). */
const TESTS: readonly [string, RegExp][] = [
  ['cbc', /\b(cbc|complete blood count)\b/i],
  ['cmp', /\b(cmp|comprehensive metabolic)\b/i],
  ['bmp', /\b(bmp|basic metabolic|electrolytes)\b/i],
  ['lipid', /\b(lipid(?: panel)?|cholesterol|ldl)\b/i],
  ['a1c', /\b(a1c|hba1c|hemoglobin a1c)\b/i],
  ['tsh', /\b(tsh|thyroid (?:panel|function))\b/i],
  ['urine culture', /\burine culture\b/i],
  ['urinalysis', /\b(urinalysis|ua)\b/i],
  ['strep', /\b(rapid strep|strep (?:test|screen)|throat culture)\b/i],
  ['flu test', /\b(rapid flu|influenza (?:test|swab)|flu swab)\b/i],
  ['covid test', /\b(covid(?:-19)? (?:test|pcr|antigen)|sars-cov-2)\b/i],
  ['chest x-ray', /\b(chest x-?ray|cxr)\b/i],
  ['x-ray', /\b(x-?rays?|radiograph)\b(?! of the chest)/i],
  ['ultrasound', /\b(ultrasound|sonogram|us)\b/i],
  ['ct', /\b(ct|cat scan)\b/i],
  ['mri', /\bmri\b/i],
  ['stress test', /\b(stress test|treadmill test|stress echo\w*)\b/i],
  ['echocardiogram', /\b(echocardiogram|echo)\b/i],
  ['psa', /\bpsa\b/i],
  ['vitamin d', /\bvitamin d (?:level|25)/i],
  ['b12', /\b(b12|folate) level/i],
  ['creatinine', /\b(creatinine|egfr|microalbumin|uacr)\b/i],
  ['inr', /\b(inr|pt\/inr)\b/i],
  ['ferritin', /\b(ferritin|iron studies)\b/i],
  ['mono', /\b(monospot|mono test)\b/i],
];
/** Cheap first pass: one pattern for every test name. */
const ANY_TEST = new RegExp(TESTS.map(([, pattern]) => pattern.source).join('|'), 'i');
const DATA_VERB =
  /\b(order(?:ed|ing)?|review(?:ed|ing)?|check(?:ed)?|obtain(?:ed)?|sent|draw(?:n)?|results?|showed|shows|reveal(?:ed|s)|pending|was|were|positive|negative|today)\b/i;
const EXTERNAL_NOTES =
  /\b(outside records|records from|external (?:notes|records)|(?:ed|er|hospital|discharge|specialist|cardiology|consult(?:ant)?) (?:notes?|records|summary) (?:were )?reviewed|reviewed (?:the )?(?:ed|er|hospital|discharge|specialist|consult\w*|outside) (?:notes?|records|summary))\b/i;
/** Someone other than the patient gives the history (a parent for a child, a caregiver, a spouse). */
const HISTORIAN =
  /\b(independent historian|history (?:was )?(?:obtained|provided|given) (?:from|by) (?:the )?(?:patient's )?(?:mother|father|mom|dad|parents?|caregiver|guardian|daughter|son|spouse|wife|husband)|per (?:the )?(?:mother|father|mom|dad|parents?|caregiver|guardian|daughter|son|spouse|wife|husband)|(?:mother|father|mom|dad|parents?|grand(?:mother|father)|caregiver|guardian) (?:reports?|states?|says|notes|describes|relates))\b/i;
const INDEPENDENT_INTERPRETATION =
  /\b(independent(?:ly)? (?:interpret\w*|review\w* (?:of )?the (?:images|films|tracing))|personally (?:reviewed|interpreted) (?:the )?(?:images|films|x-?ray|ct|tracing|ekg|ecg))\b/i;
const EXTERNAL_DISCUSSION =
  /\b(discussed (?:the case |management )?with (?:dr\.?|the (?:patient's )?(?:cardiologist|oncologist|nephrologist|surgeon|specialist|on-call))|spoke (?:with|to) (?:dr\.?|the (?:cardiologist|oncologist|specialist|surgeon)))/i;

/** Each pattern runs only in sentences holding one of its words (text/keyword-gate.ts). */
const ANY_TEST_GATE = keywordGate(ANY_TEST);
const DATA_VERB_GATE = keywordGate(DATA_VERB);
const EXTERNAL_NOTES_GATE = keywordGate(EXTERNAL_NOTES);
const HISTORIAN_GATE = keywordGate(HISTORIAN);
const INTERPRETATION_GATE = keywordGate(INDEPENDENT_INTERPRETATION);
const DISCUSSION_GATE = keywordGate(EXTERNAL_DISCUSSION);

function dataLevel(context: NoteContext, evidence: Evidence[]): MdmLevel {
  const tests = new Set<string>();
  const sentences = dataSentences(context);
  const gated = gatedText(context);
  for (const sentence of sentences) {
    if (!gated.test(ANY_TEST_GATE, sentence) || !gated.test(DATA_VERB_GATE, sentence)) continue;
    for (const [name, pattern] of TESTS) if (pattern.test(sentence.text)) tests.add(name);
  }
  const categoryOneNotes = sentences.filter((s) => gated.test(EXTERNAL_NOTES_GATE, s)).length;
  const historian = sentences.find((s) => gated.test(HISTORIAN_GATE, s));
  const interpretation = sentences.find((s) => gated.test(INTERPRETATION_GATE, s));
  const discussion = sentences.find((s) => gated.test(DISCUSSION_GATE, s));
  for (const span of [historian, interpretation, discussion]) {
    if (span) evidence.push(textEvidence(context.text, span.start, span.end, 'em.mdm.data'));
  }
  const categoryOne = tests.size + Math.min(categoryOneNotes, 2) + (historian ? 1 : 0);
  const categories = (categoryOne >= 3 ? 1 : 0) + (interpretation ? 1 : 0) + (discussion ? 1 : 0);
  if (categories >= 2) return 3;
  if (categories === 1) return 2;
  if (categoryOne >= 2 || historian) return 1;
  return 0;
}

const HIGH_RISK =
  /\b((?:sent|send|sending|transfer(?:red)?|direct(?:ed|ly)?) (?:to|for) (?:the )?(?:er|ed|emergency)|admit(?:ted|ting)? (?:to|for)|hospitali[sz]ation|escalation of care|intensive monitoring for toxicity|dnr|do not resuscitate|de-?escalat\w+|hospice)\b/i;
/** A hospital stay that happened is history, not a decision about hospitalization made at this visit. */
const PAST_HOSPITAL_STAY =
  /\b(?:recent|prior|previous|last|after|since|following|during|from)\s+(?:(?:his|her|their|the)\s+)?hospitali[sz]ation\b/i;
/** Prescription drug management: starting, stopping, changing, refilling or continuing a prescription drug. */
const MANAGEMENT_VERB =
  /\b(?:prescri(?:bed|be|ption)|rx|e-?prescribed|add(?:ed)?|start(?:ed)?|initiat(?:e|ed)|increase[ds]?|decrease[ds]?|titrat\w+|adjust(?:ed)?|switch(?:ed)?|chang(?:e|ed) to|discontinu\w+|d\/c|stop(?:ped)?|hold|held|taper(?:ed|ing)?|refill(?:ed|s)?|continue[ds]?|cont(?:'d)?|re-?start(?:ed)?|resume[ds]?|renew(?:ed)?)(?=\W|$)/gi;
/** Drug names and classes, and the endings of generic names (-pril, -statin, -olol ...). */
const DRUG_WORD =
  /\b(\w+(?:in|ol|il|ide|one|ine|am|an|ate|cin|zole|pril|sartan|statin|mab|xacin|cycline|mycin|dipine|formin|gliptin|flozin|tidine|prazole|pine|done|lone|sone)|amoxicillin|augmentin|azithromycin|z-?pak|keflex|cephalexin|doxycycline|nitrofurantoin|macrobid|bactrim|prednisone|metformin|lisinopril|amlodipine|atorvastatin|levothyroxine|insulin|albuterol|inhaler|fluticasone|montelukast|sertraline|escitalopram|gabapentin|losartan|hydrochlorothiazide|hctz|metoprolol|omeprazole|tamsulosin|ondansetron|zofran|cyclobenzaprine|meloxicam|naproxen 500|oseltamivir|tamiflu|medication|antibiotic|steroid|laba|lama|ics|ssri|snri|statin|ace inhibitor|arb|beta[- ]blocker|diuretic|anticoagula\w+)s?\b/gi;
/**
 * Common words that end like a generic drug name ("continue current plan", "start again", "increase fluid intake to
 * prevent dehydration"): never a prescription. Supplements and vaccines are not prescription drug management either.
 */
const NOT_A_DRUG = new Set(
  (
    'plan plans again begin within until alone phone done none one someone everyone anyone routine medicine baseline ' +
    'line online fine control cholesterol alcohol protocol school stool rate date state moderate appropriate adequate ' +
    'immediate update evaluate separate accurate estimate hydrate educate tolerate exam program team diagram pain skin ' +
    'brain main strain sprain gain vitamin vitamins protein caffeine nicotine saline vaccine vaccines urine spine ' +
    'guide side provide decide outside inside wide aside tone zone bone discipline examine determine decline combine ' +
    'machine outline define detail mail email oil nail fail trail scan clean mean human organ can than began margin ' +
    'origin join train fluids water juice formula milk pedialyte electrolyte'
  ).split(' '),
);

/** Whether a sentence manages a prescription drug: a management verb with a drug named within 60 characters after it. */
export function managesPrescription(text: string): boolean {
  // `exec` from lastIndex 0, as `matchAll` on a copy of each pattern would (see dosedPrescription).
  MANAGEMENT_VERB.lastIndex = 0;
  for (let verb = MANAGEMENT_VERB.exec(text); verb !== null; verb = MANAGEMENT_VERB.exec(text)) {
    const after = text.slice(verb.index + verb[0].length);
    const stop = after.search(/[.\n]/);
    const window = stop === -1 ? after : after.slice(0, stop);
    DRUG_WORD.lastIndex = 0;
    for (let word = DRUG_WORD.exec(window); word !== null; word = DRUG_WORD.exec(window)) {
      if (word.index > 61) break;
      if (!NOT_A_DRUG.has(word[1]!.toLowerCase())) return true;
    }
  }
  return false;
}
const OTC =
  /\b(otc|over[- ]the[- ]counter|acetaminophen|tylenol|paracetamol|ibuprofen|motrin|advil|naproxen|aleve|aspirin|loratadine|claritin|cetirizine|zyrtec|fexofenadine|allegra|diphenhydramine|benadryl|guaifenesin|mucinex|saline|dextromethorphan|antihistamine|debrox|carbamide|hydrocortisone 1 ?%|docusate|miralax|polyethylene glycol|calcium carbonate|tums|lozenges?|artificial tears|petroleum jelly|vaseline|emollients?|moisturi[sz]ers?|multivitamin|vitamin [a-z]\d*|fish oil|melatonin|probiotics?|honey)\b/i;
/**
 * A drug written with its strength or dose and a schedule or course is a prescription, whatever the form:
 * "amoxicillin 500 mg TID x10d", "amoxicillin 90 mg/kg/day divided bid", "triamcinolone 0.1% ointment bid",
 * "polymyxin B/trimethoprim ophthalmic drops 1 gtt each eye qid x 7 days", "fluticasone 2 sprays each nostril daily".
 * The drug is named before the dose in the same clause; an over-the-counter drug there is low risk (OTC), not this.
 */
const DOSE =
  /\b\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)?\s*(?:mg|mcg|g|units?|meq|iu|ml)(?:\/(?:kg|day|dose|ml|hr?))*(?![\w/])|\b\d+(?:\.\d+)?\s*%\s*(?:topical\s+|ophthalmic\s+|otic\s+)?(?:ointment|cream|gel|solution|lotion|drops|shampoo|foam|suspension|spray)\b|\b\d+(?:-\d+)?\s*(?:gtts?|drops?|sprays?|puffs?|tabs?|tablets?|caps?|capsules?|patch(?:es)?)\b/gi;
const SCHEDULE =
  /\b(?:daily|once|twice|bid|tid|qid|qd|qam|qpm|q\s?\d+(?:-\d+)?\s?h(?:rs?)?|every|nightly|qhs|weekly|as needed|prn|at bedtime|sublingual(?:ly)?|divided|(?:for|x)\s?\d+(?:\s?-\s?\d+)?\s?(?:d|days?|wks?|weeks?|mo(?:nths?)?)|then)\b/i;
/** Where a drug named before a dose begins: the start of its clause. */
const CLAUSE_START = /[;:\n]|,\s|\.\s|\band\b/gi;

/** Every dose (DOSE) starts with a digit: a sentence without one writes none, as most of a plan's sentences. */
const DIGIT = /\d/;

/**
 * Whether a clause writes a prescription drug with its dose and a schedule (see DOSE). The global patterns are
 * walked with `exec` from lastIndex 0 (what `matchAll` does on a copy of the pattern, without making the copy).
 */
export function dosedPrescription(text: string): boolean {
  if (!DIGIT.test(text)) return false;
  DOSE.lastIndex = 0;
  for (let dose = DOSE.exec(text); dose !== null; dose = DOSE.exec(text)) {
    const after = text.slice(dose.index + dose[0].length, dose.index + dose[0].length + 50);
    const stop = after.search(/[;\n]|\.\s/);
    if (!SCHEDULE.test(stop === -1 ? after : after.slice(0, stop))) continue;
    const before = text.slice(Math.max(0, dose.index - 80), dose.index);
    let start = 0;
    CLAUSE_START.lastIndex = 0;
    for (let boundary = CLAUSE_START.exec(before); boundary !== null; boundary = CLAUSE_START.exec(before))
      start = boundary.index + boundary[0].length;
    const named = before.slice(start);
    // A drug name: a word of four letters or more that is not a common word ("walk 30 min daily" has no dose unit).
    const words = named.match(/[a-z][a-z-]{3,}/gi) ?? [];
    if (words.length === 0 || OTC.test(named)) continue;
    if (words.some((w) => !NOT_A_DRUG.has(w.toLowerCase()))) return true;
  }
  return false;
}
/**
 * A prescription sent to the pharmacy ("Rx sent to pharmacy", "e-scribed", "90 day supply sent"). The day supply is
 * apart, after a digit check: a pattern that may start with any digit gets no keyword gate.
 */
const PRESCRIPTION_SENT =
  /\b(?:rx (?:sent|e-?prescribed|called in)|sent to (?:the )?pharmacy|e-?scribed|called in to (?:the )?pharmacy)\b/i;
const DAY_SUPPLY = /\b\d+[- ]day supply\b/i;
const ADMINISTERED = /\b(im|intramuscular(?:ly)?|injection|injected|given|administered)\b/i;
const MINOR_SURGERY =
  /\b(incision and drainage|i&d|excision|removal|removed|cryotherapy|destruction|repair|biopsy|injection of the|joint injection)\b/i;
const SDOH = /\b(cannot afford|unable to afford|lack of transportation|homeless|food insecurity|uninsured and)\b/i;

const IF_SYMPTOMS = /\b(if|as needed for) (?:symptoms|fever)/i;
const PHYSICAL_THERAPY = /\bphysical therapy\b/i;
const HIGH_RISK_GATE = keywordGate(HIGH_RISK);
/** Where a management verb may be (the gate of a copy without `g`: only its words are asked for, mayMatch). */
const MANAGEMENT_VERB_GATE = keywordGate(new RegExp(MANAGEMENT_VERB.source, 'i'));
const ANY_DRUG_GATE = keywordGate(ANY_DRUG);
const OTC_GATE = keywordGate(OTC);
const MINOR_SURGERY_GATE = keywordGate(MINOR_SURGERY);
const SDOH_GATE = keywordGate(SDOH);
const IF_SYMPTOMS_GATE = keywordGate(IF_SYMPTOMS);
const PHYSICAL_THERAPY_GATE = keywordGate(PHYSICAL_THERAPY);
const PRESCRIPTION_SENT_GATE = keywordGate(PRESCRIPTION_SENT);

function riskLevel(context: NoteContext, evidence: Evidence[]): MdmLevel {
  const gated = gatedText(context);
  // Management is written in the plan and, item by item, in the assessment ("2. Hypertension, uncontrolled. Increase
  // lisinopril."): both are read when the note has a plan; a section that is both is read once.
  const plan = planSections(context);
  const planText = plan.length > 0 ? [...new Set([...assessmentSections(context), ...plan])] : plan;
  const scope: Span[] =
    planText.length > 0
      ? planText.flatMap((section) =>
          sentencesOf(context.text.slice(section.start, section.end)).map((s) => ({
            ...s,
            start: section.start + s.start,
            end: section.start + s.end,
          })),
        )
      : context.sentences;
  const high = scope.find(
    (s) => gated.test(HIGH_RISK_GATE, s) && !/\bif\b|\bprecautions\b/i.test(s.text) && !PAST_HOSPITAL_STAY.test(s.text),
  );
  if (high) {
    evidence.push(textEvidence(context.text, high.start, high.end, 'em.mdm.risk'));
    return 3;
  }
  const prescription = scope.find((s) => {
    if (gated.test(IF_SYMPTOMS_GATE, s)) return false;
    if (gated.mayMatch(MANAGEMENT_VERB_GATE, s.start, s.end) && managesPrescription(s.text)) return true;
    // A prescription drug given in the office (ceftriaxone IM) is managed at the visit.
    if (gated.test(ANY_DRUG_GATE, s) && ADMINISTERED.test(s.text)) return true;
    if (gated.test(PRESCRIPTION_SENT_GATE, s) || (DIGIT.test(s.text) && DAY_SUPPLY.test(s.text))) return true;
    return dosedPrescription(s.text);
  });
  const sdoh = context.sentences.find((s) => gated.test(SDOH_GATE, s));
  const moderate = prescription ?? sdoh;
  if (moderate) {
    evidence.push(textEvidence(context.text, moderate.start, moderate.end, 'em.mdm.risk'));
    return 2;
  }
  const low = scope.find(
    (s) => gated.test(OTC_GATE, s) || gated.test(MINOR_SURGERY_GATE, s) || gated.test(PHYSICAL_THERAPY_GATE, s),
  );
  if (low) {
    evidence.push(textEvidence(context.text, low.start, low.end, 'em.mdm.risk'));
    return 1;
  }
  return 0;
}

/**
 * MDM from the note; `fallbackProblemCount` (coded diagnoses) stands in when the note has no assessment. Assessment
 * items overlapping `excluded` spans are left out: the problem a minor procedure treats belongs to the procedure,
 * and the E/M beside it (modifier 25) is levelled on the other problems.
 */
export function medicalDecisionMaking(
  context: NoteContext,
  fallbackProblemCount: number,
  excluded: readonly { start: number; end: number }[] = [],
  conditions: readonly ConditionSpan[] = [],
): MdmResult {
  const evidence: Evidence[] = [];
  const all = assessmentProblems(context, conditions);
  const kept = all.filter((item) => !excluded.some((span) => span.start < item.end && item.start < span.end));
  // Excluding everything would level the visit on nothing: then the procedure problem is all there is.
  const items = kept.length > 0 ? kept : all;
  const hasAssessment = items.length > 0;
  const reading: ProblemReading = {
    systemic: hasAssessment && systemicSymptomsDocumented(context),
    uriSelfLimited: true,
  };
  const words = items.map(problemWords);
  const problems: MdmLevel = hasAssessment
    ? problemLevel(items, words, reading)
    : fallbackProblemCount >= 2
      ? 2
      : fallbackProblemCount === 1
        ? 1
        : 0;
  for (const item of items.slice(0, 4))
    evidence.push(textEvidence(context.text, item.start, item.end, 'em.mdm.problems'));
  const data = dataLevel(context, evidence);
  const risk = riskLevel(context, evidence);
  // 2 of 3: the middle value of the three element levels.
  const middle = (p: MdmLevel) => [p, data, risk].sort((a, b) => b - a)[1] as MdmLevel;
  const level = middle(problems);
  const problemCount = items.reduce((sum, item) => sum + item.conditions, 0);
  const result: MdmResult = { level, problems, data, risk, problemCount, hasAssessment, evidence };
  if (hasAssessment) {
    // The judgment calls, each taken the other way: fever with myalgias or chills as no systemic symptom of an
    // acute illness (AMA: systemic symptoms of a minor illness treated to alleviate them are not), a viral URI as an
    // acute uncomplicated illness rather than self-limited. (A fever alone in a localized infection is read as
    // uncomplicated without doubt.)
    const alternatives: [ProblemReading, string][] = [
      [
        { ...reading, systemic: false },
        'fever with constitutional symptoms read as systemic symptoms of an acute illness',
      ],
      [{ ...reading, uriSelfLimited: false }, 'a viral URI read as self-limited'],
    ];
    for (const [alternative, why] of alternatives) {
      const other = middle(problemLevel(items, words, alternative));
      if (other !== level) {
        result.borderline = { level: other, why };
        break;
      }
    }
  }
  return result;
}

const NEW_BY_MDM = ['99202', '99203', '99204', '99205'] as const;
const ESTABLISHED_BY_MDM = ['99212', '99213', '99214', '99215'] as const;

export function levelFromMdm(level: MdmLevel, newPatient: boolean): string {
  return (newPatient ? NEW_BY_MDM : ESTABLISHED_BY_MDM)[level];
}
