/**
 * FHIR R4 Bundle (any type) to Encounters: one claimable visit per Encounter resource, with the patient, coverage,
 * providers, coded conditions and procedures, charges and note text linked to it.
 */
import type {
  ChargeItem,
  CodeableConcept,
  Composition,
  Condition,
  Coverage,
  DocumentReference,
  Encounter as FhirEncounter,
  Immunization,
  Location,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  RelatedPerson,
  Resource,
} from 'fhir/r4';
import { toCents } from '#core/kernel/money';
import type { Encounter, PayerRef, ProviderRef, SourceCode, SourceProcedure, Subscriber } from '../encounter.ts';
import { calendarDateOf } from '../identifiers.ts';
import { type ParseFailure, type ParseResult, type ParseSource, parseFailure } from '../parse-result.ts';
import { describeZodIssues } from '../zod-issues.ts';
import { BundleIndex, type IndexedResource } from './bundle-index.ts';
import { organizationOf, patientOf, personOf, practitionerOf, taxonomyOf, type Warn } from './fhir-people.ts';
import { bundleSchema, resourceSchemas } from './fhir-schemas.ts';
import {
  CLAIMFLOW_PAYER_ID_SYSTEM,
  CMS_PLACE_OF_SERVICE_SYSTEM,
  PLACE_OF_SERVICE_BY_CLASS,
  sourceSystemOf,
  X12_RELATIONSHIP,
} from './fhir-systems.ts';
import { decodeBase64Text, xhtmlToText } from './narrative-text.ts';

/** Thrown inside the parser to stop at the first structural error; turned into a ParseResult at the top. */
class FhirParseError extends Error {
  constructor(readonly failure: ParseFailure) {
    super(failure.message);
  }
}

function stop(reason: string, message: string, location?: string): never {
  throw new FhirParseError(parseFailure(reason, message, location));
}

interface LinkedResources {
  conditions: IndexedResource[];
  procedures: IndexedResource[];
  immunizations: IndexedResource[];
  chargeItems: IndexedResource[];
  notes: IndexedResource[];
}

const SKIPPED_ENCOUNTER_STATUSES = new Set(['cancelled', 'entered-in-error', 'planned']);
const UNCODABLE_VERIFICATION = new Set(['refuted', 'entered-in-error', 'provisional', 'differential']);

class BundleReader {
  readonly warnings: string[] = [];
  readonly warn: Warn = (message) => this.warnings.push(message);
  private readonly links = new Map<IndexedResource, LinkedResources>();

  constructor(
    private readonly index: BundleIndex,
    private readonly source: ParseSource,
  ) {}

  /** Follows a reference; a broken bundle-local reference stops the parse, an absent one is a warning. */
  follow(
    reference: string | undefined,
    from: IndexedResource,
    path: string,
    types: string[],
  ): IndexedResource | undefined {
    const resolution = this.index.resolve(reference, from);
    if (resolution.kind === 'none') return undefined;
    if (resolution.kind === 'broken')
      stop('broken_reference', `${from.label}.${path}: ${resolution.message}`, from.label);
    if (resolution.kind === 'absent') {
      this.warn(`${from.label}.${path}: ${resolution.message}; its data is missing`);
      return undefined;
    }
    const target = resolution.target;
    if (!types.includes(target.resource.resourceType)) {
      stop(
        'wrong_reference_target',
        `${from.label}.${path} points to a ${target.resource.resourceType}; expected ${types.join(' or ')}`,
        from.label,
      );
    }
    if (target.container) validateResource(target);
    return target;
  }

