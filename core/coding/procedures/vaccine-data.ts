/**
 * Vaccine products as data (`data/vaccines.json`, validated here when first used): CPT product code, antigens (the
 * components 90461 counts), Medicare Part B administration code and the names notes use.
 */
import { z } from 'zod';
import vaccinesFile from './data/vaccines.json' with { type: 'json' };

const vaccineSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    code: z.string().regex(/^90\d{3}$/, 'a CPT vaccine product code (90xxx)'),
    antigens: z.array(z.string().min(1)).min(1),
    medicareAdmin: z.enum(['G0008', 'G0009', 'G0010']).optional(),
    /** Absent: an injection (90471/90472); oral and intranasal vaccines are administered under 90473/90474. */
    route: z.enum(['oral', 'intranasal']).optional(),
    names: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((vaccine, ctx) => {
    if (new Set(vaccine.antigens).size !== vaccine.antigens.length)
      ctx.addIssue({ code: 'custom', message: `${vaccine.id}: an antigen is listed twice` });
    if (vaccine.names !== undefined) {
      try {
        new RegExp(vaccine.names, 'i');
      } catch {
        ctx.addIssue({ code: 'custom', message: `${vaccine.id}: names is not a valid pattern` });
      }
    }
  });

export const vaccinesFileSchema = z
  .object({
    vaccinesFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    vaccines: z.array(vaccineSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const vaccine of file.vaccines) {
      if (ids.has(vaccine.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${vaccine.id}` });
      ids.add(vaccine.id);
    }
  });

export interface Vaccine {
  id: string;
  /** How notes name it; absent for a vaccine known only by its CVX code. */
  names?: RegExp;
  code: string;
  /** Antigen components, for 90461. */
  components: number;
  /** Medicare Part B administration code, when Part B covers the vaccine. */
  medicareAdmin?: string;
  /** How it is given: oral and intranasal vaccines have their own administration codes (90473/90474). */
  route: 'injection' | 'oral' | 'intranasal';
}

export class VaccineDataError extends Error {
  constructor(message: string) {
    super(`vaccine data (core/coding/procedures/data/vaccines.json): ${message}`);
    this.name = 'VaccineDataError';
  }
}

export function compileVaccines(raw: unknown): Vaccine[] {
  const parsed = vaccinesFileSchema.safeParse(raw);
  if (!parsed.success) throw new VaccineDataError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data.vaccines.map((v) => ({
    id: v.id,
    code: v.code,
    components: v.antigens.length,
    route: v.route ?? 'injection',
    ...(v.names ? { names: new RegExp(v.names, 'i') } : {}),
    ...(v.medicareAdmin ? { medicareAdmin: v.medicareAdmin } : {}),
  }));
}

let compiled: Vaccine[] | undefined;
/** Every product, most specific first (the order of the data file). */
export function vaccines(): readonly Vaccine[] {
  compiled ??= compileVaccines(vaccinesFile);
  return compiled;
}

/** The product a CPT code is (components for a vaccine recorded by CVX code). */
export function vaccineByCode(code: string): Vaccine | undefined {
  return vaccines().find((v) => v.code === code);
}
