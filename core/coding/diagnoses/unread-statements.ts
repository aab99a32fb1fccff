/**
 * A numbered assessment item that nothing could read (no lexicon concept, no code title, no index term) may be a
 * diagnosis the claim would miss: the encounter goes to a human rather than out with part of its diagnoses. Plan
 * lines ("2. Continue lisinopril", "3. Follow up in 3 months") and reminders of future care ("4. Due for colonoscopy")
 * are not diagnoses and do not count.
 */
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { TextSpan } from '#core/coding/text/sentences';
import { isPlanStatement } from '#core/documents/note/note-vocabulary';

const ITEM_START = /^\s*(?:\d{1,2}[.)]|[-*•])\s*/;

export { isPlanStatement } from '#core/documents/note/note-vocabulary';

/**
 * Reminders and plans for future care ("Due for colonoscopy next year, will schedule", "Mammogram due in March"):
 * nothing was done or found today, so there is neither a diagnosis to miss nor a screening code to assign. Only a
 * statement that opens with the reminder, or names a test, screening or vaccine and then when it is due, is one;
 * a condition with a follow-up plan ("stress incontinence, recheck in 3 months") still counts as unread.
 */
const FUTURE_CARE =
  /^(?:(?:is\s+|are\s+)?(?:due|overdue)\s+for|will\s+(?:schedule|order|arrange|obtain|repeat|get)|(?:plans?|planning|planned)\s+to|scheduled\s+for|reminders?\b|remind(?:ed)?\s+(?:to|about))\b/i;
const TEST_THEN_WHEN =
  /^(?:(?:routine|annual|screening)\s+)?(?:colonoscopy|mammogram|mammography|dexa(?:\s+scan)?|bone\s+density(?:\s+scan)?|pap(?:\s+smear)?|labs?|a1c|lipid\s+panel|eye\s+exam|(?:[a-z]+\s+)?vaccines?|immunizations?|flu\s+shot|colon\s+cancer\s+screening|breast\s+cancer\s+screening)\b[^.]{0,60}?\b(?:due|next\s+(?:year|visit|month)|will\s+schedule|to\s+be\s+scheduled|scheduled|up\s+to\s+date)\b/i;

export function isFutureCare(statement: string): boolean {
  const text = statement.trim();
  return FUTURE_CARE.test(text) || TEST_THEN_WHEN.test(text);
}

export function unreadStatementReasons(text: string, unread: readonly TextSpan[]): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  for (const sentence of unread) {
    const line = text.slice(sentence.start, sentence.end);
    const marker = ITEM_START.exec(line);
    if (!marker) continue;
    const statement = line.slice(marker[0].length).trim();
    if (isPlanStatement(statement) || isFutureCare(statement)) continue;
    reasons.push({
      category: 'low_confidence_coding',
      message: `assessment item not coded (no concept, code title or index term matched): "${statement.slice(0, 80)}"`,
      field: 'noteText',
    });
  }
  return reasons;
}
