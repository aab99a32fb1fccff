/**
 * Telehealth: a visit given by synchronous audio-video is billed with the office E/M (or the other service) and the
 * payer's telehealth modifier: 95 by default (CPT Appendix P lists the services it may be appended to; Medicare
 * asks for 95 with POS 02 or 10 since 2024), `GT` or none where the payer's configuration says so
 * (`payers[].telehealthModifier`). The place of service of a telehealth claim is 02 (patient not at home) or 10
 * (patient at home); another POS goes to review.
 *
 * Audio-only is not coded automatically: CPT 2025 deleted the telephone E/M codes 99441-99443 and added 98008-98015
 * (audio-only E/M), while Medicare pays the office E/M with modifier 93 and does not recognise 98008-98015; which one
 * the payer takes is its policy, so the visit goes to review saying so. 98966-98968 remain the telephone assessment
 * codes of qualified non-physician professionals, never a physician's E/M.
 */

import { keywordGate } from '#core/coding/text/keyword-gate';
import type { PracticeConfig } from '#core/config/practice-config';
import { payerById } from '#core/config/practice-config';
import type { ReviewReason } from '../coded-encounter.ts';
import { gatedText, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

const VIDEO =
  /\b(video (?:visit|call|encounter|conference|exam|consult\w*)|\(video\)|(?:via|by|over) video|audio[- ]?(?:and[- ]|\/|-)?video|synchronous video|two-way (?:interactive )?(?:audio[- ]video|video)|facetime|doxy\.me|zoom)\b/i;
const TELEHEALTH = /\b(telehealth|telemedicine|tele-?visit|virtual (?:visit|encounter))\b/i;
const AUDIO_ONLY =
  /\b(audio[- ]only|telephone (?:visit|encounter|call)|phone (?:visit|call|encounter)|(?:by|via|over the) (?:tele)?phone|video (?:was )?(?:not available|unavailable|failed)|unable to (?:connect|use) (?:by )?video|declined video)\b/i;
/** A sentence about a later visit ("f/u 3 months via video") says nothing about this one. */
const LATER_VISIT =
  /\b(f\/u|follow[- ]?up|return|rtc|next (?:visit|appointment)|schedul\w*|in[- ]person visit if|will (?:see|call))\b/i;

/**
 * Words every telehealth statement above holds, each at the start of a word ("(video)", "telephone"): sentences
 * without one are not read. At word starts, the gate is found in the one scan of the note's word starts
 * (text/keyword-gate.ts).
 */
const REMOTE_WORDS = keywordGate(/\b(?:video|tele|virtual|phone|audio|zoom|facetime|doxy)/i);

const TELEHEALTH_POS = new Set(['02', '10']);
/** CPT Appendix P services the coder bills: office E/M, psychotherapy, tobacco counselling, annual wellness visit. */
const APPENDIX_P =
  /^(?:9920[2-5]|9921[2-5]|90785|9079[12]|9083[2-8]|9083[39]|90840|9084[5-7]|9940[67]|G043[89]|9949[5-8]|9780[2-4])$/;

export interface TelehealthVisit {
  modality: 'video' | 'audio';
  /** Where the note says so, or the place of service alone. */
  span?: { start: number; end: number };
}

export function telehealthVisit(context: NoteContext): TelehealthVisit | undefined {
  let video: { start: number; end: number } | undefined;
  let telehealth: { start: number; end: number } | undefined;
  const gated = gatedText(context);
  // Most notes hold none of the words anywhere.
  const sentences = gated.mayMatch(REMOTE_WORDS) ? context.sentences : [];
  for (const sentence of sentences) {
    const text = sentence.text;
    if (!gated.test(REMOTE_WORDS, sentence) || LATER_VISIT.test(text)) continue;
    if (AUDIO_ONLY.test(text)) return { modality: 'audio', span: sentence };
    if (!video && VIDEO.test(text)) video = sentence;
    if (!telehealth && TELEHEALTH.test(text)) telehealth = sentence;
  }
  const span = video ?? telehealth;
  if (span) return { modality: 'video', span };
  const pos = context.encounter.placeOfService;
  return pos !== undefined && TELEHEALTH_POS.has(pos) ? { modality: 'video' } : undefined;
}

/** Adds the payer's telehealth modifier to the Appendix P lines of a video visit; audio-only and POS go to review. */
export function applyTelehealth(lines: ProposedLine[], context: NoteContext, config: PracticeConfig): ReviewReason[] {
  const visit = telehealthVisit(context);
  if (!visit) return [];
  const reasons: ReviewReason[] = [];
  const pos = context.encounter.placeOfService;
  if (visit.modality === 'audio') {
    reasons.push({
      category: 'missing_information',
      field: 'lines',
      message:
        'audio-only visit: the payer decides the code (CPT 2025: 98008-98015, the telephone E/M 99441-99443 are deleted; Medicare: the office E/M with modifier 93)',
    });
    for (const line of lines) if (line.kind === 'em') line.confidence = Math.min(line.confidence, 0.5);
    return reasons;
  }
  if (pos === undefined || !TELEHEALTH_POS.has(pos)) {
    reasons.push({
      category: 'conflicting_documentation',
      field: 'placeOfService',
      message: `the note documents a telehealth (audio-video) visit but the place of service is ${pos ?? 'missing'}; telehealth claims use 02 or 10 (patient at home)`,
    });
  }
  const modifier = payerById(config, context.encounter.payer?.payerId)?.telehealthModifier ?? '95';
  if (modifier === 'none') return reasons;
  for (const line of lines) {
    if (!APPENDIX_P.test(line.code) || line.modifiers.includes(modifier) || line.modifiers.length >= 4) continue;
    line.modifiers.push(modifier);
    line.evidence.push(
      visit.span
        ? textEvidence(context.text, visit.span.start, visit.span.end, `modifier.${modifier}`)
        : { kind: 'field', path: `placeOfService ${pos}`, rule: `modifier.${modifier}` },
    );
  }
  return reasons;
}
