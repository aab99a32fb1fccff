import { describe, expect, it } from 'vitest';
import {
  calendarDateOf,
  isValidNpi,
  normalizeIcd10Cm,
  normalizePostalCode,
  parseFlexibleDate,
  procedureCodeSystem,
} from '#core/documents/identifiers';

describe('identifier and value checks', () => {
  it('accepts an NPI only with the Luhn check digit over the 80840 prefix', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('160')).toBe(false);
  });

  it('takes the calendar date as written, whatever the offset', () => {
    expect(calendarDateOf('2026-11-02T23:30:00-05:00')).toBe('2026-11-02');
    expect(calendarDateOf('2026-11-02')).toBe('2026-11-02');
    expect(calendarDateOf('2026-11')).toBeUndefined();
    expect(calendarDateOf('2026-02-29T10:00:00Z')).toBeUndefined();
  });

  it('reads the date forms people type, refusing impossible dates', () => {
    expect(parseFlexibleDate('3/4/2026')).toBe('2026-03-04');
    expect(parseFlexibleDate('20261102')).toBe('2026-11-02');
    expect(parseFlexibleDate('2024-02-29')).toBe('2024-02-29');
    expect(parseFlexibleDate('13/01/2026')).toBeUndefined();
    expect(parseFlexibleDate('Nov 2, 2026')).toBe('2026-11-02');
    expect(parseFlexibleDate('2 November 2026')).toBe('2026-11-02');
    expect(parseFlexibleDate('Sept 30, 2026')).toBe('2026-09-30');
    expect(parseFlexibleDate('Mayday 2, 2026')).toBeUndefined();
  });

  it('normalizes ZIP codes and ICD-10-CM codes, and tells CPT from HCPCS', () => {
    expect(normalizePostalCode('62704-1234')).toBe('627041234');
    expect(normalizePostalCode('6270')).toBeUndefined();
    expect(normalizeIcd10Cm('s93401a')).toBe('S93.401A');
    expect(normalizeIcd10Cm('I10')).toBe('I10');
    expect(normalizeIcd10Cm('250.00')).toBeUndefined();
    expect([procedureCodeSystem('99213'), procedureCodeSystem('0001U'), procedureCodeSystem('J3420')]).toEqual([
      'CPT',
      'CPT',
      'HCPCS',
    ]);
    expect(procedureCodeSystem('9921')).toBeUndefined();
  });
});
