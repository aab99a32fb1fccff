/**
 * The one place ClaimFlow calls Amazon Comprehend Medical InferICD10CM (optional: the practice configuration's
 * `comprehendMedical.enabled` turns it on, contracts/comprehend-medical.ts). The service takes at most 10,000
 * characters per call, so a longer note is sent in pieces cut at line breaks, and the entities' code-point offsets
 * are shifted back onto the whole note: the caller gets one response for the text it gave, ready for
 * `codeDiagnoses(encounter, ports, { comprehend })`.
 *
 * `comprehendMedicalInference` is the pipeline's port (core/coding/comprehend/inference-port.ts): bounded in size
 * and time, and never throwing. A note over `maxCharacters` is not sent; the whole note (pieces and the SDK's own
 * retries) has `timeoutMs`; a throttle or a timeout leaves the service alone for `coolOffSeconds`, so a throttled
 * service costs the visits behind it nothing. Whatever happens, the visit is coded (by our own coder alone, when the
 * service did not answer), and only the cause is reported, never the note or the service's error message.
 */
import {
  ComprehendMedicalClient,
  type ICD10CMEntity,
  InferICD10CMCommand,
  type InferICD10CMResponse,
} from '@aws-sdk/client-comprehendmedical';
import type { ComprehendMedicalConfig } from '#contracts/comprehend-medical';
import type { ComprehendAnswer, ComprehendUnavailable, InferIcd10Cm } from '#core/coding/comprehend/inference-port';

/** InferICD10CM's documented input limit, in characters (code points). */
export const INFER_ICD10CM_MAX_CHARS = 10_000;

let client: ComprehendMedicalClient | undefined;

export function comprehendMedicalClient(): ComprehendMedicalClient {
  client ??= new ComprehendMedicalClient({});
  return client;
}

export interface TextPiece {
  text: string;
  /** Code-point offset of the piece in the whole text. */
  codePointStart: number;
}

/** Pieces of at most `max` code points, cut after a line break when there is one in the piece. */
export function piecesOf(text: string, max = INFER_ICD10CM_MAX_CHARS): TextPiece[] {
  const points = Array.from(text);
  const pieces: TextPiece[] = [];
  let start = 0;
  while (start < points.length) {
    let end = Math.min(start + max, points.length);
    if (end < points.length) {
      const lineBreak = points.lastIndexOf('\n', end - 1);
      if (lineBreak > start) end = lineBreak + 1;
    }
    const piece = points.slice(start, end).join('');
    if (piece.trim() !== '') pieces.push({ text: piece, codePointStart: start });
    start = end;
  }
  return pieces;
}

function shifted(entity: ICD10CMEntity, by: number, id: number): ICD10CMEntity {
  return {
    ...entity,
    Id: id,
    ...(entity.BeginOffset === undefined ? {} : { BeginOffset: entity.BeginOffset + by }),
    ...(entity.EndOffset === undefined ? {} : { EndOffset: entity.EndOffset + by }),
    ...(entity.Attributes
      ? {
          Attributes: entity.Attributes.map((attribute) => ({
            ...attribute,
            ...(attribute.BeginOffset === undefined ? {} : { BeginOffset: attribute.BeginOffset + by }),
            ...(attribute.EndOffset === undefined ? {} : { EndOffset: attribute.EndOffset + by }),
          })),
        }
      : {}),
  };
}

export async function inferIcd10Cm(
  text: string,
  send: (command: InferICD10CMCommand) => Promise<InferICD10CMResponse> = (command) =>
    comprehendMedicalClient().send(command),
): Promise<InferICD10CMResponse> {
  const entities: ICD10CMEntity[] = [];
  let modelVersion: string | undefined;
  for (const piece of piecesOf(text)) {
    const response = await send(new InferICD10CMCommand({ Text: piece.text }));
    modelVersion ??= response.ModelVersion;
    for (const entity of response.Entities ?? []) entities.push(shifted(entity, piece.codePointStart, entities.length));
  }
  return { Entities: entities, ...(modelVersion ? { ModelVersion: modelVersion } : {}) };
}

/** Billed units of a request: 100 characters each, at least one (https://aws.amazon.com/comprehend/medical/pricing/). */
export function billedUnits(text: string, max = INFER_ICD10CM_MAX_CHARS): number {
  return piecesOf(text, max).reduce(
    (units, piece) => units + Math.max(1, Math.ceil(Array.from(piece.text).length / 100)),
    0,
  );
}

/** How the SDK client's `send` is called: with an abort signal, so a timeout stops the request and its retries. */
export type SendInferIcd10Cm = (
  command: InferICD10CMCommand,
  options: { abortSignal: AbortSignal },
) => Promise<InferICD10CMResponse>;

export interface ComprehendMedicalInferenceOptions {
  config: Pick<ComprehendMedicalConfig, 'maxCharacters' | 'timeoutMs' | 'coolOffSeconds'>;
  /** Default: the shared SDK client's `send`. Tests give a fake. */
  send?: SendInferIcd10Cm;
  /** Milliseconds since the epoch (the cool-off clock). */
  now?: () => number;
  /** Told of every answer and the units it was billed (0 when nothing was sent): metrics, never content. */
  observe?: (answer: ComprehendAnswer, billedUnits: number) => void;
}

class InferenceTimeout extends Error {
  constructor() {
    super('InferICD10CM did not answer in time');
    this.name = 'InferenceTimeout';
  }
}

/** Throttling as the service and the SDK name it (the SDK retries it first; this is what is left after). */
function isThrottle(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    name === 'ThrottlingException' ||
    name === 'TooManyRequestsException' ||
    name === 'LimitExceededException' ||
    $metadata?.httpStatusCode === 429
  );
}

export function comprehendMedicalInference(options: ComprehendMedicalInferenceOptions): InferIcd10Cm {
  const { config } = options;
  const send: SendInferIcd10Cm =
    options.send ?? ((command, sendOptions) => comprehendMedicalClient().send(command, sendOptions));
  const now = options.now ?? Date.now;
  let coolingUntil = 0;
  const answer = (result: ComprehendAnswer, units: number): ComprehendAnswer => {
    options.observe?.(result, units);
    return result;
  };
  const unavailable = (why: ComprehendUnavailable, units = 0) => answer({ kind: 'unavailable', why }, units);

  return async (noteText) => {
    if (now() < coolingUntil) return unavailable('cooling_off');
    if (Array.from(noteText).length > config.maxCharacters) return unavailable('too_long');
    const units = billedUnits(noteText);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new InferenceTimeout());
      }, config.timeoutMs);
    });
    try {
      const response = await Promise.race([
        inferIcd10Cm(noteText, (command) => send(command, { abortSignal: controller.signal })),
        timeout,
      ]);
      return answer({ kind: 'inferred', response }, units);
    } catch (error) {
      const why: ComprehendUnavailable =
        error instanceof InferenceTimeout ? 'timed_out' : isThrottle(error) ? 'throttled' : 'failed';
      if (why !== 'failed') coolingUntil = now() + config.coolOffSeconds * 1000;
      // A request that reached the service may be billed even when its answer came too late.
      return unavailable(why, why === 'timed_out' ? units : 0);
    } finally {
      clearTimeout(timer);
    }
  };
}
