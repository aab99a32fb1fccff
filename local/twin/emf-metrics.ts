/**
 * Collects the CloudWatch Embedded Metric Format lines that functions print (Powertools Metrics), so the twin's tests
 * and its dashboard see the same numbers CloudWatch would. Other lines are passed on as logs.
 */
import type { OutputSink } from './lambda-runtime.ts';

export interface MetricPoint {
  namespace: string;
  name: string;
  unit: string;
  dimensions: Record<string, string>;
  value: number;
  timestamp: number;
  functionName: string;
}

interface EmfDocument {
  _aws?: {
    Timestamp?: number;
    CloudWatchMetrics?: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit?: string }[] }[];
  };
  [key: string]: unknown;
}

export class EmfMetrics implements OutputSink {
  readonly points: MetricPoint[] = [];

  constructor(private readonly logLine: (functionName: string, stream: 'stdout' | 'stderr', text: string) => void) {}

  line(functionName: string, stream: 'stdout' | 'stderr', text: string): void {
    const points = stream === 'stdout' ? parseEmf(text, functionName) : undefined;
    if (points) this.points.push(...points);
    else this.logLine(functionName, stream, text);
  }

  /** Sum of a metric's values across every point (any dimensions). */
  sum(name: string, namespace?: string): number {
    return this.points
      .filter((p) => p.name === name && (!namespace || p.namespace === namespace))
      .reduce((total, p) => total + p.value, 0);
  }
}

export function parseEmf(text: string, functionName: string): MetricPoint[] | undefined {
  if (!text.startsWith('{') || !text.includes('"_aws"')) return undefined;
  let document: EmfDocument;
  try {
    document = JSON.parse(text) as EmfDocument;
  } catch {
    return undefined;
  }
  const directives = document._aws?.CloudWatchMetrics;
  if (!directives) return undefined;
  const points: MetricPoint[] = [];
  for (const directive of directives) {
    const dimensionNames = directive.Dimensions.flat();
    const dimensions = Object.fromEntries(dimensionNames.map((d) => [d, String(document[d] ?? '')]));
    for (const metric of directive.Metrics) {
      const raw = document[metric.Name];
      const values = Array.isArray(raw) ? raw : [raw];
      for (const value of values) {
        if (typeof value !== 'number') continue;
        points.push({
          namespace: directive.Namespace,
          name: metric.Name,
          unit: metric.Unit ?? 'None',
          dimensions,
          value,
          timestamp: document._aws?.Timestamp ?? Date.now(),
          functionName,
        });
      }
    }
  }
  return points;
}
