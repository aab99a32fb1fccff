/**
 * The GEM benchmark's cases: every ICD-9-CM diagnosis code that the CMS 2018 GEM (ICD-9-CM -> ICD-10-CM) maps to
 * exactly one ICD-10-CM code with flags 00000 (not approximate, not a combination, not "no map"), paired with its
 * ICD-9-CM v32 long title. The title is written as a clinician's assessment line; the ICD-10-CM code is the answer.
 *
 * These files are the test, never knowledge: nothing here may feed the coder (no synonym or mapping derived from
 * them). The cases are split once, by a seeded shuffle, into a development half (failures may be read) and an
 * untouched half (only its totals are reported).
 */

export interface GemCase {
  /** ICD-9-CM code, undotted as CMS prints it (`25000`). */
  icd9: string;
  /** ICD-9-CM v32 long title. */
  title: string;
  /** The one ICD-10-CM code the GEM maps it to, dotted (`E11.9`). */
  icd10: string;
  half: GemHalf;
}

export type GemHalf = 'development' | 'untouched';

/** The seed of the split: fixed, so the untouched half stays the same cases across runs and commits. */
export const GEM_SPLIT_SEED = 20180301;

export class MalformedGemInputError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}, line ${line}: ${message}`);
    this.name = 'MalformedGemInputError';
  }
}

/** `CMS32_DESC_LONG_DX.txt`: `CODE<space(s)>Long title`, one per line (single-byte encoding, decoded by the caller). */
export function parseIcd9LongTitles(text: string, file = 'CMS32_DESC_LONG_DX.txt'): Map<string, string> {
  const titles = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([0-9EV][0-9]{2,4})\s+(\S.*?)\s*$/.exec(line);
    if (!match) throw new MalformedGemInputError(file, index + 1, 'not "CODE title"');
    titles.set(match[1]!, match[2]!);
  });
  return titles;
}

/** `2018_I9gem.txt`: `source target flags` (flags: approximate, no map, combination, scenario, choice list). */
export function exactOneToOneMaps(text: string, file = '2018_I9gem.txt'): Map<string, string> {
  const rows = new Map<string, { target: string; flags: string }[]>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 3 || !/^[0-9]{5}$/.test(fields[2]!))
      throw new MalformedGemInputError(file, index + 1, 'not "source target flags"');
    const [source, target, flags] = fields as [string, string, string];
    const list = rows.get(source) ?? [];
    list.push({ target, flags });
    rows.set(source, list);
  });
  const exact = new Map<string, string>();
  for (const [source, list] of rows)
    if (list.length === 1 && list[0]!.flags === '00000') exact.set(source, dotted(list[0]!.target));
  return exact;
}

function dotted(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** mulberry32: a small seeded generator, enough for a reproducible shuffle. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every exact one-to-one map with a title, split into halves by a seeded shuffle of the sorted ICD-9-CM codes. */
export function gemCases(
  titles: ReadonlyMap<string, string>,
  maps: ReadonlyMap<string, string>,
  seed = GEM_SPLIT_SEED,
): GemCase[] {
  const codes = [...maps.keys()].filter((code) => titles.has(code)).sort();
  const random = seededRandom(seed);
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  const developmentSize = Math.ceil(codes.length / 2);
  return codes.map((icd9, i) => ({
    icd9,
    title: titles.get(icd9)!,
    icd10: maps.get(icd9)!,
    half: i < developmentSize ? 'development' : 'untouched',
  }));
}
