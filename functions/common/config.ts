/**
 * Function configuration, read from the environment once per execution environment and validated, so a wiring
 * mistake fails the first invocation loudly instead of the hundredth quietly.
 */
import { z } from 'zod';

const positiveInteger = z.coerce.number().int().positive();

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  IDEMPOTENCY_TABLE_NAME: z.string().min(1),
  INTAKE_BUCKET_NAME: z.string().min(1),
  SUBMISSION_QUEUE_URL: z.url(),
  INBOX_PREFIX: z.string().default('inbox/'),
  QUARANTINE_PREFIX: z.string().default('quarantine/'),
  MAX_DOCUMENT_BYTES: positiveInteger.default(5 * 1024 * 1024),
});

export type FunctionConfig = z.infer<typeof schema>;

let cached: FunctionConfig | undefined;

export function config(): FunctionConfig {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`function environment is invalid: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
