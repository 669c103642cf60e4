/**
 * The bad-input matrix (docs/spec/aws-constraints.md): for every rule, values that break it and values at its
 * boundary that meet it, with the exact messages they must produce, written from the spec and
 * nothing in lib/. __tests__/unit/rules.test.ts runs them through the construct, __tests__/terraform/rules.test.ts through
 * `terraform plan` of the module: both must give the same messages.
 */
import { App, TerraformStack } from "cdktf";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { InvalidInputsError } from "../../lib/rules/literal-checks";
import { propsOf } from "../../tools/scenarios";
import { expect } from "vitest";
import { withTempDir } from "../../tools/synth";

export const BASE = {
  name: "orders",
  instance_type: "cache.t3.micro",
  replication_group_size: 2,
  enable_automatic_failover: true,
  enable_multi_az: true,
  vpc_id: "vpc-0a1b2c3d",
  subnet_ids: ["subnet-0a1b2c3d"],
};

export type Inputs = Record<string, unknown>;
/** Overrides of BASE, and the messages they must produce ([] = valid). */
export type Case = [label: string, overrides: Inputs, messages: string[]];

export const wholeNumber = (input: string, value: number, min: number, max: number) =>
  `Invalid ${input} ${value}: must be a whole number from ${min} to ${max}.`;
const NAME_FORMAT =
  "must be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.";
export const invalidName = (name: string) => `Invalid name "${name}": ${NAME_FORMAT}`;
const SIZE = (size: number) =>
  `Invalid replication_group_size ${size}, cluster_mode []: with cluster mode off, replication_group_size must be a whole number from 1 to 6 (a primary and up to five replicas).`;
const DAILY = (w: string) =>
  `Invalid snapshot_window "${w}": must be "" or a daily UTC window hh24:mi-hh24:mi of at least 60 minutes.`;
const WEEKLY = (w: string) =>
  `Invalid maintenance_window "${w}": must be a weekly UTC window ddd:hh24:mi-ddd:hh24:mi (ddd: sun, mon, tue, wed, thu, fri, sat) of at least 60 minutes.`;
const OVERLAP = (w: string, retention: number, m: string) =>
  `Invalid snapshot_window "${w}", snapshot_retention_limit ${retention}, maintenance_window "${m}": the snapshot window must not overlap the maintenance window.`;
const CLUSTER = (cm: string, rule: string) => `Invalid cluster_mode ${cm}: must ${rule}.`;
const NODE_TYPE = (type: string, nearest: string) =>
  `Invalid instance_type "${type}": must be a node type cache.<family>.<size> in lowercase, its size micro, small, medium, large, xlarge or 2xlarge to 99xlarge; the nearest known types are ${nearest}.`;
const R6GD = "cache.r6gd.xlarge";
const DATA_TIERING = (version: string) =>
  `Invalid instance_type "${R6GD}", engine "redis", redis_version "${version}": data tiering (r6gd node types) needs Redis OSS 6.2 or later, or Valkey.`;
const cm = (groups: number, replicas: number) => ({ num_node_groups: groups, replicas_per_node_group: replicas });
const TOPIC = "arn:aws:sns:eu-west-1:111122223333:alarms";
const KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SLOW_LOG = { destination: "orders-slow", destination_type: "cloudwatch-logs", log_format: "json" };
const SLOW_LOG_JSON = '{"destination":"orders-slow","destination_type":"cloudwatch-logs","log_format":"json"}';
const ENGINE_LOG = { destination: "orders-engine", destination_type: "kinesis-firehose", log_format: "text" };
const ENGINE_LOG_JSON = '{"destination":"orders-engine","destination_type":"kinesis-firehose","log_format":"text"}';

const SHARDS = "elasticache:replication-group:NodeGroups";
const REPLICAS = "elasticache:replication-group:Replicas";
const REPLICA_METRIC = "ElastiCacheReplicaEngineCPUUtilization";
const MEMORY_METRIC = "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage";
const CAPACITY_METRIC = "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage";
/** Two shards of a primary and a replica on a node type, engine and version automatic scaling takes. */
const AUTO_SCALING = {
  instance_type: "cache.r6g.large",
  redis_version: "7.1",
  cluster_mode: [cm(2, 1)],
  enable_auto_scaling: true,
  auto_scale_max_capacity: 4,
};
const AUTO_SCALING_SHARDS_JSON = '[{"num_node_groups":2,"replicas_per_node_group":1}]';
const RANGE_RULE =
  "the count the cluster starts with (num_node_groups for shards, replicas_per_node_group for replicas) must lie from auto_scale_min_capacity (null: that count) to auto_scale_max_capacity, or AWS moves the cluster into the range as soon as the policy exists";
const REPLICAS_RULE = "automatic scaling keeps from 1 to 5 replicas in each shard (a null auto_scale_min_capacity takes replicas_per_node_group)";
const RANGE_OF_REPLICAS_FROM_NONE = `Invalid enable_auto_scaling true, auto_scale_dimension "${REPLICAS}", auto_scale_min_capacity 1, auto_scale_max_capacity 3, cluster_mode [{"num_node_groups":2,"replicas_per_node_group":0}]: ${RANGE_RULE}.`;

const RECORDS = {
  create_route53_entry: true,
  hosted_zone_id: "Z0123456789ABCDEFGHIJ",
  primary_domain_name: "redis.orders.internal",
};

const SHARING = {
  share_snapshot_with_another_account: true,
  share_snapshot_with_account_id: "444455556666",
  share_snapshot_destination_bucket_arn: "arn:aws:s3:::orders-snapshots-dr",
};

