/**
 * Zod schemas for the FHIR R4 elements ClaimFlow reads, and only those: a resource passes if every element we use
 * has the right shape, whatever else it carries. Once a resource passes, code reads it through the `fhir4` types.
 */
import { z } from 'zod';

const coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const codeableConcept = z.looseObject({ coding: z.array(coding).optional(), text: z.string().optional() });
const reference = z.looseObject({ reference: z.string().optional(), display: z.string().optional() });
const identifier = z.looseObject({
  system: z.string().optional(),
  value: z.string().optional(),
  type: codeableConcept.optional(),
});
const period = z.looseObject({ start: z.string().optional(), end: z.string().optional() });
const humanName = z.looseObject({
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  text: z.string().optional(),
});
const address = z.looseObject({
  use: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
});
const person = {
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
  address: z.array(address).optional(),
};
const attachment = z.looseObject({
  contentType: z.string().optional(),
  data: z.string().optional(),
  url: z.string().optional(),
});
const narrative = z.looseObject({ div: z.string().optional() });
const quantity = z.looseObject({ value: z.number().optional() });
const money = z.looseObject({ value: z.number().optional(), currency: z.string().optional() });

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string().optional(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string(), id: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

export const resourceSchemas: Record<string, z.ZodType> = {
  Patient: z.looseObject(person),
  RelatedPerson: z.looseObject(person),
  Practitioner: z.looseObject({
    ...person,
    qualification: z.array(z.looseObject({ code: codeableConcept.optional() })).optional(),
  }),
  PractitionerRole: z.looseObject({
    identifier: z.array(identifier).optional(),
    practitioner: reference.optional(),
    organization: reference.optional(),
    specialty: z.array(codeableConcept).optional(),
  }),
  Organization: z.looseObject({
    identifier: z.array(identifier).optional(),
    name: z.string().optional(),
    address: z.array(address).optional(),
  }),
  Location: z.looseObject({ type: z.array(codeableConcept).optional() }),
  Encounter: z.looseObject({
    class: coding.optional(),
    type: z.array(codeableConcept).optional(),
    serviceType: codeableConcept.optional(),
    subject: reference.optional(),
    participant: z
      .array(z.looseObject({ type: z.array(codeableConcept).optional(), individual: reference.optional() }))
      .optional(),
    period: period.optional(),
    length: z
      .looseObject({ value: z.number().optional(), unit: z.string().optional(), code: z.string().optional() })
      .optional(),
    reasonCode: z.array(codeableConcept).optional(),
    diagnosis: z.array(z.looseObject({ condition: reference, rank: z.number().optional() })).optional(),
    location: z.array(z.looseObject({ location: reference })).optional(),
    serviceProvider: reference.optional(),
  }),
  Condition: z.looseObject({
    code: codeableConcept.optional(),
    encounter: reference.optional(),
    verificationStatus: codeableConcept.optional(),
  }),
  Procedure: z.looseObject({
    status: z.string().optional(),
    code: codeableConcept.optional(),
    encounter: reference.optional(),
    performedDateTime: z.string().optional(),
    performedPeriod: period.optional(),
  }),
  Immunization: z.looseObject({
    status: z.string().optional(),
    vaccineCode: codeableConcept.optional(),
    encounter: reference.optional(),
  }),
  ChargeItem: z.looseObject({
    status: z.string().optional(),
    code: codeableConcept,
    context: reference.optional(),
    quantity: quantity.optional(),
    priceOverride: money.optional(),
  }),
  Coverage: z.looseObject({
    status: z.string().optional(),
    identifier: z.array(identifier).optional(),
    subscriberId: z.string().optional(),
    subscriber: reference.optional(),
    beneficiary: reference.optional(),
    relationship: codeableConcept.optional(),
    payor: z.array(reference).optional(),
    order: z.number().optional(),
    class: z.array(z.looseObject({ type: codeableConcept, value: z.string() })).optional(),
  }),
  DocumentReference: z.looseObject({
    status: z.string().optional(),
    content: z.array(z.looseObject({ attachment })),
    context: z.looseObject({ encounter: z.array(reference).optional() }).optional(),
  }),
  Composition: z.looseObject({
    encounter: reference.optional(),
    section: z
      .array(
        z.looseObject({
          title: z.string().optional(),
          text: narrative.optional(),
          section: z.array(z.unknown()).optional(),
        }),
      )
      .optional(),
  }),
};
