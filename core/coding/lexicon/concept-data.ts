/**
 * The clinical lexicon as data (`data/concepts-<group>.json`): each concept's words, the codes it proposes and the
 * words of the sentence that choose between them, validated here once when the lexicon module loads and compiled
 * into the `ConceptDefinition`s the coder matches. Vocabulary is data a coder can review (docs/coding/lexicon.md);
 * guideline logic stays in code as named rules the data refers to (`rules.ts`: the 7th character of the episode of
 * care, the side of a laterality table).
 *
 * Every entry lists the codes it can emit with the ICD-10-CM fiscal years they are valid for; the loader refuses an
 * entry whose resolution emits a code it does not list (or lists one it never emits), so the release check
 * (test/unit/coding/lexicon/release.test.ts) covers exactly what the coder can propose.
 */
import { z } from 'zod';
import type { CodeChoice, ConceptDefinition, Modifiers } from './concept.ts';
import { type ConditionData, compileCondition } from './condition.ts';
import { EPISODES, lateralityChoices, SEVENTH_CHARACTER_RULES, type SeventhCharacterRule } from './rules.ts';

const ICD10CM_CODE = /^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
export const icd10cmCode = z.string().regex(ICD10CM_CODE, 'an ICD-10-CM code with its dot (J06.9)');
/** Lower-case words as a clinician writes them; `.`, `/` and `&` stand as tokens of their own ("n / v"). */
export const lexiconWords = z.string().regex(/^[a-z0-9 .&/]+$/, 'lower-case words separated by spaces');
const conceptId = z.string().regex(/^[a-z0-9-]+$/, 'lower-case words joined by hyphens');

const modifierName = z.enum(['acute', 'chronic', 'exacerbation']);

/**
 * A union whose member is chosen by the value's shape (its one key) instead of trying each member in turn: a plain
 * `z.union` of these recursive trees spent tens of milliseconds of a cold start building the failures of the members
 * it tried first. The chosen member's issues keep their paths.
 */
