/**
 * The routes of ClaimFlow's HTTP APIs: the stack declares them, the functions behind them check the route they were
 * invoked for, and the twin, the sandbox and the CLI address them. One place, so a path is never spelt twice.
 */

/** Where the clearinghouse posts response files (999, 277CA, 835) as Standard Webhooks deliveries. */
export const CLEARINGHOUSE_WEBHOOK_PATH = '/webhooks/clearinghouse';
export const CLEARINGHOUSE_WEBHOOK_ROUTE = `POST ${CLEARINGHOUSE_WEBHOOK_PATH}`;
