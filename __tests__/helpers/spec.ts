/**
 * What the HCL module (Gruntwork data-stores/redis v0.85.0) does with its inputs, written from
 * docs/spec/module-interface.md and nothing in lib/. Tests compare the synthesized module
 * against these values, and the state helper builds the HCL module's state from them, so a wrong
 * derivation in lib/ cannot make its own test pass.
 */

export type Inputs = Readonly<Record<string, unknown>>;

/** Defaults of the optional inputs (§1); absent means null. */
export const INPUT_DEFAULTS: Readonly<Record<string, unknown>> = {
  redis_version: "5.0.6",
  port: 6379,
  enable_at_rest_encryption: true,
  enable_transit_encryption: true,
  snapshot_window: "06:00-07:00",
  snapshot_retention_limit: 15,
  maintenance_window: "sat:07:00-sat:08:00",
  apply_immediately: false,
  cluster_mode: [],
  allow_connections_from_cidr_blocks: [],
  allow_connections_from_security_groups: [],
  enable_cloudwatch_alarms: true,
  alarms_sns_topic_arns: [],
  sns_topic_for_notifications: "",
  tags: {},
};

export interface ClusterMode {
  num_node_groups: number;
  replicas_per_node_group: number;
}

/** The inputs with every default applied, typed. Null-default inputs stay null when not given. */
export interface Resolved {
  name: string;
  instance_type: string;
  replication_group_size: number;
  enable_automatic_failover: boolean;
  enable_multi_az: boolean;
  vpc_id: string;
  subnet_ids: string[];
  redis_version: string;
  port: number;
  auth_token: string | null;
  enable_at_rest_encryption: boolean;
  enable_transit_encryption: boolean;
  snapshot_window: string;
  snapshot_retention_limit: number;
  snapshot_name: string | null;
  snapshot_arn: string | null;
  maintenance_window: string;
  parameter_group_name: string | null;
  apply_immediately: boolean;
  cluster_mode: ClusterMode[];
  allow_connections_from_cidr_blocks: string[];
  allow_connections_from_security_groups: string[];
  enable_cloudwatch_alarms: boolean;
  alarms_sns_topic_arns: string[];
  sns_topic_for_notifications: string;
  tags: Record<string, string>;
  /** This module's own inputs, where a state was applied with them. */
  engine?: string;
  kms_key_id?: string | null;
}

const NULL_DEFAULTS = ["auth_token", "snapshot_name", "snapshot_arn", "parameter_group_name"];

export function resolve(inputs: Inputs): Resolved {
  const resolved: Record<string, unknown> = { ...INPUT_DEFAULTS };
  for (const name of NULL_DEFAULTS) resolved[name] = null;
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) resolved[name] = value;
  return resolved as unknown as Resolved;
}

export const clusterModeOn = (r: Resolved) => r.cluster_mode.length > 0;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Ids AWS gives the member cache clusters (§5): `<name>-001`..., or `<name>-<shard:4>-<node:3>` in cluster mode. */
export function memberIds(r: Resolved): string[] {
  if (!clusterModeOn(r))
    return Array.from({ length: r.replication_group_size }, (_, i) => `${r.name}-${pad(i + 1, 3)}`);
  const { num_node_groups: shards, replicas_per_node_group: replicas } = r.cluster_mode[0];
  return Array.from({ length: shards }, (_, s) =>
    Array.from({ length: replicas + 1 }, (_, n) => `${r.name}-${pad(s + 1, 4)}-${pad(n + 1, 3)}`),
  ).flat();
}

/**
 * The clusters the HCL module's alarms point at: it counts them with replication_group_size and
 * names them like cluster-mode-off members, in cluster mode too (§5; a deliberate difference).
 */
export function hclAlarmMemberIds(r: Resolved): string[] {
  return Array.from({ length: r.replication_group_size }, (_, i) => `${r.name}-${pad(i + 1, 3)}`);
}

/** §4: the given group, else `default.` + the version's family, `.cluster.on` in cluster mode. */
export function parameterGroupName(r: Resolved): string {
  if (r.parameter_group_name !== null) return r.parameter_group_name;
  const [major, minor] = r.redis_version.split(".");
  const family = Number(major) >= 7 ? "redis7" : Number(major) === 6 ? "redis6.x" : `redis${major}.${minor}`;
  return `default.${family}${clusterModeOn(r) ? ".cluster.on" : ""}`;
}

export const subnetGroupName = (r: Resolved) => `${r.name}-subnet-group`;
export const subnetGroupDescription = (r: Resolved) => `Subnet group for the ${r.name} ElastiCache cluster`;
export const securityGroupDescription = (r: Resolved) => `Security group for the ${r.name} ElastiCache cluster`;