export const CASES: Case[] = [
  // null means the default, as in the module's variables (nullable = false)
  ["null takes the default: port", { port: null }, []],
  ["null takes the default: cluster_mode", { cluster_mode: null }, []],
  ["null takes the default: tags and windows", { tags: null, snapshot_window: null, maintenance_window: null }, []],
  // 1-2: name
  ["name: a single letter", { name: "a" }, []],
  ["name: 40 characters", { name: "a".repeat(40) }, []],
  ["name: 41 characters", { name: "a".repeat(41) }, [invalidName("a".repeat(41))]],
  ["name: uppercase", { name: "Orders" }, [invalidName("Orders")]],
  ["name: starts with a digit", { name: "1orders" }, [invalidName("1orders")]],
  ["name: ends with a hyphen", { name: "orders-" }, [invalidName("orders-")]],
  ["name: double hyphen", { name: "orders--eu" }, ['Invalid name "orders--eu": must not contain "--".']],
  [
    "name: too long for the subnet group name",
    { name: "a".repeat(243) },
    [
      invalidName("a".repeat(243)),
      `Invalid name "${"a".repeat(243)}": must keep the subnet group name "<name>-subnet-group" within 255 characters.`,
    ],
  ],
  // 3: instance_type, well formed; the two known types nearest a malformed one
  ...["cache.t3.micro", "cache.r6g.16xlarge", "cache.c7gn.large", "cache.m8g.2xlarge"].map(
    (type): Case => [`instance_type: ${type}`, { instance_type: type }, []],
  ),
  ...["cache.m9g.large", "cache.r7g.48xlarge", "cache.m3.medium"].map(
    (type): Case => [`instance_type: ${type}, unknown (a warning)`, { instance_type: type }, []],
  ),
  ...(
    [
      ["t3.micro", "cache.t3.micro and cache.t2.micro"],
      ["cache.m5.larg", "cache.m5.large and cache.m5.xlarge"],
      ["cache.r6g", "cache.r6g.large and cache.r6g.xlarge"],
      ["m5.large", "cache.m5.large and cache.m5.xlarge"],
      ["cache.m5.LARGE", "cache.m5.large and cache.m5.xlarge"],
      ["cache.t3.mirco", "cache.t3.micro and cache.t3.medium"],
      ["cache.m5.metal", "cache.m5.large and cache.m5.xlarge"],
    ] as const
  ).map(([type, nearest]): Case => [`instance_type: ${type}`, { instance_type: type }, [NODE_TYPE(type, nearest)]]),
  // 25: data tiering (r6gd) from Redis OSS 6.2 on, any Valkey
  ...(
    [
      ["redis", "6.2"],
      ["redis", "6.x"],
      ["redis", "7.1"],
      ["valkey", "7.2"],
    ] as const
  ).map(([engine, version]): Case => [`data tiering: ${engine} ${version}`, { instance_type: R6GD, engine, redis_version: version }, []]),
  ...["5.0.6", "6.0"].map(
    (version): Case => [`data tiering: redis ${version}`, { instance_type: R6GD, redis_version: version }, [DATA_TIERING(version)]],
  ),
  [
    "data tiering: a malformed version (its own rule alone)",
    { instance_type: R6GD, redis_version: "6.2.6" },
    [
      'Invalid redis_version "6.2.6": must be X.Y.Z up to version 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from version 6 on (e.g. 6.2, 7.1, 8.0); AWS does not accept 7.x.',
    ],
  ],
  ["data tiering: not with r6g, whatever the version", { instance_type: "cache.r6g.xlarge", redis_version: "5.0.6" }, []],
  // 4: replication_group_size
  ["replication_group_size: 6", { replication_group_size: 6 }, []],
  ["replication_group_size: 7", { replication_group_size: 7 }, [SIZE(7)]],
  ["replication_group_size: 2.5", { replication_group_size: 2.5 }, [SIZE(2.5)]],
  [
    "replication_group_size: ignored in cluster mode",
    { replication_group_size: 9, cluster_mode: [cm(2, 1)] },
    [],
  ],
  // 5-6, 8: failover
  [
    "enable_automatic_failover: one node",
    { replication_group_size: 1, enable_multi_az: false },
    [
      "Invalid enable_automatic_failover true, replication_group_size 1, cluster_mode []: automatic failover needs a replica to fail over to: replication_group_size of at least 2, or cluster mode.",
    ],
  ],
  ["enable_automatic_failover: one node, failover off", { replication_group_size: 1, enable_automatic_failover: false, enable_multi_az: false }, []],
  [
    "enable_multi_az: without failover",
    { enable_automatic_failover: false },
    ["Invalid enable_multi_az true, enable_automatic_failover false: multi-AZ needs enable_automatic_failover = true."],
  ],
  [
    "cluster_mode: without failover",
    { cluster_mode: [cm(2, 1)], enable_automatic_failover: false, enable_multi_az: false },
    [
      'Invalid cluster_mode [{"num_node_groups":2,"replicas_per_node_group":1}], enable_automatic_failover false: cluster mode needs enable_automatic_failover = true.',
    ],
  ],
  // 7: cluster_mode
  ["cluster_mode: 500 shards, 5 replicas", { cluster_mode: [cm(500, 5)] }, []],
  ["cluster_mode: 1 shard, 0 replicas", { cluster_mode: [cm(1, 0)] }, []],
  [
    "cluster_mode: two objects",
    { cluster_mode: [cm(1, 1), cm(2, 1)] },
    [
      CLUSTER(
        '[{"num_node_groups":1,"replicas_per_node_group":1},{"num_node_groups":2,"replicas_per_node_group":1}]',
        "be empty (cluster mode off) or hold exactly one object",
      ),
    ],
  ],
  [
    "cluster_mode: 0 shards",
    { cluster_mode: [cm(0, 1)] },
    [CLUSTER('[{"num_node_groups":0,"replicas_per_node_group":1}]', "have num_node_groups a whole number from 1 to 500")],
  ],
  [
    "cluster_mode: 501 shards",
    { cluster_mode: [cm(501, 1)] },
    [CLUSTER('[{"num_node_groups":501,"replicas_per_node_group":1}]', "have num_node_groups a whole number from 1 to 500")],
  ],
  [
    "cluster_mode: 6 replicas",
    { cluster_mode: [cm(1, 6)] },
    [
      CLUSTER(
        '[{"num_node_groups":1,"replicas_per_node_group":6}]',
        "have replicas_per_node_group a whole number from 0 to 5",
      ),
    ],
  ],
  // 9: redis_version
  ...["5.0.6", "4.0.10", "6.x", "6.2", "7.0", "7.1"].map((v): Case => [`redis_version: ${v}`, { redis_version: v }, []]),
  ...["7.x", "5.0", "6.2.6", "redis7"].map(
    (v): Case => [
      `redis_version: ${v}`,
      { redis_version: v },
      [
        `Invalid redis_version "${v}": must be X.Y.Z up to version 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from version 6 on (e.g. 6.2, 7.1, 8.0); AWS does not accept 7.x.`,
      ],
    ],
  ),
  // 10: port
  ["port: 1", { port: 1 }, []],
  ["port: 65535", { port: 65535 }, []],
  ["port: 0", { port: 0 }, [wholeNumber("port", 0, 1, 65535)]],
  ["port: 65536", { port: 65536 }, [wholeNumber("port", 65536, 1, 65535)]],
  // 13: snapshot_retention_limit
  ["snapshot_retention_limit: 0", { snapshot_retention_limit: 0 }, []],
  ["snapshot_retention_limit: 35", { snapshot_retention_limit: 35 }, []],
  ["snapshot_retention_limit: 36", { snapshot_retention_limit: 36 }, [wholeNumber("snapshot_retention_limit", 36, 0, 35)]],
  ["snapshot_retention_limit: -1", { snapshot_retention_limit: -1 }, [wholeNumber("snapshot_retention_limit", -1, 0, 35)]],
  // 14: snapshot_window
  ['snapshot_window: ""', { snapshot_window: "" }, []],
  ["snapshot_window: one hour", { snapshot_window: "05:00-06:00" }, []],
  ["snapshot_window: across midnight", { snapshot_window: "23:30-00:30" }, []],
  ["snapshot_window: 59 minutes", { snapshot_window: "05:00-05:59" }, [DAILY("05:00-05:59")]],
  ["snapshot_window: one-digit hours", { snapshot_window: "5:00-6:00" }, [DAILY("5:00-6:00")]],
  ["snapshot_window: 24:00", { snapshot_window: "23:00-24:00" }, [DAILY("23:00-24:00")]],
  // 15: maintenance_window
  ["maintenance_window: one hour", { maintenance_window: "sun:02:00-sun:03:00" }, []],
  ["maintenance_window: across the week's end", { maintenance_window: "sat:23:30-sun:00:30" }, []],
  ["maintenance_window: 59 minutes", { maintenance_window: "sun:02:00-sun:02:59" }, [WEEKLY("sun:02:00-sun:02:59")]],
  ["maintenance_window: capitalized day", { maintenance_window: "Sun:02:00-Sun:03:00" }, [WEEKLY("Sun:02:00-Sun:03:00")]],
  // 16: the two windows
  [
    "windows: snapshot inside maintenance",
    { snapshot_window: "07:30-08:30" },
    [OVERLAP("07:30-08:30", 15, "sat:07:00-sat:08:00")],
  ],
  [
    "windows: maintenance across midnight meets the snapshot window",
    { snapshot_window: "00:00-01:00", maintenance_window: "tue:23:30-wed:00:30" },
    [OVERLAP("00:00-01:00", 15, "tue:23:30-wed:00:30")],
  ],
  ["windows: touching, not overlapping", { snapshot_window: "08:00-09:00" }, []],
  ["windows: overlap with snapshots off", { snapshot_window: "07:30-08:30", snapshot_retention_limit: 0 }, []],
  // later Gruntwork releases: the shard form, alarms (docs/spec/later-inputs.md §1)
  ["num_node_groups: the later form of cluster mode", { num_node_groups: 3, replicas_per_node_group: 2 }, []],
  [
    "num_node_groups: replication_group_size ignored",
    { num_node_groups: 2, replicas_per_node_group: 0, replication_group_size: 9 },
    [],
  ],
  [
    "num_node_groups: without failover",
    { num_node_groups: 2, replicas_per_node_group: 1, enable_automatic_failover: false, enable_multi_az: false },
    [
      "Invalid cluster_mode [], enable_automatic_failover false, num_node_groups 2: cluster mode needs enable_automatic_failover = true.",
    ],
  ],
  [
    "num_node_groups: together with cluster_mode",
    { num_node_groups: 2, replicas_per_node_group: 1, cluster_mode: [cm(2, 1)] },
    [
      'Invalid cluster_mode [{"num_node_groups":2,"replicas_per_node_group":1}], num_node_groups 2, replicas_per_node_group 1: give cluster_mode, or num_node_groups with replicas_per_node_group, not both.',
    ],
  ],
  [
    "replicas_per_node_group: beside cluster_mode, alone",
    { replicas_per_node_group: 1, cluster_mode: [cm(2, 1)] },
    [
      'Invalid cluster_mode [{"num_node_groups":2,"replicas_per_node_group":1}], replicas_per_node_group 1: give cluster_mode, or num_node_groups with replicas_per_node_group, not both.',
    ],
  ],
  [
    "num_node_groups: without replicas_per_node_group",
    { num_node_groups: 2 },
    ["Invalid num_node_groups 2, replicas_per_node_group null: give num_node_groups and replicas_per_node_group together."],
  ],
  [
    "replicas_per_node_group: without num_node_groups",
    { replicas_per_node_group: 1 },
    ["Invalid num_node_groups null, replicas_per_node_group 1: give num_node_groups and replicas_per_node_group together."],
  ],
  [
    "num_node_groups: 501, replicas_per_node_group: 6",
    { num_node_groups: 501, replicas_per_node_group: 6 },
    [
      "Invalid num_node_groups 501: must be null or a whole number from 1 to 500.",
      "Invalid replicas_per_node_group 6: must be null or a whole number from 0 to 5.",
    ],
  ],
  [
    "alarm_treat_missing_data: every value AWS knows",
    { alarm_treat_missing_data: "notBreaching", alarm_high_cpu_utilization_treat_missing_data: "breaching", alarm_low_memory_available_treat_missing_data: "ignore" },
    [],
  ],
  [
    "alarm_treat_missing_data: unknown values",
    { alarm_treat_missing_data: "zero", alarm_high_cpu_utilization_treat_missing_data: "Missing" },
    [
      'Invalid alarm_treat_missing_data "zero": must be one of "missing", "ignore", "breaching", "notBreaching".',
      'Invalid alarm_high_cpu_utilization_treat_missing_data "Missing": must be null or one of "missing", "ignore", "breaching", "notBreaching".',
    ],
  ],
  ["alarm_low_memory_available_threshold: 0", { alarm_low_memory_available_threshold: 0 }, []],
  [
    "alarm_low_memory_available_threshold: negative",
    { alarm_low_memory_available_threshold: -1 },
    ["Invalid alarm_low_memory_available_threshold -1: must be a number of at least 0."],
  ],
  [
    "log delivery: both logs, both destinations",
    {
      redis_version: "6.2",
      engine_log_delivery_configuration: { destination: "orders-engine", destination_type: "cloudwatch-logs", log_format: "json" },
      slow_log_delivery_configuration: { destination: "orders-slow", destination_type: "kinesis-firehose", log_format: "text" },
    },
    [],
  ],
  [
    "log delivery: an unknown destination type and format, an empty destination",
    {
      redis_version: "7.1",
      engine_log_delivery_configuration: { destination: "orders", destination_type: "s3", log_format: "json" },
      slow_log_delivery_configuration: { destination: "", destination_type: "cloudwatch-logs", log_format: "xml" },
    },
    [
      'Invalid engine_log_delivery_configuration {"destination":"orders","destination_type":"s3","log_format":"json"}: must be null or have destination_type one of "cloudwatch-logs", "kinesis-firehose".',
      'Invalid slow_log_delivery_configuration {"destination":"","destination_type":"cloudwatch-logs","log_format":"xml"}: must be null or have destination a log group or delivery stream name (letters, digits and . - _ / #), not an ARN.',
      'Invalid slow_log_delivery_configuration {"destination":"","destination_type":"cloudwatch-logs","log_format":"xml"}: must be null or have log_format one of "text", "json".',
    ],
  ],
  [
    "log delivery: an ARN for a destination",
    {
      redis_version: "7.1",
      engine_log_delivery_configuration: {
        destination: "arn:aws:logs:eu-west-1:111122223333:log-group:orders",
        destination_type: "cloudwatch-logs",
        log_format: "json",
      },
    },
    [
      'Invalid engine_log_delivery_configuration {"destination":"arn:aws:logs:eu-west-1:111122223333:log-group:orders","destination_type":"cloudwatch-logs","log_format":"json"}: must be null or have destination a log group or delivery stream name (letters, digits and . - _ / #), not an ARN.',
    ],
  ],
  // AWS delivers the slow log from Redis OSS 6.0 and the engine log from 6.2 on; Valkey's always
  ["slow log: Redis 6.0", { redis_version: "6.0", slow_log_delivery_configuration: SLOW_LOG }, []],
  ["engine log: Redis 6.x", { redis_version: "6.x", engine_log_delivery_configuration: ENGINE_LOG }, []],
  ["engine log: Valkey 7.2", { engine: "valkey", redis_version: "7.2", engine_log_delivery_configuration: ENGINE_LOG }, []],
  [
    "slow log: Redis 5.0.6",
    { slow_log_delivery_configuration: SLOW_LOG },
    [
      `Invalid slow_log_delivery_configuration ${SLOW_LOG_JSON}, engine "redis", redis_version "5.0.6": Redis OSS delivers its slow log from version 6.0 on (Valkey from any version).`,
    ],
  ],
  [
    "engine log: Redis 6.0",
    { redis_version: "6.0", engine_log_delivery_configuration: ENGINE_LOG },
    [
      `Invalid engine_log_delivery_configuration ${ENGINE_LOG_JSON}, engine "redis", redis_version "6.0": Redis OSS delivers its engine log from version 6.2 on (Valkey from any version).`,
    ],
  ],
  // this module: Valkey, a KMS key
  ...["7.2", "8.0"].map(
    (v): Case => [
      `engine redis: ${v}`,
      { redis_version: v },
      [`Invalid engine "redis", redis_version "${v}": Redis OSS versions end at 7.1 (7.2 and later are Valkey's: engine = "valkey").`],
    ],
  ),
  ...["7.2", "8.0", "8.1", "9.0"].map((v): Case => [`engine valkey: ${v}`, { engine: "valkey", redis_version: v }, []]),
  ...["7.1", "5.0.6", "6.x"].map(
    (v): Case => [
      `engine valkey: ${v}`,
      { engine: "valkey", redis_version: v },
      [`Invalid engine "valkey", redis_version "${v}": Valkey versions are 7.2, or MAJOR.MINOR from 8 on (e.g. 8.0, 8.1).`],
    ],
  ),
  [
    "engine valkey: 8.x (malformed: its own rule alone)",
    { engine: "valkey", redis_version: "8.x" },
    [
      'Invalid redis_version "8.x": must be X.Y.Z up to version 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from version 6 on (e.g. 6.2, 7.1, 8.0); AWS does not accept 7.x.',
    ],
  ],
  ['engine: "memcached"', { engine: "memcached" }, ['Invalid engine "memcached": must be one of "redis", "valkey".']],
  // An AWS default parameter group belongs to one family; custom names are AWS's to check.
  ...(
    [
      ["valkey", "8.0", "default.valkey8"],
      ["valkey", "7.2", "default.valkey7.cluster.on"],
      ["redis", "6.2", "default.redis6.x"],
      ["redis", "5.0.6", "default.redis5.0"],
      ["valkey", "8.0", "orders-redis5-params"],
      ["valkey", "8.0", "defaults.redis5.0"],
    ] as const
  ).map(([engine, version, group]): Case => [`parameter group ${group} with ${engine} ${version}`, { engine, redis_version: version, parameter_group_name: group }, []]),
  ...(
    [
      ["valkey", "8.0", "default.redis5.0", "default.valkey8"],
      ["valkey", "8.1", "default.valkey7", "default.valkey8"],
      ["redis", "7.1", "default.redis6.x.cluster.on", "default.redis7.cluster.on"],
      ["redis", "6.x", "default.redis7", "default.redis6.x"],
      ["redis", "5.0.6", "default.redis5.0.cluster", "default.redis5.0"],
    ] as const
  ).map(
    ([engine, version, group, fits]): Case => [
      `parameter group ${group} with ${engine} ${version}`,
      { engine, redis_version: version, parameter_group_name: group },
      [
        `Invalid parameter_group_name "${group}", engine "${engine}", redis_version "${version}": an AWS default parameter group (default.<family>) must be of the family that engine and redis_version select; the default group that fits is "${fits}".`,
      ],
    ],
  ),
  // Automatic scaling (docs/spec/autoscaling.md §2): checked only while it is on.
  ["auto scaling: shards from 2 up to 4", AUTO_SCALING, []],
  ["auto scaling: replicas, the minimum being the starting count", { ...AUTO_SCALING, auto_scale_dimension: REPLICAS, auto_scale_max_capacity: 3 }, []],
  ["auto scaling: a range of one count", { ...AUTO_SCALING, auto_scale_min_capacity: 2, auto_scale_max_capacity: 2 }, []],
  ["auto scaling off: its other inputs are not checked together", { auto_scale_min_capacity: 3, auto_scale_max_capacity: 1, auto_scale_trigger_metric: REPLICA_METRIC }, []],
  [
    "auto scaling: without cluster mode",
    { ...AUTO_SCALING, cluster_mode: [] },
    ["Invalid enable_auto_scaling true, cluster_mode []: automatic scaling changes shards or their replicas: it needs cluster mode."],
  ],
  [
    "auto scaling: Redis OSS 5",
    { ...AUTO_SCALING, redis_version: "5.0.6" },
    ['Invalid enable_auto_scaling true, engine "redis", redis_version "5.0.6": automatic scaling needs Redis OSS 6.0 or later, or Valkey.'],
  ],
  ["auto scaling: Valkey", { ...AUTO_SCALING, engine: "valkey", redis_version: "8.0" }, []],
  ["auto scaling: data-tiering nodes on Redis OSS 7.1", { ...AUTO_SCALING, instance_type: "cache.r6gd.xlarge" }, []],
  [
    "auto scaling: data-tiering nodes on Redis OSS 6.2",
    { ...AUTO_SCALING, instance_type: "cache.r6gd.xlarge", redis_version: "6.2" },
    [
      'Invalid enable_auto_scaling true, instance_type "cache.r6gd.xlarge", engine "redis", redis_version "6.2": automatic scaling of data-tiering (r6gd) nodes needs Redis OSS 7.0 or later (AWS runs 7.0.7 or later), or Valkey.',
    ],
  ],
  ...["cache.t3.micro", "cache.r6g.4xlarge", "cache.r4.large"].map(
    (type): Case => [
      `auto scaling: node type ${type}`,
      { ...AUTO_SCALING, instance_type: type },
      [
        `Invalid enable_auto_scaling true, instance_type "${type}": automatic scaling needs a node type of the families m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn, in the sizes large, xlarge, 2xlarge.`,
      ],
    ],
  ),
  [
    "auto scaling: no maximum",
    { ...AUTO_SCALING, auto_scale_max_capacity: null },
    ["Invalid enable_auto_scaling true, auto_scale_max_capacity null: automatic scaling needs auto_scale_max_capacity."],
  ],
  ...(
    [
      ["a maximum below the starting count", { auto_scale_max_capacity: 1 }, "null", 1],
      ["a minimum above the starting count", { auto_scale_min_capacity: 3 }, "3", 4],
      ["a minimum above the maximum", { auto_scale_min_capacity: 5 }, "5", 4],
    ] as const
  ).map(
    ([label, overrides, min, max]): Case => [
      `auto scaling: ${label}`,
      { ...AUTO_SCALING, ...overrides },
      [
        `Invalid enable_auto_scaling true, auto_scale_dimension "${SHARDS}", auto_scale_min_capacity ${min}, auto_scale_max_capacity ${max}, cluster_mode ${AUTO_SCALING_SHARDS_JSON}: ${RANGE_RULE}.`,
      ],
    ],
  ),
  [
    "auto scaling: more than 5 replicas",
    { ...AUTO_SCALING, auto_scale_dimension: REPLICAS, auto_scale_max_capacity: 6 },
    [
      `Invalid enable_auto_scaling true, auto_scale_dimension "${REPLICAS}", auto_scale_min_capacity null, auto_scale_max_capacity 6, cluster_mode ${AUTO_SCALING_SHARDS_JSON}: ${REPLICAS_RULE}.`,
    ],
  ],
  [
    "auto scaling: replicas from none",
    { ...AUTO_SCALING, auto_scale_dimension: REPLICAS, auto_scale_max_capacity: 3, cluster_mode: [cm(2, 0)] },
    [
      `Invalid enable_auto_scaling true, auto_scale_dimension "${REPLICAS}", auto_scale_min_capacity null, auto_scale_max_capacity 3, cluster_mode [{"num_node_groups":2,"replicas_per_node_group":0}]: ${REPLICAS_RULE}.`,
    ],
  ],
  ["auto scaling: replicas from none, with a minimum of 1", { ...AUTO_SCALING, auto_scale_dimension: REPLICAS, auto_scale_min_capacity: 1, auto_scale_max_capacity: 3, cluster_mode: [cm(2, 0)] }, [RANGE_OF_REPLICAS_FROM_NONE]],
  ...(
    [
      [SHARDS, REPLICA_METRIC],
      [REPLICAS, "ElastiCachePrimaryEngineCPUUtilization"],
    ] as const
  ).map(
    ([dimension, metric]): Case => [
      `auto scaling: ${metric} for ${dimension}`,
      { ...AUTO_SCALING, auto_scale_dimension: dimension, auto_scale_max_capacity: 3, auto_scale_trigger_metric: metric },
      [
        `Invalid enable_auto_scaling true, auto_scale_dimension "${dimension}", auto_scale_trigger_metric "${metric}": replicas scale on ${REPLICA_METRIC}, shards on any other auto_scale_trigger_metric.`,
      ],
    ],
  ),
  ["auto scaling: the capacity metric on data-tiering nodes", { ...AUTO_SCALING, instance_type: "cache.r6gd.xlarge", auto_scale_trigger_metric: CAPACITY_METRIC }, []],
  [
    "auto scaling: the memory metric on data-tiering nodes",
    { ...AUTO_SCALING, instance_type: "cache.r6gd.xlarge", auto_scale_trigger_metric: MEMORY_METRIC },
    [
      `Invalid enable_auto_scaling true, auto_scale_trigger_metric "${MEMORY_METRIC}", instance_type "cache.r6gd.xlarge": ${MEMORY_METRIC} leaves out the data on SSD: data-tiering (r6gd) nodes scale on ${CAPACITY_METRIC}.`,
    ],
  ],
  ["auto scaling: a target of 35", { auto_scale_trigger_metric_target_value: 35 }, []],
  ...[34, 70.5].map((target): Case => [`auto scaling: a target of ${target}`, { auto_scale_trigger_metric_target_value: target }, [`Invalid auto_scale_trigger_metric_target_value ${target}: must be a number from 35 to 70.`]]),
  [
    "auto scaling: a dimension of another service",
    { auto_scale_dimension: "elasticache:cache-cluster:Nodes" },
    [`Invalid auto_scale_dimension "elasticache:cache-cluster:Nodes": must be one of "${SHARDS}", "${REPLICAS}".`],
  ],
  ["auto scaling: a minimum of 0", { auto_scale_min_capacity: 0 }, ["Invalid auto_scale_min_capacity 0: must be null or a whole number from 1 to 500."]],
  ["auto scaling: a negative cooldown", { auto_scale_scale_in_cooldown: -1 }, [wholeNumber("auto_scale_scale_in_cooldown", -1, 0, 86400)]],
  ["kms_key_id: with at-rest encryption", { kms_key_id: KMS_KEY }, []],
  [
    "kms_key_id: without at-rest encryption",
    { kms_key_id: KMS_KEY, enable_at_rest_encryption: false },
    [`Invalid kms_key_id "${KMS_KEY}", enable_at_rest_encryption false: a kms_key_id needs enable_at_rest_encryption = true.`],
  ],
  // 17-18: snapshot sources
  ["snapshot_arn: an S3 object", { snapshot_arn: "arn:aws:s3:::backups/orders/dump.rdb" }, []],
  ...["arn:aws:s3:::backups", "arn:aws:s3:::backups/a.rdb,b.rdb", "s3://backups/dump.rdb"].map(
    (arn): Case => [
      `snapshot_arn: ${arn}`,
      { snapshot_arn: arn },
      [`Invalid snapshot_arn "${arn}": must be null or the ARN of an S3 object (arn:aws:s3:::bucket/key) without commas.`],
    ],
  ),
  [
    "snapshot_name and snapshot_arn together",
    { snapshot_name: "nightly", snapshot_arn: "arn:aws:s3:::backups/dump.rdb" },
    [
      'Invalid snapshot_name "nightly", snapshot_arn "arn:aws:s3:::backups/dump.rdb": give at most one of snapshot_name and snapshot_arn.',
    ],
  ],
  // 19-20: ingress
  ["allow_connections_from_cidr_blocks: /0 and /32", { allow_connections_from_cidr_blocks: ["0.0.0.0/0", "10.1.2.3/32"] }, []],
  ...[["10.0.0.0/33"], ["10.0.0.256/16"], ["10.0.0.0"], ["fd00::/8"]].map(
    (cidrs): Case => [
      `allow_connections_from_cidr_blocks: ${cidrs[0]}`,
      { allow_connections_from_cidr_blocks: cidrs },
      [`Invalid allow_connections_from_cidr_blocks ${JSON.stringify(cidrs)}: must hold only IPv4 CIDR blocks, such as 10.0.0.0/16.`],
    ],
  ),
  ["allow_connections_from_security_groups: sg ids", { allow_connections_from_security_groups: ["sg-0a1b2c3d", "sg-0123456789abcdef0"] }, []],
  // 20-22: ids and ARNs from other modules' outputs are warnings (__tests__/terraform/warnings.test.ts): they plan
  ["allow_connections_from_security_groups: not hex (a warning)", { allow_connections_from_security_groups: ["sg-0a1b2c3d", "sg-app"] }, []],
  ["vpc_id: vpc_123 (a warning)", { vpc_id: "vpc_123" }, []],
  ["subnet_ids: none", { subnet_ids: [] }, ["Invalid subnet_ids []: must hold at least one subnet id."]],
  ["subnet_ids: not a subnet (a warning)", { subnet_ids: ["subnet-0a1b", "sub-1"] }, []],
  ["alarms_sns_topic_arns: a topic", { alarms_sns_topic_arns: [TOPIC, `${TOPIC}.fifo`] }, []],
  ["alarms_sns_topic_arns: short account id (a warning)", { alarms_sns_topic_arns: ["arn:aws:sns:eu-west-1:1111:alarms"] }, []],
  ['sns_topic_for_notifications: ""', { sns_topic_for_notifications: "" }, []],
  ["sns_topic_for_notifications: a topic", { sns_topic_for_notifications: TOPIC }, []],
  ["sns_topic_for_notifications: a name (a warning)", { sns_topic_for_notifications: "alarms" }, []],
  // 23: tags
  ["tags: 128-character key, 256-character value", { tags: { ["k".repeat(128)]: "v".repeat(256) } }, []],
  [
    "tags: 129-character key",
    { tags: { ["k".repeat(129)]: "v" } },
    [`Invalid tags {"${"k".repeat(129)}":"v"}: must have keys of at most 128 and values of at most 256 characters.`],
  ],
  [
    "tags: 257-character value",
    { tags: { team: "v".repeat(257) } },
    [`Invalid tags {"team":"${"v".repeat(257)}"}: must have keys of at most 128 and values of at most 256 characters.`],
  ],
  // Service discovery (docs/service-discovery.md)
  ["route53: a primary and a reader name", { ...RECORDS, reader_domain_name: "redis-ro.orders.internal" }, []],
  ["route53: names with a final dot", { ...RECORDS, primary_domain_name: "redis.orders.internal." }, []],
  ["route53 off: its other inputs are not checked together", { reader_domain_name: "redis.orders.internal", primary_domain_name: "redis.orders.internal" }, []],
  [
    "route53: no zone, no name",
    { create_route53_entry: true },
    [
      "Invalid create_route53_entry true, hosted_zone_id null: the records need hosted_zone_id, the zone that holds them.",
      "Invalid create_route53_entry true, primary_domain_name null: the records need primary_domain_name, the name clients use.",
    ],
  ],
  [
    "route53: a reader name in cluster mode",
    { ...RECORDS, reader_domain_name: "redis-ro.orders.internal", replication_group_size: 1, cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] },
    [
      'Invalid create_route53_entry true, reader_domain_name "redis-ro.orders.internal", cluster_mode [{"num_node_groups":2,"replicas_per_node_group":1}]: cluster mode has no reader endpoint (clients read from replicas through the configuration endpoint): reader_domain_name must be null.',
    ],
  ],
  [
    "route53: one name for both records",
    { ...RECORDS, reader_domain_name: "redis.orders.internal." },
    ['Invalid create_route53_entry true, primary_domain_name "redis.orders.internal", reader_domain_name "redis.orders.internal.": the primary and reader records need two different names.'],
  ],
  ...["redis", "Redis.Orders.internal", "redis..internal", "-redis.internal", "redis_ro.internal"].map((name): Case => [
    `route53: name ${name}`,
    { primary_domain_name: name },
    [`Invalid primary_domain_name "${name}": must be null or a lowercase DNS name of two labels or more (letters, digits and hyphens, at most 63 a label).`],
  ]),
  ["route53: a TTL of two days and more", { route53_record_ttl: 172801 }, [wholeNumber("route53_record_ttl", 172801, 0, 172800)]],
  ...["kube-system", "a", "orders-2"].map((namespace): Case => [`kubernetes namespace ${namespace}`, { kubernetes_service_namespace: namespace }, []]),
  ...["Orders", "orders_ns", "-orders", "a".repeat(64), ""].map((namespace): Case => [
    `kubernetes namespace ${namespace || "(empty)"}`,
    { kubernetes_service_namespace: namespace },
    [`Invalid kubernetes_service_namespace "${namespace}": must be a Kubernetes namespace: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.`],
  ]),
  // Cross-account snapshots (docs/spec/snapshot-export.md)
  ["sharing snapshots: an account and a bucket", SHARING, []],
  ["sharing snapshots off: its other inputs are not checked together", { kms_key_id: KMS_KEY, share_snapshot_with_account_id: null }, []],
  [
    "sharing snapshots: no account, no bucket",
    { share_snapshot_with_another_account: true },
    [
      "Invalid share_snapshot_with_another_account true, share_snapshot_with_account_id null: sharing snapshots needs share_snapshot_with_account_id, the account that receives them.",
      "Invalid share_snapshot_with_another_account true, share_snapshot_destination_bucket_arn null: sharing snapshots needs share_snapshot_destination_bucket_arn, the bucket in that account that receives them.",
    ],
  ],
  ...["44445555666", "4444-5555-6666", "4444555566667"].map((id): Case => [
    `sharing snapshots: account id ${id}`,
    { share_snapshot_with_account_id: id },
    [`Invalid share_snapshot_with_account_id "${id}": must be null or a 12-digit AWS account id.`],
  ]),
  ...["orders-snapshots-dr", "arn:aws:s3:::Orders_DR", "arn:aws:s3:::dr/orders"].map((arn): Case => [
    `sharing snapshots: destination ${arn}`,
    { share_snapshot_destination_bucket_arn: arn },
    [`Invalid share_snapshot_destination_bucket_arn "${arn}": must be null or an S3 bucket ARN (arn:aws:s3:::name).`],
  ]),
  ...["rate(1 day)", "rate(2 hours)", "rate(72 minutes)", "cron(0 20 * * ? *)", "cron(15 */2 ? * MON-FRI *)", "cron(0 0,6,12,18 * * ? *)"].map(
    (schedule): Case => [`sharing snapshots: schedule ${schedule}`, { share_snapshot_schedule_expression: schedule }, []],
  ),
  // More than 20 runs a day, or no valid expression.
  ...["rate(1 hour)", "rate(71 minutes)", "rate(1 days)", "cron(0 * * * ? *)", "cron(*/30 4 * * ? *)", "cron(0 */1 * * ? *)", "cron(0 20 * *)", "daily"].map(
    (schedule): Case => [
      `sharing snapshots: schedule ${schedule}`,
      { share_snapshot_schedule_expression: schedule },
      [
        `Invalid share_snapshot_schedule_expression "${schedule}": must be rate() of at least 72 minutes, 2 hours or 1 day, or cron() with one minute and one hour, a list of up to 20 hours or */N hours (N from 2): at most 20 runs a day.`,
      ],
    ],
  ),
  ["sharing snapshots: keep 0 copies", { share_snapshot_max_snapshots: 0 }, [wholeNumber("share_snapshot_max_snapshots", 0, 1, 1000)]],
  ...[90, 0, 86460].map((period): Case => [
    `sharing snapshots: alarm period ${period}`,
    { backup_job_alarm_period: period },
    [`Invalid backup_job_alarm_period ${period}: must be a multiple of 60 from 60 to 86400.`],
  ]),
  [
    "sharing snapshots: a customer managed key",
    { ...SHARING, kms_key_id: KMS_KEY },
    [
      `Invalid share_snapshot_with_another_account true, kms_key_id "${KMS_KEY}": AWS cannot export snapshots encrypted with a customer managed key: sharing snapshots needs kms_key_id null (the AWS managed key).`,
    ],
  ],
  [
    "sharing snapshots: data-tiering nodes",
    { ...SHARING, instance_type: "cache.r6gd.xlarge", redis_version: "7.1" },
    [
      'Invalid share_snapshot_with_another_account true, instance_type "cache.r6gd.xlarge": AWS cannot export snapshots of data-tiering (r6gd) nodes: sharing snapshots needs another node type.',
    ],
  ],
];

