import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Encounter } from '#core/documents/encounter';
import { parseFhirBundle } from '#core/documents/fhir/parse-fhir';
import { missingInformation } from '#core/documents/missing-information';
import type { ParseResult } from '#core/documents/parse-result';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const fixture = fileURLToPath(
  new URL('../../fixtures/documents/fhir/diabetes-follow-up-transaction.json', import.meta.url),
);
const fixtureText = readFileSync(fixture, 'utf8');
const source = { key: 'inbox/diabetes-follow-up-transaction.json' };

// Test code edits arbitrary bundle JSON in place; typing every shape would only restate the fixture.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = Record<string, any>;
const fixtureJson = (): Json => JSON.parse(fixtureText);
const parseJson = (bundle: unknown): ParseResult => parseFhirBundle(JSON.stringify(bundle), source);

function onlyEncounter(result: ParseResult): Encounter {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  expect(result.encounters).toHaveLength(1);
  return result.encounters[0]!;
}

function resourceById(bundle: Json, id: string): Json {
  return bundle.entry.find((entry: Json) => entry.resource.id === id).resource;
}

describe('FHIR R4 bundle: a complete office visit', () => {
  const result = parseFhirBundle(fixtureText, source);
  const encounter = onlyEncounter(result);

  it('identifies the visit and takes the local calendar date of the period, not the UTC one', () => {
    expect(encounter.source).toEqual({ key: source.key, format: 'fhir-r4', index: 0, sourceId: 'enc-1' });
    // 21:30 at -05:00 is already the next day in UTC.
    expect(encounter.dateOfService).toBe('2026-11-02');
    expect(encounter.dateOfServiceEnd).toBeUndefined();
    expect(encounter.totalTimeMinutes).toBe(25);
  });

  it('reads the patient with MRN and a 9-digit ZIP', () => {
    expect(encounter.patient).toEqual({
      lastName: 'Rivera',
      firstName: 'Ana',
      middleName: 'Lucia',
      birthDate: '1961-04-12',
      sex: 'F',
      mrn: 'MRN-00417',
      relationshipToSubscriber: '18',
      address: { lines: ['22 Orchard Lane'], city: 'Springfield', state: 'IL', postalCode: '627041234' },
    });
  });

  it('reads coverage: member id, group, payer id from the payor Organization', () => {
    expect(encounter.subscriber).toMatchObject({
      memberId: 'SBX123456789',
      groupNumber: 'GRP-7781',
      lastName: 'Rivera',
    });
    expect(encounter.payer).toEqual({ payerId: 'SANDBOX1', name: 'Sandbox Health Plan', responsibility: 'P' });
  });

  it('reads the rendering provider through PractitionerRole and the billing organization with NPI and TIN', () => {
    expect(encounter.renderingProvider).toEqual({
      lastName: 'Ortiz',
      firstName: 'Lena',
      npi: '1456789019',
      taxonomy: '207Q00000X',
    });
    expect(encounter.billingProvider).toMatchObject({
      organizationName: 'Maple Grove Family Medicine',
      npi: '1987654328',
      tin: '841234567',
      address: { postalCode: '627011500' },
    });
  });

  it('takes the place of service from the contained Location', () => {
    expect(encounter.placeOfService).toBe('11');
  });

  it('lists ranked diagnoses first, keeps SNOMED with its text, and leaves provisional conditions out', () => {
    expect(encounter.diagnoses.map((d) => `${d.system} ${d.code}`)).toEqual([
      'SNOMED-CT 44054006',
      'ICD-10-CM E11.9',
      'ICD-10-CM I10',
    ]);
    expect(encounter.diagnoses[0]).toMatchObject({ display: 'Diabetes mellitus type 2' });
    expect(encounter.diagnoses[1]!.location.path).toBe('entry[8] (Condition/cond-dm).code.coding[1]');
    expect(result.ok && result.warnings).toContain(
      'entry[9] (Condition/cond-ruled-out) is provisional: not carried as a diagnosis',
    );
  });

  it('carries CPT from Encounter.type and Procedure, and ChargeItem HCPCS with units and charge', () => {
    expect(encounter.procedures).toEqual([
      expect.objectContaining({ system: 'CPT', code: '99214' }),
      expect.objectContaining({ system: 'CPT', code: '83036' }),
      expect.objectContaining({ system: 'HCPCS', code: 'J3420', units: 1, chargeCents: 1850 }),
    ]);
    expect(encounter.procedures[1]!.serviceDate).toBeUndefined();
  });

  it('joins the DocumentReference text and the Composition narrative, with section offsets', () => {
    const text = encounter.noteText!;
    expect(text).toContain('Established patient seen for type 2 diabetes follow-up.');
    expect(text).not.toContain('<p>');
    const section = encounter.sections![0]!;
    expect(section.name).toBe('ASSESSMENT AND PLAN');
    expect(text.slice(section.start, section.end)).toBe(
      'Type 2 diabetes & hypertension, stable.\nVitamin B12 deficiency: B12 1000 mcg IM given.',
    );
  });

  it('leaves nothing a claim needs missing', () => {
    expect(missingInformation(encounter)).toEqual([]);
  });
});