function byShape<T>(pick: (value: unknown) => z.ZodType<T>): z.ZodType<T> {
  return z.unknown().transform((value, context) => {
    const parsed = pick(value).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

const firstKey = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' ? Object.keys(value)[0] : undefined;

const conditionSchemas: Record<string, z.ZodType<ConditionData>> = {
  words: z.object({ words: z.array(lexiconWords).min(1) }).strict(),
  modifier: z.object({ modifier: modifierName }).strict(),
  stage: z.object({ stage: z.enum(['1', '2', '3', '3a', '3b', '4', '5']) }).strict(),
  all: z.object({ all: z.array(z.lazy(() => conditionSchema)).min(2) }).strict(),
  any: z.object({ any: z.array(z.lazy(() => conditionSchema)).min(2) }).strict(),
  not: z.object({ not: z.lazy(() => conditionSchema) }).strict(),
};
const UNKNOWN_CONDITION = z.never({ error: `a condition is one of ${Object.keys(conditionSchemas).join(', ')}` });
const conditionSchema: z.ZodType<ConditionData> = byShape(
  (value) => conditionSchemas[firstKey(value) ?? ''] ?? UNKNOWN_CONDITION,
);

const choiceSchema = z
  .object({
    codes: z.array(icd10cmCode).min(1),
    lessSpecific: z.literal(true).optional(),
    ambiguity: z.string().min(1).optional(),
  })
  .strict();

const lateralitySchema = z
  .object({
    right: icd10cmCode,
    left: icd10cmCode,
    bilateral: z.union([icd10cmCode, z.array(icd10cmCode).min(2)]),
    unspecified: icd10cmCode,
  })
  .strict();

/**
 * What a concept codes: one code; choices by preference (the first whose codes are all billable on the date wins);
 * a code by side; or the first case whose condition the sentence meets, else `otherwise`.
 */
export type ResolutionData =
  | string
  | { choices: z.infer<typeof choiceSchema>[] }
  | { laterality: z.infer<typeof lateralitySchema> }
  | { cases: { when: ConditionData; use: ResolutionData }[]; otherwise: ResolutionData };

const resolutionSchemas: Record<string, z.ZodType<ResolutionData>> = {
  choices: z.object({ choices: z.array(choiceSchema).min(1) }).strict(),
  laterality: z.object({ laterality: lateralitySchema }).strict(),
  cases: z
    .object({
      cases: z.array(z.object({ when: conditionSchema, use: z.lazy(() => resolutionSchema) }).strict()).min(1),
      otherwise: z.lazy(() => resolutionSchema),
    })
    .strict(),
};
const UNKNOWN_RESOLUTION = z.never({
  error: 'a resolution is a code, or an object of choices, laterality, or cases (when, use) with otherwise',
});
const resolutionSchema: z.ZodType<ResolutionData> = byShape((value) =>
  typeof value === 'string' ? icd10cmCode : (resolutionSchemas[firstKey(value) ?? ''] ?? UNKNOWN_RESOLUTION),
);

/** A code the entry can emit and the ICD-10-CM fiscal years it is valid for (FY2016 = from 2015-10-01). */
const emittedCodeSchema = z
  .object({
    code: icd10cmCode,
    fromYear: z.number().int().min(2016),
    toYear: z.number().int().min(2016).optional(),
  })
  .strict()
  .refine((c) => c.toYear === undefined || c.toYear >= c.fromYear, { message: 'toYear is before fromYear' });

const conceptSchema = z
  .object({
    id: conceptId,
    kind: z.enum(['disease', 'symptom', 'factor']),
    phrases: z.array(lexiconWords),
    resolve: resolutionSchema,
    /** A named rule of rules.ts applied to every code of `resolve` (the 7th character of the episode of care). */
    seventhCharacter: z.enum(Object.keys(SEVENTH_CHARACTER_RULES) as [SeventhCharacterRule]).optional(),
    chronic: z.literal(true).optional(),
    historyCode: icd10cmCode.optional(),
    familyCode: icd10cmCode.optional(),
    integral: z.array(conceptId).min(1).optional(),
    /**
     * Conditions its code already includes as manifestations (influenza J10.1/J11.1 "with other respiratory
     * manifestations" includes pharyngitis): not coded beside it, whatever their kind.
     */
    manifestations: z.array(conceptId).min(1).optional(),
    secondaryOnly: z.literal(true).optional(),
    /**
     * An encounter for a service (a vaccine given, a screening done): coded only when the service is done today,
     * never from a statement that it is due, scheduled, up to date, declined or discussed.
     */
    service: z.literal(true).optional(),
    /**
     * Qualifier words the Alphabetic Index gives this concept's codes although their titles do not say them
     * ("Conjunctivitis, acute, mucopurulent H10.02-"): not held against the code (diagnoses/qualifiers.ts).
     */
    accounts: z.array(lexiconWords).min(1).optional(),
    codes: z.array(emittedCodeSchema).min(1),
    sources: z.array(z.string().min(1)).min(1),
    /** Why the entry reads the way it does, for the coder reviewing it. */
    note: z.string().min(1).optional(),
  })
  .strict();

export const conceptsFileSchema = z
  .object({
    conceptsFormat: z.literal(1),
    group: conceptId,
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    title: z.string().min(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    concepts: z.array(conceptSchema).min(1),
  })
  .strict();

export type ConceptEntry = z.infer<typeof conceptSchema>;
export type ConceptsFile = z.infer<typeof conceptsFileSchema>;
export type EmittedCode = z.infer<typeof emittedCodeSchema>;

export class LexiconDataError extends Error {
  constructor(file: string, message: string) {
    super(`clinical lexicon (core/coding/lexicon/data/${file}): ${message}`);
    this.name = 'LexiconDataError';
  }
}

/**
 * A lexicon data file checked against its schema, or a LexiconDataError naming the file and every field at fault:
 * one reading for every file of the lexicon, so each fails the same way.
 */
export function parseLexiconFile<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new LexiconDataError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; '),
    );
  return parsed.data;
}

/** `concepts.12.resolve` as `concepts.12 (asthma).resolve`: the entry's id beside its index. */
function issuePath(json: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'concepts' || typeof path[1] !== 'number') return path.join('.') || '(file)';
  const concepts = (json as { concepts?: unknown[] } | null)?.concepts;
  const id = (concepts?.[path[1]] as { id?: unknown } | undefined)?.id;
  const rest = path.slice(2).join('.');
  return `concept ${typeof id === 'string' ? `"${id}"` : `#${path[1]}`}${rest ? ` field ${rest}` : ''}`;
}

/** Every code a resolution can emit before the 7th character is added. */
function resolutionCodes(resolution: ResolutionData): string[] {
  if (typeof resolution === 'string') return [resolution];
  if ('choices' in resolution) return resolution.choices.flatMap((choice) => choice.codes);
  if ('laterality' in resolution) {
    const { right, left, bilateral, unspecified } = resolution.laterality;
    return [right, left, ...(typeof bilateral === 'string' ? [bilateral] : bilateral), unspecified];
  }
  return [...resolution.cases.flatMap((c) => resolutionCodes(c.use)), ...resolutionCodes(resolution.otherwise)];
}

/** Every code the entry can emit: its resolution (with each 7th character its rule allows), history, family. */
export function entryEmits(entry: ConceptEntry): string[] {
  const rule = entry.seventhCharacter ? SEVENTH_CHARACTER_RULES[entry.seventhCharacter] : undefined;
  const resolved = resolutionCodes(entry.resolve).flatMap((code) =>
    rule ? EPISODES.map((episode) => rule(code, episode)) : [code],
  );
  return [
    ...new Set([
      ...resolved,
      ...(entry.historyCode ? [entry.historyCode] : []),
      ...(entry.familyCode ? [entry.familyCode] : []),
    ]),
  ];
}

/** The entry's listed codes must be exactly what it can emit: the release check then covers the coder's output. */
function checkListedCodes(file: string, entry: ConceptEntry): void {
  const emitted = entryEmits(entry);
  const listed = entry.codes.map((c) => c.code);
  const duplicate = listed.find((code, i) => listed.indexOf(code) !== i);
  if (duplicate) throw new LexiconDataError(file, `concept "${entry.id}" field codes: ${duplicate} is listed twice`);
  const unlisted = emitted.filter((code) => !listed.includes(code));
  if (unlisted.length > 0)
    throw new LexiconDataError(
      file,
      `concept "${entry.id}" field codes: ${unlisted.join(', ')} can be emitted (resolve, historyCode, familyCode) but is not listed with its years`,
    );
  const unused = listed.filter((code) => !emitted.includes(code));
  if (unused.length > 0)
    throw new LexiconDataError(
      file,
      `concept "${entry.id}" field codes: ${unused.join(', ')} is listed but never emitted`,
    );
}

/** Validates a concepts file: the schema, then each entry's listed codes against what it emits. */
export function parseConceptsFile(file: string, json: unknown): ConceptsFile {
  const parsed = conceptsFileSchema.safeParse(json);
  if (!parsed.success)
    throw new LexiconDataError(
      file,
      parsed.error.issues.map((issue) => `${issuePath(json, issue.path)}: ${issue.message}`).join('; '),
    );
  for (const entry of parsed.data.concepts) checkListedCodes(file, entry);
  return parsed.data;
}

type Resolver = (modifiers: Modifiers) => CodeChoice[];

function compileResolution(resolution: ResolutionData): Resolver {
  if (typeof resolution === 'string') return () => [{ codes: [resolution] }];
  if ('choices' in resolution) {
    const { choices } = resolution;
    return () => choices.map((choice) => ({ ...choice, codes: [...choice.codes] }));
  }
  if ('laterality' in resolution) {
    const table = resolution.laterality;
    return (modifiers) => lateralityChoices(modifiers, table);
  }
  const cases = resolution.cases.map((c) => ({ when: compileCondition(c.when), use: compileResolution(c.use) }));
  const otherwise = compileResolution(resolution.otherwise);
  return (modifiers) => (cases.find((c) => c.when(modifiers))?.use ?? otherwise)(modifiers);
}

/** The matcher's concept of a validated entry. A bare code stays a string (the coder's cheapest path). */
export function compileConcept(entry: ConceptEntry): ConceptDefinition {
  let resolve: ConceptDefinition['resolve'];
  if (typeof entry.resolve === 'string' && !entry.seventhCharacter) resolve = entry.resolve;
  else {
    const base = compileResolution(entry.resolve);
    const rule = entry.seventhCharacter ? SEVENTH_CHARACTER_RULES[entry.seventhCharacter] : undefined;
    resolve = rule
      ? (modifiers) =>
          base(modifiers).map((choice) => ({
            ...choice,
            codes: choice.codes.map((code) => rule(code, modifiers.episode)),
          }))
      : base;
  }
  return {
    id: entry.id,
    kind: entry.kind,
    phrases: entry.phrases,
    resolve,
    ...(entry.chronic ? { chronic: true } : {}),
    ...(entry.historyCode ? { historyCode: entry.historyCode } : {}),
    ...(entry.familyCode ? { familyCode: entry.familyCode } : {}),
    ...(entry.integral ? { integral: entry.integral } : {}),
    ...(entry.manifestations ? { manifestations: entry.manifestations } : {}),
    ...(entry.secondaryOnly ? { secondaryOnly: true } : {}),
    ...(entry.service ? { service: true } : {}),
    ...(entry.accounts ? { accounts: entry.accounts } : {}),
  };
}
