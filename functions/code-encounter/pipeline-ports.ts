/**
 * The ports code-encounter hands to core: DynamoDB, S3 and SQS adapters, the practice configuration, code sets and
 * payer rules. Built once per execution environment, at cold start. The reconciler builds the same ports to finish
 * what code-encounter left.
 */
import { isAbsolute, join } from 'node:path';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { COMPREHEND_ENCOUNTERS_PER_CHUNK } from '#contracts/comprehend-medical';
import type { CodeEncounterEnvironment } from '#contracts/functions/code-encounter';
import { PIPELINE_METRICS } from '#contracts/metrics';
import type { Claim } from '#core/claims/claim';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import type { InferIcd10Cm } from '#core/coding/comprehend/inference-port';
import type { PracticeConfig } from '#core/config/practice-config';
import { systemClock } from '#core/kernel/clock';
import { directoryOfConfig } from '#core/patients/look-up-patient';
import { withFallback } from '#core/patients/patient-directory';
import type { CodingPipelinePorts } from '#core/pipeline/code-document';
import type { IntakePorts } from '#core/pipeline/ingest-document';
import { DEFAULT_PIPELINE_LIMITS } from '#core/pipeline/limits';
import type { ChunkCodingPorts } from '#core/pipeline/split-document';
import { scrubClaim } from '#core/scrubbing/index';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { comprehendMedicalInference, type SendInferIcd10Cm } from '#functions/common/comprehend-medical';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { logger, metrics } from '#functions/common/powertools';
import { practiceConfig } from '#functions/common/practice-config';
import { S3DocumentObjects } from '#functions/common/s3-document-objects';
import { sqsChunkContinuations } from '#functions/common/sqs-chunk-continuations';
import { SqsClaimSubmissions } from '#functions/common/sqs-claim-submissions';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbDocumentChunks } from '#functions/common/storage/dynamodb-document-chunks';
import { DynamoDbDocumentLedger } from '#functions/common/storage/dynamodb-document-ledger';
import { DynamoDbPatientDirectory } from '#functions/common/storage/dynamodb-patient-directory';
import { DynamoDbVisitReservations } from '#functions/common/storage/dynamodb-visit-reservations';

/**
 * Folders deployed inside the function asset (payer rules; a code set bundle with `cdk deploy -c
 * claimflow:codesets=DIR`) are named relative to the task root. Without a code set bundle, the starter bundle
 * compiled into the code is used.
 */
function fromTaskRoot(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  return isAbsolute(dir) ? dir : join(process.env.LAMBDA_TASK_ROOT ?? '/var/task', dir);
}

/**
 * Amazon Comprehend Medical when the practice configuration turns it on (the stack granted InferICD10CM from the same
 * switch): each answer counted, each note coded without it logged with its cause (never its content).
 */
export function comprehendPort(config: PracticeConfig, send?: SendInferIcd10Cm): InferIcd10Cm | undefined {
  if (!config.comprehendMedical.enabled) return undefined;
  return comprehendMedicalInference({
    config: config.comprehendMedical,
    ...(send ? { send } : {}),
    observe: (answer, units) => {
      if (units > 0) metrics.addMetric(PIPELINE_METRICS.comprehendMedicalUnits, MetricUnit.Count, units);
      if (answer.kind === 'inferred') {
        metrics.addMetric(PIPELINE_METRICS.comprehendMedicalNotes, MetricUnit.Count, 1);
        return;
      }
      metrics.addMetric(PIPELINE_METRICS.comprehendMedicalUnavailable, MetricUnit.Count, 1);
      logger.warn('note coded without Amazon Comprehend Medical', { cause: answer.why });
    },
  });
}

export function pipelinePorts(settings: CodeEncounterEnvironment): {
  intake: Omit<IntakePorts, 'process'>;
  coding: CodingPipelinePorts;
  chunks: ChunkCodingPorts;
} {
  const client = dynamoDocumentClient();
  const sqs = sqsClient();
  const claims = new DynamoDbClaimStore(client, settings.TABLE_NAME);
  const codeSets = resolveCodeSets(fromTaskRoot(process.env.CLAIMFLOW_CODESETS), process.env).codeSets;
  const config = practiceConfig();
  const payerRules = loadPayerRulesDirectory(fromTaskRoot(process.env.CLAIMFLOW_PAYER_RULES) ?? 'payer-rules');
  const priorClaims = priorClaimsIn(claims);
  const clock = systemClock;
  const ledger = new DynamoDbDocumentLedger(client, settings.TABLE_NAME);
  const objects = new S3DocumentObjects(s3Client(), settings.INBOX_PREFIX, settings.QUARANTINE_PREFIX);
  const split = {
    ledger,
    chunks: new DynamoDbDocumentChunks(client, settings.TABLE_NAME),
    clock,
    continueWith: sqsChunkContinuations(sqs, settings.INTAKE_QUEUE_URL),
  };
  const comprehend = comprehendPort(config);
  const perChunk = settings.ENCOUNTERS_PER_CHUNK ?? DEFAULT_PIPELINE_LIMITS.encountersPerChunk;
  const limits = {
    ...DEFAULT_PIPELINE_LIMITS,
    // Each visit may wait up to comprehendMedical.timeoutMs for the service: fewer visits per invocation keep a
    // piece inside the function's timeout.
    encountersPerChunk: comprehend ? Math.min(perChunk, COMPREHEND_ENCOUNTERS_PER_CHUNK) : perChunk,
  };
  const coding: CodingPipelinePorts = {
    codeSets,
    config,
    claims,
    visits: new DynamoDbVisitReservations(client, settings.TABLE_NAME),
    // Patient records loaded on the table (`claimflow patients load`); a demo configuration's sample entries after.
    patients: withFallback(new DynamoDbPatientDirectory(client, settings.TABLE_NAME), directoryOfConfig(config)),
    submissions: new SqsClaimSubmissions(sqs, settings.SUBMISSION_QUEUE_URL),
    clock,
    // Scrubbed on the day it is processed: timely filing and "date of service in the future" count to today.
    scrub: (claim: Claim, coded: CodedEncounter) =>
      scrubClaim(claim, coded, {
        codeSets,
        config,
        payerRules,
        priorClaims,
        today: clock.now().toISOString().slice(0, 10),
      }),
    split,
    limits,
    ...(comprehend ? { comprehend } : {}),
  };
  return {
    intake: {
      ledger,
      objects,
      clock,
      source: { bucket: settings.INTAKE_BUCKET_NAME, inboxPrefix: settings.INBOX_PREFIX },
      maxDocumentBytes: settings.MAX_DOCUMENT_BYTES,
    },
    coding,
    chunks: { ...coding, split, objects },
  };
}
