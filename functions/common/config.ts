/**
 * Function configuration: `process.env` parsed with the function's environment schema from contracts/functions/ (the
 * same schema the stack checked the environment against at synth), once per execution environment, so a wiring
 * mistake fails the first invocation loudly instead of the hundredth quietly.
 */
import type { z } from 'zod';
import { type FunctionEnvironmentSchema, parseEnvironment } from '#contracts/environment';

const parsedBySchema = new WeakMap<FunctionEnvironmentSchema, unknown>();

export function config<S extends FunctionEnvironmentSchema>(schema: S): z.infer<S> {
  if (!parsedBySchema.has(schema)) {
    const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
    parsedBySchema.set(schema, parseEnvironment(schema, process.env, functionName));
  }
  return parsedBySchema.get(schema) as z.infer<S>;
}
