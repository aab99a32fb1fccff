/**
 * The intake bucket's layout: which prefix holds what, and how large an object each reader accepts. The stack scopes
 * IAM grants and S3 notifications to these prefixes, the functions read and write under them, and the CLI uploads to
 * the inbox; all three take them from here.
 */

/** Documents arrive here (upload, SFTP bridge, EHR export); ObjectCreated under this prefix starts intake. */
export const INBOX_PREFIX = 'inbox/';
/** A copy of every document intake could not read, kept with its reason so nothing is lost. */
export const QUARANTINE_PREFIX = 'quarantine/';
/** The X12 837P interchanges exactly as submitted to the clearinghouse, one object per interchange. */
export const SUBMISSIONS_PREFIX = 'submissions/';
/** Clearinghouse responses (999, 277CA, 835) exactly as received, archived before anything parses them. */
export const RESPONSES_RAW_PREFIX = 'responses/raw/';

export const BUCKET_PREFIXES = {
  inbox: INBOX_PREFIX,
  quarantine: QUARANTINE_PREFIX,
  submissions: SUBMISSIONS_PREFIX,
  responsesRaw: RESPONSES_RAW_PREFIX,
} as const;

const MIB = 1024 * 1024;

/** Largest document intake reads; a larger object ends FAILED (too_large) without being downloaded. */
export const MAX_DOCUMENT_BYTES = 5 * MIB;

/**
 * Largest webhook body accepted. Lambda's synchronous request payload is at most 6 MB and API Gateway base64-encodes
 * binary bodies (4/3 larger), so 4 MiB is the most a webhook can carry through both.
 */
export const MAX_WEBHOOK_BODY_BYTES = 4 * MIB;

/** True when `key` lies under `prefix` (and is not the prefix itself, which S3 consoles create as a folder marker). */
export function isUnderPrefix(key: string, prefix: string): boolean {
  return key.length > prefix.length && key.startsWith(prefix);
}
