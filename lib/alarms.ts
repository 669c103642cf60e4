import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IResolvable, TerraformCount, Token } from "cdktf";
import { Construct } from "constructs";
import { derive } from "./derive";
import { hcl } from "./hcl";
import { alarmCount, alarmDescriptions, alarmNames, CACHE_NODE_ID } from "./naming";

/** One CloudWatch alarm kind, created once per member cache cluster. */
export interface AlarmSpec {
  /** Terraform resource name (the HCL module's, kept so state moves over). */
  readonly resource: string;
  readonly metric: string;
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly statistic: "Average" | "Minimum" | "Maximum";
  readonly unit: "Percent" | "Bytes";
  /** Last part of the alarm name: `<member id>-0001-<suffix>`. */
  readonly suffix: string;
  /**
   * alarm_description, `%s` standing for the member id: the HCL module's exact text, which its
   * state holds, so that a migration plans no change on any alarm.
   */
  readonly description: string;
}

export const ALARMS = [
  {
    resource: "elasticache_high_cpu_utilization",
    metric: "CPUUtilization",
    comparison: "GreaterThanThreshold",
    threshold: 90,
    statistic: "Average",
    unit: "Percent",
    suffix: "high-cpu-utilization",
    description: "An alarm that goes off if the CPU usage is too high in ElastiCache cluster %s",
  },
  {
    resource: "elasticache_high_engine_cpu_utilization",
    metric: "EngineCPUUtilization",
    comparison: "GreaterThanThreshold",
    threshold: 90,
    statistic: "Average",
    unit: "Percent",
    suffix: "high-engine-cpu-utilization",
    description: "An alarm that goes off if the Engine CPU usage is too high in ElastiCache cluster %s",
  },
  {
    resource: "elasticache_low_memory_available",
    metric: "FreeableMemory",
    comparison: "LessThanThreshold",
    threshold: 100_000_000,
    statistic: "Minimum",
    unit: "Bytes",
    suffix: "low-memory-available",
    description: "An alarm that goes off if the ElastiCache cluster %s is running low on free memory.",
  },
  {
    resource: "elasticache_swap_usage",
    metric: "SwapUsage",
    comparison: "GreaterThanThreshold",
    threshold: 50_000_000,
    statistic: "Maximum",
    unit: "Bytes",
    suffix: "swap-usage",
    description: "An alarm that goes off if the ElastiCache cluster %s swap usage is too high.",
  },
] as const satisfies readonly AlarmSpec[];

/** Every alarm looks at one-minute data points and fires on the first breaching one. */
const PERIOD_SECONDS = 60;
const EVALUATION_PERIODS = 1;

export interface RedisAlarmsProps {
  readonly enabled: boolean | IResolvable;
  /** Member cache cluster ids; alarm index i watches member i. */
  readonly memberIds: string[];
  readonly snsTopicArns: string[];
}

/** The four alarms for every member cache cluster (the HCL module's `redis_alarms` module). */
export class RedisAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: RedisAlarmsProps) {
    super(scope, id);
    const count = TerraformCount.of(derive(alarmCount, props.enabled, props.memberIds));
    const atIndex = (list: string[]) => Token.asString(hcl`${list}[${count.index}]`);
    this.alarms = ALARMS.map(
      (alarm) =>
        new CloudwatchMetricAlarm(this, alarm.resource, {
          count,
          alarmName: atIndex(derive(alarmNames, props.memberIds, alarm.suffix)),
          alarmDescription: atIndex(derive(alarmDescriptions, props.memberIds, alarm.description)),
          namespace: "AWS/ElastiCache",
          metricName: alarm.metric,
          comparisonOperator: alarm.comparison,
          threshold: alarm.threshold,
          statistic: alarm.statistic,
          unit: alarm.unit,
          period: PERIOD_SECONDS,
          evaluationPeriods: EVALUATION_PERIODS,
          dimensions: {
            CacheClusterId: atIndex(props.memberIds),
            CacheNodeId: CACHE_NODE_ID,
          },
          alarmActions: props.snsTopicArns,
          okActions: props.snsTopicArns,
          insufficientDataActions: props.snsTopicArns,
        }),
    );
  }
}
