/**
 * Signs and symptoms routinely associated with a confirmed diagnosis are not coded beside it (guideline I.B.5): the
 * cough of an acute bronchitis, the dysuria of a UTI. A symptom stays when its diagnosis is only uncertain (then it
 * is all that may be coded) or when no confirmed diagnosis explains it. A condition a combination code includes as
 * its manifestation (a concept's `manifestations`) is not coded beside it either.
 */
import type { Finding } from './finding.ts';

export function dropIntegralSymptoms(findings: readonly Finding[]): Finding[] {
  const explained = new Set<string>();
  // Manifestations a combination code includes ("influenza with pharyngitis" is J10.1 alone: guideline I.A.13 and
  // the Index's "Influenza, with, pharyngitis J11.1"), whatever their kind.
  const included = new Set<string>();
  for (const finding of findings)
    if (finding.status === 'current' && finding.concept.kind === 'disease') {
      for (const symptom of finding.concept.integral ?? []) explained.add(symptom);
      for (const manifestation of finding.concept.manifestations ?? []) included.add(manifestation);
    }
  return findings.filter(
    (finding) =>
      !(
        finding.status === 'current' &&
        ((finding.concept.kind === 'symptom' && explained.has(finding.concept.id)) || included.has(finding.concept.id))
      ),
  );
}
