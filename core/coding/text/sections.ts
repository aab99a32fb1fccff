/**
 * What each note section may do for diagnosis coding. The assessment (and its synonyms) states the diagnoses; the
 * history, review of systems and exam support them (specificity, episode of care) but never code on their own;
 * past medical history is history, family history is about relatives; medications support Z79 codes. Review of
 * systems, exam, vitals and results (`findings`) neither code nor support a code here, so they are not read at all.
 */
import type { NoteSection } from '#core/documents/encounter';
import {
  ASSESSMENT_SECTION_NAMES,
  INFERRED_LIST_SECTION,
  INFERRED_PROBLEMS_SECTION,
} from '#core/documents/note/note-vocabulary';

export type SectionRole =
  | 'assessment'
  | 'supporting'
  | 'findings'
  | 'past-history'
  | 'family-history'
  | 'medications'
  | 'other';

const ROLES: Record<string, SectionRole> = {
  ...Object.fromEntries([...ASSESSMENT_SECTION_NAMES].map((name) => [name, 'assessment' as const])),
  // Found by content when no heading names the assessment (core/documents/note/inferred-sections.ts).
  [INFERRED_PROBLEMS_SECTION]: 'assessment',
  [INFERRED_LIST_SECTION]: 'assessment',
  // A chart's standing problem list is not what this visit addressed.
  'PROBLEM LIST': 'other',
  'ADMITTING DIAGNOSIS': 'supporting',
  'ADMITTING DIAGNOSES': 'supporting',
  'PREOPERATIVE DIAGNOSIS': 'supporting',
  'PREOPERATIVE DIAGNOSES': 'supporting',
  'REASON FOR VISIT': 'supporting',
  HISTORY: 'supporting',
  'BRIEF HISTORY': 'supporting',
  FINDINGS: 'findings',
  'OPERATIVE FINDINGS': 'findings',
  INDICATIONS: 'supporting',
  INDICATION: 'supporting',
  'INDICATIONS FOR PROCEDURE': 'supporting',
  'INDICATIONS FOR OPERATION': 'supporting',
  'INDICATION FOR PROCEDURE': 'supporting',
  'INTRAOPERATIVE FINDINGS': 'findings',
  'LABORATORY DATA': 'findings',
  'CHIEF COMPLAINT': 'supporting',
  CC: 'supporting',
  HPI: 'supporting',
  'HISTORY OF PRESENT ILLNESS': 'supporting',
  SUBJECTIVE: 'supporting',
  ROS: 'findings',
  'REVIEW OF SYSTEMS': 'findings',
  PE: 'findings',
  'PHYSICAL EXAM': 'findings',
  'PHYSICAL EXAMINATION': 'findings',
  OBJECTIVE: 'findings',
  RESULTS: 'findings',
  VITALS: 'findings',
  'VITAL SIGNS': 'findings',
  PLAN: 'supporting',
  PROCEDURE: 'findings',
  PROCEDURES: 'findings',
  PMH: 'past-history',
  'PAST MEDICAL HISTORY': 'past-history',
  'PAST SURGICAL HISTORY': 'past-history',
  'FAMILY HISTORY': 'family-history',
  MEDICATIONS: 'medications',
  'SOCIAL HISTORY': 'other',
  ALLERGIES: 'other',
};
const ROLE_OF = new Map(Object.entries(ROLES));

/** Roles by heading as written (headings repeat from note to note): at most ROLE_MEMO_LIMIT, then emptied. */
const ROLE_MEMO_LIMIT = 2_000;
const roleMemo = new Map<string, SectionRole>();

export function sectionRole(name: string): SectionRole {
  let role = roleMemo.get(name);
  if (role === undefined) {
    if (roleMemo.size >= ROLE_MEMO_LIMIT) roleMemo.clear();
    role = ROLE_OF.get(name.toUpperCase().replace(/\s+/g, ' ').trim()) ?? 'other';
    roleMemo.set(name, role);
  }
  return role;
}

export interface RoledSection extends NoteSection {
  role: SectionRole;
}

/**
 * "POSTOPERATIVE DIAGNOSIS: Same." ("Same as above", "Same as preoperative diagnosis"): the surgeon confirms the
 * preoperative diagnosis, so that section states the diagnosis established and the word "Same" is no statement.
 */
const SAME_AS_PREOPERATIVE =
  /^[\s,.:;-]*(?:the\s+)?same(?:\s+as\s+(?:the\s+)?(?:above|before|preop(?:erative)?|pre-op(?:erative)?)(?:\s+diagnos[ei]s)?)?[\s,.;]*$/i;
const POSTOPERATIVE = /^POSTOPERATIVE DIAGNOS[EI]S$/;
const PREOPERATIVE = /^PREOPERATIVE DIAGNOS[EI]S$/;

/**
 * Sections whose role the note's own words change: a postoperative diagnosis of only "Same" hands the assessment role
 * to the preoperative diagnosis. Undefined (nothing to allocate) for the usual note without both.
 */
export function roleOverrides(
  sections: readonly NoteSection[],
  text: string,
): ReadonlyMap<NoteSection, SectionRole> | undefined {
  const post = sections.find((s) => POSTOPERATIVE.test(s.name));
  if (!post) return undefined;
  const pre = sections.find((s) => PREOPERATIVE.test(s.name));
  // Bounded: only a short body can be "Same"; the test runs on at most 60 characters.
  if (!pre || post.end - post.start > 60 || !SAME_AS_PREOPERATIVE.test(text.slice(post.start, post.end))) {
    return undefined;
  }
  return new Map<NoteSection, SectionRole>([
    [post, 'other'],
    [pre, 'assessment'],
  ]);
}

/** Each section with its role; given the note's text, roleOverrides applies. */
export function roledSections(sections: readonly NoteSection[], text?: string): RoledSection[] {
  const overrides = text === undefined ? undefined : roleOverrides(sections, text);
  return sections.map((section) => ({ ...section, role: overrides?.get(section) ?? sectionRole(section.name) }));
}

export function isChiefComplaint(name: string): boolean {
  const upper = name.toUpperCase();
  return upper === 'CHIEF COMPLAINT' || upper === 'CC' || upper === 'REASON FOR VISIT';
}
