/**
 * The kinds of code set and how a release is identified. Kept apart from release-names.ts (which reads published
 * file names and pulls in the archive reader) so the lookup side, bundled into Lambdas, stays small.
 */
import type { IsoDate } from '#core/documents/encounter';

export type CodeSetKind = 'icd10cm' | 'hcpcs' | 'ncci-ptp' | 'ncci-mue' | 'cpt';

export const CODE_SET_KINDS: readonly CodeSetKind[] = ['icd10cm', 'hcpcs', 'ncci-ptp', 'ncci-mue', 'cpt'];

/** Inclusive range of dates of service a release answers for; no `to` means open-ended. */
export interface EffectiveRange {
  from: IsoDate;
  to?: IsoDate;
}

/** A release as named by its files: the id is also its directory name in a bundle (`hcpcs-2019`, `ncci-ptp-2025q2`). */
export interface ReleaseIdentity {
  kind: CodeSetKind;
  /** Unique per kind: `fy2018`, `fy2025-apr`, `2019`, `2019-apr`, `2025q2`, `2025`. */
  label: string;
  effective: EffectiveRange;
}

export function releaseId(identity: Pick<ReleaseIdentity, 'kind' | 'label'>): string {
  return `${identity.kind}-${identity.label}`;
}
