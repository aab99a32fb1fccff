/**
 * The denial and rejection mapping: the JSON files in ./data, validated and cross-checked when loaded. One version
 * for the whole mapping (every file must carry it), so a posting or a work item can say which mapping classified it.
 * A file that does not validate is refused with every problem named; nothing is half-loaded.
 */
import adjustmentGroupsFile from './data/adjustment-groups.json' with { type: 'json' };
import carcFile from './data/carc.json' with { type: 'json' };
import categoriesFile from './data/categories.json' with { type: 'json' };
import claimStatusCategoriesFile from './data/claim-status-categories.json' with { type: 'json' };
import claimStatusCodesFile from './data/claim-status-codes.json' with { type: 'json' };
import entityCodesFile from './data/entity-codes.json' with { type: 'json' };
import rarcFile from './data/rarc.json' with { type: 'json' };
import syntaxErrorsFile from './data/syntax-errors.json' with { type: 'json' };
import {
  type AdjustmentGroupEntry,
  adjustmentGroupFileSchema,
  type CarcEntry,
  type CategoryEntry,
  type ClaimStatusCategoryEntry,
  type ClaimStatusCodeEntry,
  carcFileSchema,
  categoryFileSchema,
  claimStatusCategoryFileSchema,
  claimStatusCodeFileSchema,
  type EntityCodeEntry,
  entityCodeFileSchema,
  type RarcEntry,
  rarcFileSchema,
  type SyntaxErrorEntry,
  type SyntaxLevel,
  syntaxErrorFileSchema,
} from './schema.ts';

/** The raw (parsed JSON, unvalidated) content of each mapping file. */
export interface RawMappingFiles {
  categories: unknown;
  carc: unknown;
  rarc: unknown;
  adjustmentGroups: unknown;
  claimStatusCategories: unknown;
  claimStatusCodes: unknown;
  entityCodes: unknown;
  syntaxErrors: unknown;
}

export interface DenialMapping {
  version: string;
  /** Each file's sources, by file. */
  sources: Record<keyof RawMappingFiles, string[]>;
  categories: ReadonlyMap<string, CategoryEntry>;
  carc: ReadonlyMap<string, CarcEntry>;
  rarc: ReadonlyMap<string, RarcEntry>;
  adjustmentGroups: ReadonlyMap<string, AdjustmentGroupEntry>;
  claimStatusCategories: ReadonlyMap<string, ClaimStatusCategoryEntry>;
  claimStatusCodes: ReadonlyMap<string, ClaimStatusCodeEntry>;
  entityCodes: ReadonlyMap<string, EntityCodeEntry>;
  /** Keyed `level:code`. */
  syntaxErrors: ReadonlyMap<string, SyntaxErrorEntry>;
}