  linkChildren(encounters: IndexedResource[]): void {
    for (const encounter of encounters) {
      this.links.set(encounter, { conditions: [], procedures: [], immunizations: [], chargeItems: [], notes: [] });
    }
    const attach = (
      child: IndexedResource,
      reference: string | undefined,
      path: string,
      into: keyof LinkedResources,
    ) => {
      const encounter = this.follow(reference, child, path, ['Encounter']);
      if (encounter) this.links.get(encounter)?.[into].push(child);
    };
    for (const entry of this.index.entries) {
      const resource = entry.resource;
      switch (resource.resourceType) {
        case 'Condition':
          attach(entry, (resource as Condition).encounter?.reference, 'encounter', 'conditions');
          break;
        case 'Procedure':
          attach(entry, (resource as Procedure).encounter?.reference, 'encounter', 'procedures');
          break;
        case 'Immunization':
          attach(entry, (resource as Immunization).encounter?.reference, 'encounter', 'immunizations');
          break;
        case 'ChargeItem':
          attach(entry, (resource as ChargeItem).context?.reference, 'context', 'chargeItems');
          break;
        case 'Composition':
          attach(entry, (resource as Composition).encounter?.reference, 'encounter', 'notes');
          break;
        case 'DocumentReference':
          for (const [i, ref] of ((resource as DocumentReference).context?.encounter ?? []).entries()) {
            attach(entry, ref.reference, `context.encounter[${i}]`, 'notes');
          }
          break;
      }
    }
    // Encounter.diagnosis may name conditions that do not point back to the encounter.
    for (const encounter of encounters) {
      const linked = this.links.get(encounter)!;
      const diagnoses = [...((encounter.resource as FhirEncounter).diagnosis ?? []).entries()].sort(
        ([, a], [, b]) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
      );
      const ranked: IndexedResource[] = [];
      for (const [i, diagnosis] of diagnoses) {
        const condition = this.follow(diagnosis.condition.reference, encounter, `diagnosis[${i}].condition`, [
          'Condition',
          'Procedure',
        ]);
        if (condition?.resource.resourceType === 'Condition') ranked.push(condition);
      }
      // Ranked diagnoses first, in rank order; then the rest in bundle order.
      linked.conditions = [...new Set([...ranked, ...linked.conditions])];
    }
  }

  encounterAt(entry: IndexedResource, position: number): Encounter {
    const resource = entry.resource as FhirEncounter;
    const linked = this.links.get(entry)!;
    const encounter: Encounter = {
      source: {
        key: this.source.key,
        format: 'fhir-r4',
        index: position,
        ...(resource.id ? { sourceId: resource.id } : {}),
      },
      patient: {},
      diagnoses: [],
      procedures: [],
    };
    this.readDates(entry, resource, encounter);
    const patientEntry = this.follow(resource.subject?.reference, entry, 'subject', ['Patient']);
    if (patientEntry) encounter.patient = patientOf(patientEntry.resource as Patient, patientEntry.label, this.warn);
    else this.warn(`${entry.label} has no subject Patient in the bundle; patient demographics are missing`);
    this.readPlaceOfService(entry, resource, encounter);
    this.readProviders(entry, resource, encounter);
    if (patientEntry) this.readCoverage(patientEntry, encounter);
    this.readDiagnoses(entry, resource, linked, encounter);
    this.readProcedures(entry, resource, linked, encounter);
    this.readNotes(linked, encounter);
    if (
      resource.length?.value !== undefined &&
      ['min', 'minutes'].includes(resource.length.code ?? resource.length.unit ?? '')
    ) {
      encounter.totalTimeMinutes = resource.length.value;
    }
    return encounter;
  }

  private readDates(entry: IndexedResource, resource: FhirEncounter, encounter: Encounter): void {
    const start = resource.period?.start;
    if (!start) {
      stop(
        'missing_period',
        `${entry.label} has no period.start: the date of service of a claimable visit comes from Encounter.period`,
        `${entry.label}.period`,
      );
    }
    const date = calendarDateOf(start);
    if (!date)
      stop('invalid_date', `${entry.label}.period.start is not a FHIR date or dateTime`, `${entry.label}.period.start`);
    encounter.dateOfService = date;
    const end = resource.period?.end ? calendarDateOf(resource.period.end) : undefined;
    if (end && end !== date) encounter.dateOfServiceEnd = end;
  }

