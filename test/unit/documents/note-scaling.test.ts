import { describe, expect, it } from 'vitest';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { countWork } from '#test/support/work-counter';

/**
 * A note's reading is linear in its length, whatever its shape: every line a heading, every comma a flattened
 * heading, every line a header field. Work is counted (test/support/work-counter.ts), so no clock decides. Notes are
 * limited to 100,000 characters; within that, four times the text must cost about four times the work.
 */

/** `lines` lines, each a heading at its start and flattened headings after commas (`PLAN: x,ASSESSMENT: y`), or a table row. */
function headingsEverywhere(lines: number): string {
  const rows: string[] = [];
  for (let i = 0; i < lines; i++)
    rows.push(
      i % 4 === 3
        ? `| Assessment | finding ${i} | more |`
        : `${i % 2 ? 'PLAN' : 'HPI'}: item ${i}, more,ASSESSMENT: finding ${i}. Follow up,EXAM: normal.`,
    );
  return rows.join('\n');
}

/** `lines` lines of header fields, several to a line, some without a colon, and table rows. */
function fieldsEverywhere(lines: number): string {
  const rows: string[] = [];
  for (let i = 0; i < lines; i++)
    rows.push(
      i % 3 === 2
        ? `| DOB | 04/12/1961 | Sex | F | MRN | ${i} |`
        : `Patient: Doe, Jane ${i}   D.O.B. 04/12/1961 | Sex: F; Member ID: SBX${i}  DOS 11/02/2026  Provider: Lena Ortiz, MD`,
    );
  return rows.join('\n');
}

function workFor(text: string): number {
  let ok = false;
  const { units } = countWork(() => {
    ok = parseClinicalNote(text, { key: 'scaling.txt' }).ok;
  });
  expect(ok).toBe(true);
  return units;
}

describe('clinical note reading work as the note grows', () => {
  it('grows linearly with the number of headings, at line starts and after commas', () => {
    const small = workFor(headingsEverywhere(200));
    const large = workFor(headingsEverywhere(800));
    expect(large / small).toBeLessThan(4.6);
  });

  it('grows linearly with the number of header fields and table rows', () => {
    const small = workFor(fieldsEverywhere(200));
    const large = workFor(fieldsEverywhere(800));
    expect(large / small).toBeLessThan(4.6);
  });

  it('reads a line with a long run of blanks before a label or inside a value whole', () => {
    // Before, the test for a segment's opening backtracked over the run of blanks in cubic time: hours for this line.
    const blanks = ' '.repeat(20_000);
    const text = [
      `Seen today${blanks}by Patient: walk-in`,
      'Patient: Ana Rivera',
      `Member ID: SBX123${blanks}see card`,
      'ASSESSMENT: Acute bronchitis.',
    ].join('\n');
    const parsed = parseClinicalNote(text, { key: 'blanks.txt' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // `by Patient:` in prose opens no segment, so the patient is the one of the next line.
    expect(parsed.encounters[0]!.patient).toMatchObject({ firstName: 'Ana', lastName: 'Rivera' });
    expect(parsed.encounters[0]!.subscriber?.memberId).toBe('SBX123');
  });
});
