/**
 * Polls until a condition holds: for twin tests, whose stack works asynchronously (queues, schedules, worker threads)
 * and can only be observed from outside. The failure names what was awaited, so a timeout reads as a specification.
 */
export async function until(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 120_000,
  /** Between looks: short for a cheap look at something brief (an invocation in flight), longer for a table scan. */
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
