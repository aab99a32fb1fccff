/**
 * Scrubbing a stored claim again, with the same edit library and configuration intake used. The edits read the claim
 * itself and only the date of service of the encounter, so the coded encounter is rebuilt from the claim. A claim that
 * replaces or voids another is not a duplicate of the claim it names (that one no longer stands once it goes out).
 */
import type { Claim } from '#core/claims/claim';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import type { Finding } from '#core/scrubbing/finding';
import { type ScrubPorts, scrubClaim } from '#core/scrubbing/index';

export type ClaimRescrubber = (claim: Claim) => Promise<{ findings: Finding[]; claim: Claim }>;

/** A rescrubber over the edit library; `today` is asked per call so a long-lived API scrubs on the current date. */
export function rescrubberFor(ports: Omit<ScrubPorts, 'today'> & { today: () => string }): ClaimRescrubber {
  return async (claim) => {
    const replaced = claim.replaces?.claimId;
    const priorClaims: ScrubPorts['priorClaims'] = {
      findDuplicates: async (candidate) =>
        (await ports.priorClaims.findDuplicates(candidate)).filter((match) => match.claimId !== replaced),
    };
    return scrubClaim(claim, codedEncounterOf(claim), { ...ports, priorClaims, today: ports.today() });
  };
}

export function codedEncounterOf(claim: Claim): CodedEncounter {
  const dates = claim.lines.flatMap((line) => (line.serviceDate ? [line.serviceDate] : [])).sort();
  return {
    encounter: {
      source: claim.encounter,
      patient: claim.patient,
      subscriber: claim.subscriber,
      payer: claim.payer,
      billingProvider: claim.billingProvider,
      ...(claim.renderingProvider ? { renderingProvider: claim.renderingProvider } : {}),
      ...(claim.referringProvider ? { referringProvider: claim.referringProvider } : {}),
      placeOfService: claim.placeOfService,
      ...(dates[0] ? { dateOfService: dates[0] } : {}),
      ...(claim.priorAuthorization ? { priorAuthorization: claim.priorAuthorization } : {}),
      diagnoses: [],
      procedures: [],
    },
    diagnoses: claim.diagnoses,
    lines: claim.lines,
    missing: [],
    review: { required: false, reasons: [] },
  };
}
