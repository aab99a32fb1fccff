/**
 * What the dashboard reads from a running twin: its template, the intrinsic context that names local resources, EMF
 * points, completed invocations and queue gauges. The only file of the dashboard that knows LocalTwin's shape.
 */
import type { IntrinsicContext } from '#local/twin/intrinsics';
import type { LocalTwin } from '#local/twin/twin';
import type { MetricInputs } from './metric-source.ts';

export function twinMetricInputs(twin: LocalTwin): MetricInputs {
  return {
    emfPoints: () => twin.metrics.points,
    functions: () =>
      [...twin.runtimes.values()].map((runtime) => ({
        functionName: runtime.definition.functionName,
        completed: runtime.completed,
      })),
    queues: () =>
      twin.queues().map((q) => ({
        name: q.name,
        visible: q.visible,
        inFlight: q.inFlight,
        delayed: q.delayed,
        oldestMessageAgeSeconds: q.oldestMessageAgeSeconds,
      })),
  };
}

/** The same context the twin resolved its resources with, so Refs in the dashboard body name the local resources. */
export function twinIntrinsicContext(twin: LocalTwin): IntrinsicContext {
  return twin.intrinsicContext;
}
