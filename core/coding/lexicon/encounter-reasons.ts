/**
 * Encounter reasons that are listed first whatever else is coded (ICD-10-CM Official Guidelines I.C.21.c.13 and
 * IV.M): guideline logic about three concepts of data/concepts-factors.json, named here by their ids (the lexicon
 * refuses to compile when one is missing from the data).
 */
export const GENERAL_EXAM_CONCEPT = 'general-exam';
export const GYNECOLOGIC_EXAM_CONCEPT = 'gynecologic-exam';
export const PREPROCEDURAL_EXAM_CONCEPT = 'preprocedural-exam';

export const FIRST_LISTED_REASONS: ReadonlySet<string> = new Set([
  GENERAL_EXAM_CONCEPT,
  GYNECOLOGIC_EXAM_CONCEPT,
  PREPROCEDURAL_EXAM_CONCEPT,
]);
