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
