/**
 * Injectable drugs billed by HCPCS Level II code, with the billing unit the code description sets ("per 250 mg",
 * "up to 50 mg"): units = documented dose / billing unit, rounded up (CMS: a partial unit is billed as a whole one).
 */

/** `dose`: the code is billed per injection ("per dose"), whatever amount the product holds. */
export type DoseUnit = 'mg' | 'units' | 'dose';

export interface DrugCode {
  code: string;
  /** Amount one billing unit covers, in `unit`. */
  per: number;
  unit: DoseUnit;
}

export interface InjectableDrug {
  id: string;
  /** Generic and brand names as written in notes. */
  names: RegExp;
  /** Codes and billing units; more than one when the drug has strength-specific codes (methylprednisolone). */
  codes: readonly DrugCode[];
  /** Typical single dose in `unit`, used to read "1 mL" of a known strength when no dose is written. */
  route: 'injection' | 'inhalation';
}

/**
 * Hyaluronan (viscosupplement) products for intra-articular injection, each with its own HCPCS code and billing unit
 * (CMS HCPCS 2019 annual file, J7318-J7329): most per dose, some per 1 mg or 0.1 mg of hyaluronan. Billed beside the
 * joint injection (20610/20611), never with 96372.
 */
const VISCOSUPPLEMENTS: readonly InjectableDrug[] = (
  [
    { id: 'hyaluronan-durolane', names: /\bdurolane\b/i, codes: [{ code: 'J7318', per: 1, unit: 'mg' }] },
    { id: 'hyaluronan-genvisc', names: /\bgenvisc(?: 850)?\b/i, codes: [{ code: 'J7320', per: 1, unit: 'mg' }] },
    {
      id: 'hyaluronan-hyalgan',
      names: /\b(hyalgan|supartz(?: fx)?|visco-?3)\b/i,
      codes: [{ code: 'J7321', per: 1, unit: 'dose' }],
    },
    { id: 'hyaluronan-hymovis', names: /\bhymovis\b/i, codes: [{ code: 'J7322', per: 1, unit: 'mg' }] },
    { id: 'hyaluronan-euflexxa', names: /\beuflexxa\b/i, codes: [{ code: 'J7323', per: 1, unit: 'dose' }] },
    { id: 'hyaluronan-orthovisc', names: /\borthovisc\b/i, codes: [{ code: 'J7324', per: 1, unit: 'dose' }] },
    { id: 'hyaluronan-synvisc', names: /\bsynvisc(?:[- ]one)?\b/i, codes: [{ code: 'J7325', per: 1, unit: 'mg' }] },
    { id: 'hyaluronan-gel-one', names: /\bgel-?one\b/i, codes: [{ code: 'J7326', per: 1, unit: 'dose' }] },
    { id: 'hyaluronan-monovisc', names: /\bmonovisc\b/i, codes: [{ code: 'J7327', per: 1, unit: 'dose' }] },
    { id: 'hyaluronan-gelsyn', names: /\bgelsyn(?:-?3)?\b/i, codes: [{ code: 'J7328', per: 0.1, unit: 'mg' }] },
    { id: 'hyaluronan-trivisc', names: /\btrivisc\b/i, codes: [{ code: 'J7329', per: 1, unit: 'mg' }] },
  ] satisfies Omit<InjectableDrug, 'route'>[]
).map((drug) => ({ ...drug, route: 'injection' as const }));

