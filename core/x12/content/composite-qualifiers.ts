/**
 * The code lists of the composite qualifiers the TR3s allow (core/x12/data/composite-qualifiers.json): which
 * product/service id qualifiers a service line may use (SV101-1, SV202-1, SVC01-1...), which HI segments a claim may
 * carry with which qualifiers in which place, and the window of years a date may plausibly fall in. Validated once
 * when first used: a broken data file fails loudly instead of letting every qualifier pass.
 */
import { z } from 'zod';
import qualifiersFile from '../data/composite-qualifiers.json' with { type: 'json' };

const code = z.string().regex(/^[A-Z0-9]{1,3}$/);
const guide = z.string().regex(/^005010X\d{3}$/);

const compositeQualifiersSchema = z
  .object({
    kind: z.literal('composite-qualifiers'),
    version: z.string(),
    sources: z.array(z.string()).min(1),
    procedureQualifiers: z.array(
      z
        .object({
          guide,
          segment: z.string().regex(/^[A-Z][A-Z0-9]{1,2}$/),
          element: z.number().int().min(1),
          /** False for a simple element (LIN02); otherwise the qualifier is the composite's first component. */
          composite: z.boolean().default(true),
          name: z.string(),
          codes: z.array(code).min(1),
        })
        .strict(),
    ),
    healthCareInformation: z.array(
      z
        .object({
          guide,
          segments: z.array(
            z
              .object({
                name: z.string(),
                first: z.array(code).min(1),
                rest: z.array(code),
                composites: z.number().int().min(1).max(12),
                perClaim: z.number().int().min(1),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    plausibleYears: z.object({ from: z.number().int(), to: z.number().int() }).strict(),
  })
  .strict();

export type CompositeQualifiers = z.infer<typeof compositeQualifiersSchema>;
export type ProcedureQualifierList = CompositeQualifiers['procedureQualifiers'][number];
export type HealthCareInformationSegment = CompositeQualifiers['healthCareInformation'][number]['segments'][number];

let loaded: CompositeQualifiers | undefined;

export function compositeQualifiers(): CompositeQualifiers {
  loaded ??= compositeQualifiersSchema.parse(qualifiersFile);
  return loaded;
}

/** The implementation guide a set follows, as the data file names it (ST03 without its addenda letters). */
export function guideOf(implementationGuide: string): string {
  return implementationGuide.slice(0, 10);
}
