/**
 * Factors influencing health status (Z codes): reasons for the encounter (preventive exams, screening,
 * vaccination), personal history, long-term drug therapy. The general exam code is chosen by age and findings in
 * diagnoses/combinations.ts; the long-term drug therapy codes come from lexicon/medications.ts.
 */
import type { ConceptDefinition } from './concept.ts';

export const GENERAL_EXAM_CONCEPT = 'general-exam';
export const GYNECOLOGIC_EXAM_CONCEPT = 'gynecologic-exam';
export const PREPROCEDURAL_EXAM_CONCEPT = 'preprocedural-exam';

/** Encounter reasons that are listed first whatever else is coded (guidelines I.C.21.c.13 and IV.M). */
export const FIRST_LISTED_REASONS: ReadonlySet<string> = new Set([
  GENERAL_EXAM_CONCEPT,
  GYNECOLOGIC_EXAM_CONCEPT,
  PREPROCEDURAL_EXAM_CONCEPT,
]);

export const FACTOR_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: GENERAL_EXAM_CONCEPT,
    kind: 'factor',
    phrases: [
      'annual physical',
      'annual physical exam',
      'annual exam',
      'annual wellness exam',
      'annual wellness visit',
      'wellness exam',
      'wellness visit',
      'well visit',
      'routine physical',
      'routine physical exam',
      'routine physical examination',
      'general medical exam',
      'general medical examination',
      'general adult medical examination',
      'routine health maintenance exam',
      'health maintenance exam',
      'complete physical exam',
      'preventive visit',
      'preventive exam',
      'well child check',
      'well child exam',
      'well child visit',
      'routine child health exam',
      'well adult exam',
      'well adolescent',
      'well adolescent visit',
      'well adolescent exam',
      'annual well visit',
      'annual preventive visit',
    ],
    resolve: 'Z00.00',
  },
  {
    id: GYNECOLOGIC_EXAM_CONCEPT,
    kind: 'factor',
    phrases: [
      'well woman exam',
      'well woman visit',
      'annual gynecological exam',
      'annual gynecologic exam',
      'gynecological exam',
      'gynecologic exam',
      'routine gynecological examination',
      'annual gyn exam',
    ],
    // Z01.419 without abnormal findings; Z01.411 with (chosen in diagnoses/combinations.ts).
    resolve: 'Z01.419',
  },
  {
    id: PREPROCEDURAL_EXAM_CONCEPT,
    kind: 'factor',
    phrases: [
      'preoperative exam',
      'preoperative examination',
      'preoperative evaluation',
      'pre operative evaluation',
      'preop exam',
      'preop evaluation',
      'preoperative clearance',
      'surgical clearance',
      'preprocedural examination',
    ],
    // Z01.818: the reason for the surgery and the findings follow it (guideline IV.M).
    resolve: 'Z01.818',
  },
  {
    id: 'vaccination',
    kind: 'factor',
    phrases: [
      'vaccination',
      'immunization',
      'immunizations',
      'flu shot',
      'flu vaccine',
      'influenza vaccine',
      'influenza vaccination',
      'flu vaccination',
      'tdap vaccine',
      'tdap booster',
      'pneumococcal vaccine',
      'shingles vaccine',
      'zoster vaccine',
      'covid vaccine',
      'vaccine administration',
      'vaccines',
      'vaccine',
    ],
    resolve: 'Z23',
  },
  {
    id: 'screening-mammogram',
    kind: 'factor',
    phrases: [
      'screening mammogram',
      'screening mammography',
      'mammogram screening',
      'breast cancer screening',
      'screening for breast cancer',
    ],
    resolve: 'Z12.31',
  },
  {
    id: 'screening-colon',
    kind: 'factor',
    phrases: [
      'colon cancer screening',
      'colorectal cancer screening',
      'screening colonoscopy',
      'screening for colon cancer',
      'screening for colorectal cancer',
    ],
    resolve: 'Z12.11',
  },
  {
    id: 'screening-cervix',
    kind: 'factor',
    phrases: [
      'cervical cancer screening',
      'screening pap smear',
      'screening for cervical cancer',
      'pap smear screening',
    ],
    resolve: 'Z12.4',
  },
  {
    id: 'screening-prostate',
    kind: 'factor',
    phrases: ['prostate cancer screening', 'psa screening', 'screening for prostate cancer', 'screening psa'],
    resolve: 'Z12.5',
  },
  {
    id: 'screening-diabetes',
    kind: 'factor',
    phrases: ['diabetes screening', 'screening for diabetes', 'screening for diabetes mellitus'],
    resolve: 'Z13.1',
  },
  {
    id: 'screening-lipids',
    kind: 'factor',
    phrases: [
      'lipid screening',
      'cholesterol screening',
      'screening for hyperlipidemia',
      'screening lipid panel',
      'screening for lipid disorders',
    ],
    resolve: 'Z13.220',
  },
  {
    id: 'screening-hiv',
    kind: 'factor',
    phrases: ['hiv screening', 'screening for hiv'],
    resolve: 'Z11.4',
  },
  {
    id: 'screening-hepatitis-c',
    kind: 'factor',
    phrases: ['hepatitis c screening', 'screening for hepatitis c', 'hcv screening'],
    resolve: 'Z11.59',
  },
  {
    id: 'contraception-counseling',
    kind: 'factor',
    phrases: [
      'contraception counseling',
      'contraceptive counseling',
      'birth control counseling',
      'counseling on contraception',
    ],
    resolve: 'Z30.09',
  },
  {
    id: 'screening-std',
    kind: 'factor',
    phrases: ['std screening', 'sti screening', 'screening for sexually transmitted infections', 'screening for std'],
    resolve: 'Z11.3',
  },
  {
    id: 'dietary-counseling',
    kind: 'factor',
    phrases: ['dietary counseling', 'nutrition counseling', 'diet counseling'],
    resolve: 'Z71.3',
    secondaryOnly: true,
  },
  {
    id: 'penicillin-allergy',
    kind: 'factor',
    phrases: ['penicillin allergy', 'allergic to penicillin', 'pcn allergy', 'allergy to penicillin'],
    resolve: 'Z88.0',
    secondaryOnly: true,
  },
  {
    id: 'history-colon-polyps',
    kind: 'factor',
    phrases: ['history of colon polyps', 'history of colonic polyps', 'personal history of colon polyps'],
    // Z86.010 was split on 2023-10-01 (FY2024); Z86.0100 is the history of colon polyps, unspecified.
    resolve: () => [{ codes: ['Z86.0100'] }, { codes: ['Z86.010'] }],
    secondaryOnly: true,
  },
];
