/**
 * The qualifiers of composite codes, from the TR3 code lists (composite-qualifiers.ts):
 * - a service line's product/service id qualifier (837P SV101-1 and LIN02, 837I SV202-1, 835 SVC01-1 and SVC06-1,
 *   277CA SVC01-1): HC for CPT/HCPCS, N4 for an NDC and so on, each set with its own list;
 * - the HI segments of a claim (loop 2300): each kind of HI is known by its first qualifier (the 837P's diagnosis HI
 *   starts with ABK, ICD-10-CM principal, or BK, ICD-9-CM), its other composites take the kind's own qualifiers (ABF
 *   or BF), carry at most as many composites as the kind allows, and the kind appears at most as often as the TR3
 *   says per claim (one diagnosis HI in an 837P).
 * Issues name the element and the qualifier (codes, never patient data).
 */
import type { Segment } from '../segment.ts';
import { makeIssue, type X12Issue } from '../x12-error.ts';
import {
  compositeQualifiers,
  type HealthCareInformationSegment,
  type ProcedureQualifierList,
} from './composite-qualifiers.ts';
import type { Rule } from './rule.ts';

export class ProcedureQualifierRule implements Rule {
  readonly #lists: readonly ProcedureQualifierList[];

  constructor(guide: string) {
    this.#lists = compositeQualifiers().procedureQualifiers.filter((list) => list.guide === guide);
  }

  get applies(): boolean {
    return this.#lists.length > 0;
  }

  push(segment: Segment, issues: X12Issue[]): void {
    for (const list of this.#lists) {
      if (segment.id !== list.segment) continue;
      const qualifier = list.composite ? segment.component(list.element, 1) : segment.element(list.element);
      // An absent qualifier is the reader's or the loop requirements' finding (a required element), not this list's.
      if (qualifier === '' || list.codes.includes(qualifier)) continue;
      issues.push(
        makeIssue(
          'PROCEDURE_QUALIFIER',
          `${list.name} "${qualifier}" is not a product/service id qualifier the ${list.guide} TR3 allows here (${list.codes.join(', ')})`,
          segment,
        ),
      );
    }
  }

  finish(): void {}
}

export class HealthCareInformationRule implements Rule {
  readonly #kinds: readonly HealthCareInformationSegment[];
  readonly #guide: string;
  /** How many HI segments of each kind the current claim (since its CLM) has carried. */
  #counts = new Map<HealthCareInformationSegment, number>();

  constructor(guide: string) {
    this.#guide = guide;
    this.#kinds = compositeQualifiers().healthCareInformation.find((g) => g.guide === guide)?.segments ?? [];
  }

  get applies(): boolean {
    return this.#kinds.length > 0;
  }

  push(segment: Segment, issues: X12Issue[]): void {
    if (segment.id === 'CLM') {
      this.#counts = new Map();
      return;
    }
    if (segment.id !== 'HI') return;
    const first = segment.component(1, 1);
    const kind = this.#kinds.find((k) => k.first.includes(first));
    if (!kind) {
      const openers = this.#kinds.map((k) => `${k.first.join('/')} (${k.name})`).join(', ');
      issues.push(
        makeIssue(
          'HI_QUALIFIER',
          `HI01-1 "${first}" opens no HI segment of the ${this.#guide} TR3: ${openers}`,
          segment,
        ),
      );
      return;
    }
    const count = (this.#counts.get(kind) ?? 0) + 1;
    this.#counts.set(kind, count);
    if (count > kind.perClaim) {
      issues.push(
        makeIssue(
          'HI_REPEAT',
          `a claim carries the ${kind.name} HI at most ${kind.perClaim === 1 ? 'once' : `${kind.perClaim} times`}; this is number ${count}`,
          segment,
        ),
      );
    }
    const composites = segment.elements.length - 1;
    for (let n = 2; n <= composites; n++) {
      const qualifier = segment.component(n, 1);
      if (qualifier === '') continue;
      const name = `HI${String(n).padStart(2, '0')}-1`;
      if (n > kind.composites) {
        issues.push(
          makeIssue(
            'HI_QUALIFIER',
            `the ${kind.name} HI carries at most ${kind.composites} composite${kind.composites === 1 ? '' : 's'}; ${name} "${qualifier}" is one too many`,
            segment,
          ),
        );
        break;
      }
      if (!kind.rest.includes(qualifier)) {
        issues.push(
          makeIssue(
            'HI_QUALIFIER',
            `${name} "${qualifier}" in the ${kind.name} HI must be ${kind.rest.join(' or ')} (only HI01 takes ${kind.first.join('/')})`,
            segment,
          ),
        );
      }
    }
  }

  finish(): void {}
}
