/** ICD-10-CM lookups over the release in effect on the date asked (see Icd10CmLookups in ../index.ts). */
import type { IsoDate } from '#core/documents/encounter';
import { TABLE } from '../bundle/format.ts';
import type { Icd10CmNotesBlob, IndexSourceKind } from '../bundle/icd10cm-notes.ts';
import type { LoadedRelease } from '../bundle/loaded-release.ts';
import { demographicEditsFor } from '../demographic-edits.ts';
import type { TableEntry } from '../icd10cm/table-titles.ts';
import type { AppliedNotes, Icd10CmCode, Icd10CmLookups, IndexHit, NoteRef, SeventhCharacterRule } from '../index.ts';
import { formatIcd10Code, normalizeCode } from '../normalize.ts';
import { searchWords } from '../search-words.ts';

type PickRelease = (date: IsoDate) => LoadedRelease | undefined;

const MAX_PARENT_DEPTH = 8;

function toCode(fields: string[], release: string): Icd10CmCode {
  const [code = '', flags = '', parent = '', title = ''] = fields;
  return {
    code,
    display: formatIcd10Code(code),
    title,
    billable: flags.includes('B'),
    generated: flags.includes('X'),
    ...(parent ? { parent } : {}),
    release,
  };
}

export function icd10cmLookups(pick: PickRelease): Icd10CmLookups {
  const lookupIn = (release: LoadedRelease, code: string) => {
    const fields = release.table(TABLE.icd10cmCodes)?.get(code);
    return fields ? toCode(fields, release.id) : undefined;
  };
  const lookup = (code: string, date: IsoDate) => {
    const release = pick(date);
    return release ? lookupIn(release, normalizeCode(code)) : undefined;
  };
  const chain = (release: LoadedRelease, start: Icd10CmCode): Icd10CmCode[] => {
    const out: Icd10CmCode[] = [];
    let current: Icd10CmCode | undefined = start;
    while (current?.parent && out.length < MAX_PARENT_DEPTH) {
      current = lookupIn(release, current.parent);
      if (current) out.push(current);
    }
    return out;
  };
  const notesOf = (code: string, date: IsoDate): AppliedNotes[] => {
    const release = pick(date);
    const found = release ? lookupIn(release, normalizeCode(code)) : undefined;
    const blob = release?.jsonTable<Icd10CmNotesBlob>(TABLE.icd10cmNotes);
    if (!release || !found || !blob) return [];
    const levels = [found, ...chain(release, found)];
    const out: AppliedNotes[] = [];
    for (const level of levels) {
      const own = blob.codes[level.code];
      if (own) out.push({ from: level.display, notes: own });
    }
    const category = levels[levels.length - 1]!.code;
    const sectionId = blob.sectionOfCategory[category];
    const section = sectionId ? blob.sections[sectionId] : undefined;
    if (sectionId && section && Object.keys(section.notes).length > 0)
      out.push({ from: `section ${sectionId}`, notes: section.notes });
    const chapter = section ? blob.chapters[section.chapter] : undefined;
    if (section && chapter && Object.keys(chapter.notes).length > 0)
      out.push({ from: `chapter ${section.chapter}`, notes: chapter.notes });
    return out;
  };
  const hitsFromIds = (release: LoadedRelease, ids: number[]): IndexHit[] => {
    const entries = release.table(TABLE.indexEntries);
    if (!entries) return [];
    return ids.flatMap((id) => {
      const fields = entries.get(String(id).padStart(7, '0'));
      if (!fields) return [];
      const [, source = '', path = '', code, manifestation, see, seeAlso, cells] = fields;
      return [
        {
          source: source as IndexSourceKind,
          path: path.split(' > '),
          ...(code ? { code } : {}),
          ...(manifestation ? { manifestation } : {}),
          ...(see ? { see } : {}),
          ...(seeAlso ? { seeAlso } : {}),
          ...(cells ? { cells: JSON.parse(cells) as Record<string, string> } : {}),
          release: release.id,
        },
      ];
    });
  };
  const idsOf = (fields: string[] | undefined) => (fields?.[1] ? fields[1].split(',').map(Number) : []);

  // Hot paths for the coder and scrubber: read the row's fields without building an answer object.
  const row = (code: string, date: IsoDate) => pick(date)?.table(TABLE.icd10cmCodes)?.get(normalizeCode(code));

  return {
    lookup,
    isValid: (code, date) => row(code, date) !== undefined,
    isBillable: (code, date) => row(code, date)?.[1]?.includes('B') === true,
    title: (code, date) => row(code, date)?.[3],
    shortTitle(code, date) {
      const release = pick(date);
      const normalized = normalizeCode(code);
      const fields = release?.table(TABLE.icd10cmCodes)?.get(normalized);
      if (!release || !fields) return undefined;
      return release.table(TABLE.icd10cmShortTitles)?.get(normalized)?.[1] ?? fields[3];
    },
    parents(code, date) {
      const release = pick(date);
      const found = release ? lookupIn(release, normalizeCode(code)) : undefined;
      return release && found ? chain(release, found) : [];
    },
    children(code, date) {
      const release = pick(date);
      const normalized = normalizeCode(code);
      const table = release?.table(TABLE.icd10cmCodes);
      if (!release || !table) return [];
      return table
        .withPrefix(normalized)
        .filter((fields) => fields[2] === normalized)
        .map((fields) => toCode(fields, release.id));
    },
    notes: notesOf,
    excludes(code, date) {
      const excludes1: NoteRef[] = [];
      const excludes2: NoteRef[] = [];
      for (const { from, notes } of notesOf(code, date)) {
        for (const text of notes.excludes1 ?? []) excludes1.push({ text, from });
        for (const text of notes.excludes2 ?? []) excludes2.push({ text, from });
      }
      return { excludes1, excludes2 };
    },
    seventhCharacter(code, date) {
      const release = pick(date);
      const blob = release?.jsonTable<Icd10CmNotesBlob>(TABLE.icd10cmNotes);
      if (!release || !blob) return undefined;
      return seventhCharacterRule(release, blob, normalizeCode(code), lookupIn, chain);
    },
    searchTitles(words, date, limit = 20) {
      const release = pick(date);
      const table = release?.table(TABLE.icd10cmTitleWords);
      const query = searchWords(words);
      if (!release || !table || query.length === 0) return [];
      // Intersect starting from the rarest word, so the candidate list is short from the first step.
      const lists = query.map((word) => table.get(word)?.[1]?.split(',') ?? []).sort((a, b) => a.length - b.length);
      let codes = lists[0] ?? [];
      for (const list of lists.slice(1)) {
        const set = new Set(list);
        codes = codes.filter((code) => set.has(code));
      }
      return codes
        .flatMap((code) => lookupIn(release, code) ?? [])
        .sort(
          (a, b) =>
            Number(b.billable) - Number(a.billable) || a.title.length - b.title.length || (a.code < b.code ? -1 : 1),
        )
        .slice(0, limit);
    },
    searchIndex(words, date, limit = 20) {
      const release = pick(date);
      const table = release?.table(TABLE.indexWords);
      const query = searchWords(words);
      if (!release || !table || query.length === 0) return [];
      let ids: number[] | undefined;
      for (const word of query) {
        const found = idsOf(table.get(word));
        const set = new Set(found);
        ids = ids === undefined ? found : ids.filter((id) => set.has(id));
        if (ids.length === 0) return [];
      }
      const first = query[0]!;
      const hits = hitsFromIds(release, ids ?? []);
      const score = (hit: IndexHit) =>
        (searchWords(hit.path[0] ?? '').includes(first) ? 0 : 100) + (hit.code || hit.cells ? 0 : 50) + hit.path.length;
      return hits.sort((a, b) => score(a) - score(b)).slice(0, limit);
    },
    indexEntriesFor(code, date, limit = 20) {
      const release = pick(date);
      const table = release?.table(TABLE.indexCodes);
      if (!release || !table) return [];
      const normalized = normalizeCode(code);
      // An index code printed with a trailing dash ("C79.8-") stands for every code below it: try each prefix.
      const ids = new Set<number>();
      for (let length = normalized.length; length >= 3 && ids.size < limit; length--) {
        for (const id of idsOf(table.get(normalized.slice(0, length)))) ids.add(id);
      }
      return hitsFromIds(release, [...ids].slice(0, limit));
    },
    tableEntries(table, date) {
      const entries = pick(date)?.table(TABLE.indexEntries);
      if (!entries) return [];
      const rows: TableEntry[] = [];
      for (const [, source, path = '', code, , see, , cells, withModifiers] of entries.withPrefix('')) {
        if (source !== table || !(cells || code || see)) continue;
        rows.push({
          // Bundles compiled before the column was added have the path without the modifiers only.
          path: (withModifiers || path).split(' > '),
          cells: cells ? JSON.parse(cells) : {},
          ...(code ? { code } : {}),
          ...(see ? { see } : {}),
        });
      }
      return rows;
    },
    allCodes(date) {
      const release = pick(date);
      const table = release?.table(TABLE.icd10cmCodes);
      if (!release || !table) return [];
      return table.withPrefix('').map((fields) => toCode(fields, release.id));
    },
    demographics: (code) => demographicEditsFor(normalizeCode(code)),
  };
}

