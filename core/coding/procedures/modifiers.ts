/**
 * Modifiers decided across lines: 25 on an E/M beside a procedure or a preventive visit, 59 or XE/XS/XP/XU on the
 * column-2 code of an NCCI pair (modifier indicator 1) when the note documents a distinct service, RT/LT/50 from
 * documented laterality. A pair that may never be billed together (indicator 0), or an indicator-1 pair without
 * documentation of a distinct service, becomes a review reason instead of a guessed modifier.
 */
import type { CodeSets } from '#core/codesets/index';
import type { IsoDate } from '#core/documents/encounter';
import type { ReviewReason } from '../coded-encounter.ts';
import { LATERAL_CODES } from './code-kinds.ts';
import type { NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

/** Services beside which an E/M needs modifier 25 to be paid (NCCI policy manual, chapter XI and global surgery). */
const NEEDS_25_BESIDE = new Set<ProposedLine['kind']>([
  'minor-procedure',
  'injection-admin',
  'vaccine-admin',
  // Tobacco cessation counselling (99406/99407): the E/M beside it is separately identifiable only with 25.
  'counselling',
]);
const NEEDS_25_CODES = new Set(['94640']);

function addModifier(line: ProposedLine, modifier: string): void {
  if (!line.modifiers.includes(modifier) && line.modifiers.length < 4) line.modifiers.push(modifier);
}

export function applyModifier25(lines: ProposedLine[]): void {
  const hasPreventive = lines.some((l) => l.kind === 'preventive');
  const beside = (line: ProposedLine) => NEEDS_25_BESIDE.has(line.kind) || NEEDS_25_CODES.has(line.code);
  // A problem E/M needs 25 beside any of them; a preventive visit not beside vaccine administration alone.
  const forProblem = lines.find(beside);
  const forPreventive = lines.find((l) => beside(l) && l.kind !== 'vaccine-admin');
  for (const line of lines) {
    const problemBesidePreventive = line.kind === 'em' && hasPreventive;
    const procedure = line.kind === 'em' ? forProblem : line.kind === 'preventive' ? forPreventive : undefined;
    if (!problemBesidePreventive && !procedure) continue;
    addModifier(line, '25');
    line.evidence.push({
      kind: 'field',
      path: problemBesidePreventive ? 'preventive visit on the same date' : `line ${procedure!.code} on the same date`,
      rule: 'modifier.25',
    });
  }
}

export function applyLaterality(lines: ProposedLine[]): void {
  for (const line of lines) {
    if (!line.laterality || !LATERAL_CODES.has(line.code)) continue;
    if (line.laterality === 'bilateral') {
      addModifier(line, '50');
      line.units = 1;
    } else addModifier(line, line.laterality === 'right' ? 'RT' : 'LT');
  }
}

const SEPARATE_ENCOUNTER =
  /\b(separate (?:encounter|visit)|later (?:that|the same) day|returned (?:later|in the afternoon)|second visit)\b/i;
const SEPARATE_SITE =
  /\b(separate (?:site|lesion|incision|anatomic\w*|location|area)|different (?:site|location|anatomic\w*|area|body (?:area|part))|distinct (?:site|lesion))\b/i;
const SEPARATE_PRACTITIONER = /\b(different (?:practitioner|provider|physician)|performed by (?:dr\.?|another))\b/i;
const NON_OVERLAPPING = /\b(distinct (?:procedural )?service|non-?overlapping|separate (?:procedure|service))\b/i;

/** The X modifier for the documented reason (Medicare), or 59 for payers that take only 59. */
function distinctModifier(
  context: NoteContext,
  a: ProposedLine,
  b: ProposedLine,
): { modifier: string; evidence?: [number, number] } | undefined {
  const differentSides = a.laterality && b.laterality && a.laterality !== b.laterality;
  const find = (pattern: RegExp) => context.sentences.find((s) => pattern.test(s.text));
  const encounter = find(SEPARATE_ENCOUNTER);
  const site = find(SEPARATE_SITE);
  const practitioner = find(SEPARATE_PRACTITIONER);
  const unusual = find(NON_OVERLAPPING);
  const medicare = context.medicare;
  if (encounter) return { modifier: medicare ? 'XE' : '59', evidence: [encounter.start, encounter.end] };
  if (differentSides || site)
    return {
      modifier: medicare ? 'XS' : '59',
      ...(site ? { evidence: [site.start, site.end] as [number, number] } : {}),
    };
  if (practitioner) return { modifier: medicare ? 'XP' : '59', evidence: [practitioner.start, practitioner.end] };
  if (unusual) return { modifier: medicare ? 'XU' : '59', evidence: [unusual.start, unusual.end] };
  return undefined;
}

export function applyNcciPairs(
  lines: ProposedLine[],
  context: NoteContext,
  codeSets: CodeSets,
  date: IsoDate,
): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (a.code === b.code) continue;
      const edit = codeSets.ncci.ptp(a.code, b.code, date);
      if (!edit || edit.modifierIndicator === '9') continue;
      const column2 = edit.column2 === a.code ? a : b;
      const column1 = column2 === a ? b : a;
      // An E/M as column 2 is handled by modifier 25 (decided above); a modifier already there settles the pair.
      if (column2.kind === 'em' || column2.kind === 'preventive') {
        if (!column2.modifiers.includes('25')) {
          reasons.push({
            category: 'conflicting_documentation',
            field: `lines.${column2.code}`,
            message: `NCCI bundles ${column2.code} into ${column1.code}; the E/M is billable only as a significant, separately identifiable service (modifier 25)`,
          });
        }
        continue;
      }
      // The source (a superbill) already marked the distinct service.
      if (column2.modifiers.some((m) => ['59', 'XE', 'XS', 'XP', 'XU'].includes(m))) continue;
      if (edit.modifierIndicator === '0') {
        reasons.push({
          category: 'conflicting_documentation',
          field: `lines.${column2.code}`,
          message: `NCCI never pays ${column2.code} with ${column1.code} on the same date (modifier indicator 0)`,
        });
        column2.confidence = Math.min(column2.confidence, 0.3);
        continue;
      }
      const distinct = distinctModifier(context, column1, column2);
      if (!distinct) {
        reasons.push({
          category: 'conflicting_documentation',
          field: `lines.${column2.code}`,
          message: `NCCI bundles ${column2.code} into ${column1.code} unless a distinct service (separate site, encounter or practitioner) is documented`,
        });
        column2.confidence = Math.min(column2.confidence, 0.5);
        continue;
      }
      addModifier(column2, distinct.modifier);
      column2.evidence.push(
        distinct.evidence
          ? textEvidence(context.text, distinct.evidence[0], distinct.evidence[1], `modifier.${distinct.modifier}`)
          : {
              kind: 'field',
              path: `laterality ${column1.laterality} vs ${column2.laterality}`,
              rule: `modifier.${distinct.modifier}`,
            },
      );
    }
  }
  return reasons;
}
