import { describe, expect, it } from 'vitest';
import {
  BUNDLED_MAPPING_FILES,
  denialMapping,
  InvalidDenialMappingError,
  loadDenialMapping,
} from '#core/denials/mapping';

describe('the denial mapping data (core/denials/data)', () => {
  const mapping = denialMapping();

  it('covers the codes payers commonly send, not a handful', () => {
    expect(mapping.carc.size).toBeGreaterThan(250);
    expect(mapping.rarc.size).toBeGreaterThan(100);
    expect(mapping.claimStatusCodes.size).toBeGreaterThan(150);
    expect([...mapping.claimStatusCategories.keys()]).toEqual(
      expect.arrayContaining([
        'A0',
        'A1',
        'A2',
        'A3',
        'A4',
        'A5',
        'A6',
        'A7',
        'A8',
        'E0',
        'E1',
        'E2',
        'E3',
        'E4',
        'D0',
        'F1',
        'P1',
        'R4',
      ]),
    );
    expect([...mapping.adjustmentGroups.keys()]).toEqual(['CO', 'PR', 'OA', 'PI', 'CR']);
  });

  it('has every CARC that appears in the shared sample remittances', () => {
    // 42, 141, 165 (and OA-A7) also appear there; they were deactivated years ago and classify as unknown on purpose.
    for (const code of [
      '45',
      '24',
      '23',
      '147',
      '26',
      '204',
      '16',
      '2',
      '29',
      '1',
      '176',
      '251',
      '3',
      '104',
      '22',
      '18',
    ]) {
      expect(mapping.carc.has(code), `CARC ${code}`).toBe(true);
    }
  });

  it('is one version across all files, with sources', () => {
    expect(mapping.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    for (const sources of Object.values(mapping.sources)) expect(sources.length).toBeGreaterThan(0);
  });

  it('refuses a file with an undefined category, naming the code', () => {
    const carc = structuredClone(BUNDLED_MAPPING_FILES.carc) as { entries: { code: string; category: string }[] };
    carc.entries[0]!.category = 'made_up';
    expect(() => loadDenialMapping({ ...BUNDLED_MAPPING_FILES, carc })).toThrow(
      'carc: 1: category "made_up" is not defined in categories.json',
    );
  });

  it('refuses duplicates, version drift and long (copied) descriptions, listing every problem', () => {
    const carc = structuredClone(BUNDLED_MAPPING_FILES.carc) as {
      version: string;
      entries: { code: string; description: string }[];
    };
    carc.entries.push({ ...carc.entries[0]! });
    carc.version = '2020.1.1';
    const rarc = structuredClone(BUNDLED_MAPPING_FILES.rarc) as { entries: { description: string }[] };
    rarc.entries[0]!.description = 'x'.repeat(200);
    let error: unknown;
    try {
      loadDenialMapping({ ...BUNDLED_MAPPING_FILES, carc, rarc });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidDenialMappingError);
    expect((error as InvalidDenialMappingError).problems).toEqual([
      'rarc: entries.0.description: descriptions are short, in our own words (at most 120 characters)',
    ]);
    const rarcOk = BUNDLED_MAPPING_FILES.rarc;
    expect(() => loadDenialMapping({ ...BUNDLED_MAPPING_FILES, carc, rarc: rarcOk })).toThrow(
      /carc: version 2020\.1\.1 differs[\s\S]*carc: 1 is listed twice/,
    );
  });

  it('a remark code is either an alert or has a category', () => {
    for (const entry of mapping.rarc.values()) expect(entry.alert === true || entry.category !== undefined).toBe(true);
  });
});
