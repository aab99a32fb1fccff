/**
 * CSV superbill (docs/formats/csv-superbill.md) to Encounters: one row per service line, rows grouped into visits by
 * `encounter_id`, visits in order of first appearance.
 */
import { toCents } from '#core/kernel/money';
import type { Encounter, SourceProcedure } from '../encounter.ts';
import {
  isValidNpi,
  normalizeIcd10Cm,
  normalizePlaceOfService,
  normalizeTin,
  parseFlexibleDate,
  parseSex,
  procedureCodeSystem,
} from '../identifiers.ts';
import { type ParseResult, type ParseSource, parseFailure } from '../parse-result.ts';
import { parseCsv } from './rfc4180.ts';
import {
  isSuperbillColumn,
  normalizeHeaderName,
  REQUIRED_SUPERBILL_COLUMNS,
  type SuperbillColumn,
} from './superbill-columns.ts';

class RowError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly location: string,
  ) {
    super(message);
  }
}

interface Row {
  /** Spreadsheet row number: the header is row 1. */
  number: number;
  line: number;
  get(column: SuperbillColumn): string;
  where(column: SuperbillColumn): string;
}

/** Encounter-level values every row of a visit must agree on (a later row may leave them blank). */
const VISIT_COLUMNS: readonly SuperbillColumn[] = [
  'patient_last_name',
  'patient_first_name',
  'patient_dob',
  'patient_sex',
  'patient_mrn',
  'member_id',
  'group_number',
  'payer_id',
  'payer_name',
  'billing_npi',
  'billing_tin',
  'billing_name',
  'rendering_npi',
  'place_of_service',
];

function fail(row: Row, column: SuperbillColumn, reason: string, expected: string): never {
  throw new RowError(reason, `${row.where(column)}: ${expected}`, row.where(column));
}

function dateCell(row: Row, column: SuperbillColumn): string | undefined {
  const value = row.get(column);
  if (value === '') return undefined;
  return parseFlexibleDate(value) ?? fail(row, column, 'invalid_date', 'expected a date as YYYY-MM-DD or MM/DD/YYYY');
}