  private readPlaceOfService(entry: IndexedResource, resource: FhirEncounter, encounter: Encounter): void {
    const posCoding = (concepts: (CodeableConcept | undefined)[]) =>
      concepts.flatMap((concept) => concept?.coding ?? []).find((c) => c.system === CMS_PLACE_OF_SERVICE_SYSTEM)?.code;
    for (const [i, location] of (resource.location ?? []).entries()) {
      const target = this.follow(location.location.reference, entry, `location[${i}].location`, ['Location']);
      const code = target && posCoding((target.resource as Location).type ?? []);
      if (code) {
        encounter.placeOfService = code;
        return;
      }
    }
    const fromType = posCoding([...(resource.type ?? []), resource.serviceType]);
    if (fromType) {
      encounter.placeOfService = fromType;
      return;
    }
    const byClass = resource.class?.code ? PLACE_OF_SERVICE_BY_CLASS[resource.class.code] : undefined;
    if (byClass) {
      encounter.placeOfService = byClass.code;
      this.warn(
        `${entry.label}: place of service ${byClass.code} (${byClass.meaning}) derived from Encounter.class ${resource.class.code}`,
      );
    }
  }

  private providerFrom(target: IndexedResource): ProviderRef {
    if (target.resource.resourceType === 'Practitioner') {
      return practitionerOf(target.resource as Practitioner, target.label, this.warn);
    }
    const role = target.resource as PractitionerRole;
    const practitioner = this.follow(role.practitioner?.reference, target, 'practitioner', ['Practitioner']);
    const provider = practitioner
      ? practitionerOf(practitioner.resource as Practitioner, practitioner.label, this.warn)
      : {};
    const taxonomy = taxonomyOf(role.specialty);
    if (taxonomy) provider.taxonomy = taxonomy;
    return provider;
  }

  private readProviders(entry: IndexedResource, resource: FhirEncounter, encounter: Encounter): void {
    const typed = (participant: NonNullable<FhirEncounter['participant']>[number], codes: string[]) =>
      participant.type?.some((type) => type.coding?.some((c) => c.code !== undefined && codes.includes(c.code))) ??
      false;
    for (const [i, participant] of (resource.participant ?? []).entries()) {
      const target = this.follow(participant.individual?.reference, entry, `participant[${i}].individual`, [
        'Practitioner',
        'PractitionerRole',
        'RelatedPerson',
      ]);
      if (!target || target.resource.resourceType === 'RelatedPerson') continue;
      if (typed(participant, ['REF'])) {
        encounter.referringProvider ??= this.providerFrom(target);
      } else if (!encounter.renderingProvider || typed(participant, ['PPRF'])) {
        encounter.renderingProvider = this.providerFrom(target);
        const role =
          target.resource.resourceType === 'PractitionerRole' ? (target.resource as PractitionerRole) : undefined;
        const organization =
          role && this.follow(role.organization?.reference, target, 'organization', ['Organization']);
        if (organization && !resource.serviceProvider) {
          encounter.billingProvider = organizationOf(
            organization.resource as Organization,
            organization.label,
            this.warn,
          );
        }
      }
    }
    const billing = this.follow(resource.serviceProvider?.reference, entry, 'serviceProvider', ['Organization']);
    if (billing) encounter.billingProvider = organizationOf(billing.resource as Organization, billing.label, this.warn);
  }

