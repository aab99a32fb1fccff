/**
 * HL7 v2 to Encounters: DFT^P03 charge messages (PID, PV1, FT1, DG1, IN1, PR1) and note messages (MDM^T02 TXA+OBX,
 * ORU^R01 OBX). Each message is a visit; messages of one file that name the same visit (PV1-19 visit number for the
 * same patient) are merged, so a DFT and the MDM note of that visit become one encounter.
 */
import { toCents } from '#core/kernel/money';
import type { Encounter, IsoDate, SourceProcedure, Subscriber } from '../encounter.ts';
import { isValidNpi } from '../identifiers.ts';
import { type ParseResult, type ParseSource, parseFailure } from '../parse-result.ts';
import { addressAt, dateOf, diagnosisIn, nameAt, procedureIn, providerIn, sexOf } from './hl7-datatypes.ts';
import { type Hl7Message, SegmentReader, tokenizeHl7 } from './hl7-tokenizer.ts';

class MessageError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly location: string,
  ) {
    super(message);
  }
}

const CHARGE_MESSAGES = new Set(['DFT^P03', 'DFT^P11']);
const NOTE_MESSAGES = new Set(['MDM^T02', 'MDM^T04', 'MDM^T06', 'MDM^T08', 'MDM^T10', 'ORU^R01']);
const TEXT_VALUE_TYPES = new Set(['TX', 'FT', 'ST']);

/** HL7 table 0063 (relationship) to the X12 individual relationship code. */
const X12_RELATIONSHIP: Record<string, string> = { SEL: '18', SPO: '01', CHD: '19', DOM: '53', EME: '20' };

/** FT1-6 transaction types that are not charges (credits, payments, adjustments). */
const NON_CHARGE_TYPES = new Set(['CD', 'PY', 'AJ']);

interface MessageResult {
  encounter: Encounter;
  visitKey?: string;
}

class MessageReader {
  readonly warnings: string[] = [];
  private readonly label: string;
  private earliestService: IsoDate | undefined;
  private latestService: IsoDate | undefined;
  /** `system|code` of the encounter's diagnoses, and its procedure codes: duplicate checks in constant time. */
  private readonly diagnosisKeys = new Set<string>();
  private readonly procedureCodes = new Set<string>();

  constructor(
    private readonly message: Hl7Message,
    readonly type: string,
    private readonly key: string,
  ) {
    const controlId = this.readers('MSH')[0]?.value(10);
    this.label = `message ${message.number} (${type}${controlId ? `, control id ${controlId}` : ''})`;
  }

  private serviceDate(date: IsoDate): void {
    if (!this.earliestService || date < this.earliestService) this.earliestService = date;
    if (!this.latestService || date > this.latestService) this.latestService = date;
  }

  readers(id: string): SegmentReader[] {
    return this.message.segments
      .filter((segment) => segment.id === id)
      .map((segment) => new SegmentReader(segment, this.message.delimiters));
  }

  where(reader: SegmentReader, field?: number): string {
    const { id, occurrence } = reader.segment;
    return `message ${this.message.number} ${id}[${occurrence}]${field === undefined ? '' : `.${field}`}`;
  }

  /** Stops the parse: `expected` completes "message 1 (DFT^P03), FT1[2]-10: ..." or "message 1 (DFT^P03) ...". */
  stop(reason: string, reader: SegmentReader | undefined, field: number | undefined, expected: string): never {
    if (!reader) throw new MessageError(reason, `${this.label} ${expected}`, `message ${this.message.number}`);
    const { id, occurrence } = reader.segment;
    const at = `${id}[${occurrence}]${field === undefined ? '' : `-${field}`}`;
    throw new MessageError(reason, `${this.label}, ${at}: ${expected}`, this.where(reader, field));
  }

  date(reader: SegmentReader, field: number, component = 1): IsoDate | undefined {
    const value = reader.value(field, component);
    const date = dateOf(value);
    if (date === null) this.stop('invalid_date', reader, field, 'is not an HL7 date (YYYYMMDD[HHMM[SS]][+ZZZZ])');
    return date;
  }

