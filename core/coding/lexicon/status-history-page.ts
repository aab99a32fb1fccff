/**
 * The coders' review page of the status and history table (docs/coding/status-history.md), generated from the
 * validated data so the page and the table cannot disagree (a spec compares them).
 */
import { entryCodes, type StatusHistoryEntry, type StatusHistoryFile } from './status-history.ts';

function years(entry: StatusHistoryEntry): string {
  return entry.codeSetYears.to === undefined
    ? `FY${entry.codeSetYears.from}-`
    : `FY${entry.codeSetYears.from}-FY${entry.codeSetYears.to}`;
}

function sided(table: StatusHistoryEntry['statusByLaterality']): string {
  if (!table) return '';
  const bilateral = typeof table.bilateral === 'string' ? table.bilateral : table.bilateral.join(' + ');
  return `right ${table.right}, left ${table.left}, both ${bilateral}, side not written ${table.unspecified}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function row(entry: StatusHistoryEntry): string {
  const coded =
    entry.role === 'status'
      ? `status: ${entry.status ?? sided(entry.statusByLaterality)}`
      : `current: ${entry.current ?? sided(entry.currentByLaterality)}${entry.currentAmbiguity ? ' (review)' : ''}; history: ${entry.history}${entry.chronic ? '; under treatment stays current' : ''}${entry.integral ? `; integral: ${entry.integral.join(', ')}` : ''}`;
  const review = (entry.reviewWhen ?? []).map((rule) => `review when "${rule.words.join('", "')}"`).join('; ');
  return `| ${entry.id} | ${cell(entry.phrases.join(', '))} | ${cell(coded)}${review ? `; ${cell(review)}` : ''} | ${years(entry)} | ${cell(entry.source)} |`;
}

export function statusHistoryPage(file: StatusHistoryFile): string {
  const codes = new Set(file.concepts.flatMap(entryCodes));
  return [
    '# Status and personal history: the table coders review',
    '',
    '<!-- Generated from core/coding/lexicon/data/status-history.json by `npm run docs:lexicon`; do not edit by hand. -->',
    '',
    `Version ${file.version}: ${file.concepts.length} entries, ${codes.size} codes. ${file.description}`,
    '',
    'Sources:',
    '',
    ...file.sources.map((source) => `- ${source}`),
    '',
    '| id | phrases (as written, case-insensitive) | codes | code-set years | source |',
    '| --- | --- | --- | --- | --- |',
    ...file.concepts.map(row),
    '',
  ].join('\n');
}
