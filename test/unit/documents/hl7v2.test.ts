import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tokenizeHl7, unescapeHl7 } from '#core/documents/hl7v2/hl7-tokenizer';
import { parseHl7v2 } from '#core/documents/hl7v2/parse-hl7v2';
import { missingInformation } from '#core/documents/missing-information';
import type { ParseResult } from '#core/documents/parse-result';

const fixtureText = readFileSync(
  fileURLToPath(new URL('../../fixtures/documents/hl7v2/dft-p03-with-note.hl7', import.meta.url)),
  'utf8',
);
const source = { key: 'inbox/visit.hl7' };
const DELIMITERS = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

const MSH = (type: string, control: string) => `MSH|^~\\&|EHR|CLINIC|CF|CF|20261104||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||A-1^^^CLINIC^MR||Okafor^Grace||19900314|F';
const FT1 = (code: string, extra = '') => `FT1|1|||20261104||CG|${code}^^C4|||1|95.00${extra}`;

function encountersOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result.encounters;
}

describe('HL7 v2 escape sequences', () => {
  it.each([
    ['\\F\\', '|'],
    ['\\S\\', '^'],
    ['\\T\\', '&'],
    ['\\R\\', '~'],
    ['\\E\\', '\\'],
    ['a\\.br\\b', 'a\nb'],
    ['\\H\\bold\\N\\', 'bold'],
    ['caf\\XC3A9\\', 'café'],
  ])('reads %s as %j', (escaped, text) => {
    expect(unescapeHl7(escaped, DELIMITERS)).toBe(text);
  });

  it('uses the delimiters the message declares', () => {
    const text = 'MSH#$*@%#EHR#CLINIC#CF#CF#20261104##DFT$P03#9#P#2.5.1\rPID#1##A-1##Okafor$Grace@Ann##19900314#F\r';
    const result = tokenizeHl7(text);
    expect(result.ok && result.messages[0]!.delimiters).toEqual({
      field: '#',
      component: '$',
      repetition: '*',
      escape: '@',
      subcomponent: '%',
    });
  });
});

describe('HL7 v2 DFT^P03 with its MDM^T02 note', () => {
  const result = parseHl7v2(fixtureText, source);
  const [visit] = encountersOf(result);

  it('merges the charge message and the note message of the same visit number', () => {
    expect(encountersOf(result)).toHaveLength(1);
    expect(visit!.source).toEqual({ key: source.key, format: 'hl7v2', index: 0, sourceId: 'V-20261103-01' });
  });

  it('reads PID: MRN among several identifiers, name, DOB, sex, address', () => {
    expect(visit!.patient).toMatchObject({
      mrn: 'MG-48213',
      lastName: 'Nguyen',
      firstName: 'Thomas',
      birthDate: '1958-09-30',
      sex: 'M',
      address: { lines: ['1200 W Elm St', 'Apt 3'], postalCode: '627042210' },
    });
  });

  it('reads IN1: payer id and name (unescaped), member id from IN1-36, relationship self', () => {
    expect(visit!.payer).toEqual({ payerId: 'MEDICR', name: 'Medicare Part B & Sandbox', responsibility: 'P' });
    expect(visit!.subscriber).toMatchObject({ memberId: '1EG4TE5MK73', lastName: 'Nguyen', birthDate: '1958-09-30' });
    expect(visit!.patient.relationshipToSubscriber).toBe('18');
  });

  it('reads providers: attending NPI from PV1-7, billing NPI from MSH-4, place of service from PV1-3', () => {
    expect(visit!.renderingProvider).toEqual({ lastName: 'Ortiz', firstName: 'Lena', npi: '1456789019' });
    expect(visit!.billingProvider).toEqual({ npi: '1987654328', organizationName: 'MAPLEGROVE' });
    expect(visit!.placeOfService).toBe('11');
    expect(missingInformation(visit!)).toEqual([]);
  });

  it('reads FT1 charges with modifiers, units, amounts and linked diagnoses, skipping payments', () => {
    expect(visit!.procedures.map((p) => [p.code, p.modifiers, p.units, p.chargeCents, p.diagnosisCodes])).toEqual([
      ['99214', ['25'], 1, 16500, ['E11.9', 'I10']],
      ['J3420', undefined, 1, 1850, ['E53.8']],
      ['96372', undefined, 1, 2500, ['E53.8']],
    ]);
    expect(visit!.procedures[1]!.location.path).toBe('message 1 FT1[2].25');
    expect(result.ok && result.warnings).toContain('message 1 FT1[4].6: transaction type PY is not a charge; skipped');
  });

  it('lists DG1 diagnoses by priority, then the FT1 ones', () => {
    expect(visit!.diagnoses.map((d) => d.code)).toEqual(['E11.9', 'I10', 'E53.8']);
    expect(visit!.dateOfService).toBe('2026-11-03');
  });

  it('joins TX repetitions and FT line breaks of the OBX note, unescaped', () => {
    expect(visit!.noteText).toBe(
      'ASSESSMENT AND PLAN:\n1. Type 2 diabetes mellitus without complications, A1c 7.4%.\n' +
        '2. Essential hypertension, controlled.\n3. B12 deficiency: cyanocobalamin 1000 mcg IM, left deltoid.\n' +
        'Follow up in 3 months & repeat A1c.',
    );
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads the same with %s segment separators', (_name, separator) => {
    const again = parseHl7v2(fixtureText.replaceAll('\r', separator), source);
    expect(encountersOf(again)).toEqual(encountersOf(result));
  });
});

describe('HL7 v2 files with several messages', () => {
  it('gives one encounter per visit in a batch envelope', () => {
    const text = [
      'FHS|^~\\&|EHR',
      'BHS|^~\\&|EHR',
      MSH('DFT^P03', '1'),
      PID,
      'PV1|1|O|11|||||||||||||||||V-1',
      FT1('99213'),
      MSH('DFT^P03', '2'),
      'PID|1||B-2^^^CLINIC^MR||Lindqvist^Erik||20190601|M',
      'PV1|1|O|11|||||||||||||||||V-2',
      FT1('99392'),
      'BTS|2',
      'FTS|1',
    ].join('\r');
    const encounters = encountersOf(parseHl7v2(text, source));
    expect(encounters.map((e) => [e.source.index, e.patient.lastName, e.procedures[0]!.code])).toEqual([
      [0, 'Okafor', '99213'],
      [1, 'Lindqvist', '99392'],
    ]);
  });

  it('reads an ORU^R01 note and reports what it lacks', () => {
    const text = [MSH('ORU^R01', '7'), PID, 'OBR|1||||||20261104', 'OBX|1|TX|||Sore throat for three days.'].join('\r');
    const [note] = encountersOf(parseHl7v2(text, source));
    expect([note!.noteText, note!.dateOfService]).toEqual(['Sore throat for three days.', '2026-11-04']);
    expect(missingInformation(note!).map((m) => m.field)).toEqual([
      'subscriber.memberId',
      'payer.payerId',
      'billingProvider.npi',
      'placeOfService',
    ]);
  });

  it('reads MLLP-framed messages', () => {
    const text = `\u000b${[MSH('DFT^P03', '1'), PID, FT1('99213')].join('\r')}\r\u001c\r`;
    expect(encountersOf(parseHl7v2(text, source))).toHaveLength(1);
  });

  it('skips message types that carry no visit, with a warning', () => {
    const text = [MSH('ADT^A04', '1'), PID, MSH('DFT^P03', '2'), PID, FT1('99213')].join('\r');
    const result = parseHl7v2(text, source);
    expect(encountersOf(result)).toHaveLength(1);
    expect(result.ok && result.warnings[0]).toMatch(/message 1 is ADT\^A04/);
  });
});

describe('HL7 v2: specific failures', () => {
  it('refuses segments without an MSH', () => {
    expect(parseHl7v2(`${PID}\r${FT1('99213')}\r`, source)).toMatchObject({
      ok: false,
      reason: 'missing_msh',
      location: 'line 1',
    });
  });

  it.each([
    ['too few encoding characters', 'MSH|^~|EHR'],
    ['repeated encoding characters', 'MSH|^^\\&|EHR'],
    ['alphanumeric field separator', 'MSHA^~\\&AEHR'],
  ])('refuses %s', (_what, header) => {
    expect(parseHl7v2(`${header}\r${PID}\r`, source)).toMatchObject({ ok: false, reason: 'bad_encoding_characters' });
  });

  it('refuses a batch that is never closed', () => {
    const result = parseHl7v2(['BHS|^~\\&|EHR', MSH('DFT^P03', '1'), PID, FT1('99213')].join('\r'), source);
    expect(result).toMatchObject({ ok: false, reason: 'unterminated_batch' });
  });

  it('refuses an MLLP block that is never closed', () => {
    const result = parseHl7v2(`\u000b${MSH('DFT^P03', '1')}\r${PID}\r`, source);
    expect(result).toMatchObject({ ok: false, reason: 'unterminated_frame' });
  });

  it('refuses a line that is not a segment', () => {
    expect(parseHl7v2(`${MSH('DFT^P03', '1')}\rthis is not a segment\r`, source)).toMatchObject({
      ok: false,
      reason: 'invalid_segment',
      location: 'line 2',
    });
  });

  it('refuses a DFT without PID', () => {
    expect(parseHl7v2(`${MSH('DFT^P03', '1')}\r${FT1('99213')}\r`, source)).toMatchObject({
      ok: false,
      reason: 'missing_segment',
      message: 'message 1 (DFT^P03, control id 1) has no PID segment: a visit needs its patient',
    });
  });

  it('refuses a charge without a procedure code', () => {
    const result = parseHl7v2([MSH('DFT^P03', '1'), PID, 'FT1|1|||20261104||CG||||1|95.00'].join('\r'), source);
    expect(result).toMatchObject({ ok: false, reason: 'missing_field', location: 'message 1 FT1[1].25' });
  });

  it('refuses a bad quantity and a bad amount, naming the field', () => {
    const quantity = parseHl7v2(
      [MSH('DFT^P03', '1'), PID, 'FT1|1|||20261104||CG|99213^^C4|||1.5|95.00'].join('\r'),
      source,
    );
    expect(quantity).toMatchObject({ ok: false, reason: 'invalid_number', location: 'message 1 FT1[1].10' });
    const amount = parseHl7v2([MSH('DFT^P03', '1'), PID, FT1('99213').replace('95.00', '95,00')].join('\r'), source);
    expect(amount).toMatchObject({ ok: false, reason: 'invalid_amount', location: 'message 1 FT1[1].11' });
  });

  it('refuses an impossible date', () => {
    const result = parseHl7v2(
      [MSH('DFT^P03', '1'), PID.replace('19900314', '19901314'), FT1('99213')].join('\r'),
      source,
    );
    expect(result).toMatchObject({ ok: false, reason: 'invalid_date', location: 'message 1 PID[1].7' });
  });

  it('refuses a note message without any text OBX', () => {
    const result = parseHl7v2([MSH('MDM^T02', '1'), PID, 'TXA|1|PN|TX|20261104'].join('\r'), source);
    expect(result).toMatchObject({ ok: false, reason: 'missing_segment' });
  });
});
