/**
 * `claims show`: everything a biller needs to work one claim, as JSON: who and what is billed, each diagnosis and line
 * with its evidence (the quoted text or the source field) and confidence, every finding and review reason in plain
 * words with its fix, the timeline (each change with who made it and why), the 837P that was sent, the
 * acknowledgments and payments, and the claims it replaced or was replaced by. Money is given both in cents and as
 * text ($319.50).
 */
import type { Claim, ClaimEvent, ClaimLink } from '#core/claims/claim';
import type { Evidence } from '#core/coding/coded-encounter';
import type { PostalAddress, ProviderRef } from '#core/documents/encounter';
import { readAllPages } from '#core/storage/page';
import { loadClaim } from './load-claim.ts';
import { dollars } from './money-text.ts';
import type { AcknowledgmentView, OperationsPorts, PaymentView } from './ports.ts';
import { reasonText } from './reason-text.ts';

export interface EvidenceView {
  /** `quote` (text of the note), `field` (a structured element of the source) or `manual` (a person's change). */
  kind: 'quote' | 'field' | 'manual';
  text: string;
  rule: string;
}

export interface ClaimView {
  id: string;
  status: Claim['status'];
  owner: Claim['owner'];
  reason?: { category: string; label?: string; action?: string };
  assignee?: string;
  practiceId: string;
  documentId: string;
  frequency: Claim['frequency'];
  frequencyLabel: string;
  originalClaimNumber?: string;
  payerClaimNumber?: string;
  replaces?: ClaimLink;
  replacedBy?: ClaimLink;
  patient: {
    name: string;
    birthDate?: string;
    sex?: string;
    memberId?: string;
    relationshipToSubscriber?: string;
  };
  subscriber?: { name: string; memberId?: string; groupNumber?: string };
  payer: { id?: string; name?: string };
  billingProvider: ProviderView;
  renderingProvider?: ProviderView;
  referringProvider?: ProviderView;
  dateOfService?: { from: string; to: string };
  placeOfService: string;
  priorAuthorization?: string;
  diagnoses: {
    pointer: number;
    code: string;
    description?: string;
    confidence: number;
    evidence: EvidenceView[];
  }[];
  lines: {
    number: number;
    code: string;
    system: string;
    modifiers: string[];
    units: number;
    chargeCents: number;
    charge: string;
    pointers: number[];
    diagnoses: string[];
    serviceDate?: string;
    serviceDateEnd?: string;
    controlNumber: string;
    confidence: number;
    evidence: EvidenceView[];
  }[];
  totalChargeCents: number;
  totalCharge: string;
  findings: {
    id: string;
    severity: string;
    owner: string;
    message: string;
    field: string;
    fix?: string;
    source: string;
  }[];
  reviewReasons: { category: string; label?: string; message: string; field?: string; fix?: string }[];
  timeline: (ClaimEvent & { label: string })[];
  submission?: {
    submittedAt: string;
    clearinghouse: string;
    submissionId: string;
    interchangeControlNumber: number;
    archiveKey: string;
    /** The 837P interchange exactly as sent, when the archive can be read. */
    x12?: string;
  };
  acknowledgments: AcknowledgmentView[];
  payments: (PaymentView & { paid: string; charge: string; patientResponsibility: string })[];
  writeOff?: { reason: string; actor: string; at: string; amount?: string };
}

interface ProviderView {
  npi?: string;
  name?: string;
  taxonomy?: string;
  address?: string;
}

const FREQUENCY_LABELS: Record<Claim['frequency'], string> = {
  '1': 'original claim',
  '7': 'replacement of a prior claim',
  '8': 'void of a prior claim',
};

export async function showClaim(claimId: string, ports: Pick<OperationsPorts, 'claims' | 'archive' | 'responses'>) {
  const claim = await loadClaim(ports.claims, claimId);
  const events = await readAllPages((page) => ports.claims.history(claim.id, page));
  const x12 = claim.submission && ports.archive ? await ports.archive.get(claim.submission.archiveKey) : undefined;
  const responses = ports.responses ? await ports.responses.forClaim(claim.id) : { acknowledgments: [], payments: [] };
  return claimView(claim, events, { ...(x12 !== undefined ? { x12 } : {}), ...responses });
}

