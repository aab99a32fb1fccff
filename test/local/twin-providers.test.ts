/**
 * The twin runs every resource of the template through the provider of its type: a type no provider knows stops
 * the twin before anything starts, naming the type and the logical id; adding a type is one provider; and waiting
 * times, function timeouts included, follow one time scale so the stack's timing rules hold as on AWS.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '#local/twin/providers/index';
import type { ResourceProvider } from '#local/twin/providers/provider';
import type { SynthesizedStack } from '#local/twin/synthesize';
import { LocalTwin, UnsupportedResourceError } from '#local/twin/twin';
import { startTestTwin, synthesizedOnce, TEST_TIME_SCALE } from '#test/support/twin';

function withExtraResources(resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) {
  const stack = synthesizedOnce();
  return {
    ...stack,
    template: { ...stack.template, Resources: { ...stack.template.Resources, ...resources } },
  } satisfies SynthesizedStack;
}

describe('resource providers', () => {
  it('refuses to start a stack with a resource type no provider knows, naming type and logical id', async () => {
    const synthesized = withExtraResources({
      NightlyExport: { Type: 'AWS::Glue::Job', Properties: {} },
      OtherExport: { Type: 'AWS::Glue::Job', Properties: {} },
      Search: { Type: 'AWS::OpenSearchService::Domain', Properties: {} },
    });

    const attempt = LocalTwin.start({ outdir: mkdtempSync(join(tmpdir(), 'claimflow-twin-')), synthesized });

    await expect(attempt).rejects.toBeInstanceOf(UnsupportedResourceError);
    await expect(attempt).rejects.toThrow(
      /AWS::Glue::Job \(NightlyExport, OtherExport\); AWS::OpenSearchService::Domain \(Search\)/,
    );
  });

  it('runs a resource type once a provider for it is registered', async () => {
    const created: string[] = [];
    const glueJobs = (): ResourceProvider => ({
      types: ['AWS::Glue::Job'],
      identify: ({ logicalId }, twin) => ({ ref: twin.localName(logicalId, 255), attributes: {} }),
      create: (items) => {
        created.push(...items.map((i) => i.logicalId));
      },
    });

    const twin = await startTestTwin({
      synthesized: withExtraResources({ NightlyExport: { Type: 'AWS::Glue::Job', Properties: {} } }),
      providers: [...PROVIDERS, glueJobs],
    });
    try {
      expect(created).toEqual(['NightlyExport']);
      expect(twin.resources.get('NightlyExport')?.ref).toBe(`${twin.stack.stackName}-NightlyExport`);
    } finally {
      await twin.stop();
    }
  });

  it('scales function timeouts by the factor that scales visibility, keeping AWS ratio between them', async () => {
    const twin = await startTestTwin();
    try {
      const template = twin.stack.template.Resources;
      const mapping = Object.values(template).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')!;
      const consumer = twin.runtimes.get((mapping.Properties!.FunctionName as { Ref: string }).Ref)!.definition;
      const queue = twin.queues().find((q) => q.url === twin.eventSources[0]!.definition.queueUrl)!;
      const declaredVisibility = template[queue.logicalId]!.Properties!.VisibilityTimeout as number;
      const declaredTimeout = template[consumer.logicalId]!.Properties!.Timeout as number;
      const visibility = Number(
        (
          await twin.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: queue.url,
              AttributeNames: ['VisibilityTimeout'],
            }),
          )
        ).Attributes!.VisibilityTimeout,
      );

      expect(consumer.timeoutSeconds).toBeCloseTo(declaredTimeout * TEST_TIME_SCALE, 6);
      expect(visibility).toBe(Math.round(declaredVisibility * TEST_TIME_SCALE));
      expect(visibility / consumer.timeoutSeconds).toBeCloseTo(declaredVisibility / declaredTimeout, 1);
    } finally {
      await twin.stop();
    }
  });
});