  private readCoverage(patientEntry: IndexedResource, encounter: Encounter): void {
    const candidates = this.index.ofType('Coverage').filter((entry) => {
      const coverage = entry.resource as Coverage;
      if (coverage.status && coverage.status !== 'active') return false;
      return this.follow(coverage.beneficiary?.reference, entry, 'beneficiary', ['Patient']) === patientEntry;
    });
    candidates.sort((a, b) => ((a.resource as Coverage).order ?? 99) - ((b.resource as Coverage).order ?? 99));
    const chosen = candidates[0];
    if (!chosen) return;
    const coverage = chosen.resource as Coverage;
    const relationship = coverage.relationship?.coding?.[0]?.code;
    const x12Relationship = relationship ? X12_RELATIONSHIP[relationship] : undefined;
    if (x12Relationship) encounter.patient.relationshipToSubscriber = x12Relationship;

    const subscriberEntry = this.follow(coverage.subscriber?.reference, chosen, 'subscriber', [
      'Patient',
      'RelatedPerson',
    ]);
    // Without a separate subscriber the patient holds the policy: the same person, minus patient-only fields.
    const { mrn: _mrn, relationshipToSubscriber: _relationship, ...patientAsPerson } = encounter.patient;
    const subscriber: Subscriber =
      subscriberEntry && subscriberEntry !== patientEntry
        ? personOf(subscriberEntry.resource as Patient | RelatedPerson, subscriberEntry.label, this.warn)
        : patientAsPerson;
    const memberId =
      coverage.subscriberId ?? coverage.identifier?.find((id) => id.type?.coding?.some((c) => c.code === 'MB'))?.value;
    if (memberId) subscriber.memberId = memberId;
    const group = coverage.class?.find((c) => c.type.coding?.some((coding) => coding.code === 'group'))?.value;
    if (group) subscriber.groupNumber = group;
    encounter.subscriber = subscriber;

    const payer: PayerRef = {};
    const responsibility = ({ 1: 'P', 2: 'S', 3: 'T' } as const)[coverage.order as 1 | 2 | 3];
    if (responsibility) payer.responsibility = responsibility;
    const payorRef = coverage.payor?.[0];
    const payorEntry = this.follow(payorRef?.reference, chosen, 'payor[0]', [
      'Organization',
      'Patient',
      'RelatedPerson',
    ]);
    if (payorEntry?.resource.resourceType === 'Organization') {
      const organization = payorEntry.resource as Organization;
      if (organization.name) payer.name = organization.name;
      const payerId = organization.identifier?.find(
        (id) => id.system === CLAIMFLOW_PAYER_ID_SYSTEM || id.type?.coding?.some((c) => c.code === 'NIIP'),
      )?.value;
      if (payerId) payer.payerId = payerId;
    } else if (payorRef?.display) {
      payer.name = payorRef.display;
    }
    encounter.payer = payer;
  }

  private codesOf(concept: CodeableConcept | undefined, path: string): SourceCode[] {
    const codes: SourceCode[] = [];
    for (const [i, coding] of (concept?.coding ?? []).entries()) {
      const system = sourceSystemOf(coding.system);
      if (!system || !coding.code) continue;
      const display = coding.display ?? concept?.text;
      codes.push({
        system,
        code: coding.code,
        ...(display ? { display } : {}),
        location: { path: `${path}.coding[${i}]` },
      });
    }
    return codes;
  }

  private readDiagnoses(
    entry: IndexedResource,
    resource: FhirEncounter,
    linked: LinkedResources,
    encounter: Encounter,
  ) {
    for (const condition of linked.conditions) {
      const verification = (condition.resource as Condition).verificationStatus?.coding?.[0]?.code;
      if (verification && UNCODABLE_VERIFICATION.has(verification)) {
        this.warn(`${condition.label} is ${verification}: not carried as a diagnosis`);
        continue;
      }
      encounter.diagnoses.push(...this.codesOf((condition.resource as Condition).code, `${condition.label}.code`));
    }
    for (const [i, reason] of (resource.reasonCode ?? []).entries()) {
      encounter.diagnoses.push(...this.codesOf(reason, `${entry.label}.reasonCode[${i}]`));
    }
  }