describe('FHIR R4 bundle: bundle types and references', () => {
  it('resolves relative Type/id references in a searchset', () => {
    const bundle = fixtureJson();
    bundle.type = 'searchset';
    const urlToRelative = new Map<string, string>(
      bundle.entry.map((entry: Json) => [entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`]),
    );
    for (const entry of bundle.entry)
      entry.fullUrl = `https://ehr.example.org/fhir/${urlToRelative.get(entry.fullUrl)}`;
    const withRelative = JSON.parse(
      JSON.stringify(bundle).replace(/urn:uuid:[0-9a-f-]+/g, (urn) => urlToRelative.get(urn) ?? urn),
    );
    const encounter = onlyEncounter(parseJson(withRelative));
    expect(encounter.payer?.payerId).toBe('SANDBOX1');
    expect(encounter.billingProvider?.npi).toBe('1987654328');
    expect(encounter.diagnoses).toHaveLength(3);
  });

  it('reports a relative reference to a resource the searchset did not include as missing data, not an error', () => {
    const bundle = fixtureJson();
    bundle.type = 'searchset';
    resourceById(bundle, 'enc-1').serviceProvider = { reference: 'Organization/not-included' };
    const result = parseJson(bundle);
    const encounter = onlyEncounter(result);
    expect(encounter.billingProvider?.npi).toBeUndefined();
    expect(result.ok && result.warnings.join('\n')).toMatch(
      /serviceProvider: reference "Organization\/not-included" is not included/,
    );
    expect(missingInformation(encounter).map((m) => m.field)).toEqual(['billingProvider.npi']);
  });

  it('prices a Procedure with the ChargeItem for the same code instead of adding a second line', () => {
    const bundle = fixtureJson();
    const charge = structuredClone(resourceById(bundle, 'charge-b12'));
    charge.id = 'charge-a1c';
    charge.code = { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '83036' }] };
    charge.priceOverride = { value: 28 };
    bundle.entry.push({ fullUrl: 'urn:uuid:4f1c2d3e-0001-4000-8000-000000000098', resource: charge });
    const encounter = onlyEncounter(parseJson(bundle));
    const a1c = encounter.procedures.filter((p) => p.code === '83036');
    expect(a1c).toEqual([expect.objectContaining({ units: 1, chargeCents: 2800 })]);
  });

  it('gives one encounter per Encounter resource, numbered in bundle order', () => {
    const bundle = fixtureJson();
    const second = structuredClone(resourceById(bundle, 'enc-1'));
    second.id = 'enc-2';
    second.period = { start: '2026-11-09' };
    delete second.diagnosis;
    bundle.entry.push({ fullUrl: 'urn:uuid:4f1c2d3e-0001-4000-8000-000000000099', resource: second });
    const result = parseJson(bundle);
    expect(result.ok && result.encounters.map((e) => [e.source.index, e.source.sourceId, e.dateOfService])).toEqual([
      [0, 'enc-1', '2026-11-02'],
      [1, 'enc-2', '2026-11-09'],
    ]);
  });
});

describe('FHIR R4 bundle: specific failures', () => {
  it('names the JSON syntax error of a truncated document', () => {
    const result = parseFhirBundle(fixtureText.slice(0, 500), source);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_json' });
    expect(!result.ok && result.message).toMatch(/^FHIR document is not valid JSON: /);
  });

  it('refuses a Bundle without entries', () => {
    expect(parseJson({ resourceType: 'Bundle', type: 'collection' })).toMatchObject({
      ok: false,
      reason: 'empty_bundle',
      message: 'Bundle (type collection) has no entries; expected at least one Encounter',
    });
  });

  it('refuses a single resource that is not a Bundle', () => {
    expect(parseJson({ resourceType: 'Patient', id: 'p' })).toMatchObject({ ok: false, reason: 'not_a_bundle' });
  });

  it('refuses a Bundle with no Encounter, listing what it holds', () => {
    const bundle = fixtureJson();
    bundle.entry = bundle.entry.filter((entry: Json) => entry.resource.resourceType === 'Patient');
    expect(parseJson(bundle)).toMatchObject({
      ok: false,
      reason: 'no_encounter',
      message: expect.stringContaining('(Patient)'),
    });
  });

  it('refuses a bundle whose only Encounter was cancelled', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'enc-1').status = 'cancelled';
    expect(parseJson(bundle)).toMatchObject({ ok: false, reason: 'no_claimable_encounter' });
  });

  it('refuses an Encounter without a period, naming the entry', () => {
    const bundle = fixtureJson();
    delete resourceById(bundle, 'enc-1').period;
    expect(parseJson(bundle)).toMatchObject({
      ok: false,
      reason: 'missing_period',
      location: 'entry[6] (Encounter/enc-1).period',
    });
  });

  it('refuses a urn:uuid reference that matches no entry', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'enc-1').subject = { reference: 'urn:uuid:00000000-0000-4000-8000-00000000dead' };
    const result = parseJson(bundle);
    expect(result).toMatchObject({ ok: false, reason: 'broken_reference' });
    expect(!result.ok && result.message).toBe(
      'entry[6] (Encounter/enc-1).subject: reference "urn:uuid:00000000-0000-4000-8000-00000000dead" matches no entry fullUrl in the bundle',
    );
  });

  it('refuses a contained reference with no contained resource of that id', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'enc-1').location = [{ location: { reference: '#elsewhere' } }];
    expect(parseJson(bundle)).toMatchObject({ ok: false, reason: 'broken_reference' });
  });

  it('refuses a reference to the wrong kind of resource', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'enc-1').subject = { reference: 'urn:uuid:4f1c2d3e-0001-4000-8000-000000000004' };
    expect(parseJson(bundle)).toMatchObject({ ok: false, reason: 'wrong_reference_target' });
  });

  it('refuses an element of the wrong type with its path', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'charge-b12').quantity = { value: 'one' };
    expect(parseJson(bundle)).toMatchObject({
      ok: false,
      reason: 'invalid_resource',
      location: 'entry[11] (ChargeItem/charge-b12).quantity.value',
    });
  });

  it('refuses a charge with fractions of a cent', () => {
    const bundle = fixtureJson();
    resourceById(bundle, 'charge-b12').priceOverride = { value: 18.505 };
    expect(parseJson(bundle)).toMatchObject({ ok: false, reason: 'invalid_amount' });
  });
});

