/**
 * `claimflow claims show` as text: the claim as a biller reads it, section by section. Everything comes from the
 * ClaimView (core/operations); `--json` prints that view as it is.
 */
import { dollars } from '#core/operations/money-text';
import type { ClaimView, EvidenceView } from '#core/operations/show-claim';

export function formatClaimView(view: ClaimView): string {
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  line(`Claim ${view.id}  ${view.status}  owner ${view.owner}${view.assignee ? ` (${view.assignee})` : ''}`);
  if (view.reason) {
    line(`  why:   ${view.reason.label ?? view.reason.category} [${view.reason.category}]`);
    if (view.reason.action) line(`  next:  ${view.reason.action}`);
  }
  line(
    `  frequency ${view.frequency} (${view.frequencyLabel})${view.originalClaimNumber ? `, REF*F8 ${view.originalClaimNumber}` : ''}`,
  );
  if (view.payerClaimNumber) line(`  payer claim number ${view.payerClaimNumber}`);
  if (view.replaces) line(`  ${view.replaces.kind} of claim ${view.replaces.claimId}`);
  if (view.replacedBy) line(`  ${view.replacedBy.kind} by claim ${view.replacedBy.claimId}`);
  line(`  practice ${view.practiceId}, document ${view.documentId}`);
  line();
  const patient = view.patient;
  line(
    `Patient    ${patient.name}${patient.birthDate ? `, born ${patient.birthDate}` : ''}${patient.sex ? `, ${patient.sex}` : ''}${patient.memberId ? `, member ${patient.memberId}` : ''}`,
  );
  if (view.subscriber)
    line(`Subscriber ${view.subscriber.name}${view.subscriber.memberId ? `, member ${view.subscriber.memberId}` : ''}`);
  line(`Payer      ${[view.payer.name, view.payer.id].filter(Boolean).join(' ') || '(none)'}`);
  line(`Billing    ${provider(view.billingProvider)}`);
  if (view.renderingProvider) line(`Rendering  ${provider(view.renderingProvider)}`);
  if (view.referringProvider) line(`Referring  ${provider(view.referringProvider)}`);
  const dos = view.dateOfService;
  line(
    `Service    ${dos ? (dos.from === dos.to ? dos.from : `${dos.from} to ${dos.to}`) : '(no date)'}, place ${view.placeOfService || '(none)'}${view.priorAuthorization ? `, prior auth ${view.priorAuthorization}` : ''}`,
  );
  line();
  line('Diagnoses');
  for (const d of view.diagnoses) {
    line(`  ${d.pointer}. ${d.code}${d.description ? ` ${d.description}` : ''}  (confidence ${percent(d.confidence)})`);
    for (const e of d.evidence) line(`       ${evidence(e)}`);
  }
  line('Lines');
  for (const l of view.lines) {
    const modifiers = l.modifiers.length ? `-${l.modifiers.join('-')}` : '';
    line(
      `  ${l.number}. ${l.code}${modifiers} x${l.units}  ${l.charge}  dx ${l.pointers.join(',')} (${l.diagnoses.join(', ')})  ${l.serviceDate ?? ''}  (confidence ${percent(l.confidence)})`,
    );
    for (const e of l.evidence) line(`       ${evidence(e)}`);
  }
  line(`  total ${view.totalCharge}`);
  if (view.reviewReasons.length > 0) {
    line();
    line('Review reasons');
    for (const r of view.reviewReasons) {
      line(`  - ${r.label ?? r.category}${r.field ? ` (${r.field})` : ''}: ${r.message}`);
      if (r.fix) line(`    fix: ${r.fix}`);
    }
  }
  if (view.findings.length > 0) {
    line();
    line('Findings');
    for (const f of view.findings) {
      line(`  ${f.severity.toUpperCase().padEnd(8)} ${f.id} (${f.owner}) ${f.field}: ${f.message}`);
      if (f.fix) line(`           fix: ${f.fix}`);
    }
  }
  line();
  line('Timeline');
  for (const e of view.timeline) {
    line(`  v${e.version} ${e.at}  ${e.label}`);
    if (e.note) line(`       note: ${e.note}`);
  }
  if (view.submission) {
    line();
    line(
      `Sent ${view.submission.submittedAt} to ${view.submission.clearinghouse} as submission ${view.submission.submissionId} (ISA13 ${view.submission.interchangeControlNumber}, ${view.submission.archiveKey})`,
    );
    if (view.submission.x12) line(view.submission.x12.replaceAll('~', '~\n').trimEnd());
  }
  if (view.acknowledgments.length > 0) {
    line();
    line('Acknowledgments');
    for (const a of view.acknowledgments) line(`  ${a.at} ${a.kind} ${a.disposition}: ${a.reason}`);
  }
  if (view.payments.length > 0) {
    line();
    line('Payments');
    for (const p of view.payments) {
      line(
        `  ${p.at} ${p.status}: paid ${p.paid} of ${p.charge}, patient owes ${p.patientResponsibility}${p.payerClaimNumber ? ` (payer claim ${p.payerClaimNumber})` : ''}`,
      );
      for (const a of p.adjustments)
        line(`    ${a.group}-${a.reason} ${dollars(a.amountCents)}${a.description ? ` ${a.description}` : ''}`);
    }
  }
  if (view.writeOff)
    line(
      `\nWritten off ${view.writeOff.amount ?? ''} by ${view.writeOff.actor} at ${view.writeOff.at}: ${view.writeOff.reason}`,
    );
  return out.join('\n');
}

function provider(p: ClaimView['billingProvider']): string {
  return [p.name, p.npi ? `NPI ${p.npi}` : undefined, p.taxonomy, p.address].filter(Boolean).join(', ') || '(none)';
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function evidence(e: EvidenceView): string {
  return e.kind === 'quote'
    ? `"${e.text}" [${e.rule}]`
    : e.kind === 'manual'
      ? 'manual (entered by a person)'
      : `${e.text} [${e.rule}]`;
}
