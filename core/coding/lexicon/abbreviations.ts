/**
 * Clinical abbreviations as data (`data/abbreviations.json`, validated here when first used): each written form is
 * expanded to the words the lexicon, the context rules and the release's titles use, before any matching. `HTN`
 * reads as "hypertension", `DM2` as "type 2 diabetes mellitus", `r/o` as "rule out" (so the diagnosis after it is
 * uncertain and not coded), `h/o` as "history of", `s/p` as "status post", `w/o` as "without".
 *
 * Expanded tokens keep the span of what was written (the evidence quotes the note as it is) and carry the written
 * form, so a reader can tell a concept read through an abbreviation from one spelled out.
 */
import { z } from 'zod';
import abbreviationsFile from './data/abbreviations.json' with { type: 'json' };

const MEANINGS = [
  'term',
  'status',
  'history',
  'uncertain',
  'complaint',
  'follow-up',
  'with',
  'without',
  'laterality',
] as const;

const abbreviationSchema = z
  .object({
    written: z.array(z.string().min(1).max(20)).min(1),
    expansion: z.string().regex(/^[a-z0-9 ]+$/, 'lower-case words separated by spaces'),
    meaning: z.enum(MEANINGS),
    note: z.string().min(1),
    caseSensitive: z.boolean().optional(),
  })
  .strict();

export const abbreviationsFileSchema = z
  .object({
    abbreviationsFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    abbreviations: z.array(abbreviationSchema).min(1),
  })
  .strict();

export type AbbreviationsFile = z.infer<typeof abbreviationsFileSchema>;

/** One written form, as the tokenizer sees it. */
export interface WrittenForm {
  /** Normalised tokens of the written form (`s/p` → `s`, `/`, `p`). */
  tokens: readonly string[];
  /** Per gap between tokens: whether the form writes a space there (else the text must not). */
  spaced: readonly boolean[];
  written: string;
  caseSensitive: boolean;
  expansion: readonly string[];
  meaning: (typeof MEANINGS)[number];
}

export class AbbreviationsDataError extends Error {
  constructor(message: string) {
    super(`clinical abbreviations (core/coding/lexicon/data/abbreviations.json): ${message}`);
    this.name = 'AbbreviationsDataError';
  }
}

/**
 * The written forms of a validated file, each cut into tokens by `cut` (the tokenizer's own rules, given by the
 * caller so this module does not depend on it). Two entries may not claim the same written form.
 */
export function compileAbbreviations(
  json: unknown,
  cut: (text: string) => { norm: string; start: number; end: number }[],
): WrittenForm[] {
  const parsed = abbreviationsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AbbreviationsDataError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const forms: WrittenForm[] = [];
  const claimed = new Map<string, string>();
  for (const entry of parsed.data.abbreviations) {
    for (const written of entry.written) {
      const tokens = cut(written);
      if (tokens.length === 0) throw new AbbreviationsDataError(`"${written}" has no word in it`);
      const key = `${entry.caseSensitive ? written : written.toLowerCase()}|${tokens.map((t) => t.norm).join(' ')}`;
      const previous = claimed.get(key);
      if (previous !== undefined && previous !== entry.expansion)
        throw new AbbreviationsDataError(`"${written}" is listed as "${previous}" and as "${entry.expansion}"`);
      claimed.set(key, entry.expansion);
      forms.push({
        tokens: tokens.map((token) => token.norm),
        spaced: tokens.slice(1).map((token, i) => /\s/.test(written.slice(tokens[i]!.end, token.start))),
        written,
        caseSensitive: entry.caseSensitive === true,
        expansion: entry.expansion.split(' '),
        meaning: entry.meaning,
      });
    }
  }
  return forms;
}

export const ABBREVIATIONS_JSON: unknown = abbreviationsFile;
