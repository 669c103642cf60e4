/**
 * Small handcrafted pieces of `terraform show -json` output, shaped like what Terraform 1.11 and
 * the AWS provider 5.x write for this module, for the review's unit tests.
 */

export type Json = Record<string, unknown>;

export interface ChangeSpec {
  address: string;
  type?: string;
  name?: string;
  module_address?: string;
  previous_address?: string;
  mode?: "managed" | "data";
  actions: string[];
  before?: unknown;
  after?: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
  replace_paths?: unknown;
  action_reason?: string;
  importing?: unknown;
}

/** `type` and `name` are read from the last `type.name[index]` of the address unless given. */
export function resourceChange(spec: ChangeSpec): Json {
  const last = spec.address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, "");
  const [type, rawName] = last.split(".");
  const entry: Json = {
    address: spec.address,
    ...(spec.module_address ? { module_address: spec.module_address } : {}),
    ...(spec.previous_address ? { previous_address: spec.previous_address } : {}),
    mode: spec.mode ?? "managed",
    type: spec.type ?? type,
    name: spec.name ?? rawName.replace(/\[.*$/, ""),
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: spec.actions,
      before: spec.before ?? null,
      after: spec.after ?? null,
      after_unknown: spec.after_unknown ?? {},
      before_sensitive: spec.before_sensitive ?? (spec.before ? {} : false),
      after_sensitive: spec.after_sensitive ?? (spec.after ? {} : false),
      ...(spec.replace_paths ? { replace_paths: spec.replace_paths } : {}),
      ...(spec.importing ? { importing: spec.importing } : {}),
    },
  };
  if (spec.action_reason) entry.action_reason = spec.action_reason;
  return entry;
}

export function planDoc(changes: ChangeSpec[]): Json {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: {} },
    resource_changes: changes.map(resourceChange),
    configuration: {},
    applyable: true,
    complete: true,
    errored: false,
  };
}

export const planText = (changes: ChangeSpec[]) => JSON.stringify(planDoc(changes), null, 2);

export const AUTH_TOKEN = "Fixture-Auth-Token-0123456789abcdef";

/** The replication group's attributes as state holds them after apply (a subset). */
export function replicationGroup(overrides: Json = {}): Json {
  return {
    apply_immediately: false,
    arn: "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:orders-prod",
    at_rest_encryption_enabled: "false",
    auth_token: AUTH_TOKEN,
    automatic_failover_enabled: true,
    description: "Redis cluster orders-prod",
    engine: "redis",
    engine_version: "7.1",
    id: "orders-prod",
    maintenance_window: "sat:07:00-sat:08:00",
    multi_az_enabled: true,
    node_type: "cache.r6g.large",
    num_cache_clusters: 2,
    parameter_group_name: "default.redis7",
    port: 6379,
    primary_endpoint_address: "master.orders-prod.abc123.use1.cache.amazonaws.com",
    reader_endpoint_address: "replica.orders-prod.abc123.use1.cache.amazonaws.com",
    replication_group_id: "orders-prod",
    security_group_ids: ["sg-0aaaaaaaaaaaaaaaa"],
    snapshot_retention_limit: 15,
    snapshot_window: "06:00-07:00",
    subnet_group_name: "orders-prod-subnet-group",
    tags: { environment: "production", team: "orders" },
    transit_encryption_enabled: true,
    ...overrides,
  };
}

/** The plan's after for a replacement: computed attributes are absent and marked unknown. */
export function replacedAfter(overrides: Json): Json {
  const after = replicationGroup(overrides);
  for (const computed of ["arn", "id", "primary_endpoint_address", "reader_endpoint_address"]) delete after[computed];
  return after;
}

export const RG_UNKNOWN = { arn: true, id: true, primary_endpoint_address: true, reader_endpoint_address: true, security_group_ids: [] };
export const RG_SENSITIVE = { auth_token: true, security_group_ids: [], tags: {} };