/** The view of a claim from what is stored (pure: the API and the CLI render the same thing). */
export function claimView(
  claim: Claim,
  events: readonly ClaimEvent[],
  extra: { x12?: string; acknowledgments?: AcknowledgmentView[]; payments?: PaymentView[] } = {},
): ClaimView {
  const dates = claim.lines
    .flatMap((l) => [l.serviceDate, l.serviceDateEnd])
    .filter((d): d is string => !!d)
    .sort();
  const reason = claim.reasonCategory
    ? { category: claim.reasonCategory, ...reasonText(claim.reasonCategory) }
    : undefined;
  return {
    id: claim.id,
    status: claim.status,
    owner: claim.owner,
    ...(reason ? { reason } : {}),
    ...(claim.assignee ? { assignee: claim.assignee } : {}),
    practiceId: claim.practiceId,
    documentId: claim.documentId,
    frequency: claim.frequency,
    frequencyLabel: FREQUENCY_LABELS[claim.frequency],
    ...(claim.originalClaimNumber ? { originalClaimNumber: claim.originalClaimNumber } : {}),
    ...(claim.payerClaimNumber ? { payerClaimNumber: claim.payerClaimNumber } : {}),
    ...(claim.replaces ? { replaces: claim.replaces } : {}),
    ...(claim.replacedBy ? { replacedBy: claim.replacedBy } : {}),
    patient: {
      name: personName(claim.patient),
      ...(claim.patient.birthDate ? { birthDate: claim.patient.birthDate } : {}),
      ...(claim.patient.sex ? { sex: claim.patient.sex } : {}),
      ...(claim.subscriber.memberId ? { memberId: claim.subscriber.memberId } : {}),
      ...(claim.patient.relationshipToSubscriber
        ? { relationshipToSubscriber: claim.patient.relationshipToSubscriber }
        : {}),
    },
    ...(claim.patient.relationshipToSubscriber !== '18'
      ? {
          subscriber: {
            name: personName(claim.subscriber),
            ...(claim.subscriber.memberId ? { memberId: claim.subscriber.memberId } : {}),
            ...(claim.subscriber.groupNumber ? { groupNumber: claim.subscriber.groupNumber } : {}),
          },
        }
      : {}),
    payer: {
      ...(claim.payer.payerId ? { id: claim.payer.payerId } : {}),
      ...(claim.payer.name ? { name: claim.payer.name } : {}),
    },
    billingProvider: providerView(claim.billingProvider),
    ...(claim.renderingProvider ? { renderingProvider: providerView(claim.renderingProvider) } : {}),
    ...(claim.referringProvider ? { referringProvider: providerView(claim.referringProvider) } : {}),
    ...(dates.length > 0 ? { dateOfService: { from: dates[0]!, to: dates.at(-1)! } } : {}),
    placeOfService: claim.placeOfService,
    ...(claim.priorAuthorization ? { priorAuthorization: claim.priorAuthorization } : {}),
    diagnoses: claim.diagnoses.map((d, i) => ({
      pointer: i + 1,
      code: d.code,
      ...(d.description ? { description: d.description } : {}),
      confidence: d.confidence,
      evidence: d.evidence.map(evidenceView),
    })),
    lines: claim.lines.map((l, i) => ({
      number: i + 1,
      code: l.code,
      system: l.system,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.chargeCents,
      charge: dollars(l.chargeCents),
      pointers: l.diagnosisPointers,
      diagnoses: l.diagnosisPointers.map((p) => claim.diagnoses[p - 1]?.code ?? `?${p}`),
      ...(l.serviceDate ? { serviceDate: l.serviceDate } : {}),
      ...(l.serviceDateEnd ? { serviceDateEnd: l.serviceDateEnd } : {}),
      controlNumber: l.controlNumber,
      confidence: l.confidence,
      evidence: l.evidence.map(evidenceView),
    })),
    totalChargeCents: claim.totalChargeCents,
    totalCharge: dollars(claim.totalChargeCents),
    findings: claim.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      owner: f.owner,
      message: f.message,
      field: f.field,
      ...(f.suggestedFix ? { fix: f.suggestedFix } : {}),
      source: f.source,
    })),
    reviewReasons: (claim.reviewReasons ?? []).map((r) => {
      const text = reasonText(r.category);
      return {
        category: r.category,
        ...(text ? { label: text.label } : {}),
        message: r.message,
        ...(r.field ? { field: r.field } : {}),
        ...(text ? { fix: text.action } : {}),
      };
    }),
    timeline: events.map((e) => ({ ...e, label: eventLabel(e) })),
    ...(claim.submission
      ? {
          submission: {
            submittedAt: claim.submission.submittedAt,
            clearinghouse: claim.submission.clearinghouse,
            submissionId: claim.submission.submissionId,
            interchangeControlNumber: claim.submission.interchangeControlNumber,
            archiveKey: claim.submission.archiveKey,
            ...(extra.x12 !== undefined ? { x12: extra.x12 } : {}),
          },
        }
      : {}),
    acknowledgments: extra.acknowledgments ?? [],
    payments: (extra.payments ?? []).map((p) => ({
      ...p,
      paid: dollars(p.paidCents),
      charge: dollars(p.chargeCents),
      patientResponsibility: dollars(p.patientResponsibilityCents),
    })),
    ...(claim.writeOff
      ? {
          writeOff: {
            reason: claim.writeOff.reason,
            actor: claim.writeOff.actor,
            at: claim.writeOff.at,
            ...(claim.writeOff.amountCents !== undefined ? { amount: dollars(claim.writeOff.amountCents) } : {}),
          },
        }
      : {}),
  };
}

function evidenceView(evidence: Evidence): EvidenceView {
  if (evidence.rule === 'manual') return { kind: 'manual', text: 'entered by a person', rule: evidence.rule };
  if (evidence.kind === 'text')
    return {
      kind: 'quote',
      text: evidence.quote ?? `characters ${evidence.start}-${evidence.end}`,
      rule: evidence.rule,
    };
  return { kind: 'field', text: evidence.path ?? '(structured field)', rule: evidence.rule };
}

function eventLabel(event: ClaimEvent): string {
  const what =
    event.from === undefined
      ? `created ${event.to}`
      : event.from === event.to
        ? (event.action ?? 'changed')
        : `${event.from} → ${event.to}`;
  return `${what} by ${event.actor}${event.reason ? `: ${event.reason}` : ''}`;
}

function personName(person: { lastName?: string; firstName?: string; middleName?: string }): string {
  const given = [person.firstName, person.middleName].filter(Boolean).join(' ');
  return [person.lastName, given].filter(Boolean).join(', ') || '(no name)';
}

function providerView(provider: ProviderRef): ProviderView {
  const name = provider.organizationName ?? personName(provider);
  return {
    ...(provider.npi ? { npi: provider.npi } : {}),
    ...(name !== '(no name)' ? { name } : {}),
    ...(provider.taxonomy ? { taxonomy: provider.taxonomy } : {}),
    ...(provider.address ? { address: addressText(provider.address) } : {}),
  };
}

function addressText(address: PostalAddress): string {
  return [...address.lines, [address.city, address.state, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}
