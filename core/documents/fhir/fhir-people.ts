/** Patients, subscribers and providers from FHIR resources, keeping only well-formed values and warning otherwise. */
import type { Address, HumanName, Identifier, Organization, Patient, Practitioner, RelatedPerson } from 'fhir/r4';
import type { Patient as ClaimPatient, Person, PostalAddress, ProviderRef } from '../encounter.ts';
import { calendarDateOf, isValidNpi, normalizePostalCode, normalizeTin, parseSex } from '../identifiers.ts';
import { NPI_SYSTEM, NUCC_TAXONOMY_SYSTEM, TIN_SYSTEM } from './fhir-systems.ts';

export type Warn = (message: string) => void;

function pick<T extends { use?: string }>(items: T[] | undefined, preferred: string[]): T | undefined {
  if (!items || items.length === 0) return undefined;
  for (const use of preferred) {
    const found = items.find((item) => item.use === use);
    if (found) return found;
  }
  return items.find((item) => item.use !== 'old') ?? items[0];
}

export function postalAddressOf(
  addresses: Address[] | undefined,
  label: string,
  warn: Warn,
): PostalAddress | undefined {
  const address = pick(addresses, ['home', 'work', 'billing']);
  if (!address) return undefined;
  const result: PostalAddress = { lines: address.line ?? [] };
  if (address.city) result.city = address.city;
  if (address.state) result.state = address.state;
  if (address.postalCode) {
    const postalCode = normalizePostalCode(address.postalCode);
    if (postalCode) result.postalCode = postalCode;
    else warn(`${label}.address.postalCode is not a 5 or 9 digit ZIP code; left out`);
  }
  return result;
}

function nameParts(names: HumanName[] | undefined): Pick<Person, 'lastName' | 'firstName' | 'middleName'> {
  const name = pick(names, ['official', 'usual']);
  if (!name) return {};
  const parts: Pick<Person, 'lastName' | 'firstName' | 'middleName'> = {};
  if (name.family) parts.lastName = name.family;
  if (name.given?.[0]) parts.firstName = name.given[0];
  if (name.given?.[1]) parts.middleName = name.given.slice(1).join(' ');
  return parts;
}

export function personOf(resource: Patient | RelatedPerson | Practitioner, label: string, warn: Warn): Person {
  const person: Person = nameParts(resource.name);
  if (resource.birthDate) {
    const birthDate = calendarDateOf(resource.birthDate);
    if (birthDate) person.birthDate = birthDate;
    else warn(`${label}.birthDate is not a full YYYY-MM-DD date (partial dates cannot go on a claim); left out`);
  }
  if (resource.gender) {
    const sex = parseSex(resource.gender);
    if (sex) person.sex = sex;
  }
  const address = postalAddressOf(resource.address, label, warn);
  if (address) person.address = address;
  return person;
}

function hasTypeCode(identifier: Identifier, code: string): boolean {
  return identifier.type?.coding?.some((coding) => coding.code === code) ?? false;
}

export function patientOf(resource: Patient, label: string, warn: Warn): ClaimPatient {
  const patient: ClaimPatient = personOf(resource, label, warn);
  const mrn = resource.identifier?.find((identifier) => hasTypeCode(identifier, 'MR'))?.value;
  if (mrn) patient.mrn = mrn;
  return patient;
}

function npiOf(identifiers: Identifier[] | undefined, label: string, warn: Warn): string | undefined {
  const value = identifiers?.find((identifier) => identifier.system === NPI_SYSTEM)?.value;
  if (value === undefined) return undefined;
  if (isValidNpi(value)) return value;
  warn(`${label} NPI "${value}" is not a valid NPI (10 digits with a Luhn check digit); left out`);
  return undefined;
}

function tinOf(identifiers: Identifier[] | undefined, label: string, warn: Warn): string | undefined {
  const value = identifiers?.find((identifier) => identifier.system === TIN_SYSTEM)?.value;
  if (value === undefined) return undefined;
  const tin = normalizeTin(value);
  if (!tin) warn(`${label} TIN is not 9 digits; left out`);
  return tin;
}

export function practitionerOf(resource: Practitioner, label: string, warn: Warn): ProviderRef {
  const provider: ProviderRef = nameParts(resource.name);
  const npi = npiOf(resource.identifier, label, warn);
  if (npi) provider.npi = npi;
  const tin = tinOf(resource.identifier, label, warn);
  if (tin) provider.tin = tin;
  const taxonomy = resource.qualification
    ?.flatMap((qualification) => qualification.code.coding ?? [])
    .find((coding) => coding.system === NUCC_TAXONOMY_SYSTEM)?.code;
  if (taxonomy) provider.taxonomy = taxonomy;
  const address = postalAddressOf(resource.address, label, warn);
  if (address) provider.address = address;
  return provider;
}

export function organizationOf(resource: Organization, label: string, warn: Warn): ProviderRef {
  const provider: ProviderRef = {};
  if (resource.name) provider.organizationName = resource.name;
  const npi = npiOf(resource.identifier, label, warn);
  if (npi) provider.npi = npi;
  const tin = tinOf(resource.identifier, label, warn);
  if (tin) provider.tin = tin;
  const address = postalAddressOf(resource.address, label, warn);
  if (address) provider.address = address;
  return provider;
}

export function taxonomyOf(
  specialties: { coding?: { system?: string; code?: string }[] }[] | undefined,
): string | undefined {
  return specialties?.flatMap((specialty) => specialty.coding ?? []).find((c) => c.system === NUCC_TAXONOMY_SYSTEM)
    ?.code;
}