export class InvalidDenialMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`the denial mapping in core/denials/data is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidDenialMappingError';
  }
}

export const BUNDLED_MAPPING_FILES: RawMappingFiles = {
  categories: categoriesFile,
  carc: carcFile,
  rarc: rarcFile,
  adjustmentGroups: adjustmentGroupsFile,
  claimStatusCategories: claimStatusCategoriesFile,
  claimStatusCodes: claimStatusCodesFile,
  entityCodes: entityCodesFile,
  syntaxErrors: syntaxErrorsFile,
};

export function loadDenialMapping(files: RawMappingFiles): DenialMapping {
  const problems: string[] = [];
  const parse = <T extends { version: string; sources: string[]; entries: unknown[] }>(
    name: keyof RawMappingFiles,
    schema: {
      safeParse(
        value: unknown,
      ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
    },
  ): T | undefined => {
    const result = schema.safeParse(files[name]);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      problems.push(`${name}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return undefined;
  };
  const categories = parse('categories', categoryFileSchema);
  const carc = parse('carc', carcFileSchema);
  const rarc = parse('rarc', rarcFileSchema);
  const adjustmentGroups = parse('adjustmentGroups', adjustmentGroupFileSchema);
  const claimStatusCategories = parse('claimStatusCategories', claimStatusCategoryFileSchema);
  const claimStatusCodes = parse('claimStatusCodes', claimStatusCodeFileSchema);
  const entityCodes = parse('entityCodes', entityCodeFileSchema);
  const syntaxErrors = parse('syntaxErrors', syntaxErrorFileSchema);
  if (
    !categories ||
    !carc ||
    !rarc ||
    !adjustmentGroups ||
    !claimStatusCategories ||
    !claimStatusCodes ||
    !entityCodes ||
    !syntaxErrors
  ) {
    throw new InvalidDenialMappingError(problems);
  }

  const version = categories.version;
  const named = {
    categories,
    carc,
    rarc,
    adjustmentGroups,
    claimStatusCategories,
    claimStatusCodes,
    entityCodes,
    syntaxErrors,
  };
  for (const [name, file] of Object.entries(named)) {
    if (file.version !== version)
      problems.push(`${name}: version ${file.version} differs from the mapping version ${version}`);
  }
  const categoryMap = index('categories', categories.entries, (entry) => entry.code, problems);
  const checkCategory = (name: string, code: string, category: string | undefined) => {
    if (category !== undefined && !categoryMap.has(category)) {
      problems.push(`${name}: ${code}: category "${category}" is not defined in categories.json`);
    }
  };
  for (const entry of carc.entries) checkCategory('carc', entry.code, entry.category);
  for (const entry of rarc.entries) {
    checkCategory('rarc', entry.code, entry.category);
    if (entry.alert && entry.category) problems.push(`rarc: ${entry.code}: an alert never changes the category`);
    if (!entry.alert && !entry.category) problems.push(`rarc: ${entry.code}: needs a category or "alert": true`);
  }
  for (const entry of claimStatusCategories.entries) checkCategory('claimStatusCategories', entry.code, entry.category);
  for (const entry of claimStatusCodes.entries) checkCategory('claimStatusCodes', entry.code, entry.category);
  for (const entry of syntaxErrors.entries)
    checkCategory('syntaxErrors', `${entry.level}:${entry.code}`, entry.category);

  const mapping: DenialMapping = {
    version,
    sources: {
      categories: categories.sources,
      carc: carc.sources,
      rarc: rarc.sources,
      adjustmentGroups: adjustmentGroups.sources,
      claimStatusCategories: claimStatusCategories.sources,
      claimStatusCodes: claimStatusCodes.sources,
      entityCodes: entityCodes.sources,
      syntaxErrors: syntaxErrors.sources,
    },
    categories: categoryMap,
    carc: index('carc', carc.entries, (entry) => entry.code, problems),
    rarc: index('rarc', rarc.entries, (entry) => entry.code, problems),
    adjustmentGroups: index('adjustmentGroups', adjustmentGroups.entries, (entry) => entry.code, problems),
    claimStatusCategories: index(
      'claimStatusCategories',
      claimStatusCategories.entries,
      (entry) => entry.code,
      problems,
    ),
    claimStatusCodes: index('claimStatusCodes', claimStatusCodes.entries, (entry) => entry.code, problems),
    entityCodes: index('entityCodes', entityCodes.entries, (entry) => entry.code, problems),
    syntaxErrors: index('syntaxErrors', syntaxErrors.entries, (entry) => syntaxKey(entry.level, entry.code), problems),
  };
  if (problems.length > 0) throw new InvalidDenialMappingError(problems);
  return mapping;
}

export function syntaxKey(level: SyntaxLevel, code: string): string {
  return `${level}:${code}`;
}

function index<T>(name: string, entries: T[], keyOf: (entry: T) => string, problems: string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (map.has(key)) problems.push(`${name}: ${key} is listed twice`);
    map.set(key, entry);
  }
  return map;
}

let bundled: DenialMapping | undefined;

/** The mapping shipped with ClaimFlow, validated once per process. */
export function denialMapping(): DenialMapping {
  bundled ??= loadDenialMapping(BUNDLED_MAPPING_FILES);
  return bundled;
}
