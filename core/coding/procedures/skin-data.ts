/**
 * Skin excision and wound repair reference data (`data/skin-procedures.json`, validated here when first used): the
 * anatomic sites notes name, the CPT site groups of each code family and their size bands. Code numbers only.
 */
import { z } from 'zod';
import skinFile from './data/skin-procedures.json' with { type: 'json' };

const CPT = z.string().regex(/^\d{5}$/, 'a five-digit CPT code number');

const bandSchema = z.object({ upToCm: z.number().positive().optional(), code: CPT }).strict();

const groupSchema = z
  .object({
    sites: z.array(z.string().min(1)).min(1),
    minimumCm: z.number().positive().optional(),
    bands: z.array(bandSchema).min(1),
    addOn: z.object({ code: CPT, perCm: z.number().positive() }).strict().optional(),
  })
  .strict()
  .superRefine((group, ctx) => {
    // Bands ascend; only the last may be open-ended, and then the group has no add-on.
    group.bands.forEach((band, i) => {
      const last = i === group.bands.length - 1;
      if (band.upToCm === undefined && !last) ctx.addIssue({ code: 'custom', message: 'only the last band is open' });
      const before = group.bands[i - 1]?.upToCm;
      if (band.upToCm !== undefined && before !== undefined && band.upToCm <= before)
        ctx.addIssue({ code: 'custom', message: `bands must ascend (${band.code})` });
    });
  });

export const FAMILIES = [
  'excision-benign',
  'excision-malignant',
  'repair-simple',
  'repair-intermediate',
  'repair-complex',
] as const;
export type SkinFamily = (typeof FAMILIES)[number];

export const skinFileSchema = z
  .object({
    skinProceduresFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    sites: z.array(z.object({ id: z.string().regex(/^[a-z]+$/), words: z.array(z.string().min(2)).min(1) }).strict()),
    families: z.array(
      z.object({ id: z.enum(FAMILIES), measure: z.string().min(1), groups: z.array(groupSchema).min(1) }).strict(),
    ),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set(file.sites.map((s) => s.id));
    for (const family of file.families) {
      const seen = new Set<string>();
      for (const site of family.groups.flatMap((g) => g.sites)) {
        if (!ids.has(site)) ctx.addIssue({ code: 'custom', message: `${family.id}: unknown site ${site}` });
        if (seen.has(site)) ctx.addIssue({ code: 'custom', message: `${family.id}: site ${site} in two groups` });
        seen.add(site);
      }
    }
    const families = new Set(file.families.map((f) => f.id));
    for (const id of FAMILIES) if (!families.has(id)) ctx.addIssue({ code: 'custom', message: `missing family ${id}` });
  });

export type SkinFile = z.infer<typeof skinFileSchema>;
export type SiteGroup = SkinFile['families'][number]['groups'][number];

export class SkinDataError extends Error {
  constructor(message: string) {
    super(`skin procedure data (core/coding/procedures/data/skin-procedures.json): ${message}`);
    this.name = 'SkinDataError';
  }
}

export interface SkinData {
  /** The site a note's words name, most specific words first ("forearm" before "arm"). */
  siteOf(text: string): { site: string; index: number }[];
  groupFor(family: SkinFamily, site: string): SiteGroup | undefined;
}

export function compileSkinData(raw: unknown): SkinData {
  const parsed = skinFileSchema.safeParse(raw);
  if (!parsed.success) throw new SkinDataError(parsed.error.issues.map((i) => i.message).join('; '));
  const file = parsed.data;
  const words = file.sites
    .flatMap((site) => site.words.map((word) => ({ word, site: site.id })))
    .sort((a, b) => b.word.length - a.word.length);
  const pattern = new RegExp(`\\b(${words.map((w) => w.word.replace(/ /g, '\\s+')).join('|')})s?\\b`, 'gi');
  const siteByWord = new Map(words.map((w) => [w.word, w.site]));
  const groups = new Map<string, SiteGroup>();
  for (const family of file.families)
    for (const group of family.groups) for (const site of group.sites) groups.set(`${family.id}:${site}`, group);
  return {
    siteOf(text) {
      return [...text.matchAll(pattern)].map((m) => ({
        site: siteByWord.get(m[1]!.toLowerCase().replace(/\s+/g, ' '))!,
        index: m.index,
      }));
    },
    groupFor: (family, site) => groups.get(`${family}:${site}`),
  };
}

let compiled: SkinData | undefined;
export function skinData(): SkinData {
  compiled ??= compileSkinData(skinFile);
  return compiled;
}

/** The code for a size in a group: the first band whose upper bound holds it (undefined below a group's minimum). */
export function bandCode(group: SiteGroup, cm: number): { code: string; addOnUnits: number } | undefined {
  if (group.minimumCm !== undefined && cm < group.minimumCm) return undefined;
  const band = group.bands.find((b) => b.upToCm === undefined || cm <= b.upToCm + 1e-9);
  if (band) return { code: band.code, addOnUnits: 0 };
  if (!group.addOn) return undefined;
  const last = group.bands.at(-1)!;
  return { code: last.code, addOnUnits: Math.ceil((cm - (last.upToCm ?? 0)) / group.addOn.perCm - 1e-9) };
}
