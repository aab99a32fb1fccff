/**
 * Status and personal-history knowledge as data (`data/status-history.json`, validated here when the lexicon is
 * compiled): what a clinician writes for a device, transplant, amputation or joint replacement that stays with the
 * patient, and for conditions that have a personal-history code. Each entry names its codes, the ICD-10-CM fiscal
 * years they are valid for, and the index entry or guideline it comes from, so a coder can review it
 * (docs/coding/status-history.md) and a test can check every code against the releases loaded.
 *
 * - role `status` (Z95.1 after CABG, Z94.0 after a kidney transplant, Z89.51- after a below-knee amputation): coded
 *   when the note says it is status or history ("s/p CABG", "history of kidney transplant", "prior BKA"); written
 *   bare ("CABG") it may be a plan, so the code goes to review with that question.
 * - role `condition` (DVT, cancers, stones): the current code, or the history code when the context says it is
 *   history ("history of DVT" is Z86.718). A chronic condition under treatment ("history of prostate cancer on
 *   leuprolide") stays current (guideline I.C.2.d).
 */
import { z } from 'zod';
import { byLaterality, type CodeChoice, type ConceptDefinition, has, type Modifiers } from './concept.ts';
import statusHistoryFile from './data/status-history.json' with { type: 'json' };

const ICD10CM_CODE = /^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
const code = z.string().regex(ICD10CM_CODE, 'an ICD-10-CM code with its dot (Z95.5)');
const laterality = z
  .object({ right: code, left: code, bilateral: z.union([code, z.array(code).min(2)]), unspecified: code })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(['disease', 'factor']),
    role: z.enum(['status', 'condition']),
    phrases: z.array(z.string().regex(/^[a-z0-9 ]+$/, 'lower-case words separated by spaces')).min(1),
    status: code.optional(),
    statusByLaterality: laterality.optional(),
    current: code.optional(),
    currentByLaterality: laterality.optional(),
    /** The current code is a guess a coder must confirm (site, sex, acuity the words do not give). */
    currentAmbiguity: z.string().min(1).optional(),
    history: code.optional(),
    chronic: z.boolean().optional(),
    /** Symptoms routinely part of the condition, not coded beside it (Guidelines I.B.5), as in concept data. */
    integral: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1)
      .optional(),
    /** Words in the sentence that make the current code incomplete (metastases of a cancer): review, saying why. */
    reviewWhen: z
      .array(z.object({ words: z.array(z.string().regex(/^[a-z]+$/)).min(1), message: z.string().min(1) }).strict())
      .optional(),
    codeSetYears: z.object({ from: z.number().int().min(2016), to: z.number().int().optional() }).strict(),
    source: z.string().min(1),
  })
  .strict()
  .superRefine((entry, context) => {
    const problem = (message: string) => context.addIssue({ code: 'custom', message: `${entry.id}: ${message}` });
    if (entry.role === 'status' && (entry.status === undefined) === (entry.statusByLaterality === undefined))
      problem('a status names exactly one of status or statusByLaterality');
    if (entry.role === 'condition' && (entry.current === undefined) === (entry.currentByLaterality === undefined))
      problem('a condition names exactly one of current or currentByLaterality');
    if (entry.role === 'condition' && entry.history === undefined) problem('a condition names its history code');
    if (entry.codeSetYears.to !== undefined && entry.codeSetYears.to < entry.codeSetYears.from)
      problem('codeSetYears.to is before codeSetYears.from');
  });

export const statusHistoryFileSchema = z
  .object({
    statusHistoryFormat: z.literal(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    concepts: z.array(entrySchema).min(1),
  })
  .strict();

export type StatusHistoryEntry = z.infer<typeof entrySchema>;
export type StatusHistoryFile = z.infer<typeof statusHistoryFileSchema>;

export class StatusHistoryDataError extends Error {
  constructor(message: string) {
    super(`status and history lexicon (core/coding/lexicon/data/status-history.json): ${message}`);
    this.name = 'StatusHistoryDataError';
  }
}

export function parseStatusHistory(json: unknown): StatusHistoryFile {
  const parsed = statusHistoryFileSchema.safeParse(json);
  if (!parsed.success)
    throw new StatusHistoryDataError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; '),
    );
  return parsed.data;
}

type Laterality = NonNullable<StatusHistoryEntry['statusByLaterality']>;

function chooser(single: string | undefined, table: Laterality | undefined): (modifiers: Modifiers) => CodeChoice[] {
  if (table) return (modifiers) => byLaterality(modifiers, table);
  return () => [{ codes: [single!] }];
}

/** Every code an entry can emit (for the release check and the review page). */
export function entryCodes(entry: StatusHistoryEntry): string[] {
  const table = (t: Laterality | undefined) =>
    t ? [t.right, t.left, ...(typeof t.bilateral === 'string' ? [t.bilateral] : t.bilateral), t.unspecified] : [];
  return [
    ...new Set([
      ...(entry.status ? [entry.status] : []),
      ...table(entry.statusByLaterality),
      ...(entry.current ? [entry.current] : []),
      ...table(entry.currentByLaterality),
      ...(entry.history ? [entry.history] : []),
    ]),
  ];
}

const BARE_STATUS =
  'a status written without "status post", "history of" or "prior" may be a plan: confirm it was done';

/** The lexicon concepts of the validated file. */
export function statusHistoryConcepts(file: StatusHistoryFile): ConceptDefinition[] {
  return file.concepts.map((entry): ConceptDefinition => {
    if (entry.role === 'status') {
      const status = chooser(entry.status, entry.statusByLaterality);
      return {
        id: entry.id,
        kind: entry.kind,
        phrases: entry.phrases,
        resolve: (modifiers) => status(modifiers).map((choice) => ({ ...choice, ambiguity: BARE_STATUS })),
        historyResolve: status,
        secondaryOnly: true,
      };
    }
    const current = chooser(entry.current, entry.currentByLaterality);
    const ambiguityOf = (modifiers: Modifiers): string | undefined =>
      entry.reviewWhen?.find((rule) => rule.words.some((word) => has(modifiers, word)))?.message ??
      entry.currentAmbiguity;
    return {
      id: entry.id,
      kind: entry.kind,
      phrases: entry.phrases,
      resolve: (modifiers) => {
        const ambiguity = ambiguityOf(modifiers);
        return current(modifiers).map((choice) => (ambiguity ? { ...choice, ambiguity } : choice));
      },
      historyCode: entry.history!,
      ...(entry.chronic ? { chronic: true } : {}),
      ...(entry.integral ? { integral: entry.integral } : {}),
    };
  });
}

export const STATUS_HISTORY = parseStatusHistory(statusHistoryFile);
export const STATUS_HISTORY_CONCEPTS: readonly ConceptDefinition[] = statusHistoryConcepts(STATUS_HISTORY);
