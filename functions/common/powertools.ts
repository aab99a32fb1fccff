/**
 * The one place Powertools instances are created. Service name and metrics namespace come from the environment the
 * stack sets (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE), so every function reports under the same names
 * the dashboard reads.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** Logs carry ids only (document ids, claim ids), never PHI: no names, dates of birth, member ids or note text. */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
