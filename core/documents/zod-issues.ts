/** Zod issues as one precise sentence: the JSON path that failed and what was expected there. */
import type { z } from 'zod';

export function jsonPath(path: readonly PropertyKey[], root = '$'): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    root,
  );
}

export function describeZodIssues(error: z.ZodError, root = '$', limit = 3): { message: string; location: string } {
  const issues = error.issues.slice(0, limit);
  const first = issues[0];
  const location = first ? jsonPath(first.path, root) : root;
  const parts = issues.map((issue) => `${jsonPath(issue.path, root)}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return { message: parts.join('; ') + more, location };
}