  private readProcedures(
    entry: IndexedResource,
    resource: FhirEncounter,
    linked: LinkedResources,
    encounter: Encounter,
  ) {
    for (const [i, type] of (resource.type ?? []).entries()) {
      // The visit type itself (a CPT E/M code, or SNOMED's "Encounter for check up (procedure)") tells the coder
      // what kind of visit this was.
      const visitTypes = this.codesOf(type, `${entry.label}.type[${i}]`).filter(
        (c) => c.system === 'CPT' || c.system === 'HCPCS' || c.system === 'SNOMED-CT',
      );
      encounter.procedures.push(...visitTypes);
    }
    for (const procedureEntry of linked.procedures) {
      const procedure = procedureEntry.resource as Procedure;
      if (procedure.status === 'not-done' || procedure.status === 'entered-in-error') {
        this.warn(`${procedureEntry.label} has status ${procedure.status}: not carried`);
        continue;
      }
      const performed = procedure.performedDateTime ?? procedure.performedPeriod?.start;
      const serviceDate = performed ? calendarDateOf(performed) : undefined;
      for (const code of this.codesOf(procedure.code, `${procedureEntry.label}.code`)) {
        const line: SourceProcedure = { ...code };
        if (serviceDate && serviceDate !== encounter.dateOfService) line.serviceDate = serviceDate;
        encounter.procedures.push(line);
      }
    }
    for (const immunizationEntry of linked.immunizations) {
      const immunization = immunizationEntry.resource as Immunization;
      if (immunization.status && immunization.status !== 'completed') {
        this.warn(`${immunizationEntry.label} has status ${immunization.status}: not carried`);
        continue;
      }
      encounter.procedures.push(...this.codesOf(immunization.vaccineCode, `${immunizationEntry.label}.vaccineCode`));
    }
    for (const chargeEntry of linked.chargeItems) {
      const charge = chargeEntry.resource as ChargeItem;
      if (charge.status === 'entered-in-error' || charge.status === 'not-billable' || charge.status === 'aborted')
        continue;
      for (const code of this.codesOf(charge.code, `${chargeEntry.label}.code`)) {
        const line: SourceProcedure = { ...code };
        const units = charge.quantity?.value;
        if (units !== undefined) {
          if (!Number.isInteger(units) || units <= 0) {
            stop(
              'invalid_quantity',
              `${chargeEntry.label}.quantity.value must be a positive whole number of units`,
              chargeEntry.label,
            );
          }
          line.units = units;
        }
        const price = charge.priceOverride?.value;
        if (price !== undefined) {
          try {
            line.chargeCents = toCents(String(price));
          } catch {
            stop(
              'invalid_amount',
              `${chargeEntry.label}.priceOverride.value must have at most two decimals`,
              chargeEntry.label,
            );
          }
        }
        // A ChargeItem for a service the bundle also records as a Procedure prices that procedure: one line.
        const performed = encounter.procedures.find(
          (p) =>
            p.system === line.system && p.code === line.code && p.chargeCents === undefined && p.units === undefined,
        );
        if (performed) {
          if (line.units !== undefined) performed.units = line.units;
          if (line.chargeCents !== undefined) performed.chargeCents = line.chargeCents;
        } else {
          encounter.procedures.push(line);
        }
      }
    }
  }

