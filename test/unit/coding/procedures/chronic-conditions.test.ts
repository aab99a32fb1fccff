/** The chronic-illness table the E/M problem element reads codes through (data/chronic-conditions.json). */
import { describe, expect, it } from 'vitest';
import { isChronicCode, isExacerbationCode, parseChronicConditions } from '#core/coding/procedures/chronic-conditions';
import chronicFile from '../../../../core/coding/procedures/data/chronic-conditions.json' with { type: 'json' };

describe('chronic illnesses and exacerbations by ICD-10-CM code', () => {
  it('reads a code under a listed category as chronic, and a code stating an exacerbation as both', () => {
    expect(isChronicCode('E78.5')).toBe(true);
    expect(isChronicCode('M17.0')).toBe(true);
    expect(isChronicCode('J06.9')).toBe(false);
    expect(isExacerbationCode('J44.1')).toBe(true);
    expect(isExacerbationCode('J44.9')).toBe(false);
    expect(isChronicCode('J44.1')).toBe(true);
  });

  it('rejects an exacerbation code whose category is not chronic, naming the entry', () => {
    const bad = structuredClone(chronicFile);
    bad.exacerbation.push({ prefix: 'J20.9', name: 'acute bronchitis' });
    expect(() => parseChronicConditions(bad)).toThrow(/exacerbation\.\d+: J20\.9 is not under a chronic prefix/);
  });

  it('rejects a prefix that is not an ICD-10-CM category or code', () => {
    const bad = structuredClone(chronicFile);
    bad.chronic.push({ prefix: 'E785', name: 'no dot' });
    expect(() => parseChronicConditions(bad)).toThrow(/chronic\.\d+\.prefix/);
  });
});