/** Messages the construct throws for these inputs ([] when it accepts them). */
export function constructErrors(inputs: Inputs): string[] {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    try {
      new ElastiCacheRedis(stack, "cache", propsOf(inputs));
      return [];
    } catch (error) {
      if (error instanceof InvalidInputsError) return [...error.violations];
      throw error;
    }
  });
}

// ----- auth_token -----

/**
 * Bad and odd auth tokens (rules 11 and 12), each broken alone and together with other rules. No
 * secret may be printed, ever: every token carries a core of letters and digits that no message
 * could contain by chance, so a token shown in any quoting or escaping (JSON, HCL, a diff) is
 * still found. Inputs are over VALID_INPUTS (tools/scenarios.ts).
 */
export const CORE = "Zq9KxSecretCore";


export const TOKEN_RULE =
  'Invalid auth_token (sensitive value): must be null or 16-128 printable ASCII characters other than @, " and /.';
export const NEEDS_TLS =
  "Invalid auth_token (sensitive value), enable_transit_encryption false: an auth_token needs enable_transit_encryption = true.";
export const UNDOCUMENTED =
  "auth_token (sensitive value): the auth_token has characters AWS does not document (it names letters, digits and ! & # $ ^ < > -).";

export interface TokenCase {
  label: string;
  token: string;
  /** Other inputs, over BASE. */
  inputs?: Record<string, unknown>;
  /** Error messages the plan must report ([] = it plans). */
  errors: string[];
  /** Warning messages that must be among the plan's. */
  warnings?: string[];
}

