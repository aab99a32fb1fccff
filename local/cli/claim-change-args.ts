/**
 * The change flags of `claims edit` / `claims recode`, read into ClaimChanges:
 *   --dx J02.9,J06.9                      the whole diagnosis list, in order (pointer 1 is the first)
 *   --line 2:modifiers=59                 change line 2 (keys: code, modifiers, units, pointers, charge; lists with +,
 *   --line 1:code=99214,pointers=1+2        `modifiers=none` clears them)
 *   --add-line code=87880,units=1,charge=35.50,pointers=1[,modifiers=QW]
 *   --remove-line 2
 *   --member-id ID   --prior-auth NUMBER|none   --pos 11
 * Every problem is reported with the flag it came from.
 */
import { toCents } from '#core/kernel/money';
import type { ClaimChanges, LineChange, NewLine } from '#core/operations/claim-changes';

export class ChangeArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeArgumentError';
  }
}

export interface ChangeFlags {
  dx?: string;
  line?: string[];
  'add-line'?: string[];
  'remove-line'?: string[];
  'member-id'?: string;
  'prior-auth'?: string;
  pos?: string;
}

export const CHANGE_OPTIONS = {
  dx: { type: 'string' },
  line: { type: 'string', multiple: true },
  'add-line': { type: 'string', multiple: true },
  'remove-line': { type: 'string', multiple: true },
  'member-id': { type: 'string' },
  'prior-auth': { type: 'string' },
  pos: { type: 'string' },
} as const;

export function changesFromFlags(flags: ChangeFlags): ClaimChanges {
  const changes: ClaimChanges = {};
  if (flags.dx !== undefined) changes.diagnoses = list(flags.dx, ',');
  if (flags.line?.length) changes.lines = flags.line.map(lineChange);
  if (flags['add-line']?.length) changes.addLines = flags['add-line'].map(newLine);
  if (flags['remove-line']?.length) changes.removeLines = flags['remove-line'].map((n) => whole(n, '--remove-line'));
  if (flags['member-id'] !== undefined) changes.memberId = flags['member-id'];
  if (flags['prior-auth'] !== undefined)
    changes.priorAuthorization = flags['prior-auth'].toLowerCase() === 'none' ? null : flags['prior-auth'];
  if (flags.pos !== undefined) changes.placeOfService = flags.pos;
  if (Object.keys(changes).length === 0)
    throw new ChangeArgumentError(
      'nothing to change: give --dx, --line, --add-line, --remove-line, --member-id, --prior-auth or --pos',
    );
  return changes;
}

function lineChange(arg: string): LineChange {
  const colon = arg.indexOf(':');
  if (colon < 1) throw new ChangeArgumentError(`--line "${arg}": write it as N:key=value,... (e.g. 2:modifiers=59)`);
  const change: LineChange = { line: whole(arg.slice(0, colon), `--line "${arg}"`) };
  for (const [key, value] of pairs(arg.slice(colon + 1), `--line "${arg}"`)) {
    if (key === 'code') change.code = value;
    else if (key === 'modifiers') change.modifiers = value.toLowerCase() === 'none' ? [] : list(value, '+');
    else if (key === 'units') change.units = number(value, `--line "${arg}" units`);
    else if (key === 'pointers') change.pointers = list(value, '+').map((p) => whole(p, `--line "${arg}" pointers`));
    else if (key === 'charge') change.chargeCents = cents(value, `--line "${arg}" charge`);
    else
      throw new ChangeArgumentError(`--line "${arg}": unknown key ${key} (code, modifiers, units, pointers, charge)`);
  }
  return change;
}

function newLine(arg: string): NewLine {
  const values = new Map(pairs(arg, `--add-line "${arg}"`));
  for (const key of values.keys())
    if (!['code', 'modifiers', 'units', 'pointers', 'charge', 'date'].includes(key))
      throw new ChangeArgumentError(
        `--add-line "${arg}": unknown key ${key} (code, modifiers, units, pointers, charge, date)`,
      );
  const need = (key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new ChangeArgumentError(`--add-line "${arg}": ${key}= is required`);
    return value;
  };
  const modifiers = values.get('modifiers');
  const date = values.get('date');
  return {
    code: need('code'),
    units: number(need('units'), `--add-line "${arg}" units`),
    chargeCents: cents(need('charge'), `--add-line "${arg}" charge`),
    pointers: list(need('pointers'), '+').map((p) => whole(p, `--add-line "${arg}" pointers`)),
    ...(modifiers !== undefined ? { modifiers: list(modifiers, '+') } : {}),
    ...(date !== undefined ? { serviceDate: date } : {}),
  };
}

function pairs(text: string, where: string): [string, string][] {
  return text.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new ChangeArgumentError(`${where}: "${pair}" is not key=value`);
    return [pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim()];
  });
}

function list(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function whole(text: string, where: string): number {
  if (!/^\d{1,4}$/.test(text.trim())) throw new ChangeArgumentError(`${where}: "${text}" is not a whole number`);
  return Number(text);
}

function number(text: string, where: string): number {
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(text.trim())) throw new ChangeArgumentError(`${where}: "${text}" is not a number`);
  return Number(text);
}

function cents(text: string, where: string): number {
  try {
    return toCents(text.replace(/^\$/, ''));
  } catch (error) {
    throw new ChangeArgumentError(`${where}: ${(error as Error).message}`);
  }
}
