/** The claim's own data: place of service, diagnosis and line counts, pointers, charges, units, frequency. */
import { payerLineLimit } from '#core/config/practice-config';
import { formatCents } from '#core/kernel/money';
import { type EditHit, NO_HITS, type SyncEditDefinition } from '../edit.ts';
import { PLACE_OF_SERVICE_CODES, PLACE_OF_SERVICE_SOURCE } from '../place-of-service.ts';

const TR3 = 'ASC X12 837P 005010X222A1';
const MAX_DIAGNOSES = 12;
const MAX_LINES = 50;
const MAX_POINTERS = 4;

export const placeOfService: SyncEditDefinition = {
  id: 'PLACE-OF-SERVICE',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The place of service is a code of the CMS Place of Service code set.',
  source: `${PLACE_OF_SERVICE_SOURCE}; ${TR3} CLM05-1`,
  example: 'Place of service 30 (unassigned).',
  check(context) {
    const pos = context.claim.placeOfService;
    if (PLACE_OF_SERVICE_CODES.has(pos)) return NO_HITS;
    return [
      {
        message: pos
          ? `Place of service "${pos}" is not a CMS place of service code.`
          : 'The place of service is missing.',
        field: 'placeOfService',
        suggestedFix: 'Use the two-digit CMS code for where the service was given (11 office, 10/02 telehealth, ...).',
      },
    ];
  },
};

export const diagnosisCount: SyncEditDefinition = {
  id: 'DX-COUNT',
  category: 'claim-data',
  severity: 'error',
  owner: 'CODER',
  checks: `The claim has at least one and at most ${MAX_DIAGNOSES} diagnoses.`,
  source: `${TR3} loop 2300 HI (ABK principal + up to 11 ABF)`,
  example: 'A claim with 13 diagnoses.',
  check(context) {
    const count = context.claim.diagnoses.length;
    if (count >= 1 && count <= MAX_DIAGNOSES) return NO_HITS;
    return [
      {
        message:
          count === 0
            ? 'The claim has no diagnosis.'
            : `The claim has ${count} diagnoses; a professional claim holds at most ${MAX_DIAGNOSES}.`,
        field: 'diagnoses',
        suggestedFix:
          count === 0
            ? 'Code the diagnosis that supports the services.'
            : `Keep the ${MAX_DIAGNOSES} diagnoses that support the services, or split the claim.`,
      },
    ];
  },
};

export const lineCount: SyncEditDefinition = {
  id: 'LINE-COUNT',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: `The claim has at least one service line and at most ${MAX_LINES}, or fewer when its payer takes fewer (payers[].maxLinesPerClaim); a longer visit is split unless the payer's rule holds it (payers[].overLineLimit "hold").`,
  source: `${TR3} loop 2400 (repeat 50); practice configuration payers[].maxLinesPerClaim and overLineLimit`,
  example: 'A claim with no service line; a 60-line claim to a payer configured to hold claims over 50 lines.',
  check(context) {
    const count = context.claim.lines.length;
    const { maxLinesPerClaim: limit, overLineLimit } = payerLineLimit(context.payer);
    if (count >= 1 && count <= limit) return NO_HITS;
    if (count === 0)
      return [
        { message: 'The claim has no service line.', field: 'lines', suggestedFix: 'Add the services performed.' },
      ];
    const payer = context.payer;
    const rule = payer
      ? `${payer.name} (${payer.payerId}) takes at most ${limit} service lines per claim${payer.maxLinesPerClaim === undefined ? ' (the 837P limit)' : ''}, and the practice configuration ${overLineLimit === 'hold' ? 'holds a longer claim for a biller (overLineLimit "hold")' : 'splits a longer visit into several claims (overLineLimit "split")'}`
      : `an 837P claim holds at most ${limit} service lines`;
    return [
      {
        message: `The claim has ${count} service lines; ${rule}.`,
        field: 'lines',
        suggestedFix: `Bill the services in claims of at most ${limit} lines each${payer && overLineLimit === 'hold' ? ', or set overLineLimit "split" for this payer so ClaimFlow splits such visits' : ''}.`,
      },
    ];
  },
};

