/**
 * AWS::Events::Rule with a schedule (`rate(...)`): invokes each Lambda target asynchronously with the event
 * EventBridge sends ("Scheduled Event"), every period scaled by the twin's time scale, as the reconciler's schedule
 * does on AWS. Rules matching event patterns, cron schedules and non-Lambda targets stop the twin saying so.
 */
import { randomUUID } from 'node:crypto';
import { property } from '../template.ts';
import { findFunctionByArn, type ResourceProvider } from './provider.ts';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export const eventRules = (): ResourceProvider => {
  const timers: NodeJS.Timeout[] = [];
  return {
    types: ['AWS::Events::Rule'],
    wire(items, twin) {
      for (const { logicalId, resource } of items) {
        if (property(resource, 'State') === 'DISABLED') continue;
        const expression = property<string>(resource, 'ScheduleExpression');
        const rate = expression ? RATE.exec(expression) : null;
        if (!rate) {
          throw new Error(
            `rule ${logicalId}: the twin runs rate(...) schedules only, not ${expression ?? 'event patterns'}`,
          );
        }
        const periodMs = Number(rate[1]) * UNIT_MS[rate[2]!.replace(/s$/, '')]! * twin.timeScale;
        const targets = (property<{ Arn: unknown }[]>(resource, 'Targets') ?? []).map((target) => {
          const arn = twin.resolveString(target.Arn);
          const fn = findFunctionByArn(twin, arn);
          if (!fn) throw new Error(`rule ${logicalId} targets ${arn}: the twin invokes its own functions only`);
          return fn;
        });
        timers.push(
          setInterval(() => {
            for (const fn of targets) {
              fn.asyncInvoker.invoke({
                version: '0',
                id: randomUUID(),
                'detail-type': 'Scheduled Event',
                source: 'aws.events',
                account: twin.accountId,
                time: new Date().toISOString(),
                region: twin.region,
                resources: [twin.arn('events', `rule/${logicalId}`)],
                detail: {},
              });
            }
          }, periodMs).unref(),
        );
      }
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
};
