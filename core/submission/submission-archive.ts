/**
 * Where 837P interchanges are kept exactly as sent (S3 `submissions/` in AWS). The bytes are archived before the send
 * and never replaced: every resend of an interchange sends the archived bytes, so a clearinghouse that compares a
 * repeated idempotency key's body sees the same body. Keys hold sender ids, dates and control numbers only.
 */
export interface SubmissionArchive {
  /** The full key (with the archive's prefix) an interchange named `name` is kept under. */
  keyFor(name: string): string;
  /** Stores `text` under `key` unless something is stored there already; returns what is stored. */
  putIfAbsent(key: string, text: string): Promise<string>;
  get(key: string): Promise<string | undefined>;
}

/** An archive in memory (tests, offline tools). */
export class InMemorySubmissionArchive implements SubmissionArchive {
  readonly objects = new Map<string, string>();
  constructor(private readonly prefix = 'submissions/') {}

  keyFor(name: string): string {
    return `${this.prefix}${name}`;
  }

  async putIfAbsent(key: string, text: string): Promise<string> {
    const held = this.objects.get(key);
    if (held !== undefined) return held;
    this.objects.set(key, text);
    return text;
  }

  async get(key: string): Promise<string | undefined> {
    return this.objects.get(key);
  }
}
