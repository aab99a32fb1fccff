/** Reads and validates gold files (eval/coding/README.md): a malformed file is an error naming file, case and field. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const expectedLine = z.object({
  code: z.string().regex(/^[0-9A-Z]{5}$/, 'a CPT/HCPCS code is 5 characters'),
  modifiers: z
    .array(z.string().regex(/^[0-9A-Z]{2}$/, 'a modifier is 2 characters'))
    .max(4)
    .default([]),
  units: z.number().positive().default(1),
});

export const goldCaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case letters, digits and hyphens'),
  heldOut: z.boolean(),
  tags: z.array(z.string().min(1)).min(1, 'tag each case with the rules it exercises'),
  document: z
    .object({ name: z.string().min(1), lines: z.array(z.string()).optional(), text: z.string().optional() })
    .refine((d) => (d.lines === undefined) !== (d.text === undefined), 'give exactly one of "lines" or "text"'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  expected: z.object({
    diagnoses: z.array(z.string().regex(/^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/, 'an ICD-10-CM code')),
    lines: z.array(expectedLine),
    emCode: z.string().nullable(),
    review: z.boolean().optional(),
  }),
});

export const goldFileSchema = z.object({
  goldFormat: z.literal(1),
  description: z.string().optional(),
  cases: z.array(goldCaseSchema).min(1),
});

export type GoldCase = z.infer<typeof goldCaseSchema>;

export interface LoadedGoldCase extends GoldCase {
  file: string;
}

export class MalformedGoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedGoldError';
  }
}

export function documentText(gold: GoldCase): string {
  return gold.document.text ?? (gold.document.lines ?? []).join('\n');
}

export function parseGoldFile(text: string, file: string): LoadedGoldCase[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MalformedGoldError(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = goldFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const [first, index, ...rest] = issue.path;
      const caseId =
        first === 'cases' && typeof index === 'number'
          ? ((json as { cases?: { id?: unknown }[] }).cases?.[index]?.id ?? `#${index}`)
          : undefined;
      const where =
        caseId !== undefined
          ? `case ${String(caseId)}, ${rest.join('.') || '(case)'}`
          : issue.path.join('.') || '(root)';
      return `${where}: ${issue.message}`;
    });
    throw new MalformedGoldError(`${file}: ${issues.join('; ')}`);
  }
  return parsed.data.cases.map((c) => ({ ...c, file }));
}

/** Every `*.json` in the directory, ids checked unique across files. */
export function loadGoldDirectory(dir: string): LoadedGoldCase[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new MalformedGoldError(`${dir}: no gold files (*.json)`);
  const cases = files.flatMap((name) => parseGoldFile(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
  const seen = new Map<string, string>();
  for (const c of cases) {
    const other = seen.get(c.id);
    if (other) throw new MalformedGoldError(`case id ${c.id} appears in ${other} and ${c.file}`);
    seen.set(c.id, c.file);
  }
  return cases;
}