/** §4 snapshot_window: unset when snapshots are off or the window is left to AWS. */
export const snapshotWindow = (r: Resolved) =>
  r.snapshot_retention_limit === 0 || r.snapshot_window === "" ? null : r.snapshot_window;

/** §5, one row per alarm resource. */
export const ALARM_KINDS = [
  {
    resource: "elasticache_high_cpu_utilization",
    metric: "CPUUtilization",
    comparison: "GreaterThanThreshold",
    threshold: 90,
    statistic: "Average",
    unit: "Percent",
    suffix: "high-cpu-utilization",
    description: (id: string) => `An alarm that goes off if the CPU usage is too high in ElastiCache cluster ${id}`,
  },
  {
    resource: "elasticache_high_engine_cpu_utilization",
    metric: "EngineCPUUtilization",
    comparison: "GreaterThanThreshold",
    threshold: 90,
    statistic: "Average",
    unit: "Percent",
    suffix: "high-engine-cpu-utilization",
    description: (id: string) => `An alarm that goes off if the Engine CPU usage is too high in ElastiCache cluster ${id}`,
  },
  {
    resource: "elasticache_low_memory_available",
    metric: "FreeableMemory",
    comparison: "LessThanThreshold",
    threshold: 100_000_000,
    statistic: "Minimum",
    unit: "Bytes",
    suffix: "low-memory-available",
    description: (id: string) => `An alarm that goes off if the ElastiCache cluster ${id} is running low on free memory.`,
  },
  {
    resource: "elasticache_swap_usage",
    metric: "SwapUsage",
    comparison: "GreaterThanThreshold",
    threshold: 50_000_000,
    statistic: "Maximum",
    unit: "Bytes",
    suffix: "swap-usage",
    description: (id: string) => `An alarm that goes off if the ElastiCache cluster ${id} swap usage is too high.`,
  },
] as const;

export type AlarmKind = (typeof ALARM_KINDS)[number];

export const CACHE_NODE_ID = "0001";

/** The arguments §5 gives one alarm on one member cluster. */
export function alarmArguments(
  r: Pick<Resolved, "alarms_sns_topic_arns">,
  kind: AlarmKind,
  member: string,
): Record<string, unknown> {
  return {
    alarm_name: `${member}-${CACHE_NODE_ID}-${kind.suffix}`,
    alarm_description: kind.description(member),
    namespace: "AWS/ElastiCache",
    metric_name: kind.metric,
    dimensions: { CacheClusterId: member, CacheNodeId: CACHE_NODE_ID },
    comparison_operator: kind.comparison,
    threshold: kind.threshold,
    statistic: kind.statistic,
    unit: kind.unit,
    period: 60,
    evaluation_periods: 1,
    alarm_actions: r.alarms_sns_topic_arns,
    ok_actions: r.alarms_sns_topic_arns,
    insufficient_data_actions: r.alarms_sns_topic_arns,
  };
}

/** Which child module of the HCL module held each resource (§3). */
export const HCL_CHILD_MODULE: Readonly<Record<string, "redis" | "redis_alarms">> = {
  aws_elasticache_replication_group: "redis",
  aws_elasticache_subnet_group: "redis",
  aws_security_group: "redis",
  aws_security_group_rule: "redis",
  aws_cloudwatch_metric_alarm: "redis_alarms",
};

/**
 * Every resource instance address (§3) for the inputs, at the module's root, in a stable order.
 * `alarmMembers` chooses whose alarms: this module's (real members) or the HCL module's.
 */
export function instanceAddresses(r: Resolved, alarmMembers: string[] = memberIds(r)): string[] {
  return [
    "aws_elasticache_replication_group.redis",
    "aws_elasticache_subnet_group.redis",
    "aws_security_group.redis",
    ...(r.allow_connections_from_cidr_blocks.length > 0
      ? ["aws_security_group_rule.allow_connections_from_cidr_blocks[0]"]
      : []),
    ...r.allow_connections_from_security_groups.map(
      (_, i) => `aws_security_group_rule.allow_connections_from_security_group[${i}]`,
    ),
    ...(r.enable_cloudwatch_alarms
      ? ALARM_KINDS.flatMap((k) => alarmMembers.map((_, i) => `aws_cloudwatch_metric_alarm.${k.resource}[${i}]`))
      : []),
  ];
}

/** `module.redis.<address>` or `module.redis_alarms.<address>`: where the HCL module kept it. */
export function hclModuleAddress(address: string): string {
  return `module.${HCL_CHILD_MODULE[address.split(".")[0]]}.${address}`;
}

const CLUSTER_MODE = "list(object({ num_node_groups = number, replicas_per_node_group = number }))";

