/** Claims for the conformance suites: each call a new visit, so suites can share one table. */
import { randomUUID } from 'node:crypto';
import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { CodedEncounter } from '#core/coding/coded-encounter';

export function codedVisit(memberId: string, lineCount = 1): CodedEncounter {
  return {
    encounter: {
      source: { key: 'inbox/visit.txt', format: 'clinical-note', index: 0 },
      patient: { lastName: 'Rivera', firstName: 'Ana', birthDate: '1970-02-03', sex: 'F' },
      subscriber: { memberId },
      payer: { payerId: 'SANDBOX1' },
      billingProvider: { npi: '1987654328' },
      placeOfService: '11',
      dateOfService: '2026-11-20',
      diagnoses: [],
      procedures: [],
    },
    diagnoses: [{ code: 'E119', confidence: 0.97, evidence: [], codeSetVersion: 'starter' }],
    lines: Array.from({ length: lineCount }, (_, index) => ({
      code: index === 0 ? '99213' : `8${String(index).padStart(4, '0')}`,
      system: 'CPT' as const,
      modifiers: [],
      units: 1,
      chargeCents: 13500,
      diagnosisPointers: [1],
      confidence: 0.95,
      evidence: [],
      codeSetVersion: 'starter',
    })),
    missing: [],
    review: { required: false, reasons: [] },
  };
}

export function newClaim(options: { practiceId?: string; at?: string; memberId?: string } = {}): Claim {
  const documentId = `doc-${randomUUID()}`;
  return buildClaim(codedVisit(options.memberId ?? `M${randomUUID().slice(0, 8)}`), {
    documentId,
    practiceId: options.practiceId ?? `practice-${randomUUID().slice(0, 8)}`,
    at: options.at ?? '2026-11-20T10:00:00.000Z',
    actor: 'test',
  });
}
