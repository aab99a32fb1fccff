/**
 * Parser for the CMS HCPCS Level II annual alpha-numeric file (`HCPCyyyy_CONTR_ANWEB.txt`), following the CMS
 * "HCPCS Contractor Record" layout exactly: 320-column fixed-width records, one or more per code. Record id 3 (7
 * for modifiers) is the first line and carries the detail fields; record id 4 (8) lines continue the long
 * description. The file opens with a few disclaimer lines, which are skipped until the first record.
 * Takes decoded text (see `decodeReleaseText` in archive.ts; the file is Latin-1).
 */
import { fromCmsDate } from '../dates.ts';
import { CodeSetFileError } from '../import-error.ts';
import type { HcpcsActionCode, HcpcsModifier, HcpcsProcedure, HcpcsRelease } from './types.ts';

/** 1-based inclusive column ranges from the record layout (field numbers in comments). */
const FIELD = {
  code: [1, 5], // 1. HCPCS code
  modifier: [4, 5], // 4. HCPCS modifier code (columns 1-3 are filler on modifier records)
  sequence: [6, 10], // 5. sequence number
  recordId: [11, 11], // 6. record identification code
  longDescription: [12, 91], // 7.
  shortDescription: [92, 119], // 8.
  pricingIndicators: [120, 127], // 9. occurs 4 x 2
  multiplePricingIndicator: [128, 128], // 10.
  crossReference: [205, 229], // 15. occurs 5 x 5
  coverageCode: [230, 230], // 16.
  processingNote: [253, 256], // 22.
  betos: [257, 259], // 23.
  typesOfService: [261, 265], // 25. occurs 5 x 1
  addDate: [269, 276], // 27.
  actionEffectiveDate: [277, 284], // 28.
  terminationDate: [285, 292], // 29.
  actionCode: [293, 293], // 30.
} as const satisfies Record<string, readonly [number, number]>;

/** A first-line record must reach the action code; the rest of the 320 columns is filler. */
const MIN_DETAIL_LENGTH = FIELD.actionCode[1];
const ACTION_CODES = new Set<string>(['A', 'B', 'C', 'D', 'F', 'N', 'P', 'R', 'S', 'T']);
const RECORD_START = /^([A-Z0-9 ]{5})(\d{5})([3478])/;
const PROCEDURE_CODE = /^[A-Z]\d{4}$/;
const MODIFIER_CODE = /^[A-Z0-9]{2}$/;
/** Disclaimer lines before the first record; more than this means the file is not an HCPCS file. */
const MAX_PREAMBLE_LINES = 40;

type Field = keyof typeof FIELD;

function field(line: string, name: Field): string {
  const [start, end] = FIELD[name];
  return line.slice(start - 1, end).trim();
}

function chunks(value: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += size) {
    const chunk = value.slice(i, i + size).trim();
    if (chunk) out.push(chunk);
  }
  return out;
}

function rawField(line: string, name: Field): string {
  const [start, end] = FIELD[name];
  return line.slice(start - 1, end);
}

