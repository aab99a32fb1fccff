/**
 * A document without the subscriber's address (a clinical note or superbill has no place for it) becomes a billable
 * claim when the practice's patient directory on the table knows the patient; without a record it waits for a biller
 * with the reason, and a record loaded afterwards serves the next upload.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryPatientDirectory } from '#core/patients/in-memory-directory';
import { loadPatientRecords } from '#core/patients/look-up-patient';
import { cleanVisit, Pipeline, SAMPLE_CONFIG } from './harness.ts';

/** The clean visit with no address anywhere, and a configuration without a patient directory. */
const withoutAddress = (id: string) => {
  const visit = JSON.parse(cleanVisit(id));
  delete visit.encounter.patient.address;
  return JSON.stringify(visit);
};
const config = { ...SAMPLE_CONFIG, patientDirectory: [] };
const record = {
  memberId: 'SB555666777',
  lastName: 'Haddad',
  birthDate: '1985-04-12',
  address: { lines: ['12 Prairie View Rd'], city: 'Springfield', state: 'IL', postalCode: '62703' },
};

async function claimOf(pipeline: Pipeline, documentId: string) {
  const [id] = (await pipeline.ledger.get(documentId))?.claimIds ?? [];
  return id ? pipeline.claims.get(id) : undefined;
}

describe('the patient directory on the table, in the pipeline', () => {
  it('supplies the subscriber’s address the document lacks: the claim is queued', async () => {
    const pipeline = new Pipeline();
    const patients = new InMemoryPatientDirectory();
    await loadPatientRecords([record], patients, '2026-11-20T00:00:00.000Z');

    const outcome = await pipeline.deliver(pipeline.put('inbox/note.json', withoutAddress('V-DIR')), {
      config,
      patients,
    });

    const claim = await claimOf(pipeline, outcome.documentId);
    expect(claim?.status).toBe('QUEUED');
    expect(claim?.subscriber.address).toEqual(record.address);
  });

  it('without a record, holds the claim for a biller naming the missing address', async () => {
    const pipeline = new Pipeline();

    const outcome = await pipeline.deliver(pipeline.put('inbox/note.json', withoutAddress('V-NODIR')), {
      config,
      patients: new InMemoryPatientDirectory(),
    });

    const claim = await claimOf(pipeline, outcome.documentId);
    expect(claim).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'scrub_error' });
    expect(claim?.findings.map((f) => f.id)).toContain('X12-SUBSCRIBER-ADDRESS');
    expect(pipeline.sent).toEqual([]);
  });
});
