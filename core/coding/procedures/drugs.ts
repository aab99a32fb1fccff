/**
 * Injectable drugs billed by HCPCS Level II code, with the billing unit the code description sets ("per 250 mg",
 * "up to 50 mg"): units = documented dose / billing unit, rounded up (CMS: a partial unit is billed as a whole one).
 * The table is data (`data/drugs.json`), validated here when the module loads.
 */
import { z } from 'zod';
import drugsFile from './data/drugs.json' with { type: 'json' };

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

const drugCodeSchema = z
  .object({
    code: z.string().regex(/^[JQ]\d{4}$/, 'a HCPCS drug code (J or Q and four digits)'),
    per: z.number().positive(),
    unit: z.enum(['mg', 'units', 'dose']),
  })
  .strict();

const drugSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    names: z.string().min(1),
    route: z.enum(['injection', 'inhalation']),
    codes: z.array(drugCodeSchema).min(1),
  })
  .strict()
  .superRefine((drug, ctx) => {
    try {
      new RegExp(drug.names, 'i');
    } catch {
      ctx.addIssue({ code: 'custom', message: `${drug.id}: names is not a valid pattern` });
    }
    // Strength-specific codes are combined largest first: the data must list them so.
    for (let i = 1; i < drug.codes.length; i += 1) {
      const [before, code] = [drug.codes[i - 1]!, drug.codes[i]!];
      if (before.unit === code.unit && before.per <= code.per)
        ctx.addIssue({ code: 'custom', message: `${drug.id}: strength codes must be listed largest first` });
    }
  });

export const drugsFileSchema = z
  .object({
    drugsFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    drugs: z.array(drugSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const drug of file.drugs) {
      if (ids.has(drug.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${drug.id}` });
      ids.add(drug.id);
    }
  });

export class DrugDataError extends Error {
  constructor(message: string) {
    super(`drug data (core/coding/procedures/data/drugs.json): ${message}`);
    this.name = 'DrugDataError';
  }
}

export function compileDrugs(raw: unknown): InjectableDrug[] {
  const parsed = drugsFileSchema.safeParse(raw);
  if (!parsed.success) throw new DrugDataError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data.drugs.map((drug) => ({ ...drug, names: new RegExp(drug.names, 'i') }));
}

/**
 * The drug table (`data/drugs.json`, validated at load): viscosupplements (J7318-J7329 by product, per dose or per
 * mg of hyaluronan, beside 20610/20611 and never with 96372), antibiotics, steroids, vitamins and others.
 */
export const INJECTABLE_DRUGS: readonly InjectableDrug[] = compileDrugs(drugsFile);

/** Cheap first pass: one pattern for every drug name. */
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
