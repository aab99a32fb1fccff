/**
 * Age and sex conflicts as data: code ranges that only fit a patient of one sex or an age range, after the CMS
 * Medicare Code Editor's maternity, newborn and sex edits. Ranges compare undotted code prefixes, so `O00`..`O9A`
 * covers every maternity code. The scrubber reads these through `CodeSets.icd10cm.demographics`.
 */

export interface DemographicEdit {
  /** First and last code prefix of the range (inclusive), undotted. */
  from: string;
  to: string;
  sex?: 'female' | 'male';
  /** Patient age in completed years at the date of service. */
  minAge?: number;
  maxAge?: number;
  reason: string;
}

export const DEMOGRAPHIC_EDITS: readonly DemographicEdit[] = [
  { from: 'O00', to: 'O9A', sex: 'female', minAge: 9, maxAge: 64, reason: 'maternity code (chapter 15)' },
  { from: 'Z33', to: 'Z37', sex: 'female', reason: 'pregnancy state and outcome of delivery' },
  { from: 'Z3A', to: 'Z3A', sex: 'female', reason: 'weeks of gestation' },
  { from: 'P00', to: 'P96', maxAge: 0, reason: 'perinatal condition (chapter 16), newborn record only' },
  { from: 'Z38', to: 'Z38', maxAge: 0, reason: 'liveborn infant, newborn record only' },
  { from: 'C51', to: 'C58', sex: 'female', reason: 'malignant neoplasm of female genital organs' },
  { from: 'D06', to: 'D06', sex: 'female', reason: 'carcinoma in situ of cervix uteri' },
  { from: 'D25', to: 'D28', sex: 'female', reason: 'benign neoplasm of female genital organs' },
  { from: 'D39', to: 'D39', sex: 'female', reason: 'neoplasm of uncertain behavior of female genital organs' },
  { from: 'E28', to: 'E28', sex: 'female', reason: 'ovarian dysfunction' },
  { from: 'N70', to: 'N98', sex: 'female', reason: 'diseases of female pelvic organs and genital tract' },
  { from: 'Q50', to: 'Q52', sex: 'female', reason: 'congenital malformations of female genital organs' },
  { from: 'R87', to: 'R87', sex: 'female', reason: 'abnormal findings in specimens from female genital organs' },
  { from: 'Z124', to: 'Z124', sex: 'female', reason: 'screening for malignant neoplasm of cervix' },
  { from: 'C60', to: 'C63', sex: 'male', reason: 'malignant neoplasm of male genital organs' },
  { from: 'D29', to: 'D29', sex: 'male', reason: 'benign neoplasm of male genital organs' },
  { from: 'D40', to: 'D40', sex: 'male', reason: 'neoplasm of uncertain behavior of male genital organs' },
  { from: 'E29', to: 'E29', sex: 'male', reason: 'testicular dysfunction' },
  { from: 'N40', to: 'N53', sex: 'male', reason: 'diseases of male genital organs' },
  { from: 'Q53', to: 'Q55', sex: 'male', reason: 'congenital malformations of male genital organs' },
  { from: 'R86', to: 'R86', sex: 'male', reason: 'abnormal findings in specimens from male genital organs' },
  { from: 'Z125', to: 'Z125', sex: 'male', reason: 'screening for malignant neoplasm of prostate' },
];

/** The edits whose range contains the (undotted) code. */
export function demographicEditsFor(code: string): DemographicEdit[] {
  return DEMOGRAPHIC_EDITS.filter(
    (edit) => code.slice(0, edit.from.length) >= edit.from && code.slice(0, edit.to.length) <= edit.to,
  );
}