function seventhCharacterRule(
  release: LoadedRelease,
  blob: Icd10CmNotesBlob,
  code: string,
  lookupIn: (release: LoadedRelease, code: string) => Icd10CmCode | undefined,
  chain: (release: LoadedRelease, start: Icd10CmCode) => Icd10CmCode[],
): SeventhCharacterRule | undefined {
  // A complete 7-character code: the base is its first six characters (the 7th is what was given).
  const given = code.length === 7 ? code[6] : undefined;
  const base = given ? code.slice(0, 6) : code;
  const baseWithoutPlaceholder = base.replace(/X+$/, '');
  let start = lookupIn(release, base) ?? lookupIn(release, baseWithoutPlaceholder);
  for (let length = baseWithoutPlaceholder.length - 1; !start && length >= 3; length--) {
    start = lookupIn(release, baseWithoutPlaceholder.slice(0, length));
  }
  if (!start) return undefined;
  // Where a definition may be written, nearest first: the code and its ancestors, then its section and chapter.
  const levels = [start, ...chain(release, start)];
  const sectionId = blob.sectionOfCategory[levels[levels.length - 1]!.code];
  const chapter = sectionId ? blob.sections[sectionId]?.chapter : undefined;
  const places: { key: string; label: string }[] = [
    ...levels.map((level) => ({ key: level.code, label: level.display })),
    ...(sectionId ? [{ key: `section:${sectionId}`, label: `section ${sectionId}` }] : []),
    ...(chapter ? [{ key: `chapter:${chapter}`, label: `chapter ${chapter}` }] : []),
  ];
  const place = places.find(({ key }) => (blob.seventh[key]?.length ?? 0) > 0);
  if (!place) return undefined;
  const characters = blob.seventh[place.key]!;
  const padded = baseWithoutPlaceholder.padEnd(6, 'X');
  return {
    baseCode: padded,
    placeholderNeeded: baseWithoutPlaceholder.length < 6,
    characters,
    definedAt: place.label,
    ...(given ? { given, givenIsAllowed: characters.some((c) => c.character === given) } : {}),
  };
}
