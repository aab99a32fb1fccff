/**
 * TR3 content rules that a syntactically valid file can still break, checked segment by segment while the file is
 * read (so an 835 that is typed without keeping its segments is checked too, in linear time):
 * - N4 (any set): N402 must be a US state, territory or military code, or a Canadian province, when N404 is US or
 *   absent; a Canadian province when N404 is CA (code source 22).
 * - ST02 and, in a 999, AK202 (which echoes an ST02) are 4 to 9 characters.
 * - 835: the payer identification loop (1000A, N1*PR) carries the payer technical contact PER*BL.
 * - 277CA (005010X214): the STC the information receiver (2200B), billing provider (2200C), claim (2200D, once its
 *   TRN opens it) and service line (2220D) levels require.
 * - 837: the HL hierarchy as read837P checks it (numbering, parents, HL04), and for 837P the segments each loop
 *   requires (core/x12/837p hierarchy-reader and loop-requirements).
 * - Composite qualifiers from the TR3 code lists (qualifier-rules.ts): SV101-1/LIN02 (837P), SV202-1 (837I),
 *   SVC01-1/SVC06-1 (835, 277CA), and the HI segments of an 837P or 837I claim (which qualifier opens which HI, what
 *   its other composites take, how many, how often per claim).
 * - Dates (date-rule.ts): D8 dates that are not calendar dates, RD8 ranges that end before they start, years
 *   outside a plausible window.
 * Each finding is an X12Issue at the segment that breaks the rule (or opens the loop that lacks one).
 */

import { readHierarchy } from '../837p/hierarchy-reader.ts';
import { checkLoopRequirements } from '../837p/loop-requirements.ts';
import type { Transaction } from '../envelope.ts';
import type { Segment } from '../segment.ts';
import { makeIssue, type X12Issue } from '../x12-error.ts';
import { guideOf } from './composite-qualifiers.ts';
import { DateRule } from './date-rule.ts';
import { HealthCareInformationRule, ProcedureQualifierRule } from './qualifier-rules.ts';
import type { Rule } from './rule.ts';
import { stateProvinceCodes } from './state-codes.ts';

/** The TR3 content checks for one transaction set, fed every segment from ST to SE. */
export class ContentRules {
  readonly issues: X12Issue[] = [];
  readonly #rules: Rule[];
  readonly #setId: string;
  readonly #guide: string;

