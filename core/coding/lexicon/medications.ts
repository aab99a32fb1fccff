/**
 * Medications that lead to long-term drug therapy codes (Z79) when the condition they treat is coded: insulin
 * (Z79.4), oral hypoglycemics (Z79.84), injectable non-insulin antidiabetics (Z79.85, FY2022), anticoagulants
 * (Z79.01). Guideline I.C.4.a.3: with type 2 diabetes on insulin and an oral drug, both Z79.4 and Z79.84; with type 1,
 * insulin use is implied and Z79.4 is not coded.
 */

export type MedicationClass = 'insulin' | 'oral-hypoglycemic' | 'injectable-antidiabetic' | 'anticoagulant';

export const MEDICATION_CODES: Record<MedicationClass, string> = {
  insulin: 'Z79.4',
  'oral-hypoglycemic': 'Z79.84',
  'injectable-antidiabetic': 'Z79.85',
  anticoagulant: 'Z79.01',
};

export const MEDICATION_PHRASES: Record<MedicationClass, readonly string[]> = {
  insulin: [
    'insulin',
    'insulin glargine',
    'glargine',
    'lantus',
    'basaglar',
    'toujeo',
    'levemir',
    'detemir',
    'tresiba',
    'degludec',
    'humalog',
    'lispro',
    'novolog',
    'aspart',
    'humulin',
    'novolin',
    'nph',
  ],
  'oral-hypoglycemic': [
    'metformin',
    'glucophage',
    'glipizide',
    'glyburide',
    'glimepiride',
    'pioglitazone',
    'sitagliptin',
    'januvia',
    'janumet',
    'linagliptin',
    'tradjenta',
    'empagliflozin',
    'jardiance',
    'dapagliflozin',
    'farxiga',
    'canagliflozin',
    'invokana',
    'rybelsus',
    'oral semaglutide',
    'oral hypoglycemic',
    'oral hypoglycemics',
    'oral antidiabetic',
  ],
  'injectable-antidiabetic': [
    'semaglutide',
    'ozempic',
    'dulaglutide',
    'trulicity',
    'liraglutide',
    'victoza',
    'tirzepatide',
    'mounjaro',
    'exenatide',
    'byetta',
    'bydureon',
  ],
  anticoagulant: [
    'warfarin',
    'coumadin',
    'apixaban',
    'eliquis',
    'rivaroxaban',
    'xarelto',
    'dabigatran',
    'pradaxa',
    'edoxaban',
    'savaysa',
    'anticoagulation',
    'anticoagulant',
    'anticoagulated',
  ],
};
