/**
 * The routes of ClaimFlow's HTTP APIs: the stack declares them, the functions behind them check the route they were
 * invoked for, and the twin, the sandbox and the CLI address them. One place, so a path is never spelt twice.
 */

/** Where the clearinghouse posts response files (999, 277CA, 835) as Standard Webhooks deliveries. */
export const CLEARINGHOUSE_WEBHOOK_PATH = '/webhooks/clearinghouse';
export const CLEARINGHOUSE_WEBHOOK_ROUTE = `POST ${CLEARINGHOUSE_WEBHOOK_PATH}`;

/**
 * A webhook sender that fails authentication this often within one window is answered 429 until the window ends
 * (core/responses/sender-failures.ts); the stack's alarm description quotes it. Twenty in fifteen minutes: a
 * clearinghouse retrying one delivery with backoff fails a few times in that long (a rotation gone wrong, a clock
 * off); twenty is a prober or a sender misconfigured for good.
 */
export const WEBHOOK_SENDER_FAILURE_LIMIT = { windowSeconds: 15 * 60, maxFailures: 20 } as const;

/**
 * The operations API (IAM-authorised): one route per operator action, `POST /operations/<name>` with the action's
 * JSON request (core/operations/requests.ts) as the body. The caller's IAM principal is the actor recorded.
 */
export const OPERATIONS_PATH = '/operations/{operation}';
export const OPERATIONS_ROUTE = `POST ${OPERATIONS_PATH}`;
export const operationPath = (operation: string) => `/operations/${encodeURIComponent(operation)}`;