export const TOKEN_CASES: TokenCase[] = [
  { label: "too short", token: CORE.slice(0, 15), errors: [TOKEN_RULE] },
  { label: "too long", token: CORE.repeat(9), errors: [TOKEN_RULE] },
  { label: "with @", token: `${CORE}@example.com`, errors: [TOKEN_RULE] },
  { label: "with a quote", token: `${CORE}"quoted"`, errors: [TOKEN_RULE] },
  { label: "with a slash", token: `${CORE}/slash`, errors: [TOKEN_RULE] },
  { label: "with a newline", token: `${CORE}\nsecond-line`, errors: [TOKEN_RULE] },
  { label: "with a backslash (allowed, undocumented)", token: `${CORE}\\back`, errors: [], warnings: [UNDOCUMENTED] },
  { label: "with ${ and %{ (allowed, undocumented)", token: `${CORE}\${x}%{y}`, errors: [], warnings: [UNDOCUMENTED] },
  { label: "valid, transit encryption off", token: `${CORE}-valid`, inputs: { enable_transit_encryption: false }, errors: [NEEDS_TLS] },
  {
    label: "too short, transit encryption off, and a bad port",
    token: CORE.slice(0, 10),
    inputs: { enable_transit_encryption: false, port: 0 },
    errors: [TOKEN_RULE, NEEDS_TLS, "Invalid port 0: must be a whole number from 1 to 65535."],
  },
  {
    label: "with a quote, and a bad name",
    token: `${CORE}"`,
    inputs: { name: "Orders" },
    errors: [
      TOKEN_RULE,
      'Invalid name "Orders": must be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.',
    ],
  },
];

/** Every way the token could be written out: as it is, JSON- or HCL-quoted, and its core alone. */
export function tokenForms(token: string): string[] {
  const quoted = JSON.stringify(token).slice(1, -1);
  return [...new Set([token, quoted, quoted.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{"), CORE.slice(0, 10)])];
}

export function expectNoToken(token: string, text: string, where: string): void {
  for (const form of tokenForms(token)) expect(text.includes(form), `${where} shows the token as ${JSON.stringify(form)}`).toBe(false);
}

