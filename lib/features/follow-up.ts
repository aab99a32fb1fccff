/**
 * Follow-up: a function on an EventBridge schedule (daily by default) that raises a biller's work item for each claim
 * with no 277CA or no 835 after the payer's expected days, or nearing its timely-filing limit (functions/follow-up,
 * core/followup), and resolves the follow-ups whose condition has cleared. The days are practice configuration
 * (bundled, like every function's). It reads claims through their indexes and writes work items only.
 */
import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import type { Platform } from '../platform/platform.ts';
import { practiceConfigDefines } from './reference-data.ts';

export interface FollowUpProps {
  platform: Platform;
  practiceConfigJson: string;
  /** How often it runs (default every day). */
  every?: Duration;
  /** How many days beyond the longest wait each check looks back (default 30): runs missed that long are made up. */
  lookbackDays?: number;
  reservedConcurrency?: number;
}

export class FollowUp extends Construct implements MonitoredFeature {
  readonly followUp: ClaimFlowFunction;
  readonly schedule: events.Rule;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: FollowUpProps) {
    super(scope, id);
    const { platform } = props;

    this.followUp = new ClaimFlowFunction(this, 'FollowUp', {
      name: 'follow-up',
      description: 'Raises follow-up work for claims without a 277CA or an 835 in time, or nearing timely filing',
      key: platform.dataKey,
      timeout: Duration.minutes(5),
      reservedConcurrency: props.reservedConcurrency,
      environment: { FOLLOW_UP_LOOKBACK_DAYS: String(props.lookbackDays ?? 30) },
      bundleDefines: practiceConfigDefines(props.practiceConfigJson),
    })
      // Claims through byStatus and byServiceDate (never written); work items raised with a conditional put and
      // resolved with a conditional update. Both are TABLE_ACCESS.readWrite; no deletes, batch writes or scans.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite);

    this.schedule = this.followUp.runOnSchedule(this, {
      every: props.every ?? Duration.days(1),
      description: 'Runs the follow-up of quiet claims and timely filing',
      nextRun: 'the next run covers the same window again (items have deterministic ids)',
    });

    this.monitoring = {
      panels: [
        {
          title: 'Follow-ups',
          left: [REVENUE_CYCLE_METRICS.followUpsRaised],
          right: [REVENUE_CYCLE_METRICS.followUpChecksTruncated],
        },
      ],
      functions: [{ title: 'follow-up', function: this.followUp.function, consumesBatches: false }],
      metricAlarms: [
        {
          title: 'Follow-up checks truncated',
          metric: REVENUE_CYCLE_METRICS.followUpChecksTruncated,
          threshold: 0,
          description:
            'a follow-up check read its maximum of claims in one run; the rest waits for the next run. Check the ' +
            'follow-up function logs and raise its limit or run it more often',
        },
      ],
    };
  }
}
