/** Readers for the HL7 v2 data types ClaimFlow uses: XPN names, XAD addresses, TS/DT dates, XCN providers, CE codes. */
import type { AdministrativeSex, IsoDate, Person, PostalAddress, ProviderRef, SourceCode } from '../encounter.ts';
import { isIsoDate, isValidNpi, normalizeIcd10Cm, normalizePostalCode, procedureCodeSystem } from '../identifiers.ts';
import type { SegmentReader } from './hl7-tokenizer.ts';

/** XPN: family^given^middle. */
export function nameAt(reader: SegmentReader, field: number): Pick<Person, 'lastName' | 'firstName' | 'middleName'> {
  const name: Pick<Person, 'lastName' | 'firstName' | 'middleName'> = {};
  const family = reader.value(field, 1);
  const given = reader.value(field, 2);
  const middle = reader.value(field, 3);
  if (family) name.lastName = family;
  if (given) name.firstName = given;
  if (middle) name.middleName = middle;
  return name;
}

/** XAD: street^other designation^city^state^zip. */
export function addressAt(reader: SegmentReader, field: number): { address?: PostalAddress; badZip: boolean } {
  const street = reader.value(field, 1);
  const other = reader.value(field, 2);
  const city = reader.value(field, 3);
  const state = reader.value(field, 4);
  const zip = reader.value(field, 5);
  if (!street && !city && !zip) return { badZip: false };
  const address: PostalAddress = { lines: [street, other].filter(Boolean) };
  if (city) address.city = city;
  if (state) address.state = state;
  const postalCode = zip ? normalizePostalCode(zip) : undefined;
  if (postalCode) address.postalCode = postalCode;
  return { address, badZip: Boolean(zip) && !postalCode };
}

/**
 * TS/DT/DTM `YYYYMMDD[HHMM[SS[.S]]][+/-ZZZZ]` to the calendar date as written (the sender's local date; never
 * shifted through UTC). `undefined` for empty, `null` for a value that is not a full date.
 */
export function dateOf(value: string): IsoDate | null | undefined {
  if (value === '') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2,6}(\.\d+)?)?([+-]\d{4})?$/.exec(value);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(iso) ? iso : null;
}

export function sexOf(value: string): AdministrativeSex | undefined {
  if (value === 'F' || value === 'M') return value;
  if (value === 'U' || value === 'O' || value === 'A' || value === 'N') return 'U';
  return undefined;
}

/** XCN: id^family^given^middle ... ^13 identifier type code. The id is read as an NPI when it is a valid one. */
export function providerIn(
  reader: SegmentReader,
  rawRepetition: string,
): { provider: ProviderRef; invalidNpi?: string } {
  const provider: ProviderRef = {};
  const id = reader.valueIn(rawRepetition, 1);
  const family = reader.valueIn(rawRepetition, 2);
  const given = reader.valueIn(rawRepetition, 3);
  if (family) provider.lastName = family;
  if (given) provider.firstName = given;
  const typeCode = reader.valueIn(rawRepetition, 13);
  if (id && isValidNpi(id)) provider.npi = id;
  else if (id && (typeCode === 'NPI' || /^\d{10}$/.test(id))) return { provider, invalidNpi: id };
  return { provider };
}

const DIAGNOSIS_SYSTEMS: Record<string, SourceCode['system']> = {
  I10: 'ICD-10-CM',
  I10C: 'ICD-10-CM',
  ICD10CM: 'ICD-10-CM',
  'ICD-10-CM': 'ICD-10-CM',
  I9: 'ICD-9-CM',
  I9C: 'ICD-9-CM',
  I9CDX: 'ICD-9-CM',
  SCT: 'SNOMED-CT',
  SNM: 'SNOMED-CT',
  SNOMEDCT: 'SNOMED-CT',
};

const PROCEDURE_SYSTEMS: Record<string, 'CPT' | 'HCPCS'> = {
  C4: 'CPT',
  CPT: 'CPT',
  CPT4: 'CPT',
  HCPCS: 'HCPCS',
  HPC: 'HCPCS',
  HCPT: 'HCPCS',
};

/** CE/CWE diagnosis code^text^coding system; without a system, an ICD-10-CM-shaped code is read as one. */
export function diagnosisIn(
  reader: SegmentReader,
  rawRepetition: string,
  path: string,
): SourceCode | { unknownSystem: string } | undefined {
  const code = reader.valueIn(rawRepetition, 1);
  if (!code) return undefined;
  const text = reader.valueIn(rawRepetition, 2);
  const systemName = reader.valueIn(rawRepetition, 3).toUpperCase();
  const system = systemName ? DIAGNOSIS_SYSTEMS[systemName] : normalizeIcd10Cm(code) ? 'ICD-10-CM' : undefined;
  if (!system) return { unknownSystem: systemName || 'none' };
  const normalized = system === 'ICD-10-CM' ? (normalizeIcd10Cm(code) ?? code) : code;
  return { system, code: normalized, ...(text ? { display: text } : {}), location: { path } };
}

/** CE/CNE procedure code^text^coding system (C4 = CPT-4, HCPCS); without a system, read by the code's shape. */
export function procedureIn(
  reader: SegmentReader,
  rawRepetition: string,
): { system: 'CPT' | 'HCPCS'; code: string; display?: string } | undefined {
  const code = reader.valueIn(rawRepetition, 1).toUpperCase();
  if (!code) return undefined;
  const systemName = reader.valueIn(rawRepetition, 3).toUpperCase();
  const system = (systemName && PROCEDURE_SYSTEMS[systemName]) || procedureCodeSystem(code);
  if (!system) return undefined;
  const display = reader.valueIn(rawRepetition, 2);
  return { system, code, ...(display ? { display } : {}) };
}
