import { describe, expect, it } from 'vitest';
import { parseHl7v2 } from '#core/documents/hl7v2/parse-hl7v2';
import { countWork } from '#test/support/work-counter';

/**
 * Linear on hostile sizes (issue 10: 40,000 FT1 segments took 21 s, a duplicate check scanning every earlier charge):
 * parsing four times the charges must do four times the work, not sixteen. Work is counted (test/support/
 * work-counter.ts: the elements and characters the parser's scans pass, its Set and Map operations), so the same
 * message always counts the same and no machine, load or garbage collector decides.
 */
const HEADER = [
  'MSH|^~\\&|EHR|CLINIC^1234567893^NPI|CLAIMFLOW|CLAIMFLOW|202611031015||DFT^P03^DFT_P03|C1|P|2.5.1',
  'PID|1||MRN-1^^^CLINIC^MR||Doe^Jane||19700101|F',
  'PV1|1|O|11||||1456789019^Ortiz^Lena^^^^^^NPPES^^^^NPI||||||||||||V-1',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `count` charges, each pointing at its own diagnosis, and as many PR1 segments: every duplicate check is hit. */
function message(count: number): string {
  const lines = [...HEADER];
  for (let i = 0; i < count; i++) {
    const diagnosis = `M${pad(i % 100, 2)}.${pad(Math.floor(i / 100) % 100, 2)}`;
    lines.push(
      `FT1|${i + 1}|||20261103${'   '.repeat(i % 3)}||CG|99213^Office visit^C4|||1|100.00||||||||${diagnosis}^^I10||||||99213^^C4`,
    );
  }
  for (let i = 0; i < count; i++) lines.push(`PR1|${i + 1}||${i % 2 ? '99213' : '36415'}^^C4||20261103`);
  return lines.join('\r');
}

/** The work of parsing a message of `count` charges, and that work per character of the message. */
function workFor(count: number): { units: number; perCharacter: number } {
  const text = message(count);
  let ok = false;
  const { units } = countWork(() => {
    ok = parseHl7v2(text, { key: 'scaling.hl7' }).ok;
  });
  expect(ok).toBe(true);
  return { units, perCharacter: units / text.length };
}

describe('HL7 v2 parsing work as the message grows', () => {
  it('grows linearly with the number of FT1 and PR1 segments', () => {
    const small = workFor(1_000);
    const large = workFor(4_000);
    // Linear is 4x (about 5.3 units a character at both sizes); the quadratic duplicate check was 9x here, and 16x
    // and more at the next step.
    expect(large.units / small.units).toBeLessThan(4.4);
    expect(large.perCharacter).toBeLessThan(8);
  });

  it('keeps one line per charge and each diagnosis once', () => {
    const result = parseHl7v2(message(300), { key: 'scaling.hl7' });
    if (!result.ok) throw new Error(result.message);
    expect(result.encounters[0]!.procedures.filter((p) => p.code === '99213')).toHaveLength(300);
    expect(result.encounters[0]!.procedures.filter((p) => p.code === '36415')).toHaveLength(1);
    expect(result.encounters[0]!.diagnoses).toHaveLength(300);
  });
});