/** A replacement of the replication group forced by at-rest encryption, as the provider plans it. */
export function encryptionReplacement(address = "aws_elasticache_replication_group.redis"): ChangeSpec {
  return {
    address,
    actions: ["delete", "create"],
    before: replicationGroup(),
    after: replacedAfter({ at_rest_encryption_enabled: "true" }),
    after_unknown: RG_UNKNOWN,
    before_sensitive: RG_SENSITIVE,
    after_sensitive: RG_SENSITIVE,
    replace_paths: [["at_rest_encryption_enabled"]],
    action_reason: "replace_because_cannot_update",
  };
}

export function alarm(index: number, member: string): Json {
  return {
    alarm_name: `${member}-0001-high-cpu-utilization`,
    arn: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${member}-0001-high-cpu-utilization`,
    dimensions: { CacheClusterId: member, CacheNodeId: "0001" },
    id: `${member}-0001-high-cpu-utilization`,
    metric_name: "CPUUtilization",
    threshold: 90,
    index,
  };
}

export function noOp(address: string, values: Json = { id: address }): ChangeSpec {
  return { address, actions: ["no-op"], before: values, after: values };
}

// ---- engine, KMS key and log delivery, as provider 5.100 plans them (measured) -------------------

export const SLOW_LOG_TO_CLOUDWATCH: Json = {
  destination: "orders-prod-slow",
  destination_type: "cloudwatch-logs",
  log_format: "text",
  log_type: "slow-log",
};
export const ENGINE_LOG_TO_FIREHOSE: Json = {
  destination: "orders-prod-engine",
  destination_type: "kinesis-firehose",
  log_format: "json",
  log_type: "engine-log",
};

/** The sensitive mask of a replication group: the provider marks every log block with an empty object. */
const sensitiveMask = (values: Json) => ({
  ...RG_SENSITIVE,
  log_delivery_configuration: ((values.log_delivery_configuration as unknown[] | undefined) ?? []).map(() => ({})),
});

/**
 * An in-place update of the replication group: after_unknown is empty, and the log blocks (a set)
 * are listed in Terraform's order, by value, so an engine log comes before a slow log.
 */
export function clusterUpdate(before: Json, after: Json, address = "aws_elasticache_replication_group.redis"): ChangeSpec {
  const b = replicationGroup({ log_delivery_configuration: [], ...before });
  const a = replicationGroup({ log_delivery_configuration: [], ...after });
  return { address, actions: ["update"], before: b, after: a, after_unknown: {}, before_sensitive: sensitiveMask(b), after_sensitive: sensitiveMask(a) };
}

/**
 * Redis OSS to Valkey: engine, version and parameter group change together, in place (measured
 * from 5.0.6 and from 4.0.10: the provider does not check the source version, AWS does).
 */
export function valkeyUpgrade(fromVersion: string, parameterGroup = "default.redis5.0", address?: string): ChangeSpec {
  const running = { engine_version: fromVersion, engine_version_actual: fromVersion };
  return clusterUpdate(
    { ...running, parameter_group_name: parameterGroup },
    { ...running, engine: "valkey", engine_version: "8.0", parameter_group_name: "default.valkey8" },
    address,
  );
}

const VALKEY_RUNNING = { engine: "valkey", engine_version: "8.0", engine_version_actual: "8.0.1", parameter_group_name: "default.valkey8" };
const REDIS_WANTED = { engine: "redis", engine_version: "7.1", parameter_group_name: "default.redis7" };

/** Valkey back to Redis OSS as provider 5.100 plans it: a replacement forced by both arguments. */
export function redisFromValkeyReplacement(): ChangeSpec {
  return {
    address: "aws_elasticache_replication_group.redis",
    actions: ["delete", "create"],
    before: replicationGroup(VALKEY_RUNNING),
    after: replacedAfter(REDIS_WANTED),
    after_unknown: { ...RG_UNKNOWN, engine_version_actual: true },
    before_sensitive: RG_SENSITIVE,
    after_sensitive: RG_SENSITIVE,
    replace_paths: [["engine_version"], ["engine"]],
    action_reason: "replace_because_cannot_update",
  };
}

/** Valkey back to Redis OSS in place: not what provider 5.100 plans, but what AWS would get from a plan that did. */
export function redisFromValkeyInPlace(): ChangeSpec {
  return clusterUpdate(VALKEY_RUNNING, { ...VALKEY_RUNNING, ...REDIS_WANTED });
}

export const KMS_KEY_A = "arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-1111-2222-3333-444444444444";
export const KMS_KEY_B = "arn:aws:kms:us-east-1:111122223333:key/bbbbbbbb-1111-2222-3333-444444444444";

/** A new `kms_key_id`: the provider replaces the replication group. */
export function kmsKeyReplacement(): ChangeSpec {
  return {
    address: "aws_elasticache_replication_group.redis",
    actions: ["delete", "create"],
    before: replicationGroup({ at_rest_encryption_enabled: "true", kms_key_id: KMS_KEY_A }),
    after: replacedAfter({ at_rest_encryption_enabled: "true", kms_key_id: KMS_KEY_B }),
    after_unknown: RG_UNKNOWN,
    before_sensitive: RG_SENSITIVE,
    after_sensitive: RG_SENSITIVE,
    replace_paths: [["kms_key_id"]],
    action_reason: "replace_because_cannot_update",
  };
}

// ---- log delivery changes AWS refuses, as provider 5.100 plans them -----------------------------

/**
 * Slow log delivery turned on for a running cluster, in place. `apply_immediately` is Optional and
 * Computed: the module always sets it (false by default); a resource that leaves it unset keeps
 * what state holds, which is null for a cluster created without it.
 */
export function slowLogAdded(applyImmediately: boolean | null, address?: string): ChangeSpec {
  const before = applyImmediately === null ? null : false;
  return clusterUpdate(
    { apply_immediately: before, log_delivery_configuration: [] },
    { apply_immediately: applyImmediately, log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] },
    address,
  );
}

/** Redis OSS to Valkey in place, with the slow log turned on in the same plan. */
export function valkeyUpgradeWithSlowLog(fromVersion: string, applyImmediately: boolean, address?: string): ChangeSpec {
  const upgrade = valkeyUpgrade(fromVersion, fromVersion.startsWith("4") ? "default.redis4.0" : "default.redis5.0", address);
  const before = { ...(upgrade.before as Json), apply_immediately: false };
  const after = { ...(upgrade.after as Json), apply_immediately: applyImmediately, log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] };
  return { ...upgrade, before, after, before_sensitive: sensitiveMask(before), after_sensitive: sensitiveMask(after) };
}

/** A new cluster created with slow log delivery: AWS takes log delivery at creation. */
export function clusterCreatedWithSlowLog(): ChangeSpec {
  const after = replacedAfter({ log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] });
  return {
    address: "aws_elasticache_replication_group.redis",
    actions: ["create"],
    after,
    after_unknown: { ...RG_UNKNOWN, engine_version_actual: true },
    after_sensitive: sensitiveMask(after),
  };
}

/** A replacement (at-rest encryption turned on) that also turns the slow log on: a new cluster, not a modification. */
export function encryptionReplacementWithSlowLog(): ChangeSpec {
  const replacement = encryptionReplacement();
  const before = replicationGroup({ log_delivery_configuration: [] });
  const after = replacedAfter({ at_rest_encryption_enabled: "true", log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] });
  return { ...replacement, before, after, before_sensitive: sensitiveMask(before), after_sensitive: sensitiveMask(after) };
}

// ---- automatic scaling, as provider 5.100 plans it (measured) -----------------------------------

export const SHARDS_DIMENSION = "elasticache:replication-group:NodeGroups";
export const REPLICAS_DIMENSION = "elasticache:replication-group:Replicas";
export const TARGET = "aws_appautoscaling_target.redis[0]";

/** A replication group in cluster mode as state holds it: shards, replicas per shard, and the members they make. */
export function clusterModeGroup(id: string, shards: number, replicas: number): Json {
  return replicationGroup({
    id,
    replication_group_id: id,
    num_node_groups: shards,
    replicas_per_node_group: replicas,
    num_cache_clusters: shards * (1 + replicas),
    cluster_enabled: true,
    primary_endpoint_address: null,
    reader_endpoint_address: null,
    configuration_endpoint_address: `clustercfg.${id}.abc123.use1.cache.amazonaws.com`,
  });
}

/** A cluster-mode group the plan leaves alone (the plan lists it as a no-op). */
export function groupUnchanged(id: string, shards: number, replicas: number, address = "aws_elasticache_replication_group.redis"): ChangeSpec {
  const values = clusterModeGroup(id, shards, replicas);
  return { address, actions: ["no-op"], before: values, after: values, before_sensitive: RG_SENSITIVE, after_sensitive: RG_SENSITIVE };
}

/** A cluster-mode group whose counts change in place: [shards, replicas per shard] before and after. */
export function groupCounts(
  id: string,
  before: [shards: number, replicas: number],
  after: [shards: number, replicas: number],
  address = "aws_elasticache_replication_group.redis",
): ChangeSpec {
  const [b, a] = [clusterModeGroup(id, ...before), clusterModeGroup(id, ...after)];
  // The provider marks the member list unknown when a count changes.
  return { address, actions: ["update"], before: b, after: { ...a, member_clusters: undefined }, after_unknown: { member_clusters: true }, before_sensitive: RG_SENSITIVE, after_sensitive: RG_SENSITIVE };
}

const targetValues = (groupId: string, dimension: string, min: number, max: number): Json => ({
  max_capacity: max,
  min_capacity: min,
  resource_id: `replication-group/${groupId}`,
  scalable_dimension: dimension,
  service_namespace: "elasticache",
  tags: null,
});

const TARGET_STATE = (groupId: string): Json => ({
  arn: "arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target/0e1a2b3c4d5e6f",
  id: `replication-group/${groupId}`,
  role_arn:
    "arn:aws:iam::111122223333:role/aws-service-role/elasticache.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ElastiCacheRG",
  suspended_state: [],
  tags_all: {},
});

/** A scalable target created for a group that exists: its ARN, id and role are known after apply. */
export function targetCreated(groupId: string, dimension: string, min: number, max: number, address = TARGET): ChangeSpec {
  return {
    address,
    actions: ["create"],
    after: targetValues(groupId, dimension, min, max),
    after_unknown: { arn: true, id: true, role_arn: true, suspended_state: true, tags_all: true },
    after_sensitive: { suspended_state: [], tags_all: {} },
  };
}

/** A scalable target whose range changes in place: [min, max] before and after. */
export function targetUpdated(groupId: string, dimension: string, before: [number, number], after: [number, number], address = TARGET): ChangeSpec {
  return {
    address,
    actions: ["update"],
    before: { ...targetValues(groupId, dimension, ...before), ...TARGET_STATE(groupId) },
    after: { ...targetValues(groupId, dimension, ...after), ...TARGET_STATE(groupId) },
    before_sensitive: { suspended_state: [], tags_all: {} },
    after_sensitive: { suspended_state: [], tags_all: {} },
  };
}

/** A scalable target destroyed: automatic scaling switched off (`count` no longer reaches it). */
export function targetDestroyed(groupId: string, dimension: string, min: number, max: number, address = TARGET): ChangeSpec {
  return {
    address,
    actions: ["delete"],
    before: { ...targetValues(groupId, dimension, min, max), ...TARGET_STATE(groupId) },
    before_sensitive: { suspended_state: [], tags_all: {} },
    action_reason: "delete_because_count_index",
  };
}
