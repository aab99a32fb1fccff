/**
 * `claimflow x12 837 <coded.json|-> [--identity <file> | --config <practice.json>] [--counter <file>] [--out <file>]
 * [--line-breaks]`
 *
 * Builds one 837P interchange from the output of `claimflow code --json`. Sender, receiver and submitter identities
 * come from configuration, first found of: --identity (a SubmitterIdentity JSON), --config (the practice
 * configuration's `submitter`), CLAIMFLOW_SUBMITTER_IDENTITY, CLAIMFLOW_PRACTICE_CONFIG, and the repository's
 * config/practice.sample.json (the same default `claimflow code` uses, so the two compose). Control numbers come
 * from a persistent counter file (default .claimflow/x12-control-numbers.json) so that they never repeat.
 * Encounters flagged for review are held back and listed on stderr. Exit codes: 0 built, 1 input or claim errors,
 * 2 usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { claimsFromCodedJson } from '#core/billing/claims-from-coded-json';
import { codedJson } from '#core/billing/coded-json-input';
import { InvalidPracticeConfigError, parsePracticeConfig } from '#core/config/practice-config';
import { describeZodIssues } from '#core/documents/zod-issues';
import { build837P } from '#core/x12/837p/builder';
import { Invalid837PClaimError } from '#core/x12/837p/claim-checks';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';
import { InvalidSubmitterIdentityError } from '#core/x12/837p/submitter-identity-checks';
import { submitterIdentitySchema } from '#core/x12/837p/submitter-identity-schema';
import { FileControlNumbers } from './control-number-files.ts';

const USAGE =
  'usage: claimflow x12 837 <coded.json|-> [--identity <identity.json> | --config <practice.json>] [--counter <file>] [--out <file>] [--line-breaks]';
const SAMPLE_PRACTICE_CONFIG = fileURLToPath(new URL('../../../config/practice.sample.json', import.meta.url));
const DEFAULT_COUNTER = '.claimflow/x12-control-numbers.json';
const PREFIX = 'claimflow x12 837';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export async function run837(argv: string[]): Promise<number> {
  try {
    return await buildFromCodedJson(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${PREFIX}: ${error.message}\n${error.exitCode === 2 ? `${USAGE}\n` : ''}`);
      return error.exitCode;
    }
    if (error instanceof Invalid837PClaimError || error instanceof InvalidSubmitterIdentityError) {
      process.stderr.write(`${PREFIX}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function buildFromCodedJson(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const [input] = positionals;
  if (input === undefined || positionals.length > 1)
    throw new CliError('expected exactly one coded.json file (or - for stdin)', 2);
  const identity = await resolveIdentity(values.identity, values.config);
  const encounters = await readCodedJson(input);
  const now = new Date();
  const { claims, held } = claimsFromCodedJson(encounters, { at: now.toISOString(), actor: 'claimflow x12 837' });
  for (const h of held)
    process.stderr.write(
      `${PREFIX}: held for review, not billed: ${h.source} (${h.reasons.join(', ') || 'no reason given'})\n`,
    );
  if (claims.length === 0)
    throw new CliError(`${input}: no encounter is ready to bill (${held.length} held for review)`, 1);
  const built = await build837P(claims, {
    identity,
    controlNumbers: new FileControlNumbers(values.counter ?? DEFAULT_COUNTER),
    now,
    lineBreaks: values['line-breaks'] ?? false,
  });
  if (values.out) {
    await writeFile(values.out, built.text);
    const transactions = built.transactions.map((t) => `ST ${t.controlNumber}: ${t.claimCount} claim(s)`).join(', ');
    process.stderr.write(
      `${PREFIX}: wrote ${values.out}: interchange ${built.interchangeControlNumber}, ${transactions}\n`,
    );
  } else {
    process.stdout.write(built.text);
  }
  return 0;
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        identity: { type: 'string' },
        config: { type: 'string' },
        counter: { type: 'string' },
        out: { type: 'string' },
        'line-breaks': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      1,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${path} is not JSON: ${(error as Error).message}`, 1);
  }
}

async function resolveIdentity(identityFile?: string, configFile?: string): Promise<SubmitterIdentity> {
  if (identityFile) return readIdentity(identityFile);
  if (configFile) return readPracticeSubmitter(configFile);
  const fromEnvironment = process.env.CLAIMFLOW_SUBMITTER_IDENTITY;
  if (fromEnvironment) return readIdentity(fromEnvironment);
  return readPracticeSubmitter(process.env.CLAIMFLOW_PRACTICE_CONFIG || SAMPLE_PRACTICE_CONFIG);
}

async function readPracticeSubmitter(path: string): Promise<SubmitterIdentity> {
  const json = await readJson(path, 'practice configuration');
  try {
    return parsePracticeConfig(json, path).submitter;
  } catch (error) {
    if (error instanceof InvalidPracticeConfigError) throw new CliError(error.message, 1);
    throw error;
  }
}

async function readIdentity(path: string): Promise<SubmitterIdentity> {
  const parsed = submitterIdentitySchema.safeParse(await readJson(path, 'submitter identity'));
  if (!parsed.success) throw new CliError(`submitter identity ${path}: ${describeZodIssues(parsed.error).message}`, 1);
  return parsed.data;
}

async function readCodedJson(path: string) {
  const parsed = codedJson.safeParse(await readJson(path, 'coded encounters'));
  if (!parsed.success) throw new CliError(`coded encounters ${path}: ${describeZodIssues(parsed.error).message}`, 1);
  return parsed.data.encounters;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
