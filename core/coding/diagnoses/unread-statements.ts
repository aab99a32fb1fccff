/**
 * A numbered assessment item that nothing could read (no lexicon concept, no code title, no index term) may be a
 * diagnosis the claim would miss: the encounter goes to a human rather than out with part of its diagnoses. Plan
 * lines ("2. Continue lisinopril", "3. Follow up in 3 months") are not diagnoses and do not count.
 */
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { TextSpan } from '#core/coding/text/sentences';
import { isPlanStatement } from '#core/documents/note/note-vocabulary';

const ITEM_START = /^\s*(?:\d{1,2}[.)]|[-*•])\s*/;

export { isPlanStatement } from '#core/documents/note/note-vocabulary';

export function unreadStatementReasons(text: string, unread: readonly TextSpan[]): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  for (const sentence of unread) {
    const line = text.slice(sentence.start, sentence.end);
    const marker = ITEM_START.exec(line);
    if (!marker) continue;
    const statement = line.slice(marker[0].length).trim();
    if (isPlanStatement(statement)) continue;
    reasons.push({
      category: 'low_confidence_coding',
      message: `assessment item not coded (no concept, code title or index term matched): "${statement.slice(0, 80)}"`,
      field: 'noteText',
    });
  }
  return reasons;
}
