import { describe, expect, it } from 'vitest';
import type { CodedDiagnosis } from '#core/coding/coded-encounter';
import { pointersFor } from '#core/coding/procedures/pointers';
import type { ProposedLine } from '#core/coding/procedures/proposed-line';

const dx = (code: string, start?: number, end?: number): CodedDiagnosis => ({
  code,
  confidence: 0.95,
  evidence: start === undefined ? [] : [{ kind: 'text', start, end, rule: 'spec' }],
  codeSetVersion: 'spec',
});
const line = (kind: ProposedLine['kind'], more: Partial<ProposedLine> = {}): ProposedLine => ({
  code: '99999',
  system: 'CPT',
  units: 1,
  modifiers: [],
  kind,
  confidence: 0.9,
  evidence: [],
  ...more,
});

describe('diagnosis pointers', () => {
  const diagnoses = ['I10', 'E11.9', 'E78.5', 'K21.9', 'J30.2', 'Z23'].map((c) => dx(c));

  it('points an E/M to at most four problems in first-listed order, leaving Z23 to the vaccine', () => {
    expect(pointersFor(line('em'), diagnoses)).toEqual([1, 2, 3, 4]);
  });

  it('points a service to the diagnoses it is for, best prefix first', () => {
    expect(pointersFor(line('test', { relevantDiagnoses: ['E11', 'R73'] }), diagnoses)).toEqual([2]);
    expect(pointersFor(line('vaccine', { relevantDiagnoses: ['Z23'] }), diagnoses)).toEqual([6]);
  });

  it('prefers a diagnosis written in the same sentence as the service', () => {
    const nearby = [dx('I10', 0, 10), dx('M54.50', 100, 113)];
    expect(pointersFor(line('drug', { anchor: { start: 95, end: 130 } }), nearby)).toEqual([2]);
  });

  it('falls back to the first-listed diagnosis when nothing is more relevant', () => {
    expect(pointersFor(line('drug'), diagnoses)).toEqual([1]);
  });

  it('points nowhere when there is no diagnosis', () => {
    expect(pointersFor(line('em'), [])).toEqual([]);
  });
});
