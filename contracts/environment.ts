/**
 * Environment fragments: each names the variables one binding gives a function (a table, a bucket's prefixes, a
 * queue, reference data) with the schema of their values. A function's environment schema is the union of the
 * fragments of what it is bound to (see functions/), so the variable for one resource has one name and one meaning
 * in every function.
 *
 * The stack checks at synth that a function's environment has exactly its schema's keys and that every value known at
 * synth parses; the function parses `process.env` with the same schema at cold start.
 */
import { z } from 'zod';
import { INBOX_PREFIX, QUARANTINE_PREFIX, RESPONSES_RAW_PREFIX, SUBMISSIONS_PREFIX } from './bucket-layout.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from './metrics.ts';

const name = z.string().min(1);
const secretArn = z.string().regex(/^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:/, 'a Secrets Manager ARN');
const byteCount = z.coerce.number().int().positive();

/** What every function gets: source maps in stack traces, and the Powertools names the dashboard reads. */
export const runtimeEnvironment = {
  NODE_OPTIONS: z.string(),
  POWERTOOLS_SERVICE_NAME: z.literal(SERVICE_NAME),
  POWERTOOLS_METRICS_NAMESPACE: z.literal(METRICS_NAMESPACE),
  POWERTOOLS_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']),
};

/** The domain table: documents, claims, their history, submissions, remittances, control numbers. */
export const domainTableEnvironment = { TABLE_NAME: name };

/** Powertools idempotency records (their own table, so TTL clean-up never touches domain data). */
export const idempotencyTableEnvironment = { IDEMPOTENCY_TABLE_NAME: name };

/** The bucket behind every prefix of bucket-layout.ts. */
export const intakeBucketEnvironment = { INTAKE_BUCKET_NAME: name };

/** Reading documents from the inbox, copying unreadable ones to quarantine. */
export const documentIntakeEnvironment = {
  INBOX_PREFIX: z.literal(INBOX_PREFIX),
  QUARANTINE_PREFIX: z.literal(QUARANTINE_PREFIX),
  MAX_DOCUMENT_BYTES: byteCount,
};

/** Archiving submitted 837P interchanges. */
export const submissionArchiveEnvironment = { SUBMISSIONS_PREFIX: z.literal(SUBMISSIONS_PREFIX) };

/** Archiving and reading raw clearinghouse responses (999, 277CA, 835). */
export const responseArchiveEnvironment = {
  RESPONSES_RAW_PREFIX: z.literal(RESPONSES_RAW_PREFIX),
  MAX_WEBHOOK_BODY_BYTES: byteCount,
};

/** Producing claim-submission messages (contracts/messages.ts: claimSubmissionMessage). */
export const submissionQueueEnvironment = { SUBMISSION_QUEUE_URL: z.url() };

/** The intake queue: where S3 notifications arrive, and where the pieces of a split document are sent (messages.ts). */
export const intakeQueueEnvironment = { INTAKE_QUEUE_URL: z.url() };

/** Producing remittance pointer messages (contracts/messages.ts: remittancePointerMessage). */
export const remittanceQueueEnvironment = { REMITTANCE_QUEUE_URL: z.url() };

/**
 * What the AWS Parameters and Secrets Lambda Extension is configured with (set by the stack beside the layer; the
 * functions read only its port): its local port, its cache and timeouts.
 */
const setting = z.string().min(1);
export const secretsExtensionEnvironment = {
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z.coerce.number().int().min(1).max(65535),
  PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: z.enum(['true', 'false']),
  PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: setting,
  PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: setting,
  PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: setting,
  SECRETS_MANAGER_TIMEOUT_MILLIS: setting,
  SECRETS_MANAGER_TTL: setting,
  SSM_PARAMETER_STORE_TIMEOUT_MILLIS: setting,
  SSM_PARAMETER_STORE_TTL: setting,
};

/** The Standard Webhooks signing secret the clearinghouse signs with (Secrets Manager; contracts/secrets.ts). */
export const webhookSecretEnvironment = { WEBHOOK_SECRET_ARN: secretArn, ...secretsExtensionEnvironment };

/** The clearinghouse connection: API key and endpoint override (Secrets Manager; contracts/secrets.ts). */
export const clearinghouseEnvironment = { CLEARINGHOUSE_SECRET_ARN: secretArn, ...secretsExtensionEnvironment };

/**
 * Reference data shipped inside the function asset, relative to the task root: payer rule files always, a code set
 * bundle when one was deployed (`-c claimflow:codesets=DIR`; without it the starter bundle compiled into the code).
 */
export const referenceDataEnvironment = {
  CLAIMFLOW_PAYER_RULES: name,
  CLAIMFLOW_CODESETS: name.optional(),
};

/** A function's environment schema: the runtime fragment plus the fragments of its bindings. */
export function functionEnvironment<const Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ ...runtimeEnvironment, ...shape });
}

export type FunctionEnvironmentSchema = z.ZodObject<z.ZodRawShape>;

/** The variables a schema declares, and which of them a function may lack (optional ones). */
export function environmentKeys(schema: FunctionEnvironmentSchema): { all: string[]; optional: string[] } {
  const all = Object.keys(schema.shape);
  const optional = all.filter((key) => z.safeParse(schema.shape[key]!, undefined).success);
  return { all, optional };
}

/**
 * Parses an environment with a function's schema, or throws one error naming every variable that is missing or
 * wrong (names and rules only: environment values are not echoed).
 */
export function parseEnvironment<S extends FunctionEnvironmentSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  functionName: string,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${functionName}: environment is invalid: ${problems}`);
  }
  return parsed.data;
}