function procedureOf(row: Row): SourceProcedure {
  const code = row.get('procedure_code').toUpperCase();
  const system = procedureCodeSystem(code);
  if (!system)
    fail(row, 'procedure_code', 'invalid_code', `"${code}" is not a CPT (5 digits) or HCPCS (letter + 4 digits) code`);
  const procedure: SourceProcedure = { system, code, location: { path: row.where('procedure_code') } };
  const modifiers = row
    .get('modifiers')
    .toUpperCase()
    .split(/[\s:;,|]+/)
    .filter(Boolean);
  if (modifiers.some((modifier) => !/^[A-Z0-9]{2}$/.test(modifier)) || modifiers.length > 4) {
    fail(
      row,
      'modifiers',
      'invalid_modifier',
      'expected up to 4 two-character modifiers separated by spaces or colons',
    );
  }
  if (modifiers.length > 0) procedure.modifiers = modifiers;
  const units = row.get('units');
  if (units !== '') {
    if (!/^\d+$/.test(units) || Number(units) === 0)
      fail(row, 'units', 'invalid_number', `"${units}" is not a whole number of units of 1 or more`);
    procedure.units = Number(units);
  }
  const charge = row
    .get('charge')
    .replace(/^\$/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (charge !== '') {
    try {
      procedure.chargeCents = toCents(charge);
    } catch {
      fail(
        row,
        'charge',
        'invalid_number',
        `"${row.get('charge')}" is not an amount in dollars with at most two decimals`,
      );
    }
    if (procedure.chargeCents! < 0) fail(row, 'charge', 'invalid_number', 'a charge cannot be negative');
  }
  const diagnosisCodes = row
    .get('diagnosis_codes')
    .split(/[\s;,|]+/)
    .filter(Boolean)
    .map(
      (code) =>
        normalizeIcd10Cm(code) ?? fail(row, 'diagnosis_codes', 'invalid_code', `"${code}" is not an ICD-10-CM code`),
    );
  if (diagnosisCodes.length > 0) procedure.diagnosisCodes = diagnosisCodes;
  return procedure;
}

class VisitBuilder {
  readonly encounter: Encounter;
  private readonly firstRowOf = new Map<SuperbillColumn, Row>();
  private readonly notes: string[] = [];
  private readonly dates: string[] = [];

  constructor(
    key: string,
    index: number,
    encounterId: string,
    private readonly warn: (message: string) => void,
  ) {
    this.encounter = {
      source: { key, format: 'csv-superbill', index, sourceId: encounterId },
      patient: {},
      diagnoses: [],
      procedures: [],
    };
  }

  addRow(row: Row): void {
    for (const column of VISIT_COLUMNS) this.agree(row, column);
    const procedure = procedureOf(row);
    const date =
      dateCell(row, 'date_of_service') ??
      fail(row, 'date_of_service', 'missing_value', 'the date of service is required on every row');
    procedure.serviceDate = date;
    this.dates.push(date);
    this.encounter.procedures.push(procedure);
    for (const code of procedure.diagnosisCodes ?? []) {
      if (!this.encounter.diagnoses.some((diagnosis) => diagnosis.code === code)) {
        this.encounter.diagnoses.push({ system: 'ICD-10-CM', code, location: { path: row.where('diagnosis_codes') } });
      }
    }
    const note = row.get('notes');
    if (note !== '') this.notes.push(note);
  }

  private agree(row: Row, column: SuperbillColumn): void {
    const value = row.get(column);
    if (value === '') return;
    const first = this.firstRowOf.get(column);
    if (!first) {
      this.firstRowOf.set(column, row);
      this.apply(row, column, value);
      return;
    }
    if (first.get(column) !== value) {
      fail(
        row,
        column,
        'conflicting_values',
        `differs from row ${first.number} of the same encounter_id; a visit has one value`,
      );
    }
  }

  private apply(row: Row, column: SuperbillColumn, value: string): void {
    const e = this.encounter;
    switch (column) {
      case 'patient_last_name':
        e.patient.lastName = value;
        break;
      case 'patient_first_name':
        e.patient.firstName = value;
        break;
      case 'patient_dob':
        e.patient.birthDate = dateCell(row, column)!;
        break;
      case 'patient_sex':
        e.patient.sex = parseSex(value) ?? fail(row, column, 'invalid_value', 'expected F, M or U');
        break;
      case 'patient_mrn':
        e.patient.mrn = value;
        break;
      case 'member_id':
        e.subscriber = { ...e.subscriber, memberId: value };
        break;
      case 'group_number':
        e.subscriber = { ...e.subscriber, groupNumber: value };
        break;
      case 'payer_id':
        e.payer = { ...e.payer, payerId: value };
        break;
      case 'payer_name':
        e.payer = { ...e.payer, name: value };
        break;
      case 'billing_npi':
      case 'rendering_npi': {
        if (!isValidNpi(value)) {
          this.warn(
            `${row.where(column)}: "${value}" is not a valid NPI (10 digits with a Luhn check digit); left out`,
          );
          break;
        }
        if (column === 'billing_npi') e.billingProvider = { ...e.billingProvider, npi: value };
        else e.renderingProvider = { ...e.renderingProvider, npi: value };
        break;
      }
      case 'billing_tin': {
        const tin = normalizeTin(value) ?? fail(row, column, 'invalid_value', 'expected a 9-digit TIN (NN-NNNNNNN)');
        e.billingProvider = { ...e.billingProvider, tin };
        break;
      }
      case 'billing_name':
        e.billingProvider = { ...e.billingProvider, organizationName: value };
        break;
      case 'place_of_service':
        e.placeOfService =
          normalizePlaceOfService(value) ??
          fail(row, column, 'invalid_value', 'expected a 2-digit CMS place of service code');
        break;
    }
  }

  finish(): Encounter {
    const sorted = [...this.dates].sort();
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    this.encounter.dateOfService = first;
    if (last !== first) this.encounter.dateOfServiceEnd = last;
    for (const procedure of this.encounter.procedures) {
      if (procedure.serviceDate === first) delete procedure.serviceDate;
    }
    if (this.notes.length > 0) this.encounter.noteText = this.notes.join('\n');
    return this.encounter;
  }
}

export function parseSuperbill(text: string, source: ParseSource): ParseResult {
  const csv = parseCsv(text);
  if (!csv.ok) {
    // Name the column when the header itself is readable, so the operator knows which cell to look at.
    const header = csv.line > 1 ? parseCsv(text.split(/\r\n|\n|\r/, 1)[0] ?? '') : undefined;
    const name = header?.ok ? header.records[0]?.cells[csv.field - 1] : undefined;
    const column = name ? ` (column ${normalizeHeaderName(name)})` : '';
    return parseFailure(
      'invalid_csv',
      `line ${csv.line}, field ${csv.field}${column}: ${csv.message}`,
      `line ${csv.line}`,
    );
  }
  const [header, ...records] = csv.records;
  if (!header) return parseFailure('empty_csv', 'CSV superbill has no header row');
  const warnings: string[] = [];
  const columns = header.cells.map(normalizeHeaderName);
  const positions = new Map<SuperbillColumn, number>();
  for (const [position, name] of columns.entries()) {
    if (!isSuperbillColumn(name)) {
      warnings.push(`header column ${position + 1} "${header.cells[position]}" is not a superbill column; ignored`);
      continue;
    }
    if (positions.has(name)) {
      return parseFailure(
        'duplicate_column',
        `header names column "${name}" twice (columns ${positions.get(name)! + 1} and ${position + 1})`,
        'row 1',
      );
    }
    positions.set(name, position);
  }
  const missing = REQUIRED_SUPERBILL_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    return parseFailure(
      'missing_column',
      `header lacks required column(s) ${missing.join(', ')}; required: ${REQUIRED_SUPERBILL_COLUMNS.join(', ')}`,
      'row 1',
    );
  }
  if (records.length === 0)
    return parseFailure('no_rows', 'CSV superbill has a header but no service line rows', 'row 2');

  const visits = new Map<string, VisitBuilder>();
  try {
    for (const [i, record] of records.entries()) {
      const number = i + 2;
      if (record.cells.length !== header.cells.length) {
        throw new RowError(
          'wrong_cell_count',
          `row ${number} (line ${record.line}) has ${record.cells.length} cells; the header has ${header.cells.length}`,
          `row ${number}`,
        );
      }
      const row: Row = {
        number,
        line: record.line,
        get: (column) => {
          const position = positions.get(column);
          return position === undefined ? '' : (record.cells[position] ?? '').trim();
        },
        where: (column) => `row ${number} (line ${record.line}), column ${column}`,
      };
      const encounterId = row.get('encounter_id');
      if (encounterId === '')
        fail(row, 'encounter_id', 'missing_value', 'every row needs the encounter_id that groups it into a visit');
      let visit = visits.get(encounterId);
      if (!visit) {
        visit = new VisitBuilder(source.key, visits.size, encounterId, (message) => warnings.push(message));
        visits.set(encounterId, visit);
      }
      visit.addRow(row);
    }
  } catch (error) {
    if (error instanceof RowError) return parseFailure(error.reason, error.message, error.location);
    throw error;
  }
  return { ok: true, encounters: [...visits.values()].map((visit) => visit.finish()), warnings };
}
