/**
 * Which ICD-10-CM codes are chronic illnesses, and which state an exacerbation, for the E/M problem element
 * (data/chronic-conditions.json, validated here when the module loads). The MDM reader asks these of the codes the
 * diagnosis coder located in an assessment item: the coder has already read the note's abbreviations and wordings
 * ("HLD", "OA b/l knees", "COPD exac"), so the problem's kind follows the code it chose.
 */
import { z } from 'zod';
import chronicFile from './data/chronic-conditions.json' with { type: 'json' };

const entrySchema = z
  .object({
    prefix: z.string().regex(/^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/, 'an ICD-10-CM category or code, with its dot'),
    name: z.string().min(1),
  })
  .strict();

export const chronicConditionsFileSchema = z
  .object({
    chronicConditionsFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    chronic: z.array(entrySchema).min(1),
    exacerbation: z.array(entrySchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const chronic = file.chronic.map((e) => e.prefix);
    // An exacerbation code is a chronic illness's code: its category must be listed as chronic too.
    for (const [i, entry] of file.exacerbation.entries()) {
      if (!chronic.some((prefix) => entry.prefix.startsWith(prefix)))
        ctx.addIssue({
          code: 'custom',
          path: ['exacerbation', i],
          message: `${entry.prefix} is not under a chronic prefix`,
        });
    }
    const seen = new Set<string>();
    for (const [i, prefix] of chronic.entries()) {
      if (seen.has(prefix)) ctx.addIssue({ code: 'custom', path: ['chronic', i], message: `${prefix} listed twice` });
      seen.add(prefix);
    }
  });

export type ChronicConditionsFile = z.infer<typeof chronicConditionsFileSchema>;

export function parseChronicConditions(json: unknown): { chronic: string[]; exacerbation: string[] } {
  const parsed = chronicConditionsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`core/coding/procedures/data/chronic-conditions.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  const plain = (prefix: string) => prefix.replace('.', '');
  return {
    chronic: parsed.data.chronic.map((e) => plain(e.prefix)),
    exacerbation: parsed.data.exacerbation.map((e) => plain(e.prefix)),
  };
}

const TABLE = parseChronicConditions(chronicFile);
const under = (prefixes: readonly string[], code: string) => {
  const plain = code.replace('.', '').toUpperCase();
  return prefixes.some((prefix) => plain.startsWith(prefix));
};

/** Whether the code's condition is a chronic illness (expected to last a year or more). */
export const isChronicCode = (code: string): boolean => under(TABLE.chronic, code);
/** Whether the code itself states an exacerbation or poor control (COPD with acute exacerbation, E11.65). */
export const isExacerbationCode = (code: string): boolean => under(TABLE.exacerbation, code);
