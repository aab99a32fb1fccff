/** Free text an operator types (reasons, notes): bounded, printable, never empty. */
import { invalid } from './errors.ts';

// Control characters other than tab and newline (escape sequences in a terminal, NUL in a store).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

export function requiredText(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(`a ${name} is required`);
  const text = value.trim();
  if (text.length > maxLength) throw invalid(`the ${name} is ${text.length} characters; at most ${maxLength}`);
  if (CONTROL.test(text)) throw invalid(`the ${name} contains control characters`);
  return text;
}

export function optionalText(value: unknown, name: string, maxLength: number): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requiredText(value, name, maxLength);
}
