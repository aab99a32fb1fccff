/**
 * A stand-in for the Comprehend Medical client's `send`, for specs only (the twin refuses the switch instead): it
 * answers InferICD10CM in the service's exact shape for the entities it is told to find, at their code-point offsets
 * in each piece it is sent, and counts what it was sent. Or it fails the way the service does.
 */
import {
  type InferICD10CMCommand,
  type InferICD10CMResponse,
  InternalServerException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehendmedical';
import type { SendInferIcd10Cm } from '#functions/common/comprehend-medical';

export interface FakeEntity {
  text: string;
  code: string;
  description: string;
  /** Entity score times concept score is the proposal's confidence (capped below auto-coding). */
  score: number;
  conceptScore: number;
  traits?: string[];
}

export interface FakeComprehend {
  send: SendInferIcd10Cm;
  /** The pieces of text sent, in order. */
  readonly sent: string[];
}

export function answeringComprehend(entities: readonly FakeEntity[]): FakeComprehend {
  const sent: string[] = [];
  const send = async (command: InferICD10CMCommand): Promise<InferICD10CMResponse> => {
    const text = command.input.Text ?? '';
    sent.push(text);
    const found = entities.flatMap((entity) => {
      const at = text.indexOf(entity.text);
      if (at < 0) return [];
      const begin = Array.from(text.slice(0, at)).length;
      return [{ entity, begin }];
    });
    return {
      Entities: found.map(({ entity, begin }, id) => ({
        Id: id,
        Text: entity.text,
        Category: 'MEDICAL_CONDITION',
        Type: 'DX_NAME',
        Score: entity.score,
        BeginOffset: begin,
        EndOffset: begin + Array.from(entity.text).length,
        Attributes: [],
        Traits: (entity.traits ?? []).map((name) => ({ Name: name, Score: 0.9 })),
        ICD10CMConcepts: [{ Code: entity.code, Description: entity.description, Score: entity.conceptScore }],
      })),
      ModelVersion: '0.1.0',
    } as InferICD10CMResponse;
  };
  return { send, sent };
}

/** The service refusing every call: throttled (TooManyRequestsException) or broken (InternalServerException). */
export function failingComprehend(how: 'throttled' | 'failing'): FakeComprehend {
  const sent: string[] = [];
  const send = async (command: InferICD10CMCommand): Promise<InferICD10CMResponse> => {
    sent.push(command.input.Text ?? '');
    const $metadata = { httpStatusCode: how === 'throttled' ? 400 : 500 };
    // The service's messages never reach a log: these say so by carrying text that must not leak.
    if (how === 'throttled')
      throw new TooManyRequestsException({ message: 'rate exceeded for Sore throat', $metadata });
    throw new InternalServerException({ message: 'internal error on Sore throat', $metadata });
  };
  return { send, sent };
}

/** The service never answering: only the abort signal ends the call. */
export function silentComprehend(): FakeComprehend & { aborted: () => number } {
  const sent: string[] = [];
  let aborted = 0;
  const send: SendInferIcd10Cm = (command, options) => {
    sent.push(command.input.Text ?? '');
    return new Promise((_, reject) => {
      options.abortSignal.addEventListener('abort', () => {
        aborted++;
        reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      });
    });
  };
  return { send, sent, aborted: () => aborted };
}