export const INJECTABLE_DRUGS: readonly InjectableDrug[] = [
  ...VISCOSUPPLEMENTS,
  {
    id: 'ceftriaxone',
    names: /\b(ceftriaxone|rocephin)\b/i,
    codes: [{ code: 'J0696', per: 250, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'methylprednisolone-acetate',
    names: /\b(methylprednisolone(?: acetate)?|depo-?medrol)\b/i,
    codes: [
      { code: 'J1040', per: 80, unit: 'mg' },
      { code: 'J1030', per: 40, unit: 'mg' },
    ],
    route: 'injection',
  },
  {
    id: 'dexamethasone',
    names: /\b(dexamethasone(?: sodium phosphate)?|decadron)\b/i,
    codes: [{ code: 'J1100', per: 1, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'ketorolac',
    names: /\b(ketorolac|toradol)\b/i,
    codes: [{ code: 'J1885', per: 15, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'triamcinolone',
    names: /\b(triamcinolone(?: acetonide)?|kenalog)\b/i,
    codes: [{ code: 'J3301', per: 10, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'cyanocobalamin',
    names: /\b(cyanocobalamin|vitamin b-?12|b-?12)\b/i,
    codes: [{ code: 'J3420', per: 1, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'medroxyprogesterone',
    names: /\b(medroxyprogesterone(?: acetate)?|depo-?provera)\b/i,
    codes: [{ code: 'J1050', per: 1, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'penicillin-g-benzathine',
    names: /\b(penicillin g benzathine|benzathine penicillin(?: g)?|bicillin(?: l-?a)?)\b/i,
    codes: [{ code: 'J0561', per: 100_000, unit: 'units' }],
    route: 'injection',
  },
  {
    id: 'diphenhydramine',
    names: /\b(diphenhydramine|benadryl)\b/i,
    codes: [{ code: 'J1200', per: 50, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'promethazine',
    names: /\b(promethazine|phenergan)\b/i,
    codes: [{ code: 'J2550', per: 50, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'epinephrine',
    names: /\b(epinephrine|adrenalin)\b/i,
    codes: [{ code: 'J0171', per: 0.1, unit: 'mg' }],
    route: 'injection',
  },
  {
    id: 'albuterol',
    names: /\b(albuterol|salbutamol)\b/i,
    codes: [{ code: 'J7613', per: 1, unit: 'mg' }],
    route: 'inhalation',
  },
];

/** One pattern for every drug name: it matches where some drug's `names` does (a cheap first pass). */
export const ANY_DRUG = new RegExp(INJECTABLE_DRUGS.map((drug) => drug.names.source).join('|'), 'i');

export interface Dose {
  amount: number;
  unit: DoseUnit;
}

/**
 * Billing lines for a dose. Strength-specific codes are combined largest first (methylprednisolone 120 mg = J1040
 * x1 + J1030 x1), as CMS instructs; a remainder smaller than the smallest strength rounds up to one of it.
 */
export function drugUnits(drug: InjectableDrug, dose: Dose): { code: string; units: number }[] {
  const codes = drug.codes.filter((c) => c.unit === dose.unit);
  if (codes.length === 0) return [];
  if (codes.length === 1) {
    const only = codes[0]!;
    return [{ code: only.code, units: Math.max(1, Math.ceil(dose.amount / only.per - 1e-9)) }];
  }
  const lines: { code: string; units: number }[] = [];
  let remaining = dose.amount;
  for (const [i, c] of codes.entries()) {
    const isSmallest = i === codes.length - 1;
    const units = isSmallest ? Math.ceil(remaining / c.per - 1e-9) : Math.floor(remaining / c.per + 1e-9);
    if (units > 0) lines.push({ code: c.code, units });
    remaining -= units * c.per;
  }
  return lines;
}

const DOSE =
  /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(million units|mu|units?|mg|mcg|µg|micrograms?|milligrams?|grams?|gm|g)\b(\s*\/\s*(?:ml|cc))?/gi;
const VOLUME = /(\d+(?:\.\d+)?)\s*(?:ml|cc)\b/i;

/** Reads a dose written in a span: "1 g", "1,000 mcg", "2.4 million units", "40 mg/mL, 1 mL". */
export function readDose(span: string): Dose | undefined {
  for (const match of span.matchAll(DOSE)) {
    let amount = Number(match[1]!.replace(/,/g, ''));
    const unitWord = match[2]!.toLowerCase();
    if (match[3]) {
      // A concentration: the dose is concentration times the volume written after it.
      const volume = VOLUME.exec(span.slice(match.index + match[0].length));
      if (!volume) continue;
      amount *= Number(volume[1]);
    }
    if (unitWord === 'million units' || unitWord === 'mu') return { amount: amount * 1_000_000, unit: 'units' };
    if (unitWord.startsWith('unit')) return { amount, unit: 'units' };
    if (unitWord === 'mcg' || unitWord === 'µg' || unitWord.startsWith('microgram'))
      return { amount: amount / 1000, unit: 'mg' };
    if (unitWord === 'g' || unitWord === 'gm' || unitWord.startsWith('gram'))
      return { amount: amount * 1000, unit: 'mg' };
    return { amount, unit: 'mg' };
  }
  return undefined;
}
