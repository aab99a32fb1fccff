/**
 * Required segments per 837P loop, checked on the segments themselves (independently of what the claim reader
 * keeps): the header's BHT, submitter and receiver; per billing provider level NM1*85, N3, N4 and its tax id;
 * per subscriber level SBR, NM1*IL and NM1*PR (and the subscriber's N3, N4 and DMG when SBR02 says the patient is
 * the subscriber); per patient level PAT, NM1*QC, N3, N4 and DMG; per claim the CLM elements the TR3 requires and
 * HI; per service line SV1 and DTP*472.
 */
import type { Segment, X12Issue } from '#core/x12/reader';

type Report = (segment: Segment, code: string, detail: string) => void;

const LEVEL_REQUIREMENTS: Record<string, { name: string; needs: string[] }> = {
  '20': { name: 'billing provider level (2000A)', needs: ['NM1*85', 'N3', 'N4', 'REF*EI|REF*SY'] },
  '22': { name: 'subscriber level (2000B)', needs: ['SBR', 'NM1*IL', 'NM1*PR'] },
  '23': { name: 'patient level (2000C)', needs: ['PAT', 'NM1*QC', 'N3', 'N4', 'DMG'] },
};
const SELF_SUBSCRIBER_NEEDS = ['N3', 'N4', 'DMG'];
const HEADER_NEEDS = ['BHT', 'NM1*41', 'PER', 'NM1*40'];

/** The key a requirement names: "NM1*85", "REF*EI", "DTP*472" for qualified segments, the id alone otherwise. */
function keyOf(segment: Segment): string {
  const qualified = segment.id === 'NM1' || segment.id === 'REF' || segment.id === 'DTP';
  return qualified ? `${segment.id}*${segment.element(1)}` : segment.id;
}

export function checkLoopRequirements(segments: readonly Segment[]): X12Issue[] {
  const issues: X12Issue[] = [];
  const report: Report = (segment, code, detail) =>
    issues.push({
      code,
      message: `segment ${segment.position} (${segment.id}): ${detail}`,
      position: segment.position,
      segmentId: segment.id,
      offset: segment.offset,
    });
  const [st] = segments;
  if (!st) return issues;
  let opener: Segment = st;
  let seen = new Set<string>();
  let requirement: { name: string; needs: string[] } = { name: 'transaction header', needs: HEADER_NEEDS };
  const close = () => {
    for (const need of requirement.needs) {
      if (!need.split('|').some((alternative) => seen.has(alternative))) {
        report(opener, 'SEGMENT_MISSING', `${requirement.name} has no ${need.replace('|', ' or ')}`);
      }
    }
  };
  for (const segment of segments.slice(1)) {
    const startsLoop = segment.id === 'HL' || segment.id === 'CLM' || segment.id === 'LX' || segment.id === 'SE';
    if (startsLoop) {
      close();
      opener = segment;
      seen = new Set();
      requirement = loopRequirement(segment, report);
      continue;
    }
    seen.add(keyOf(segment));
    if (segment.id === 'SBR' && segment.element(2) === '18' && requirement.name.startsWith('subscriber')) {
      requirement = { ...requirement, needs: [...requirement.needs, ...SELF_SUBSCRIBER_NEEDS] };
    }
    // 2320 other subscriber loops repeat SBR and NM1 segments; they never satisfy or break the claim's needs.
  }
  return issues;
}

function loopRequirement(segment: Segment, report: Report): { name: string; needs: string[] } {
  if (segment.id === 'HL') return LEVEL_REQUIREMENTS[segment.element(3)] ?? { name: 'unknown level', needs: [] };
  if (segment.id === 'CLM') {
    checkClaimElements(segment, report);
    return { name: `claim "${segment.element(1)}" (2300)`, needs: ['HI'] };
  }
  if (segment.id === 'LX') return { name: `service line ${segment.element(1)} (2400)`, needs: ['SV1', 'DTP*472'] };
  return { name: 'trailer', needs: [] };
}

function checkClaimElements(clm: Segment, report: Report): void {
  const missing = [1, 2, 6, 7, 8, 9]
    .filter((n) => clm.element(n) === '')
    .map((n) => `CLM${String(n).padStart(2, '0')}`);
  if (missing.length > 0) report(clm, 'CLM_ELEMENT_MISSING', `required ${missing.join(', ')} empty`);
  if (clm.components(5).length !== 3) {
    report(clm, 'CLM05_COMPOSITE', `CLM05 must be place of service:B:frequency, found "${clm.element(5)}"`);
  }
}
