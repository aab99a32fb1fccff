/**
 * The coders' review page of the lexicon's concept files (docs/coding/lexicon.md), generated from the validated data
 * so the page and the data cannot disagree (a spec compares them): per group, each concept's words, how the
 * sentence chooses its code, every code it can emit with its fiscal years, and its sources.
 */

import type { CombinedPhrasesFile } from './combined-phrases.ts';
import type { ConceptEntry, ConceptsFile, EmittedCode, ResolutionData } from './concept-data.ts';
import type { ConditionData } from './condition.ts';
import type { MedicationsFile } from './medications.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function condition(c: ConditionData): string {
  if ('words' in c) return c.words.map((w) => `"${w}"`).join(' or ');
  if ('modifier' in c) return c.modifier;
  if ('stage' in c) return `stage ${c.stage}`;
  if ('all' in c) return c.all.map(condition).join(' and ');
  if ('any' in c) return `(${c.any.map(condition).join(' or ')})`;
  return `not ${condition(c.not)}`;
}

function resolution(r: ResolutionData): string {
  if (typeof r === 'string') return r;
  if ('choices' in r)
    return r.choices
      .map(
        (choice) =>
          `${choice.codes.join(' + ')}${choice.lessSpecific ? ' (less specific: review)' : ''}${choice.ambiguity ? ` (review: ${choice.ambiguity})` : ''}`,
      )
      .join(', else ');
  if ('laterality' in r) {
    const { right, left, bilateral, unspecified } = r.laterality;
    const both = typeof bilateral === 'string' ? bilateral : bilateral.join(' + ');
    return `right ${right}, left ${left}, both ${both}, side not written ${unspecified}`;
  }
  return [...r.cases.map((c) => `if ${condition(c.when)}: ${nested(c.use)}`), `otherwise ${nested(r.otherwise)}`].join(
    '; ',
  );
}

/** Cases inside a case in brackets, so the reader sees where they end. */
function nested(r: ResolutionData): string {
  return typeof r === 'object' && 'cases' in r ? `[${resolution(r)}]` : resolution(r);
}

function coded(entry: ConceptEntry): string {
  return [
    resolution(entry.resolve),
    entry.seventhCharacter ? `7th character by ${entry.seventhCharacter} (A initial, D subsequent, S sequela)` : '',
    entry.historyCode ? `history ${entry.historyCode}` : '',
    entry.familyCode ? `family history ${entry.familyCode}` : '',
    entry.chronic ? '"history of" under treatment stays current' : '',
    entry.secondaryOnly ? 'never first-listed' : '',
    entry.integral ? `integral symptoms not coded beside it: ${entry.integral.join(', ')}` : '',
    entry.manifestations ? `manifestations its code includes: ${entry.manifestations.join(', ')}` : '',
    entry.service ? 'coded only when the service is done today' : '',
    entry.accounts ? `its codes account for: ${entry.accounts.join(', ')} (Index)` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const years = (c: Pick<EmittedCode, 'code' | 'fromYear' | 'toYear'>) =>
  `${c.code} FY${c.fromYear}-${c.toYear === undefined ? '' : `FY${c.toYear}`}`;

function row(entry: ConceptEntry): string {
  const sources = [...entry.sources, ...(entry.note ? [`Note: ${entry.note}`] : [])].join('; ');
  return `| ${entry.id} | ${entry.kind} | ${cell(entry.phrases.join(', ') || '(only through a combined phrase)')} | ${cell(coded(entry))} | ${entry.codes.map(years).join(', ')} | ${cell(sources)} |`;
}

function section(file: ConceptsFile): string[] {
  return [
    `## ${file.title} (data/concepts-${file.group}.json, version ${file.version})`,
    '',
    `${file.concepts.length} concepts. ${file.description}`,
    '',
    '| id | kind | phrases (as written, case-insensitive) | codes chosen | codes and fiscal years | sources |',
    '| --- | --- | --- | --- | --- | --- |',
    ...file.concepts.map(row),
    '',
  ];
}

function medicationSection(file: MedicationsFile): string[] {
  return [
    `## Medications: long-term drug therapy (data/medications.json, version ${file.version})`,
    '',
    file.description,
    '',
    '| class | names (as written, case-insensitive) | code and fiscal years | sources |',
    '| --- | --- | --- | --- |',
    ...file.classes.map(
      (c) => `| ${c.id} | ${cell(c.phrases.join(', '))} | ${years(c)} | ${cell(c.sources.join('; '))} |`,
    ),
    '',
  ];
}

function combinedSection(file: CombinedPhrasesFile): string[] {
  return [
    `## Combined phrases (data/combined-phrases.json, version ${file.version})`,
    '',
    file.description,
    '',
    '| concepts | phrases (as written, case-insensitive) | source |',
    '| --- | --- | --- |',
    ...file.combined.map((c) => `| ${c.concepts.join(' + ')} | ${cell(c.phrases.join(', '))} | ${cell(c.source)} |`),
    '',
  ];
}

export function lexiconPage(
  files: readonly ConceptsFile[],
  medications: MedicationsFile,
  combined: CombinedPhrasesFile,
): string {
  const concepts = files.flatMap((file) => file.concepts);
  const codes = new Set(concepts.flatMap((entry) => entry.codes.map((c) => c.code)));
  return [
    '# The clinical lexicon: the tables coders review',
    '',
    '<!-- Generated from core/coding/lexicon/data/concepts-*.json by `npm run docs:lexicon`; do not edit by hand. -->',
    '',
    `${files.length} groups, ${concepts.length} concepts, ${codes.size} codes. Each concept is what a clinician writes`,
    '(its phrases, matched case-insensitively with abbreviations expanded), the code or codes it proposes and the words',
    'of the sentence that choose between them. The release in effect on the date of service confirms every code: of',
    'choices written "A, else B", the first billable one is used, and a code the release lacks goes to review naming',
    'the code and the release. Fiscal year FY2016 means codes effective from 2015-10-01; a year range ending in "-" is',
    'still valid. Years and codes are checked against the FY2018 order file and the FY2025 tabular (chapter 2) by',
    'test/unit/coding/lexicon/release.test.ts. Status and personal-history concepts are in',
    '[status-history.md](status-history.md).',
    '',
    'Sources:',
    '',
    ...[...new Set(files.flatMap((file) => file.sources))].map((source) => `- ${source}`),
    '',
    ...files.flatMap(section),
    ...combinedSection(combined),
    ...medicationSection(medications),
  ].join('\n');
}
