/**
 * The Comprehend Medical adapter as the pipeline's port: bounded in size and time, never throwing, leaving a
 * throttled service alone for a while, and reporting causes and billed units (never the note, never the service's
 * message). The client is a fake in the service's exact response shape (test/support/fake-comprehend-medical.ts).
 */
import { describe, expect, it } from 'vitest';
import { COMPREHEND_MEDICAL_DEFAULTS } from '#contracts/comprehend-medical';
import type { ComprehendAnswer } from '#core/coding/comprehend/inference-port';
import { billedUnits, comprehendMedicalInference } from '#functions/common/comprehend-medical';
import { answeringComprehend, failingComprehend, silentComprehend } from '#test/support/fake-comprehend-medical';

const config = { ...COMPREHEND_MEDICAL_DEFAULTS };
const NOTE = 'Assessment: acid regurgitation after meals.\n';
const regurgitation = {
  text: 'acid regurgitation',
  code: 'K21.9',
  description: 'Gastro-esophageal reflux disease without esophagitis',
  score: 0.99,
  conceptScore: 0.97,
};

function observed() {
  const seen: { answer: ComprehendAnswer; units: number }[] = [];
  return { seen, observe: (answer: ComprehendAnswer, units: number) => void seen.push({ answer, units }) };
}

describe('the InferICD10CM port', () => {
  it('answers the service response for the note, counting its billed units', async () => {
    const service = answeringComprehend([regurgitation]);
    const { seen, observe } = observed();
    const answer = await comprehendMedicalInference({ config, send: service.send, observe })(NOTE);
    expect(answer.kind).toBe('inferred');
    const entity = answer.kind === 'inferred' ? answer.response.Entities![0]! : undefined;
    expect(entity).toMatchObject({ Text: 'acid regurgitation', BeginOffset: 12, EndOffset: 30 });
    expect(service.sent).toEqual([NOTE]);
    expect(seen).toEqual([{ answer, units: 1 }]);
  });

  it('bills 100 characters a unit, one at least, per request (pieces of 10,000)', () => {
    expect(billedUnits('x')).toBe(1);
    expect(billedUnits('x'.repeat(100))).toBe(1);
    expect(billedUnits('x'.repeat(101))).toBe(2);
    expect(billedUnits(`${'x'.repeat(9_999)}\n${'y'.repeat(150)}`)).toBe(102);
  });

  it('does not send a note longer than maxCharacters', async () => {
    const service = answeringComprehend([regurgitation]);
    const { seen, observe } = observed();
    const infer = comprehendMedicalInference({ config: { ...config, maxCharacters: 40 }, send: service.send, observe });
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'too_long' });
    expect(service.sent).toEqual([]);
    expect(seen).toEqual([{ answer: { kind: 'unavailable', why: 'too_long' }, units: 0 }]);
  });

  it('answers throttled, never throws, and leaves the service alone until the cool-off has passed', async () => {
    const service = failingComprehend('throttled');
    let now = 1_000_000;
    const infer = comprehendMedicalInference({ config, send: service.send, now: () => now });
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'throttled' });
    now += config.coolOffSeconds * 1000 - 1;
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'cooling_off' });
    expect(service.sent).toHaveLength(1);
    now += 1;
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'throttled' });
    expect(service.sent).toHaveLength(2);
  });

  it('answers failed for any other error, without cooling off, and never repeats its message', async () => {
    const service = failingComprehend('failing');
    const { seen, observe } = observed();
    const infer = comprehendMedicalInference({ config, send: service.send, observe });
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'failed' });
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'failed' });
    expect(service.sent).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain('Sore throat');
  });

  it('gives up on a service that does not answer within timeoutMs, aborting the request', async () => {
    const service = silentComprehend();
    const now = 0;
    const infer = comprehendMedicalInference({
      config: { ...config, timeoutMs: 1 },
      send: service.send,
      now: () => now,
    });
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'timed_out' });
    expect(service.aborted()).toBe(1);
    expect(await infer(NOTE)).toEqual({ kind: 'unavailable', why: 'cooling_off' });
    expect(service.sent).toHaveLength(1);
  });
});
