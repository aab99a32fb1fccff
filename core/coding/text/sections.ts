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

export function roledSections(sections: readonly NoteSection[]): RoledSection[] {
  return sections.map((section) => ({ ...section, role: sectionRole(section.name) }));
}

export function isChiefComplaint(name: string): boolean {
  const upper = name.toUpperCase();
  return upper === 'CHIEF COMPLAINT' || upper === 'CC' || upper === 'REASON FOR VISIT';
}