  read(): MessageResult {
    const pid = this.readers('PID')[0];
    if (!pid) this.stop('missing_segment', undefined, undefined, 'has no PID segment: a visit needs its patient');
    const encounter: Encounter = {
      source: { key: this.key, format: 'hl7v2', index: 0 },
      patient: {},
      diagnoses: [],
      procedures: [],
    };
    this.readPatient(pid, encounter);
    const pv1 = this.readers('PV1')[0];
    const visitNumber = pv1?.value(19);
    if (visitNumber) encounter.source.sourceId = visitNumber;
    if (pv1) this.readVisit(pv1, encounter);
    this.readBillingFacility(encounter);
    this.readInsurance(encounter);
    this.readDiagnoses(encounter);
    this.readCharges(encounter);
    this.readProcedureSegments(encounter);
    this.readNotes(encounter);
    const earliest = this.earliestService;
    if (earliest && (!encounter.dateOfService || earliest < encounter.dateOfService))
      encounter.dateOfService = earliest;
    const latest = this.latestService;
    if (latest && encounter.dateOfService && latest > encounter.dateOfService) encounter.dateOfServiceEnd = latest;
    for (const procedure of encounter.procedures) {
      if (procedure.serviceDate === encounter.dateOfService) delete procedure.serviceDate;
    }
    const patientId = encounter.patient.mrn ?? pid.value(3);
    return { encounter, ...(visitNumber ? { visitKey: `${patientId}|${visitNumber}` } : {}) };
  }

  private readPatient(pid: SegmentReader, encounter: Encounter): void {
    const identifiers = pid.repetitions(3);
    const mrn = identifiers.find((rep) => pid.valueIn(rep, 5) === 'MR') ?? identifiers[0];
    if (mrn && pid.valueIn(mrn, 1)) encounter.patient.mrn = pid.valueIn(mrn, 1);
    Object.assign(encounter.patient, nameAt(pid, 5));
    const birthDate = this.date(pid, 7);
    if (birthDate) encounter.patient.birthDate = birthDate;
    const sex = sexOf(pid.value(8));
    if (sex) encounter.patient.sex = sex;
    const { address, badZip } = addressAt(pid, 11);
    if (address) encounter.patient.address = address;
    if (badZip) this.warnings.push(`${this.where(pid, 11)}: ZIP code is not 5 or 9 digits; left out`);
  }

  private provider(reader: SegmentReader, field: number) {
    const repetition = reader.repetitions(field)[0];
    if (!repetition) return undefined;
    const { provider, invalidNpi } = providerIn(reader, repetition);
    if (invalidNpi) this.warnings.push(`${this.where(reader, field)}: "${invalidNpi}" is not a valid NPI; left out`);
    return Object.keys(provider).length > 0 ? provider : undefined;
  }

  private readVisit(pv1: SegmentReader, encounter: Encounter): void {
    const attending = this.provider(pv1, 7);
    if (attending) encounter.renderingProvider = attending;
    const referring = this.provider(pv1, 8);
    if (referring) encounter.referringProvider = referring;
    // ClaimFlow convention (docs/formats/hl7v2.md): a 2-digit point of care in PV1-3.1 is the CMS place of service.
    const pointOfCare = pv1.value(3, 1);
    if (/^\d{2}$/.test(pointOfCare)) encounter.placeOfService = pointOfCare;
    const admit = this.date(pv1, 44);
    if (admit) encounter.dateOfService = admit;
  }

  /** MSH-4 sending facility as an HD whose universal id type is NPI: the billing practice. */
  private readBillingFacility(encounter: Encounter): void {
    const msh = this.readers('MSH')[0]!;
    if (msh.value(4, 3).toUpperCase() !== 'NPI') return;
    const npi = msh.value(4, 2);
    const name = msh.value(4, 1);
    if (!isValidNpi(npi)) {
      this.warnings.push(`${this.where(msh, 4)}: "${npi}" is not a valid NPI; left out`);
      return;
    }
    encounter.billingProvider = { npi, ...(name ? { organizationName: name } : {}) };
  }

  private readInsurance(encounter: Encounter): void {
    const insurances = this.readers('IN1');
    const primary = insurances.find((in1) => in1.value(1) === '1') ?? insurances[0];
    if (!primary) return;
    if (insurances.length > 1) {
      this.warnings.push(`${this.label}: ${insurances.length} IN1 segments; the primary (IN1-1 = 1) is billed`);
    }
    const payerId = primary.value(3, 1) || primary.value(2, 1);
    const payerName = primary.value(4, 1);
    encounter.payer = {
      ...(payerId ? { payerId } : {}),
      ...(payerName ? { name: payerName } : {}),
      responsibility: 'P',
    };
    const memberId = primary.value(36) || primary.value(49, 1);
    const group = primary.value(8);
    const subscriber: Subscriber = nameAt(primary, 16);
    const insuredDob = this.date(primary, 18);
    if (insuredDob) subscriber.birthDate = insuredDob;
    const insuredSex = sexOf(primary.value(43));
    if (insuredSex) subscriber.sex = insuredSex;
    if (memberId) subscriber.memberId = memberId;
    if (group) subscriber.groupNumber = group;
    encounter.subscriber = subscriber;
    const relationship = primary.value(17, 1);
    if (relationship) encounter.patient.relationshipToSubscriber = X12_RELATIONSHIP[relationship] ?? 'G8';
  }

