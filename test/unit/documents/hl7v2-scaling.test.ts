import { describe, expect, it } from 'vitest';
import { parseHl7v2 } from '#core/documents/hl7v2/parse-hl7v2';

/**
 * Linear on hostile sizes (issue 10: 40,000 FT1 segments took 21 s): parsing four times the charges must cost about
 * four times as much, not sixteen. Growth ratios, not absolute times, so a slow or busy machine does not decide.
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

function secondsFor(count: number): number {
  const text = message(count);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage();
    const result = parseHl7v2(text, { key: 'scaling.hl7' });
    const used = process.cpuUsage(started);
    expect(result.ok).toBe(true);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

describe('HL7 v2 parsing cost as the message grows', () => {
  it('grows linearly with the number of FT1 and PR1 segments', () => {
    secondsFor(1_000); // warm-up: compile the hot paths before measuring
    const small = secondsFor(5_000);
    const large = secondsFor(20_000);
    // Linear is 4x; quadratic would be 16x. The margin absorbs garbage collection and a shared CPU.
    expect(large / small).toBeLessThan(8);
  }, 120_000);

  it('keeps one line per charge and each diagnosis once', () => {
    const result = parseHl7v2(message(300), { key: 'scaling.hl7' });
    if (!result.ok) throw new Error(result.message);
    expect(result.encounters[0]!.procedures.filter((p) => p.code === '99213')).toHaveLength(300);
    expect(result.encounters[0]!.procedures.filter((p) => p.code === '36415')).toHaveLength(1);
    expect(result.encounters[0]!.diagnoses).toHaveLength(300);
  });
});