/** The HCL module's 26 inputs in §1's order: [type, default]; `required` has no default. */
export const required = Symbol("required");
export const EXPECTED_VARIABLES: Record<string, [string, unknown]> = {
  name: ["string", required],
  instance_type: ["string", required],
  replication_group_size: ["number", required],
  enable_automatic_failover: ["bool", required],
  enable_multi_az: ["bool", required],
  vpc_id: ["string", required],
  subnet_ids: ["list(string)", required],
  redis_version: ["string", "5.0.6"],
  port: ["number", 6379],
  auth_token: ["string", null],
  enable_at_rest_encryption: ["bool", true],
  enable_transit_encryption: ["bool", true],
  snapshot_window: ["string", "06:00-07:00"],
  snapshot_retention_limit: ["number", 15],
  snapshot_name: ["string", null],
  snapshot_arn: ["string", null],
  maintenance_window: ["string", "sat:07:00-sat:08:00"],
  parameter_group_name: ["string", null],
  apply_immediately: ["bool", false],
  cluster_mode: [CLUSTER_MODE, []],
  allow_connections_from_cidr_blocks: ["list(string)", []],
  allow_connections_from_security_groups: ["list(string)", []],
  enable_cloudwatch_alarms: ["bool", true],
  alarms_sns_topic_arns: ["list(string)", []],
  sns_topic_for_notifications: ["string", ""],
  tags: ["map(string)", {}],
};

const LOG_DELIVERY = "object({ destination = string, destination_type = string, log_format = string })";

/**
 * Inputs later Gruntwork releases added (docs/spec/later-inputs.md §1), same names and types; defaults that
 * keep v0.85.0 behaviour: auto_minor_version_upgrade unset (not Gruntwork's false), the per-alarm
 * treat_missing_data unset so that alarm_treat_missing_data applies.
 */
export const LATER_GRUNTWORK_VARIABLES: Record<string, [string, unknown]> = {
  alarm_treat_missing_data: ["string", "missing"],
  alarm_low_memory_available_threshold: ["number", 100000000],
  num_node_groups: ["number", null],
  replicas_per_node_group: ["number", null],
  auto_minor_version_upgrade: ["bool", null],
  engine_log_delivery_configuration: [LOG_DELIVERY, null],
  slow_log_delivery_configuration: [LOG_DELIVERY, null],
  alarm_high_cpu_utilization_treat_missing_data: ["string", null],
  alarm_low_memory_available_treat_missing_data: ["string", null],
};

/** Inputs no Gruntwork release has (issue 12): Valkey and a customer managed KMS key. */
export const MODULE_ONLY_VARIABLES: Record<string, [string, unknown]> = {
  engine: ["string", "redis"],
  kms_key_id: ["string", null],
  // Automatic scaling (docs/spec/autoscaling.md): off by default, AWS's cooldowns.
  enable_auto_scaling: ["bool", false],
  auto_scale_dimension: ["string", "elasticache:replication-group:NodeGroups"],
  auto_scale_min_capacity: ["number", null],
  auto_scale_max_capacity: ["number", null],
  auto_scale_trigger_metric: ["string", null],
  auto_scale_trigger_metric_target_value: ["number", 60],
  auto_scale_disable_scale_in: ["bool", false],
  auto_scale_scale_in_cooldown: ["number", 900],
  auto_scale_scale_out_cooldown: ["number", 600],
  // Service discovery (docs/service-discovery.md): Gruntwork's RDS names for the records.
  create_route53_entry: ["bool", false],
  hosted_zone_id: ["string", null],
  primary_domain_name: ["string", null],
  reader_domain_name: ["string", null],
  route53_record_ttl: ["number", 300],
  kubernetes_service_namespace: ["string", "default"],
  // Cross-account snapshots (docs/spec/snapshot-export.md): Gruntwork's RDS names and defaults.
  share_snapshot_with_another_account: ["bool", false],
  share_snapshot_with_account_id: ["string", null],
  share_snapshot_destination_bucket_arn: ["string", null],
  share_snapshot_schedule_expression: ["string", "rate(1 day)"],
  share_snapshot_max_snapshots: ["number", 30],
  enable_share_snapshot_cloudwatch_alarms: ["bool", true],
  backup_job_alarm_period: ["number", 3600],
};

/** §2: the 6 outputs, security_group_id of later releases, and this module's service discovery, sorted. */
export const EXPECTED_OUTPUTS = [
  "cache_cluster_ids",
  "cache_node_id",
  "cache_port",
  "configuration_endpoint",
  "primary_endpoint",
  "reader_endpoint",
  "security_group_id",
  "service_dns_mappings",
  "tls_server_name",
];
