/**
 * Hostile input stays linear. Each hostile shape is generated at sizes n and 4n and read (typed, in lenient mode so
 * every issue is collected). The work is counted, not timed: every call a reader makes on a segment (element,
 * optional, components, repeats, elementStart, elements) is charged the length of that segment's text, the most
 * such a call can scan. A reader that went back over earlier segments, or read a growing number of elements of a
 * growing segment, would be charged quadratically; 4x the input may cost at most a little over 4x the work.
 * (Speed itself is measured in bench/, never in tests.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Segment } from '#core/x12/reader';
import { readTypedX12 } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';

const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261202*1200*^*00501*000000001*0*T*:~';

/** An interchange with one group and one transaction set whose body is `body`; the trailer counts are right. */
function interchange(functionalId: string, st: string, body: string[]): string {
  const segments = [st, ...body];
  return [
    ISA,
    `GS*${functionalId}*SENDER*RECEIVER*20261202*1200*1*X*${st.split('*')[3] ?? ''}~`,
    ...segments.map((segment) => `${segment}~`),
    `SE*${segments.length + 1}*0001~`,
    'GE*1*1~',
    'IEA*1*000000001~',
  ].join('\n');
}

const HOSTILE: Record<string, (n: number) => string> = {
  '999: AK2 after AK2, none with its IK5': (n) =>
    interchange('FA', 'ST*999*0001*005010X231A1', [
      'AK1*HC*1*005010X222A1',
      ...Array.from({ length: n }, (_, i) => `AK2*837*${String(i + 1).padStart(4, '0')}`),
      `AK9*A*${n}*${n}*0`,
    ]),
  '999: one IK3 with n CTX and n IK4': (n) =>
    interchange('FA', 'ST*999*0001*005010X231A1', [
      'AK1*HC*1*005010X222A1',
      'AK2*837*0001',
      'IK3*NM1*7*2010BA*8',
      ...Array.from({ length: n }, (_, i) => (i % 2 ? 'CTX*CLM01:PCN1' : `IK4*${(i % 9) + 1}*66*7*ZZ`)),
      'IK5*R*5',
      'AK9*R*1*1*0',
    ]),
  '277CA: n claims without STC under one provider': (n) =>
    interchange('HN', 'ST*277*0001*005010X214', [
      'BHT*0085*08*REF*20261202*1200*TH',
      'HL*1**20*1',
      'NM1*PR*2*PAYER*****PI*1',
      'TRN*1*1',
      'HL*2*1*21*1',
      'NM1*41*2*US*****46*1',
      'TRN*2*1',
      'HL*3*2*19*1',
      'NM1*85*2*CLINIC*****XX*1234567893',
      'TRN*1*0',
      ...Array.from({ length: n }, (_, i) => [`HL*${i + 4}*3*PT`, 'NM1*QC*1*DOE*J', `TRN*2*PCN${i}`]).flat(),
    ]),
  '277CA: one STC with n components and a long message': (n) =>
    interchange('HN', 'ST*277*0001*005010X214', [
      'BHT*0085*08*REF*20261202*1200*TH',
      'HL*1**20*1',
      `STC*A1:19${':X'.repeat(n)}*20261202*WQ*1******A2:20*A3:21*${'M'.repeat(n)}`,
    ]),
  '835: n claims, each with an out-of-place N1 and a bad state': (n) =>
    interchange('HP', 'ST*835*0001', [
      `BPR*I*0*C*NON************20261202`,
      'TRN*1*TRACE*1512345678',
      'N1*PR*PAYER',
      'N3*1 WAY',
      'N4*TOWN*ZZ*12345',
      'PER*BL*EDI*TE*8005550100',
      'N1*PE*CLINIC*XX*1234567893',
      ...Array.from({ length: n }, (_, i) => [`CLP*PCN${i}*1*0*0*0*12*X${i}`, 'N1*PE*AGAIN', 'N4*TOWN*QQ*1']).flat(),
    ]),
  '837P: n HL levels numbered and parented wrongly': (n) =>
    interchange('HC', 'ST*837*0001*005010X222A1', [
      'BHT*0019*00*1*20261202*1200*CH',
      ...Array.from({ length: n }, (_, i) => `HL*${i * 7 + 3}*${i * 5}*${i % 2 ? '22' : '23'}*1`),
    ]),
  'one segment with n elements': (n) => interchange('HP', 'ST*835*0001', [`REF*EV${'*X'.repeat(n)}`]),
};

const CHARGED = ['element', 'optional', 'components', 'repeats', 'elementStart', 'elementEnd'] as const;

describe('hostile input: counted work grows linearly with the input', () => {
  let work = 0;

  beforeEach(() => {
    for (const method of CHARGED) {
      const original = Segment.prototype[method] as (this: Segment, ...args: number[]) => unknown;
      vi.spyOn(Segment.prototype, method).mockImplementation(function (this: Segment, ...args: number[]) {
        work += this.raw.length;
        return original.apply(this, args) as never;
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  function workFor(text: string): { work: number; size: number } {
    work = 0;
    try {
      readTypedX12(text, { lenient: true });
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
    }
    return { work, size: text.length };
  }

  it.each(Object.entries(HOSTILE))('%s', (_name, generate) => {
    const small = workFor(generate(2_000));
    const large = workFor(generate(8_000));

    expect(small.work).toBeGreaterThan(0);
    if (process.env.X12_SCALING_REPORT)
      console.log(
        `${_name}: input x${(large.size / small.size).toFixed(2)}, work x${(large.work / small.work).toFixed(2)}`,
      );
    const inputRatio = large.size / small.size;
    expect(large.work / small.work).toBeLessThan(inputRatio * 1.1);
  });
});
