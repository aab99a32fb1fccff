/**
 * Amazon Comprehend Medical InferICD10CM as a second proposer of diagnoses, which the practice configuration, the
 * stack and code-encounter agree on: off unless the practice configuration turns it on
 * (`"comprehendMedical": { "enabled": true }`), because turning it on sends clinical-note text (PHI) to the service
 * and is billed per 100 characters (docs/coding/diagnoses.md, "Amazon Comprehend Medical"). Only when it is on does
 * the stack grant code-encounter `comprehendmedical:InferICD10CM` (lib/features/intake.ts), and the local twin,
 * which has no such service, refuses to start with it on.
 */
import { z } from 'zod';

export const COMPREHEND_MEDICAL_DEFAULTS = {
  enabled: false,
  // Two calls of the service's 10,000-character limit: a long office note, at most 200 billed units (a longer note
  // is coded by our own coder alone; its assessment is seldom what makes it long).
  maxCharacters: 20_000,
  // For the whole note (every piece and the SDK's own retries); at most 4 s (COMPREHEND_ENCOUNTERS_PER_CHUNK).
  timeoutMs: 3_000,
  // After a throttle or a timeout, the service is left alone this long (its callers code without it meanwhile).
  coolOffSeconds: 60,
} as const;

/**
 * Visits code-encounter codes per invocation while the service is on (a larger document is coded in pieces, each its
 * own invocation): ten waits of the longest timeoutMs (4 s) and the coding itself fit the function's 60 s.
 */
export const COMPREHEND_ENCOUNTERS_PER_CHUNK = 10;

export const comprehendMedicalConfigSchema = z
  .strictObject({
    /** Send each clinical note (no structured ICD-10-CM codes) to InferICD10CM; its proposals go to review. */
    enabled: z.boolean().default(COMPREHEND_MEDICAL_DEFAULTS.enabled),
    /** Notes longer than this (in characters) are not sent. */
    maxCharacters: z.number().int().min(1).max(50_000).default(COMPREHEND_MEDICAL_DEFAULTS.maxCharacters),
    /** How long one note may wait for the service before it is coded without it. */
    timeoutMs: z.number().int().min(100).max(4_000).default(COMPREHEND_MEDICAL_DEFAULTS.timeoutMs),
    /** How long the service is not called after it throttled or timed out. */
    coolOffSeconds: z.number().int().min(0).max(3_600).default(COMPREHEND_MEDICAL_DEFAULTS.coolOffSeconds),
  })
  .default({ ...COMPREHEND_MEDICAL_DEFAULTS });

export type ComprehendMedicalConfig = z.infer<typeof comprehendMedicalConfigSchema>;

/**
 * Whether a practice configuration document (as the stack holds it, unvalidated JSON text) turns the service on:
 * the stack decides the IAM grant with this, the functions decide the calls with the validated configuration.
 */
export function comprehendMedicalEnabled(practiceConfigJson: string): boolean {
  const parsed = comprehendMedicalConfigSchema.safeParse(
    (JSON.parse(practiceConfigJson) as { comprehendMedical?: unknown }).comprehendMedical,
  );
  if (!parsed.success)
    throw new Error(
      `practice configuration comprehendMedical is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data.enabled;
}