describe('FHIR R4 bundle: partly usable documents', () => {
  it('keeps the visit and reports what is missing when coverage and provider ids are absent', () => {
    const bundle = fixtureJson();
    bundle.entry = bundle.entry.filter((entry: Json) => entry.resource.resourceType !== 'Coverage');
    resourceById(bundle, 'clinic-1').identifier = [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1987654321' }];
    const result = parseJson(bundle);
    const encounter = onlyEncounter(result);
    expect(missingInformation(encounter).map((m) => m.field)).toEqual([
      'subscriber.memberId',
      'payer.payerId',
      'billingProvider.npi',
    ]);
    expect(result.ok && result.warnings.join('\n')).toMatch(/NPI "1987654321" is not a valid NPI/);
  });
});

describeWithSharedData('FHIR R4 bundle: every Synthea bundle', ['synthea', 'r4'], () => {
  const folder = sharedData('synthea', 'r4');
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));

  it('finds the 24 bundles', () => {
    expect(files).toHaveLength(24);
  });

  it.each(files)(
    '%s gives one encounter per Encounter resource, with SNOMED codes and missing ids reported',
    (name) => {
      const text = readFileSync(`${folder}/${name}`, 'utf8');
      const raw = JSON.parse(text) as Json;
      const resources = raw.entry.map((entry: Json) => entry.resource);
      const encounterIds = resources.filter((r: Json) => r.resourceType === 'Encounter').map((r: Json) => r.id);
      const snomedConditions = resources.filter(
        (r: Json) => r.resourceType === 'Condition' && r.code.coding[0].system === 'http://snomed.info/sct',
      ).length;

      const result = parseFhirBundle(text, { key: name });
      if (!result.ok) throw new Error(`${name}: ${result.reason}: ${result.message}`);
      expect(result.encounters.map((e) => e.source.sourceId)).toEqual(encounterIds);
      const carriedConditions = result.encounters
        .flatMap((e) => e.diagnoses)
        .filter((d) => d.system === 'SNOMED-CT' && d.location.path?.includes('(Condition/'));
      expect(carriedConditions).toHaveLength(snomedConditions);
      const immunizations = resources.filter((r: Json) => r.resourceType === 'Immunization').length;
      const vaccines = result.encounters.flatMap((e) => e.procedures).filter((p) => p.system === 'CVX');
      expect(vaccines).toHaveLength(immunizations);
      expect(vaccines.every((v) => v.display)).toBe(true);
      // Synthea types every visit with a SNOMED code ("Encounter for check up (procedure)"), carried for the coder.
      for (const encounter of result.encounters) {
        expect(encounter.procedures.some((p) => p.system === 'SNOMED-CT' && p.location.path?.includes('.type['))).toBe(
          true,
        );
      }
      for (const encounter of result.encounters) {
        expect(encounter.dateOfService).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(encounter.patient.lastName).toBeTruthy();
        // Synthea carries no payer ids, member ids or valid NPIs: reported missing, never invented.
        expect(missingInformation(encounter).map((m) => m.field)).toEqual(
          expect.arrayContaining(['subscriber.memberId', 'payer.payerId', 'billingProvider.npi']),
        );
      }
    },
  );
});
