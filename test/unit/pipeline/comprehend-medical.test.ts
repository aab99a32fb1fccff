/**
 * Amazon Comprehend Medical in the pipeline, wired as code-encounter wires it (`comprehendPort` from the practice
 * configuration, the real adapter, a fake client): off by default; when on, only visits coded from note text are
 * sent; its proposals join ours for review; and a throttled or failing service never loses, fails or reroutes a
 * visit: it is coded by our own coder alone, exactly as with the service off, and a visit that goes to review says so.
 */
import { describe, expect, it } from 'vitest';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { comprehendPort } from '#functions/code-encounter/pipeline-ports';
import type { SendInferIcd10Cm } from '#functions/common/comprehend-medical';
import { answeringComprehend, failingComprehend } from '#test/support/fake-comprehend-medical';
import { cleanVisitJson } from '#test/support/visits';
import { DATE_OF_SERVICE, Pipeline, SAMPLE_CONFIG } from './harness.ts';

const ON: PracticeConfig = parsePracticeConfig({ ...SAMPLE_CONFIG, comprehendMedical: { enabled: true } }, 'spec');
const PLAIN_NOTE =
  'HPI: Sore throat and congestion for three days.\nASSESSMENT:\n1. Acute upper respiratory infection.\n';
const REFLUX_NOTE = `${PLAIN_NOTE}2. Acid regurgitation after meals.\n`;
const regurgitation = {
  text: 'Acid regurgitation',
  code: 'K21.9',
  description: 'Gastro-esophageal reflux disease without esophagitis',
  score: 0.99,
  conceptScore: 0.97,
};
const infection = {
  text: 'Acute upper respiratory infection',
  code: 'J06.9',
  description: 'Acute upper respiratory infection, unspecified',
  score: 0.98,
  conceptScore: 0.9,
};

/** A visit coded from its note (no ICD-10-CM codes in the document), or from the codes it asserts. */
const visit = (noteText: string, codes: 'from the note' | 'asserted' = 'from the note') =>
  cleanVisitJson({
    encounterId: 'V-CM',
    dateOfService: DATE_OF_SERVICE,
    noteText,
    ...(codes === 'from the note' ? { diagnoses: [] } : {}),
  });

async function coded(document: string, options: { config?: PracticeConfig; send?: SendInferIcd10Cm } = {}) {
  const pipeline = new Pipeline();
  const config = options.config ?? SAMPLE_CONFIG;
  const comprehend = comprehendPort(config, options.send);
  const outcome = await pipeline.deliver(pipeline.put('inbox/visit.json', document), {
    config,
    ...(comprehend ? { comprehend } : {}),
  });
  if (outcome.kind !== 'coded') throw new Error(`not coded: ${JSON.stringify(outcome)}`);
  const claim = (await pipeline.claims.get(outcome.claimIds[0]!))!;
  return { status: outcome.status, claim, codes: claim.diagnoses.map((d) => d.code) };
}

describe('Amazon Comprehend Medical in the pipeline', () => {
  it('is off by default: the sample configuration builds no port, and the service is never called', async () => {
    expect(SAMPLE_CONFIG.comprehendMedical.enabled).toBe(false);
    const service = answeringComprehend([regurgitation]);
    expect(comprehendPort(SAMPLE_CONFIG, service.send)).toBeUndefined();
    const off = await coded(visit(REFLUX_NOTE), { send: service.send });
    expect(off.codes).toEqual(['J06.9']);
    expect(service.sent).toEqual([]);
  });

  it('when on, sends the note of a visit coded from text, once, and leaves a visit with asserted codes alone', async () => {
    const service = answeringComprehend([infection]);
    const fromNote = await coded(visit(PLAIN_NOTE), { config: ON, send: service.send });
    expect(service.sent).toEqual([PLAIN_NOTE]);
    // The service agrees with our coder: the visit is auto-coded as it would be without it.
    expect(fromNote.status).toBe('CODED');
    expect(fromNote.codes).toEqual(['J06.9']);

    const asserted = answeringComprehend([infection]);
    await coded(visit(PLAIN_NOTE, 'asserted'), { config: ON, send: asserted.send });
    expect(asserted.sent).toEqual([]);
  });

  it('adds what only the service reads as a proposal for review, below the auto-coding threshold', async () => {
    const service = answeringComprehend([regurgitation]);
    const on = await coded(visit(REFLUX_NOTE), { config: ON, send: service.send });
    expect(on.codes).toEqual(['J06.9', 'K21.9']);
    expect(on.status).toBe('NEEDS_REVIEW');
    expect(on.claim.reviewReasons).toContainEqual(
      expect.objectContaining({ category: 'low_confidence_coding', field: 'diagnoses.K21.9' }),
    );
  });

  for (const how of ['throttled', 'failing'] as const) {
    it(`codes a visit with our own coder alone when the service is ${how}: same claim, same route`, async () => {
      const off = await coded(visit(PLAIN_NOTE));
      const service = failingComprehend(how);
      const unavailable = await coded(visit(PLAIN_NOTE), { config: ON, send: service.send });
      expect(service.sent).toHaveLength(1);
      expect(unavailable.status).toBe(off.status);
      expect(unavailable.status).toBe('CODED');
      expect(unavailable.claim.diagnoses).toEqual(off.claim.diagnoses);
    });

    it(`tells the reviewer of a visit that goes to review anyway that the service was ${how}`, async () => {
      const service = failingComprehend(how);
      const unavailable = await coded(visit(REFLUX_NOTE), { config: ON, send: service.send });
      expect(unavailable.status).toBe('NEEDS_REVIEW');
      expect(unavailable.codes).toEqual(['J06.9']);
      const said = unavailable.claim.reviewReasons?.find((r) => r.message.startsWith('Amazon Comprehend Medical'));
      expect(said?.message).toBe(
        `Amazon Comprehend Medical was not consulted (${how === 'throttled' ? 'it throttled the request' : 'the call failed'}): the diagnoses are ClaimFlow's own coder's alone`,
      );
      expect(JSON.stringify(unavailable.claim)).not.toContain('rate exceeded');
    });
  }
});
