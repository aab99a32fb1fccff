/** The part of a 999 error classification a posting keeps (see core/denials classifySyntaxError). */
import { classifySyntaxError as classify } from '#core/denials/classify';
import type { SyntaxLevel } from '#core/denials/schema';

export interface ClassificationLike {
  level: SyntaxLevel;
  code: string;
  description: string;
  category: string;
  action: string;
  known: boolean;
}

export function classifySyntaxError(level: SyntaxLevel, code: string): ClassificationLike {
  const { description, category, action, known } = classify(level, code);
  return { level, code, description, category, action, known };
}
