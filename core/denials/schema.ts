/**
 * The shape of the denial and rejection mapping files in core/denials/data. Every file says what it is (`kind`),
 * which version of the mapping it belongs to and where its content comes from; entries are validated here and
 * cross-checked (every category an entry names must exist) in mapping.ts.
 */
import { z } from 'zod';

export const OWNERS = ['CODER', 'BILLER', 'PATIENT', 'PAYER', 'NONE'] as const;
/** Who acts next: the same values as the claim's NextActionOwner. */
export type Owner = (typeof OWNERS)[number];

const owner = z.enum(OWNERS);
const text = z.string().trim().min(3);
const categoryCode = z.string().regex(/^[a-z][a-z_]*$/, 'a category is lower_snake_case');
/** Descriptions are ours and short: a long text is most likely a copied official description. */
const description = text.max(120, 'descriptions are short, in our own words (at most 120 characters)');

function mappingFile<K extends string, E extends z.ZodType>(kind: K, entry: E) {
  return z
    .object({
      kind: z.literal(kind),
      version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'a version is YYYY.MM.N'),
      sources: z.array(text).min(1),
      entries: z.array(entry).min(1),
    })
    .strict();
}

export const categoryFileSchema = mappingFile(
  'categories',
  z
    .object({
      code: categoryCode,
      label: text.max(60),
      /** Whether an adjustment or status in this category is a problem someone must work (vs. routine posting). */
      denial: z.boolean(),
      owner,
      action: text,
    })
    .strict(),
);

/** What every code entry carries: the category decides owner and action unless the entry overrides them. */
const codeEntry = z
  .object({
    code: z.string().regex(/^[0-9A-Z]{1,5}$/, 'a code is 1-5 upper-case letters or digits'),
    description,
    category: categoryCode,
    owner: owner.optional(),
    action: text.optional(),
  })
  .strict();

export const carcFileSchema = mappingFile(
  'carc',
  codeEntry.extend({
    /** The CARC is generic (16, 96, A1...): a remark code says what is really wrong. */
    remarksRefine: z.boolean().optional(),
  }),
);

export const rarcFileSchema = mappingFile(
  'rarc',
  codeEntry.extend({
    /** Alerts inform and never change the category. */
    alert: z.literal(true).optional(),
    category: categoryCode.optional(),
  }),
);

export const adjustmentGroupFileSchema = mappingFile(
  'adjustment-groups',
  z
    .object({
      code: z.enum(['CO', 'PR', 'OA', 'PI', 'CR']),
      description,
      patientMayBeBilled: z.boolean(),
      owner,
    })
    .strict(),
);

export const DISPOSITIONS = [
  'accepted',
  'acknowledged',
  'rejected',
  'pending',
  'finalized',
  'request',
  'retry',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const claimStatusCategoryFileSchema = mappingFile(
  'claim-status-categories',
  // A1, F3F, R16, DR01 (data reporting acknowledgments).
  codeEntry.extend({ code: z.string().regex(/^[A-Z][0-9A-Z]{1,3}$/), disposition: z.enum(DISPOSITIONS) }),
);

export const claimStatusCodeFileSchema = mappingFile(
  'claim-status-codes',
  codeEntry.extend({
    /** Says only "missing or invalid": another status on the same STC names the field. */
    generic: z.literal(true).optional(),
  }),
);

export const entityCodeFileSchema = mappingFile(
  'entity-codes',
  z.object({ code: z.string().regex(/^[0-9A-Z]{2,3}$/), description }).strict(),
);

export const SYNTAX_LEVELS = ['segment', 'element', 'transaction', 'group'] as const;
export type SyntaxLevel = (typeof SYNTAX_LEVELS)[number];

export const syntaxErrorFileSchema = mappingFile('syntax-errors', codeEntry.extend({ level: z.enum(SYNTAX_LEVELS) }));

export type CategoryEntry = z.infer<typeof categoryFileSchema>['entries'][number];
export type CarcEntry = z.infer<typeof carcFileSchema>['entries'][number];
export type RarcEntry = z.infer<typeof rarcFileSchema>['entries'][number];
export type AdjustmentGroupEntry = z.infer<typeof adjustmentGroupFileSchema>['entries'][number];
export type ClaimStatusCategoryEntry = z.infer<typeof claimStatusCategoryFileSchema>['entries'][number];
export type ClaimStatusCodeEntry = z.infer<typeof claimStatusCodeFileSchema>['entries'][number];
export type EntityCodeEntry = z.infer<typeof entityCodeFileSchema>['entries'][number];
export type SyntaxErrorEntry = z.infer<typeof syntaxErrorFileSchema>['entries'][number];
