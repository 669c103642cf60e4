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
  /** The input holding this kind's own treat_missing_data (later Gruntwork releases), if it has one. */
  readonly ownTreatMissingData?: "alarm_high_cpu_utilization_treat_missing_data" | "alarm_low_memory_available_treat_missing_data";
  /** The input holding this kind's threshold, where it is one (its default is `threshold`). */
  readonly thresholdInput?: "alarm_low_memory_available_threshold";
}

/** Thresholds and texts are the HCL module's, so that migrated alarms plan no change. */
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
    ownTreatMissingData: "alarm_high_cpu_utilization_treat_missing_data",
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
    ownTreatMissingData: "alarm_low_memory_available_treat_missing_data",
    thresholdInput: "alarm_low_memory_available_threshold",
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
export const PERIOD_SECONDS = 60;
export const EVALUATION_PERIODS = 1;

/**
 * The tag the group carries while automatic scaling is on. ElastiCache copies a replication group's
 * tags to every node in it, those AWS adds included, and a Metrics Insights query can select
 * metrics by the tags of their resource (docs/spec/autoscaling.md §4).
 */
export const NODES_TAG = "ElastiCacheReplicationGroup";

const FUNCTIONS = { Average: "AVG", Minimum: "MIN", Maximum: "MAX" } as const;

/**
 * The Metrics Insights query of one alarm kind over every node of the group `groupName`: one time
 * series per node, so each node is a contributor of the alarm with its own state. The nodes closest
 * to the threshold come first, which matters only past the query's 500-series limit.
 */
export function nodesQuery(alarm: AlarmSpec, groupName: string): string {
  const fn = FUNCTIONS[alarm.statistic];
  const order = alarm.comparison === "LessThanThreshold" ? "ASC" : "DESC";
  return (
    `SELECT ${fn}(${alarm.metric}) FROM SCHEMA("AWS/ElastiCache", CacheClusterId, CacheNodeId) ` +
    `WHERE tag.${NODES_TAG} = '${groupName}' GROUP BY CacheClusterId, CacheNodeId ORDER BY ${fn}() ${order}`
  );
}

/** Name of the alarm of one kind over every node of the group: `<name>-all-nodes-<suffix>`. */
export const nodesAlarmName = (alarm: AlarmSpec, groupName: string) => `${groupName}-all-nodes-${alarm.suffix}`;

export const nodesAlarmDescription = (alarm: AlarmSpec, groupName: string) =>
  `An alarm that goes off on ${alarm.suffix.replaceAll("-", " ")} in any node of the ElastiCache replication group ${groupName}, ` +
  "nodes automatic scaling adds included.";

/** What the alarms of both layouts take from the inputs. */
export interface AlarmSettings {
  readonly snsTopicArns: string[];
  /** Free bytes below which the low-memory alarm fires. */
  readonly lowMemoryThreshold: number;
  /** treat_missing_data by alarm resource name. */
  readonly treatMissingData: Readonly<Record<string, string>>;
}

/** The arguments an alarm of this kind has whatever it watches: threshold, evaluation and actions. */
export function alarmBehaviour(alarm: AlarmSpec, settings: AlarmSettings) {
  return {
    comparisonOperator: alarm.comparison,
    threshold: alarm.thresholdInput ? settings.lowMemoryThreshold : alarm.threshold,
    treatMissingData: settings.treatMissingData[alarm.resource],
    evaluationPeriods: EVALUATION_PERIODS,
    alarmActions: settings.snsTopicArns,
    okActions: settings.snsTopicArns,
    insufficientDataActions: settings.snsTopicArns,
  };
}