export const diagnosisPointers: SyncEditDefinition = {
  id: 'DX-POINTERS',
  category: 'claim-data',
  severity: 'error',
  owner: 'CODER',
  checks: `Every line points to 1-${MAX_POINTERS} distinct diagnoses, each one that exists on the claim.`,
  source: `${TR3} SV107 (composite diagnosis code pointer, 1-4 pointers to HI)`,
  example: 'A line pointing to diagnosis 3 on a claim with two diagnoses.',
  check(context) {
    const count = context.claim.diagnoses.length;
    // A claim without diagnoses is DX-COUNT's finding; every pointer would dangle, which says nothing more.
    if (count === 0) return NO_HITS;
    return context.claim.lines.flatMap((line, index): EditHit[] => {
      const pointers = line.diagnosisPointers;
      let problem: string | undefined;
      if (pointers.length === 0) problem = 'points to no diagnosis';
      else if (pointers.length > MAX_POINTERS) problem = `has ${pointers.length} diagnosis pointers (at most 4)`;
      else if (new Set(pointers).size !== pointers.length) problem = 'repeats a diagnosis pointer';
      else {
        const dangling = pointers.filter((p) => !Number.isInteger(p) || p < 1 || p > count);
        if (dangling.length > 0)
          problem = `points to diagnosis ${dangling.join(', ')}, but the claim has ${count} diagnos${count === 1 ? 'is' : 'es'}`;
      }
      return problem
        ? [
            {
              message: `Line ${index + 1} (${line.code}) ${problem}.`,
              field: `lines[${index}].diagnosisPointers`,
              suggestedFix: 'Point the line to the 1-4 diagnoses that support it, most relevant first.',
            },
          ]
        : NO_HITS;
    });
  },
};

export const lineUnits: SyncEditDefinition = {
  id: 'LINE-UNITS',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'Every line has a positive number of units.',
  source: `${TR3} SV104 (service unit count)`,
  example: 'A line with 0 units.',
  check(context) {
    return context.claim.lines.flatMap((line, index) =>
      Number.isFinite(line.units) && line.units > 0
        ? NO_HITS
        : [
            {
              message: `Line ${index + 1} (${line.code}) has ${line.units} units; units must be positive.`,
              field: `lines[${index}].units`,
              suggestedFix: 'Enter the number of units performed.',
            },
          ],
    );
  },
};

export const lineCharge: SyncEditDefinition = {
  id: 'LINE-CHARGE',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'Every line has a positive charge in whole cents.',
  source: `${TR3} SV102 (line item charge amount)`,
  example: 'A line with a $0.00 charge (code missing from the fee schedule).',
  check(context) {
    return context.claim.lines.flatMap((line, index) =>
      Number.isSafeInteger(line.chargeCents) && line.chargeCents > 0
        ? NO_HITS
        : [
            {
              message: `Line ${index + 1} (${line.code}) has a charge of ${Number.isSafeInteger(line.chargeCents) ? `$${formatCents(line.chargeCents)}` : String(line.chargeCents)}; charges must be positive.`,
              field: `lines[${index}].chargeCents`,
              suggestedFix: 'Add the code to the fee schedule, or enter the charge.',
            },
          ],
    );
  },
};

export const totalCharge: SyncEditDefinition = {
  id: 'TOTAL-CHARGE',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The claim’s total charge equals the sum of its line charges.',
  source: `${TR3} CLM02 (must equal the sum of SV102)`,
  example: 'Total $180.00 with lines of $135.00 and $35.00.',
  check(context) {
    const sum = context.claim.lines.reduce((total, line) => total + line.chargeCents, 0);
    if (sum === context.claim.totalChargeCents) return NO_HITS;
    return [
      {
        message: `The total charge is $${formatCents(context.claim.totalChargeCents)} but the lines add up to $${formatCents(sum)}.`,
        field: 'totalChargeCents',
        suggestedFix: `Set the total charge to $${formatCents(sum)}.`,
      },
    ];
  },
};

export const frequencyOriginalClaim: SyncEditDefinition = {
  id: 'FREQUENCY-ORIGINAL-CLAIM',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks:
    'A replacement (frequency 7) or void (frequency 8) carries the payer’s claim number of the original claim; an original (1) does not.',
  source: `${TR3} CLM05-3 and loop 2300 REF*F8 (payer claim control number)`,
  example: 'Frequency 7 without an original claim number.',
  check(context) {
    const { frequency, originalClaimNumber } = context.claim;
    const replaces = frequency === '7' || frequency === '8';
    if (replaces === Boolean(originalClaimNumber?.trim())) return NO_HITS;
    return [
      {
        message: replaces
          ? `A ${frequency === '7' ? 'replacement' : 'void'} claim (frequency ${frequency}) must carry the payer’s claim number of the claim it ${frequency === '7' ? 'replaces' : 'voids'}.`
          : 'An original claim (frequency 1) carries an original claim number; payers reject REF*F8 on a first submission.',
        field: 'originalClaimNumber',
        suggestedFix: replaces
          ? 'Enter the payer claim control number from the 835 or 277CA of the original claim.'
          : 'Remove the original claim number, or set frequency 7 (replacement) or 8 (void).',
      },
    ];
  },
};

export const CLAIM_EDITS: readonly SyncEditDefinition[] = [
  placeOfService,
  diagnosisCount,
  lineCount,
  diagnosisPointers,
  lineUnits,
  lineCharge,
  totalCharge,
  frequencyOriginalClaim,
];
