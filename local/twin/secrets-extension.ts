/**
 * The twin's Secrets Manager: the secrets of the template with their values, served to the functions exactly as the
 * AWS Parameters and Secrets Lambda Extension serves them beside a deployed function (`GET
 * /secretsmanager/get?secretId=<arn or name>` on a local port, the caller's session token in
 * `X-Aws-Parameters-Secrets-Token`, the answer shaped like GetSecretValue's). The functions read secrets the same way
 * in both places, so no secret value is ever put in a function's environment, here or in AWS.
 *
 * Generated values are kept in `<dataDir>/secrets.json` (mode 0600) when the twin keeps data, so a restarted twin (and
 * the sandbox it configures) signs and authenticates with the same values. Requests wait until the twin has seeded
 * its secrets (`seeded()`), as a function started during a deployment would find the value only once it is set.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

export interface LocalSecret {
  logicalId: string;
  arn: string;
  name: string;
  /** The role the template's metadata gives it (contracts/secrets.ts), when it has one. */
  role?: string;
  value: string;
  versionId: string;
  createdDate: number;
}

/** CloudFormation's GenerateSecretString, the parts ClaimFlow's templates use. */
export interface GenerateSecretString {
  PasswordLength?: number;
  ExcludePunctuation?: boolean;
  ExcludeCharacters?: string;
  ExcludeUppercase?: boolean;
  ExcludeLowercase?: boolean;
  ExcludeNumbers?: boolean;
  IncludeSpace?: boolean;
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A random string as Secrets Manager's GetRandomPassword would make it (uniform over the allowed characters). */
export function generatePassword(options: GenerateSecretString): string {
  let alphabet = '';
  if (!options.ExcludeUppercase) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (!options.ExcludeLowercase) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (!options.ExcludeNumbers) alphabet += '0123456789';
  if (!options.ExcludePunctuation) alphabet += PUNCTUATION;
  if (options.IncludeSpace) alphabet += ' ';
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const chars = [...alphabet].filter((c) => !excluded.has(c));
  if (chars.length === 0) throw new Error('GenerateSecretString excludes every character');
  const length = options.PasswordLength ?? 32;
  let out = '';
  // Rejection sampling: bytes at or above the largest multiple of the alphabet size are dropped, so no bias.
  const limit = 256 - (256 % chars.length);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += chars[byte % chars.length];
    }
  }
  return out;
}

/** The value CloudFormation would store: the generated string, or the template with it under GenerateStringKey. */
export function generateSecretValue(options: GenerateSecretString): string {
  const password = generatePassword(options);
  if (options.SecretStringTemplate === undefined) return password;
  const template = JSON.parse(options.SecretStringTemplate) as Record<string, unknown>;
  if (!options.GenerateStringKey) throw new Error('SecretStringTemplate needs GenerateStringKey');
  return JSON.stringify({ ...template, [options.GenerateStringKey]: password });
}

export class SecretsExtension {
  readonly #secrets = new Map<string, LocalSecret>();
  readonly #server: Server;
  readonly #file: string | undefined;
  /** What the functions send as AWS_SESSION_TOKEN; anything else is refused, as the extension does. */
  readonly sessionToken = randomUUID();
  #port = 0;
  #release!: () => void;
  readonly #ready = new Promise<void>((resolve) => {
    this.#release = resolve;
  });

  constructor(options: { file?: string } = {}) {
    this.#file = options.file;
    this.#server = createServer((request, response) => {
      void this.#answer(request.method ?? 'GET', request.url ?? '/', request.headers).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
  }

  async listen(host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, host, resolve);
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.#port;
  }

  get port(): number {
    return this.#port;
  }

  /** Adds a secret of the template; a value kept from an earlier run wins over `initial`. */
  add(secret: Omit<LocalSecret, 'value' | 'versionId' | 'createdDate'>, initial: () => string): LocalSecret {
    const kept = this.#kept()[secret.logicalId];
    const stored: LocalSecret = {
      ...secret,
      value: kept ?? initial(),
      versionId: randomUUID(),
      createdDate: Math.floor(Date.now() / 1000),
    };
    this.#secrets.set(secret.arn, stored);
    if (kept === undefined) this.#persist();
    return stored;
  }

  /** Replaces a secret's value (PutSecretValue), as an operator or a seeding step would. */
  put(arn: string, value: string): void {
    const secret = this.#secrets.get(arn);
    if (!secret) throw new Error(`no secret ${arn} in the twin`);
    secret.value = value;
    secret.versionId = randomUUID();
    this.#persist();
  }

  byRole(role: string): LocalSecret | undefined {
    return [...this.#secrets.values()].find((s) => s.role === role);
  }

  /** Lets waiting reads through: the twin has seeded every secret. */
  seeded(): void {
    this.#release();
  }

  async close(): Promise<void> {
    this.#release();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #answer(
    method: string,
    url: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<{ status: number; body: unknown }> {
    const parsed = new URL(url, 'http://localhost');
    if (method !== 'GET' || parsed.pathname !== '/secretsmanager/get') {
      return { status: 404, body: { message: 'not found' } };
    }
    if (headers['x-aws-parameters-secrets-token'] !== this.sessionToken) {
      return { status: 401, body: { message: 'missing or invalid X-Aws-Parameters-Secrets-Token' } };
    }
    await this.#ready;
    const id = parsed.searchParams.get('secretId') ?? '';
    const secret = this.#secrets.get(id) ?? [...this.#secrets.values()].find((s) => s.name === id);
    if (!secret) {
      return {
        status: 400,
        body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
      };
    }
    return {
      status: 200,
      body: {
        ARN: secret.arn,
        Name: secret.name,
        SecretString: secret.value,
        VersionId: secret.versionId,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: secret.createdDate,
      },
    };
  }

  #kept(): Record<string, string> {
    if (!this.#file || !existsSync(this.#file)) return {};
    return JSON.parse(readFileSync(this.#file, 'utf8')) as Record<string, string>;
  }

  #persist(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const values = Object.fromEntries([...this.#secrets.values()].map((s) => [s.logicalId, s.value]));
    writeFileSync(this.#file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  }
}