  private addDiagnosis(encounter: Encounter, reader: SegmentReader, field: number, repetition: string, index: number) {
    const path = `${this.where(reader, field)}${index > 0 ? `~${index + 1}` : ''}`;
    const diagnosis = diagnosisIn(reader, repetition, path);
    if (!diagnosis) return undefined;
    if ('unknownSystem' in diagnosis) {
      this.warnings.push(
        `${path}: coding system "${diagnosis.unknownSystem}" is not ICD-10-CM, ICD-9-CM or SNOMED CT; skipped`,
      );
      return undefined;
    }
    const key = `${diagnosis.system}|${diagnosis.code}`;
    if (!this.diagnosisKeys.has(key)) {
      this.diagnosisKeys.add(key);
      encounter.diagnoses.push(diagnosis);
    }
    return diagnosis.code;
  }

  private readDiagnoses(encounter: Encounter): void {
    const dg1s = this.readers('DG1');
    // DG1-15 priority: 1 is the principal diagnosis; unranked ones keep their order after the ranked.
    const ranked = dg1s
      .map((dg1, order) => ({ dg1, order, priority: Number(dg1.value(15)) || Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.priority - b.priority || a.order - b.order);
    for (const { dg1 } of ranked) {
      const repetition = dg1.repetitions(3)[0];
      if (!repetition) this.stop('missing_field', dg1, 3, 'diagnosis code is empty');
      this.addDiagnosis(encounter, dg1, 3, repetition, 0);
    }
  }

  private readCharges(encounter: Encounter): void {
    for (const ft1 of this.readers('FT1')) {
      const type = ft1.value(6);
      if (NON_CHARGE_TYPES.has(type)) {
        this.warnings.push(`${this.where(ft1, 6)}: transaction type ${type} is not a charge; skipped`);
        continue;
      }
      const coded = procedureIn(ft1, ft1.repetitions(25)[0] ?? '') ?? procedureIn(ft1, ft1.repetitions(7)[0] ?? '');
      if (!coded) {
        this.stop(
          'missing_field',
          ft1,
          25,
          'procedure code (or FT1-7 transaction code) must be a CPT or HCPCS code for a charge',
        );
      }
      const field = ft1.repetitions(25)[0] ? 25 : 7;
      const procedure: SourceProcedure = { ...coded, location: { path: this.where(ft1, field) } };
      const modifiers = ft1
        .repetitions(26)
        .map((rep) => ft1.valueIn(rep, 1).toUpperCase())
        .filter(Boolean);
      if (modifiers.some((modifier) => !/^[A-Z0-9]{2}$/.test(modifier))) {
        this.stop('invalid_modifier', ft1, 26, 'modifiers must be two characters each');
      }
      if (modifiers.length > 0) procedure.modifiers = modifiers;
      const quantity = ft1.value(10);
      if (quantity !== '') {
        if (!/^\d+$/.test(quantity) || Number(quantity) === 0) {
          this.stop('invalid_number', ft1, 10, `quantity "${quantity}" is not a whole number of units of 1 or more`);
        }
        procedure.units = Number(quantity);
      }
      const extended = ft1.value(11, 1);
      const unit = ft1.value(12, 1);
      const amount = extended || unit;
      if (amount !== '') {
        let cents: number;
        try {
          cents = toCents(amount);
        } catch {
          this.stop(
            'invalid_amount',
            ft1,
            extended ? 11 : 12,
            `amount "${amount}" is not a decimal with at most two decimals`,
          );
        }
        procedure.chargeCents = extended ? cents : cents * (procedure.units ?? 1);
      }
      const serviceDate = this.date(ft1, 4);
      if (serviceDate) {
        procedure.serviceDate = serviceDate;
        this.serviceDate(serviceDate);
      }
      const pointers = ft1
        .repetitions(19)
        .map((rep, i) => this.addDiagnosis(encounter, ft1, 19, rep, i))
        .filter((code): code is string => code !== undefined);
      if (pointers.length > 0) procedure.diagnosisCodes = pointers;
      if (!encounter.renderingProvider) {
        const performer = this.provider(ft1, 20);
        if (performer) encounter.renderingProvider = performer;
      }
      const pointOfCare = ft1.value(16, 1);
      if (!encounter.placeOfService && /^\d{2}$/.test(pointOfCare)) encounter.placeOfService = pointOfCare;
      encounter.procedures.push(procedure);
      this.procedureCodes.add(procedure.code);
    }
  }

  private readProcedureSegments(encounter: Encounter): void {
    for (const pr1 of this.readers('PR1')) {
      const coded = procedureIn(pr1, pr1.repetitions(3)[0] ?? '');
      if (!coded) {
        this.warnings.push(`${this.where(pr1, 3)}: procedure code is not CPT or HCPCS; skipped`);
        continue;
      }
      // A PR1 that repeats a charged FT1 code adds nothing a claim needs.
      if (this.procedureCodes.has(coded.code)) continue;
      const procedure: SourceProcedure = { ...coded, location: { path: this.where(pr1, 3) } };
      const modifiers = pr1
        .repetitions(16)
        .map((rep) => pr1.valueIn(rep, 1).toUpperCase())
        .filter(Boolean);
      if (modifiers.length > 0) procedure.modifiers = modifiers;
      const date = this.date(pr1, 5);
      if (date) {
        procedure.serviceDate = date;
        this.serviceDate(date);
      }
      encounter.procedures.push(procedure);
      this.procedureCodes.add(procedure.code);
    }
  }

  private readNotes(encounter: Encounter): void {
    const lines: string[] = [];
    const txa = this.readers('TXA')[0];
    if (txa) {
      const activity = this.date(txa, 4);
      if (activity && !encounter.dateOfService) encounter.dateOfService = activity;
      if (!encounter.renderingProvider) {
        const author = this.provider(txa, 5);
        if (author) encounter.renderingProvider = author;
      }
    }
    const obr = this.readers('OBR')[0];
    if (obr && !encounter.dateOfService) {
      const observed = this.date(obr, 7);
      if (observed) encounter.dateOfService = observed;
    }
    for (const segment of this.message.segments) {
      const reader = new SegmentReader(segment, this.message.delimiters);
      if (segment.id === 'OBX') {
        const valueType = reader.value(2);
        if (!TEXT_VALUE_TYPES.has(valueType)) continue;
        // TX repetitions are lines; FT carries its own \.br\ breaks.
        lines.push(reader.texts(5).join('\n'));
      } else if (segment.id === 'NTE') {
        lines.push(reader.texts(3).join('\n'));
      }
    }
    if (NOTE_MESSAGES.has(this.type) && lines.length === 0) {
      this.stop(
        'missing_segment',
        undefined,
        undefined,
        'has no text OBX segment (value type TX, FT or ST) holding the note',
      );
    }
    const text = lines.join('\n').trim();
    if (text) encounter.noteText = text;
  }
}

function merge(into: Encounter, from: Encounter): void {
  into.patient = { ...from.patient, ...into.patient };
  into.subscriber ??= from.subscriber;
  into.payer ??= from.payer;
  into.billingProvider ??= from.billingProvider;
  into.renderingProvider ??= from.renderingProvider;
  into.referringProvider ??= from.referringProvider;
  into.placeOfService ??= from.placeOfService;
  into.dateOfService ??= from.dateOfService;
  const known = new Set(into.diagnoses.map((d) => `${d.system}|${d.code}`));
  for (const diagnosis of from.diagnoses) {
    const key = `${diagnosis.system}|${diagnosis.code}`;
    if (!known.has(key)) {
      known.add(key);
      into.diagnoses.push(diagnosis);
    }
  }
  // One by one: spreading tens of thousands of arguments can exceed the call stack.
  for (const procedure of from.procedures) into.procedures.push(procedure);
  if (from.noteText) into.noteText = into.noteText ? `${into.noteText}\n\n${from.noteText}` : from.noteText;
}

export function parseHl7v2(text: string, source: ParseSource): ParseResult {
  const tokens = tokenizeHl7(text);
  if (!tokens.ok) return parseFailure(tokens.reason, tokens.message, tokens.location);
  const warnings = [...tokens.warnings];
  const encounters: Encounter[] = [];
  const byVisit = new Map<string, Encounter>();
  try {
    for (const message of tokens.messages) {
      const msh = new SegmentReader(message.segments[0]!, message.delimiters);
      const type = `${msh.value(9, 1)}^${msh.value(9, 2)}`;
      if (!CHARGE_MESSAGES.has(type) && !NOTE_MESSAGES.has(type)) {
        warnings.push(
          `message ${message.number} is ${type}; only DFT^P03 charges and MDM^T02/ORU^R01 notes carry visits, skipped`,
        );
        continue;
      }
      const reader = new MessageReader(message, type, source.key);
      const { encounter, visitKey } = reader.read();
      warnings.push(...reader.warnings);
      const existing = visitKey ? byVisit.get(visitKey) : undefined;
      if (existing) {
        merge(existing, encounter);
        continue;
      }
      encounter.source.index = encounters.length;
      encounters.push(encounter);
      if (visitKey) byVisit.set(visitKey, encounter);
    }
  } catch (error) {
    if (error instanceof MessageError) return parseFailure(error.reason, error.message, error.location);
    throw error;
  }
  if (encounters.length === 0) {
    return parseFailure(
      'no_supported_message',
      `none of the ${tokens.messages.length} message(s) is a DFT^P03, MDM^T02 or ORU^R01`,
    );
  }
  return { ok: true, encounters, warnings };
}
