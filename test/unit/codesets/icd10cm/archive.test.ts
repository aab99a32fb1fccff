import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { describeWithSharedData } from '#test/support/shared-data';
import { FY2018_ZIP, readSharedBytes } from './official-files.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('readReleaseFiles', () => {
  it('returns a plain (unzipped) file as itself', () => {
    const input = { name: 'icd10cm_codes_2018.txt', bytes: ascii('A000    Cholera\r\n') };

    expect(readReleaseFiles(input)).toEqual([input]);
  });

  it('expands a zip, keeping nested folder paths as names and dropping folder entries', () => {
    const zip = zipSync({
      'release/': {},
      'release/tables/icd10cm_drug_2025.xml': ascii('<x/>'),
      'readme.txt': ascii('hi'),
    });

    const files = readReleaseFiles({ name: 'release.zip', bytes: zip });

    expect(files.map((f) => f.name).sort()).toEqual(['readme.txt', 'release/tables/icd10cm_drug_2025.xml']);
    expect(decodeReleaseText(files.find((f) => f.name === 'readme.txt')?.bytes ?? new Uint8Array())).toBe('hi');
  });

  it('rejects a zip whose stored data was altered, by its CRC-32, naming the archive and the entry', () => {
    const zip = zipSync(
      { 'icd10cm_codes_2018.txt': ascii('A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n') },
      { level: 0 },
    );
    const altered = zip.slice();
    // The 'C' of 'Cholera' in the stored (uncompressed) entry, found by the whole word: a lone 0x43 can also occur in
    // the local header's DOS modification time, which made this test fail at some times of day.
    const stored = Buffer.from(altered).indexOf('Cholera due', 0, 'latin1');
    expect(stored).toBeGreaterThan(0);
    altered[stored] = 0x63;

    expect(() => readReleaseFiles({ name: 'release.zip', bytes: altered })).toThrow(
      /^release\.zip: entry icd10cm_codes_2018\.txt has CRC-32 [0-9a-f]{8} but the zip directory says [0-9a-f]{8}; the archive is corrupt/,
    );
  });

  it('rejects a zip whose central directory is damaged, naming the file', () => {
    const zip = zipSync({ 'a.txt': ascii('some text that is long enough to deflate, deflate, deflate') });
    const damaged = zip.slice();
    const centralDirectory = damaged.findLastIndex(
      (_, i) => damaged[i] === 0x50 && damaged[i + 1] === 0x4b && damaged[i + 2] === 0x01,
    );
    damaged.fill(0xff, centralDirectory, centralDirectory + 30);

    expect(() => readReleaseFiles({ name: 'damaged.zip', bytes: damaged })).toThrow(/damaged\.zip: not a readable zip/);
  });
});

describeWithSharedData('readReleaseFiles on the CMS FY2018 code descriptions zip', FY2018_ZIP, () => {
  it('lists the order, codes and addenda files the release holds', () => {
    const files = readReleaseFiles({ name: 'release.zip', bytes: readSharedBytes(FY2018_ZIP) });

    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'icd10cm_order_2018.txt',
        'icd10cm_codes_2018.txt',
        'icd10cm_order_addenda_2018.txt',
        'icd10cm_codes_addenda_2018.txt',
      ]),
    );
  });

  it('rejects the zip cut in half as truncated, naming the file', () => {
    const bytes = readSharedBytes(FY2018_ZIP);

    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));

    expect(() => readReleaseFiles({ name: '2018-ICD-10-Code-Descriptions.zip', bytes: truncated })).toThrow(
      /^2018-ICD-10-Code-Descriptions\.zip: .*end-of-central-directory.*truncated/,
    );
  });
});

describe('decodeReleaseText', () => {
  it('decodes UTF-8 (as the XML files declare) and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...ascii('Sj'), 0xc3, 0xb6, ...ascii('gren')]);

    expect(decodeReleaseText(bytes)).toBe('Sjögren');
  });

  it('decodes single-byte CMS text as Windows-1252 without throwing: Latin-1 letters and curly quotes survive', () => {
    const bytes = new Uint8Array([...ascii('Sj'), 0xf6, ...ascii('gren '), 0x93, ...ascii('NOS'), 0x94, 0x20, 0x96]);

    expect(decodeReleaseText(bytes)).toBe('Sjögren \u201cNOS\u201d \u2013');
  });

  it('maps every Windows-1252 character of 0x80-0x9F (the euro sign, Š) and keeps its five undefined bytes', () => {
    expect(decodeReleaseText(new Uint8Array([0x80, 0x8a, 0x9f, 0x81, 0x9d]))).toBe('\u20ac\u0160\u0178\u0081\u009d');
  });
});