/** Parses the annual file; throws CodeSetFileError naming the line and the field for anything off-layout. */
export function parseHcpcsAnnualFile(fileName: string, text: string): HcpcsRelease {
  const lines = text.split(/\r?\n/);
  const procedures: HcpcsProcedure[] = [];
  const modifiers: HcpcsModifier[] = [];
  let current: { record: HcpcsProcedure | HcpcsModifier; key: string; sequence: number; isModifier: boolean } | null =
    null;
  let seenRecord = false;

  const fail = (lineNo: number, problem: string): never => {
    throw new CodeSetFileError(fileName, lineNo, problem);
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNo = index + 1;
    if (line.trim() === '') continue;
    const start = RECORD_START.exec(line);
    if (!start) {
      if (!seenRecord && lineNo <= MAX_PREAMBLE_LINES) continue;
      fail(
        lineNo,
        seenRecord
          ? `expected an HCPCS record (code in columns 1-5, sequence number in 6-10, record id 3/4/7/8 in column 11), found "${line.slice(0, 24)}"`
          : `no HCPCS record within the first ${MAX_PREAMBLE_LINES} lines; this is not a CMS HCPCS annual alpha-numeric file`,
      );
    }
    seenRecord = true;
    const recordId = start![3]!;
    const sequence = Number(start![2]);
    const isModifier = recordId === '7' || recordId === '8';
    const key = isModifier ? field(line, 'modifier') : field(line, 'code');
    if (
      isModifier
        ? !MODIFIER_CODE.test(key) || rawField(line, 'code').slice(0, 3).trim() !== ''
        : !PROCEDURE_CODE.test(key)
    ) {
      fail(
        lineNo,
        isModifier
          ? `expected a 2-character modifier in columns 4-5 after 3 blank columns, found "${rawField(line, 'code')}"`
          : `expected a 5-character HCPCS Level II code (letter and 4 digits) in columns 1-5, found "${key}"`,
      );
    }
    const longPart = field(line, 'longDescription');

    if (recordId === '4' || recordId === '8') {
      if (!current || current.key !== key || current.isModifier !== isModifier) {
        fail(
          lineNo,
          `continuation record (id ${recordId}) for "${key}" does not follow a first record of the same code`,
        );
      }
      if (sequence <= current!.sequence) {
        fail(lineNo, `sequence number ${sequence} of "${key}" is not after the previous ${current!.sequence}`);
      }
      current!.sequence = sequence;
      if (longPart) current!.record.longDescription += ` ${longPart}`;
      continue;
    }

    if (line.length < MIN_DETAIL_LENGTH) {
      fail(
        lineNo,
        `first record of "${key}" is ${line.length} characters; the layout needs at least ${MIN_DETAIL_LENGTH} (320 with filler)`,
      );
    }
    const date = (name: 'addDate' | 'actionEffectiveDate' | 'terminationDate') => {
      const raw = field(line, name);
      if (raw === '') return undefined;
      const iso = fromCmsDate(raw);
      if (!iso) {
        const [s, e] = FIELD[name];
        fail(lineNo, `${name} in columns ${s}-${e} of "${key}" must be a YYYYMMDD date or blank, found "${raw}"`);
      }
      return iso;
    };
    const actionCode = field(line, 'actionCode');
    if (!ACTION_CODES.has(actionCode)) {
      fail(
        lineNo,
        `action code in column 293 of "${key}" must be one of ${[...ACTION_CODES].join('')}, found "${actionCode}"`,
      );
    }
    const base = {
      longDescription: longPart,
      shortDescription: field(line, 'shortDescription'),
      addDate: date('addDate'),
      actionEffectiveDate: date('actionEffectiveDate'),
      terminationDate: date('terminationDate'),
      actionCode: actionCode as HcpcsActionCode,
    };
    let record: HcpcsProcedure | HcpcsModifier;
    if (isModifier) {
      record = { modifier: key, ...base };
      modifiers.push(record);
    } else {
      const processingNote = field(line, 'processingNote');
      const crossReference = chunks(rawField(line, 'crossReference'), 5)[0];
      record = {
        code: key,
        ...base,
        pricingIndicators: chunks(rawField(line, 'pricingIndicators'), 2),
        multiplePricingIndicator: field(line, 'multiplePricingIndicator'),
        coverageCode: field(line, 'coverageCode'),
        betos: field(line, 'betos'),
        typesOfService: chunks(rawField(line, 'typesOfService'), 1),
        ...(processingNote ? { processingNote } : {}),
        ...(crossReference ? { crossReference } : {}),
      };
      procedures.push(record);
    }
    current = { record, key, sequence, isModifier };
  }
  if (!seenRecord) {
    fail(0, 'no HCPCS records found; expected 320-column records with record id 3, 4, 7 or 8 in column 11');
  }
  return { procedures, modifiers };
}
