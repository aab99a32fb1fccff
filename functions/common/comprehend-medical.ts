/**
 * The one place ClaimFlow calls Amazon Comprehend Medical InferICD10CM (optional: a deployment turns it on). The
 * service takes at most 10,000 characters per call, so a longer note is sent in pieces cut at line breaks, and the
 * entities' code-point offsets are shifted back onto the whole note: the caller gets one response for the text it
 * gave, ready for `codeDiagnoses(encounter, ports, { comprehend })`.
 */
import {
  ComprehendMedicalClient,
  type ICD10CMEntity,
  InferICD10CMCommand,
  type InferICD10CMResponse,
} from '@aws-sdk/client-comprehendmedical';

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