  private readNotes(linked: LinkedResources, encounter: Encounter): void {
    let noteText = '';
    const sections: NonNullable<Encounter['sections']> = [];
    const append = (text: string, name?: string) => {
      if (text.trim() === '') return;
      if (noteText !== '') noteText += '\n\n';
      if (name) noteText += `${name.toUpperCase()}:\n`;
      const start = noteText.length;
      noteText += text;
      if (name) sections.push({ name: name.toUpperCase(), start, end: noteText.length });
    };
    for (const note of linked.notes) {
      if (note.resource.resourceType === 'Composition') {
        for (const section of (note.resource as Composition).section ?? []) {
          if (section.text?.div) append(xhtmlToText(section.text.div), section.title);
        }
        continue;
      }
      const reference = note.resource as DocumentReference;
      if (reference.status === 'entered-in-error' || reference.status === 'superseded') continue;
      for (const [i, content] of reference.content.entries()) {
        const { contentType = 'text/plain', data } = content.attachment;
        const label = `${note.label}.content[${i}].attachment`;
        if (!data) {
          this.warn(`${label} has no inline data (url attachments are not fetched); note text missing`);
          continue;
        }
        if (!contentType.startsWith('text/')) {
          this.warn(`${label} is ${contentType}: only text attachments are read`);
          continue;
        }
        const text = decodeBase64Text(data);
        if (text === undefined) stop('invalid_attachment', `${label}.data is not base64-encoded UTF-8 text`, label);
        append(contentType.startsWith('text/html') ? xhtmlToText(text) : text);
      }
    }
    if (noteText !== '') encounter.noteText = noteText;
    if (sections.length > 0) encounter.sections = sections;
  }
}

function validateResource(entry: IndexedResource): void {
  const schema = resourceSchemas[entry.resource.resourceType];
  if (!schema) return;
  const result = schema.safeParse(entry.resource);
  if (!result.success) {
    const { message, location } = describeZodIssues(result.error, entry.label);
    stop('invalid_resource', `${entry.resource.resourceType} does not have the expected shape: ${message}`, location);
  }
}

function indexBundle(json: unknown, warnings: string[]): BundleIndex {
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const resourceType = (json as { resourceType?: unknown } | null)?.resourceType;
    if (typeof resourceType === 'string' && resourceType !== 'Bundle') {
      stop(
        'not_a_bundle',
        `FHIR document is a ${resourceType}; expected a Bundle holding Encounter resources`,
        '$.resourceType',
      );
    }
    const { message, location } = describeZodIssues(parsed.error, 'Bundle');
    stop('invalid_bundle', `Bundle does not have the expected shape: ${message}`, location);
  }
  const entries = parsed.data.entry ?? [];
  if (entries.length === 0) {
    stop(
      'empty_bundle',
      `Bundle (type ${parsed.data.type ?? 'unspecified'}) has no entries; expected at least one Encounter`,
      'Bundle.entry',
    );
  }
  const index = new BundleIndex();
  for (const [i, entry] of entries.entries()) {
    if (!entry.resource) {
      warnings.push(`entry[${i}] has no resource (a request or response only); skipped`);
      continue;
    }
    const indexed = index.add(entry.resource as Resource, i, entry.fullUrl);
    validateResource(indexed);
  }
  return index;
}

export function parseFhirBundle(text: string, source: ParseSource): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return parseFailure('invalid_json', `FHIR document is not valid JSON: ${(error as Error).message}`);
  }
  const warnings: string[] = [];
  try {
    const index = indexBundle(json, warnings);
    const encounters = index.ofType('Encounter');
    if (encounters.length === 0) {
      const types = [...new Set(index.entries.map((entry) => entry.resource.resourceType))].join(', ');
      stop(
        'no_encounter',
        `Bundle holds ${index.entries.length} resources (${types}) but no Encounter; a claimable visit is an Encounter`,
      );
    }
    const reader = new BundleReader(index, source);
    reader.linkChildren(encounters);
    const result: Encounter[] = [];
    for (const entry of encounters) {
      const status = (entry.resource as FhirEncounter).status;
      if (status && SKIPPED_ENCOUNTER_STATUSES.has(status)) {
        reader.warn(`${entry.label} has status ${status}: not a claimable visit, skipped`);
        continue;
      }
      result.push(reader.encounterAt(entry, result.length));
    }
    if (result.length === 0) {
      stop(
        'no_claimable_encounter',
        `all ${encounters.length} Encounter resources are cancelled, planned or entered in error`,
      );
    }
    return { ok: true, encounters: result, warnings: [...new Set([...warnings, ...reader.warnings])] };
  } catch (error) {
    if (error instanceof FhirParseError) return error.failure;
    throw error;
  }
}
