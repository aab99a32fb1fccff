import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { parseHcpcsAnnualFile } from '#core/codesets/hcpcs/annual-file';
import { CodeSetFileError } from '#core/codesets/import-error';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const ZIP = ['hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip'];
const MEMBER = 'HCPC2019_CONTR_ANWEB.txt';

function annualFileText(): string {
  const path = sharedData(...ZIP);
  const files = readReleaseFiles({ name: path, bytes: readFileSync(path) });
  const member = files.find((f) => f.name.endsWith(MEMBER));
  if (!member) throw new Error(`${MEMBER} missing from ${path}`);
  return decodeReleaseText(member.bytes);
}

/** A first-line procedure record built column by column, as the record layout places the fields. */
function procedureRecord(code: string, overrides: Partial<Record<'recordId' | 'add' | 'action', string>> = {}): string {
  const line = Array.from({ length: 320 }, () => ' ');
  const put = (column: number, value: string) => {
    for (let i = 0; i < value.length; i++) line[column - 1 + i] = value[i]!;
  };
  put(1, code);
  put(6, '00100');
  put(11, overrides.recordId ?? '3');
  put(12, 'Injection, example drug, 1 mg');
  put(92, 'Example drug inj');
  put(120, '51');
  put(128, 'A');
  put(230, 'D');
  put(257, 'O1E');
  put(261, '1');
  put(269, overrides.add ?? '20190101');
  put(277, '20190101');
  put(293, overrides.action ?? 'A');
  return line.join('');
}

describeWithSharedData('HCPCS 2019 annual file, imported completely', ZIP, () => {
  const text = annualFileText();
  const release = parseHcpcsAnnualFile(MEMBER, text);
  // Counted independently of the parser: record id 3 starts a procedure, 7 starts a modifier (layout field 6).
  const lines = text.split(/\r?\n/);
  const firstLinesWithId = (id: string) => lines.filter((l) => /^[A-Z0-9 ]{5}\d{5}[3478]/.test(l) && l[10] === id);

  it('returns one procedure per record-id-3 line and one modifier per record-id-7 line', () => {
    expect(release.procedures).toHaveLength(firstLinesWithId('3').length);
    expect(release.modifiers).toHaveLength(firstLinesWithId('7').length);
    expect(new Set(release.procedures.map((p) => p.code)).size).toBe(release.procedures.length);
  });

  it('joins continuation lines into the long description in sequence order', () => {
    const g8891 = release.procedures.find((p) => p.code === 'G8891');
    expect(g8891?.longDescription).toBe(
      'Documentation of medical reason(s) for most recent ldl-c not under control (e.g., patients with palliative goals for whom treatment of hypertension with standard treatment goals is not clinically appropriate)',
    );
  });

  it('reads dates, pricing, coverage and action code from their columns', () => {
    expect(release.procedures.find((p) => p.code === 'J1100')).toMatchObject({
      shortDescription: 'Dexamethasone sodium phos',
      pricingIndicators: ['51'],
      coverageCode: 'D',
      betos: 'O1E',
      addDate: '1982-01-01',
      actionEffectiveDate: '2001-01-01',
      terminationDate: undefined,
      actionCode: 'N',
    });
    expect(release.procedures.find((p) => p.code === 'A4466')?.terminationDate).toBe('2016-12-31');
  });

  it('reads modifiers from columns 4-5', () => {
    expect(release.modifiers.find((m) => m.modifier === 'KX')?.longDescription).toMatch(
      /requirements specified in the medical policy/i,
    );
    expect(release.modifiers.every((m) => /^[A-Z0-9]{2}$/.test(m.modifier))).toBe(true);
  });

  it('rejects the file cut short in the middle of a record, naming the line', () => {
    const recordLine = lines.findIndex((l) => l.startsWith('J1100'));
    const truncated = [...lines.slice(0, recordLine), lines[recordLine]!.slice(0, 200)].join('\r\n');
    expect(() => parseHcpcsAnnualFile(MEMBER, truncated)).toThrow(
      new RegExp(`line ${recordLine + 1}: first record of "J1100" is 200 characters`),
    );
  });
});

describe('HCPCS annual file layout errors', () => {
  it('names the line and column of a date that is not YYYYMMDD', () => {
    const text = ['', procedureRecord('J9999', { add: '2019-1-1' })].join('\r\n');
    expect(() => parseHcpcsAnnualFile('HCPC.txt', text)).toThrow(
      'HCPC.txt, line 2: addDate in columns 269-276 of "J9999" must be a YYYYMMDD date or blank, found "2019-1-1"',
    );
  });

  it('rejects an unknown action code', () => {
    expect(() => parseHcpcsAnnualFile('HCPC.txt', procedureRecord('J9999', { action: 'Z' }))).toThrow(
      /line 1: action code in column 293 of "J9999" must be one of/,
    );
  });

  it('rejects a continuation line with no first record before it', () => {
    expect(() => parseHcpcsAnnualFile('HCPC.txt', procedureRecord('J9999', { recordId: '4' }))).toThrow(
      /line 1: continuation record \(id 4\) for "J9999" does not follow a first record/,
    );
  });

  it('rejects a file of another layout (an ICD-10-CM order file) as not HCPCS', () => {
    const orderFile = Array.from({ length: 50 }, (_, i) => `${String(i + 1).padStart(5, '0')} A000    0 Cholera`).join(
      '\n',
    );
    const error = (() => {
      try {
        parseHcpcsAnnualFile('icd10cm_order_2018.txt', orderFile);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CodeSetFileError);
    expect((error as CodeSetFileError).message).toMatch(
      /icd10cm_order_2018.txt, line 41: no HCPCS record within the first 40 lines/,
    );
  });
});