  constructor(st: Segment) {
    this.#setId = st.element(1);
    this.#guide = st.element(3);
    this.#rules = [new StateCodeRule(), new ControlNumberLengthRule(this.#setId), new DateRule()];
    const guide = this.#setId === '835' ? '005010X221' : guideOf(this.#guide);
    for (const rule of [new ProcedureQualifierRule(guide), new HealthCareInformationRule(guide)])
      if (rule.applies) this.#rules.push(rule);
    if (this.#setId === '835') this.#rules.push(new PayerTechnicalContactRule());
    if (this.#setId === '277' && this.#guide.startsWith('005010X214')) this.#rules.push(new RequiredStatusRule());
    this.push(st);
  }

  push(segment: Segment): void {
    for (const rule of this.#rules) rule.push(segment, this.issues);
  }

  /** Close the set; `transaction` gives the retained segments that whole-set checks (the 837 hierarchy) need. */
  finish(transaction: Transaction | undefined): X12Issue[] {
    for (const rule of this.#rules) rule.finish(this.issues);
    if (this.#setId === '837' && transaction && transaction.segments.length > 2) {
      for (const issue of readHierarchy(transaction.segments)) this.issues.push(issue);
      if (this.#guide.startsWith('005010X222')) {
        for (const issue of checkLoopRequirements(transaction.segments)) this.issues.push(issue);
      }
    }
    this.issues.sort((a, b) => a.position - b.position);
    return this.issues;
  }
}

class StateCodeRule implements Rule {
  push(segment: Segment, issues: X12Issue[]): void {
    if (segment.id !== 'N4') return;
    const state = segment.element(2);
    const country = segment.element(4);
    const codes = stateProvinceCodes();
    if (country === '' || country === 'US') {
      if (state === '') {
        issues.push(
          makeIssue('N402_MISSING', 'N402 (state or province) is required for an address in the US or Canada', segment),
        );
      } else if (!codes.unitedStates.has(state) && !codes.canada.has(state)) {
        issues.push(
          makeIssue(
            'N402_STATE',
            `N402 "${state}" is not a US state, territory or military code, nor a Canadian province (code source 22)` +
              (country === 'US' ? ' for N404 "US"' : ''),
            segment,
          ),
        );
      }
    } else if (country === 'CA' && !codes.canada.has(state)) {
      issues.push(
        makeIssue('N402_STATE', `N402 "${state}" is not a Canadian province or territory for N404 "CA"`, segment),
      );
    }
  }

  finish(): void {}
}

class ControlNumberLengthRule implements Rule {
  readonly #setId: string;

  constructor(setId: string) {
    this.#setId = setId;
  }

  push(segment: Segment, issues: X12Issue[]): void {
    if (segment.id === 'ST') checkLength(segment, 2, 'ST02', issues);
    else if (segment.id === 'AK2' && this.#setId === '999') checkLength(segment, 2, 'AK202', issues);
  }

  finish(): void {}
}

function checkLength(segment: Segment, n: number, name: string, issues: X12Issue[]): void {
  const value = segment.element(n);
  if (value.length < 4 || value.length > 9) {
    issues.push(
      makeIssue(
        'CONTROL_NUMBER_LENGTH',
        `${name} "${value}" must be 4 to 9 characters (a transaction set control number)`,
        segment,
      ),
    );
  }
}

/** 835 1000A: the payer's N1*PR loop must hold a PER*BL (payer technical contact). */
class PayerTechnicalContactRule implements Rule {
  #payer: Segment | undefined;
  #sawTechnicalContact = false;
  #closed = false;

  push(segment: Segment, issues: X12Issue[]): void {
    if (this.#closed) return;
    if (segment.id === 'N1' && segment.element(1) === 'PR') {
      this.#payer = segment;
      return;
    }
    if (!this.#payer) return;
    if (segment.id === 'PER' && segment.element(1) === 'BL') this.#sawTechnicalContact = true;
    // The payer loop ends at the payee's N1 or at the detail (LX, CLP) or trailer.
    if (segment.id === 'N1' || segment.id === 'LX' || segment.id === 'CLP' || segment.id === 'SE') this.finish(issues);
  }

  finish(issues: X12Issue[]): void {
    if (this.#closed || !this.#payer) return;
    this.#closed = true;
    if (!this.#sawTechnicalContact) {
      issues.push(
        makeIssue(
          'PER_BL_MISSING',
          'the payer identification loop (1000A) has no PER*BL (payer technical contact information), which the 835 TR3 requires',
          this.#payer,
        ),
      );
    }
  }
}

/** 277CA: levels whose 2200 loop requires at least one STC, and service lines (2220D) that require one. */
class RequiredStatusRule implements Rule {
  #opener: Segment | undefined;
  #name = '';
  #needsStatus = false;
  #sawStatus = false;
  #isClaimLevel = false;

  push(segment: Segment, issues: X12Issue[]): void {
    switch (segment.id) {
      case 'HL': {
        this.finish(issues);
        const level = segment.element(3);
        this.#open(segment, LEVEL_NAMES[level] ?? '', level === '21' || level === '19');
        this.#isClaimLevel = level === 'PT';
        return;
      }
      case 'TRN':
        // The claim's 2200D loop starts at its TRN; a patient level without one has no claim status loop.
        if (this.#isClaimLevel) this.#needsStatus = true;
        return;
      case 'SVC':
        this.finish(issues);
        this.#open(segment, 'service line (2220D)', true);
        return;
      case 'STC':
        this.#sawStatus = true;
        return;
      default:
        return;
    }
  }

  #open(opener: Segment, name: string, needsStatus: boolean): void {
    this.#opener = opener;
    this.#name = name;
    this.#needsStatus = needsStatus;
    this.#sawStatus = false;
    this.#isClaimLevel = false;
  }

  finish(issues: X12Issue[]): void {
    if (this.#opener && this.#needsStatus && !this.#sawStatus) {
      issues.push(
        makeIssue(
          'STC_MISSING',
          `the ${this.#name} has no STC (status information), which the 277CA TR3 requires`,
          this.#opener,
        ),
      );
    }
    this.#opener = undefined;
    this.#needsStatus = false;
  }
}

const LEVEL_NAMES: Readonly<Record<string, string>> = {
  '20': 'information source level (2000A)',
  '21': 'information receiver level (2000B/2200B)',
  '19': 'billing provider level (2000C/2200C)',
  PT: 'claim level (2000D/2200D)',
};
