/**
 * The inputs of the module (docs/spec/module-interface.md §1): the one place they are declared. The
 * Terraform variables, the TypeScript props (names and types, derived below at the type level),
 * the defaults and the generated docs all come from this table.
 */
import {
  AUTH_TOKEN,
  AWS_ACCOUNT_ID,
  DNS_NAME,
  HOSTED_ZONE_ID,
  IPV4_CIDR,
  KMS_KEY_ARN,
  KUBERNETES_NAMESPACE,
  REDIS_VERSION,
  S3_BUCKET_ARN,
  S3_OBJECT_ARN,
  SECURITY_GROUP_ID,
  SNAPSHOT_SCHEDULE,
  SNS_TOPIC_ARN,
} from "./patterns";
import {
  atLeast,
  atMostItems,
  between,
  attribute,
  AttributeRule,
  eachAttribute,
  eachItem,
  excludes,
  matches,
  maxLength,
  notEmpty,
  oneOf,
  OneOfRule,
  orNull,
  Rule,
  tagLimits,
  wholeMultiple,
  wholeNumber,
} from "../rules/builders";
import { nodeTypeRule } from "../rules/node-types";
import { dailyWindowRule, weeklyWindowRule } from "../rules/windows";

export const CLUSTER_MODE_TYPE =
  "list(object({ num_node_groups = number, replicas_per_node_group = number }))";
export const LOG_DELIVERY_TYPE = "object({ destination = string, destination_type = string, log_format = string })";

export type TerraformType =
  | "string"
  | "number"
  | "bool"
  | "list(string)"
  | "map(string)"
  | typeof CLUSTER_MODE_TYPE
  | typeof LOG_DELIVERY_TYPE;

/**
 * Where an input comes from: absent for the Gruntwork v0.85.0 interface, the Gruntwork release
 * that added it for later ones (so Terragrunt inputs written for those releases work here), or
 * "this module" for inputs no Gruntwork release has.
 */
type InputOrigin = `v${number}.${number}.${number}` | "this module";

interface InputBase {
  /** The Terraform variable name; the TypeScript prop is its camelCase form. */
  readonly name: string;
  readonly type: TerraformType;
  readonly description: string;
  readonly sensitive?: true;
  readonly since?: InputOrigin;
  /** What a value must meet (docs/spec/aws-constraints.md); checked at synth for literals and at plan in the module. */
  readonly rules?: readonly Rule[];
  /**
   * What a value should meet but may not yet: ids and ARNs that come from other modules' outputs,
   * which Terragrunt's mock_outputs fake so that a unit plans before its dependencies exist
   * (docs/spec/aws-constraints.md). AWS rejects a wrong one at apply, before the cluster is created.
   */
  readonly expected?: readonly Rule[];
  /** Why a value that is not as expected matters, for its warning; by default AWS rejects it. */
  readonly expectedBecause?: string;
}

interface RequiredInput extends InputBase {
  readonly required: true;
}

interface OptionalInput extends InputBase {
  readonly required: false;
  /** Terraform default; `null` means "not set". */
  readonly default: string | number | boolean | null | readonly never[] | Readonly<Record<string, never>>;
}

export type InputSpec = RequiredInput | OptionalInput;

const TREAT_MISSING_DATA = ["missing", "ignore", "breaching", "notBreaching"] as const;
const ENGINES = ["redis", "valkey"] as const;
const LOG_DESTINATION_TYPES = ["cloudwatch-logs", "kinesis-firehose"] as const;
const LOG_FORMATS = ["text", "json"] as const;

/** Application Auto Scaling's names for a replication group (docs/spec/autoscaling.md §2). */
export const AUTO_SCALING_NAMES = {
  shards: "elasticache:replication-group:NodeGroups",
  replicas: "elasticache:replication-group:Replicas",
  primaryCpu: "ElastiCachePrimaryEngineCPUUtilization",
  memory: "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
  capacity: "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
  replicaCpu: "ElastiCacheReplicaEngineCPUUtilization",
} as const;
const { shards, replicas, primaryCpu, memory, capacity, replicaCpu } = AUTO_SCALING_NAMES;
const AUTO_SCALE_DIMENSIONS = [shards, replicas] as const;
const AUTO_SCALE_METRICS = [primaryCpu, memory, capacity, replicaCpu] as const;

/** The rules of both log delivery inputs; their attributes' types are derived from them. */
export const LOG_DELIVERY_RULES = [
  orNull(
    attribute(
      "destination",
      matches("[-._/#A-Za-z0-9]{1,512}", "be a log group or delivery stream name (letters, digits and . - _ / #), not an ARN"),
    ),
  ),
  orNull(attribute("destination_type", oneOf(LOG_DESTINATION_TYPES))),
  orNull(attribute("log_format", oneOf(LOG_FORMATS))),
];

export const INPUTS = [
  {
    name: "name",
    type: "string",
    required: true,
    description:
      "Name of the cluster. Used as the replication group id and as the prefix of every other resource name; lowercase and unique per region.",
    rules: [
      matches("[a-z]([a-z0-9-]{0,38}[a-z0-9])?", "be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"),
      excludes("--", 'not contain "--"'),
      maxLength(255 - "-subnet-group".length, 'keep the subnet group name "<name>-subnet-group" within 255 characters'),
    ],
  },
  {
    name: "instance_type",
    type: "string",
    required: true,
    description:
      "Node type of every cache node, for example cache.t3.micro or cache.r6g.large. An r6gd type tiers data between memory and SSD (data tiering) and needs Redis OSS 6.2 or later, or Valkey.",
    rules: [nodeTypeRule],
  },
  {
    name: "replication_group_size",
    type: "number",
    required: true,
    description:
      "Number of nodes when cluster mode is off: 1 is a primary alone, 2 a primary and one replica, and so on. Ignored in cluster mode.",
  },
  {
    name: "enable_automatic_failover",
    type: "bool",
    required: true,
    description: "Promote a replica automatically when the primary fails. Needs at least two nodes.",
  },
  {
    name: "enable_multi_az",
    type: "bool",
    required: true,
    description: "Place replicas in other availability zones than the primary. Needs automatic failover.",
  },
  {
    name: "vpc_id",
    type: "string",
    required: true,
    description: "VPC that the cluster's security group belongs to.",
    expected: [matches("vpc-[0-9a-f]+", 'be a VPC id: "vpc-" followed by hexadecimal digits')],
  },
  {
    name: "subnet_ids",
    type: "list(string)",
    required: true,
    description: "Subnets the cache nodes are placed in; usually private subnets spread over several availability zones.",
    rules: [notEmpty("hold at least one subnet id")],
    expected: [
      eachItem(matches("subnet-[0-9a-f]+", "be a subnet id"), 'hold only subnet ids: "subnet-" followed by hexadecimal digits'),
    ],
  },
  {
    name: "redis_version",
    type: "string",
    required: false,
    default: "5.0.6",
    description:
      "Engine version. Redis OSS: X.Y.Z up to 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from 6 on (e.g. 6.2, 7.1). Valkey (engine = \"valkey\"): 7.2, 8.0, 8.1.",
    rules: [matches(REDIS_VERSION, "be X.Y.Z up to version 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from version 6 on (e.g. 6.2, 7.1, 8.0); AWS does not accept 7.x")],
  },
  {
    name: "port",
    type: "number",
    required: false,
    default: 6379,
    description: "TCP port the nodes accept connections on.",
    rules: [wholeNumber(1, 65535)],
  },
  {
    name: "auth_token",
    type: "string",
    required: false,
    default: null,
    sensitive: true,
    description:
      "Password clients must send with the Redis AUTH command. Needs transit encryption. Leave null for no password.",
    rules: [orNull(matches(AUTH_TOKEN, 'be 16-128 printable ASCII characters other than @, " and /'))],
  },
  {
    name: "enable_at_rest_encryption",
    type: "bool",
    required: false,
    default: true,
    description: "Encrypt data on disk, snapshots included. Changing it replaces the cluster.",
  },
  {
    name: "enable_transit_encryption",
    type: "bool",
    required: false,
    default: true,
    description: "Require TLS between clients and nodes and between nodes.",
  },
  {
    name: "snapshot_window",
    type: "string",
    required: false,
    default: "06:00-07:00",
    description: 'Daily UTC time range (hh24:mi-hh24:mi) in which snapshots are taken; "" lets AWS choose or, with retention 0, disables them.',
    rules: [dailyWindowRule],
  },
  {
    name: "snapshot_retention_limit",
    type: "number",
    required: false,
    default: 15,
    description: "Days automatic snapshots are kept; 0 turns automatic snapshots off.",
    rules: [wholeNumber(0, 35)],
  },
  {
    name: "snapshot_name",
    type: "string",
    required: false,
    default: null,
    description: "Name of an ElastiCache snapshot to create the cluster from.",
  },
  {
    name: "snapshot_arn",
    type: "string",
    required: false,
    default: null,
    description: "ARN of a Redis RDB file in S3 to create the cluster from.",
    rules: [orNull(matches(S3_OBJECT_ARN, "be the ARN of an S3 object (arn:aws:s3:::bucket/key) without commas"))],
  },
  {
    name: "maintenance_window",
    type: "string",
    required: false,
    default: "sat:07:00-sat:08:00",
    description: "Weekly UTC time range (ddd:hh24:mi-ddd:hh24:mi) in which AWS may patch the nodes.",
    rules: [weeklyWindowRule],
  },
  {
    name: "parameter_group_name",
    type: "string",
    required: false,
    default: null,
    description:
      "Parameter group to use. Null picks the AWS default group of the engine version's family (with .cluster.on in cluster mode).",
  },
  {
    name: "apply_immediately",
    type: "bool",
    required: false,
    default: false,
    description: "Apply changes right away instead of in the next maintenance window.",
  },
  {
    name: "cluster_mode",
    type: CLUSTER_MODE_TYPE,
    required: false,
    default: [],
    description:
      "Empty for cluster mode off; one object (num_node_groups shards, replicas_per_node_group replicas in each) to shard the data.",
    rules: [
      atMostItems(1, "be empty (cluster mode off) or hold exactly one object"),
      eachAttribute("num_node_groups", wholeNumber(1, 500)),
      eachAttribute("replicas_per_node_group", wholeNumber(0, 5)),
    ],
  },
  {
    name: "allow_connections_from_cidr_blocks",
    type: "list(string)",
    required: false,
    default: [],
    description: "IPv4 CIDR blocks allowed to connect to the port.",
    rules: [eachItem(matches(IPV4_CIDR, "be an IPv4 CIDR block"), "hold only IPv4 CIDR blocks, such as 10.0.0.0/16")],
  },
  {
    name: "allow_connections_from_security_groups",
    type: "list(string)",
    required: false,
    default: [],
    description: "Security group ids allowed to connect to the port.",
    expected: [eachItem(matches(SECURITY_GROUP_ID, "be a security group id"), 'hold only security group ids: "sg-" followed by hexadecimal digits')],
  },
  {
    name: "enable_cloudwatch_alarms",
    type: "bool",
    required: false,
    default: true,
    description: "Create CPU, engine CPU, freeable memory and swap alarms for every member node.",
  },
  {
    name: "alarms_sns_topic_arns",
    type: "list(string)",
    required: false,
    default: [],
    description: "SNS topics notified when an alarm changes state (alarm, OK and insufficient data).",
    expected: [eachItem(matches(SNS_TOPIC_ARN, "be an SNS topic ARN"), "hold only SNS topic ARNs (arn:aws:sns:region:account:name)")],
  },
  {
    name: "sns_topic_for_notifications",
    type: "string",
    required: false,
    default: "",
    description: 'SNS topic that receives the replication group\'s events; "" for none.',
    expected: [matches(`|${SNS_TOPIC_ARN}`, 'be "" or an SNS topic ARN (arn:aws:sns:region:account:name)')],
  },
  {
    name: "tags",
    type: "map(string)",
    required: false,
    default: {},
    description: "Tags put on the replication group.",
    rules: [tagLimits(128, 256)],
  },
  {
    name: "alarm_treat_missing_data",
    type: "string",
    required: false,
    default: "missing",
    since: "v0.96.3",
    description:
      "How the alarms treat missing data points: missing, ignore, breaching or notBreaching. The per-alarm inputs, where set, win over it.",
    rules: [oneOf(TREAT_MISSING_DATA)],
  },
  {
    name: "alarm_low_memory_available_threshold",
    type: "number",
    required: false,
    default: 100_000_000,
    since: "v0.104.5",
    description: "Free memory, in bytes, below which the low-memory alarm of a node fires.",
    rules: [atLeast(0)],
  },
  {
    name: "num_node_groups",
    type: "number",
    required: false,
    default: null,
    since: "v0.105.0",
    description:
      "Shards in cluster mode, the later form of cluster_mode (give it with replicas_per_node_group, and not together with cluster_mode). Null for cluster mode off.",
    rules: [orNull(wholeNumber(1, 500))],
  },
  {
    name: "replicas_per_node_group",
    type: "number",
    required: false,
    default: null,
    since: "v0.105.0",
    description: "Replicas in each shard besides its primary, with num_node_groups.",
    rules: [orNull(wholeNumber(0, 5))],
  },
  {
    name: "auto_minor_version_upgrade",
    type: "bool",
    required: false,
    default: null,
    since: "v0.111.6",
    description:
      "Apply minor engine upgrades in the maintenance window. Null sends nothing, so AWS's default (true) stays, as with v0.85.0 (Gruntwork's later default is false).",
  },
  {
    name: "engine_log_delivery_configuration",
    type: LOG_DELIVERY_TYPE,
    required: false,
    default: null,
    since: "v0.111.6",
    description:
      "Deliver the engine log: destination (a CloudWatch Logs group or Kinesis Data Firehose stream), destination_type (cloudwatch-logs or kinesis-firehose), log_format (text or json). Null for none.",
    rules: LOG_DELIVERY_RULES,
  },
  {
    name: "slow_log_delivery_configuration",
    type: LOG_DELIVERY_TYPE,
    required: false,
    default: null,
    since: "v0.111.6",
    description: "Deliver the slow log; the same object as engine_log_delivery_configuration. Null for none.",
    rules: LOG_DELIVERY_RULES,
  },
  {
    name: "alarm_high_cpu_utilization_treat_missing_data",
    type: "string",
    required: false,
    default: null,
    since: "v0.146.0",
    description: "How the high CPU alarm treats missing data; null for alarm_treat_missing_data.",
    rules: [orNull(oneOf(TREAT_MISSING_DATA))],
  },
  {
    name: "alarm_low_memory_available_treat_missing_data",
    type: "string",
    required: false,
    default: null,
    since: "v0.146.0",
    description: "How the low-memory alarm treats missing data; null for alarm_treat_missing_data.",
    rules: [orNull(oneOf(TREAT_MISSING_DATA))],
  },
  {
    name: "engine",
    type: "string",
    required: false,
    default: "redis",
    since: "this module",
    description:
      'Cache engine: "redis" (Redis OSS) or "valkey" (needs AWS provider 5.73 or later). redis_version is the engine version for both. A Redis OSS cluster at 5.0.6 or later can move to Valkey in place; there is no way back.',
    rules: [oneOf(ENGINES)],
  },
  {
    name: "kms_key_id",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description:
      "ARN of a customer managed KMS key for at-rest encryption (needs enable_at_rest_encryption). Null for the AWS managed key. Changing it replaces the cluster.",
    expected: [matches(KMS_KEY_ARN, "be a KMS key ARN (arn:aws:kms:region:account:key/id)")],
    expectedBecause: "the provider takes the key's ARN (a Terragrunt mock output is fine for a plan)",
  },
  {
    name: "enable_auto_scaling",
    type: "bool",
    required: false,
    default: false,
    since: "this module",
    description:
      "Let Application Auto Scaling change the shards or the replicas per shard (auto_scale_dimension) within auto_scale_min_capacity and auto_scale_max_capacity. Needs cluster mode; Terraform then leaves that count to AWS, and the alarms watch every node of the group, those AWS adds included, by a tag on the group.",
  },
  {
    name: "auto_scale_dimension",
    type: "string",
    required: false,
    default: "elasticache:replication-group:NodeGroups",
    since: "this module",
    description: "What automatic scaling changes: the shards (elasticache:replication-group:NodeGroups) or the replicas in each shard (elasticache:replication-group:Replicas).",
    rules: [oneOf(AUTO_SCALE_DIMENSIONS)],
  },
  {
    name: "auto_scale_min_capacity",
    type: "number",
    required: false,
    default: null,
    since: "this module",
    description: "Fewest shards, or replicas per shard, automatic scaling keeps. Null for the starting count (num_node_groups or replicas_per_node_group).",
    rules: [orNull(wholeNumber(1, 500))],
  },
  {
    name: "auto_scale_max_capacity",
    type: "number",
    required: false,
    default: null,
    since: "this module",
    description: "Most shards (up to 500), or replicas per shard (up to 5), automatic scaling adds. Needed with enable_auto_scaling.",
    rules: [orNull(wholeNumber(1, 500))],
  },
  {
    name: "auto_scale_trigger_metric",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description:
      "The metric automatic scaling keeps at its target: for shards ElastiCachePrimaryEngineCPUUtilization, ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage or ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage; for replicas ElastiCacheReplicaEngineCPUUtilization. Null for the engine CPU of the dimension.",
    rules: [orNull(oneOf(AUTO_SCALE_METRICS))],
  },
  {
    name: "auto_scale_trigger_metric_target_value",
    type: "number",
    required: false,
    default: 60,
    since: "this module",
    description: "The percentage automatic scaling keeps the metric at, from 35 to 70 as AWS advises.",
    rules: [between(35, 70)],
  },
  {
    name: "auto_scale_disable_scale_in",
    type: "bool",
    required: false,
    default: false,
    since: "this module",
    description: "Only add capacity: automatic scaling never removes shards or replicas.",
  },
  {
    name: "auto_scale_scale_in_cooldown",
    type: "number",
    required: false,
    default: 900,
    since: "this module",
    description: "Seconds after a scale-in before another scaling activity (AWS's default for ElastiCache).",
    rules: [wholeNumber(0, 86400)],
  },
  {
    name: "auto_scale_scale_out_cooldown",
    type: "number",
    required: false,
    default: 600,
    since: "this module",
    description: "Seconds after a scale-out before another scale-out (AWS's default for ElastiCache).",
    rules: [wholeNumber(0, 86400)],
  },
  {
    name: "create_route53_entry",
    type: "bool",
    required: false,
    default: false,
    since: "this module",
    description:
      "Create CNAME records in hosted_zone_id: primary_domain_name for the primary endpoint (the configuration endpoint in cluster mode), and reader_domain_name for the reader endpoint.",
  },
  {
    name: "hosted_zone_id",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description: "Id of the Route 53 hosted zone, usually private to the VPC, that holds the records. Needed with create_route53_entry.",
    expected: [matches(HOSTED_ZONE_ID, "be a Route 53 hosted zone id (Z and up to 32 uppercase letters and digits)")],
    expectedBecause: "Route 53 rejects it at apply (a Terragrunt mock output is fine for a plan)",
  },
  {
    name: "primary_domain_name",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description: "Name of the record for the primary endpoint, or the configuration endpoint in cluster mode. Needed with create_route53_entry.",
    rules: [orNull(matches(DNS_NAME, "be a lowercase DNS name of two labels or more (letters, digits and hyphens, at most 63 a label)")), orNull(maxLength(253, "have at most 253 characters"))],
  },
  {
    name: "reader_domain_name",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description: "Name of the record for the reader endpoint (cluster mode off only). Null for none.",
    rules: [orNull(matches(DNS_NAME, "be a lowercase DNS name of two labels or more (letters, digits and hyphens, at most 63 a label)")), orNull(maxLength(253, "have at most 253 characters"))],
  },
  {
    name: "route53_record_ttl",
    type: "number",
    required: false,
    default: 300,
    since: "this module",
    description: "Seconds resolvers may cache the records.",
    rules: [wholeNumber(0, 172800)],
  },
  {
    name: "kubernetes_service_namespace",
    type: "string",
    required: false,
    default: "default",
    since: "this module",
    description: "Kubernetes namespace of the services the service_dns_mappings output describes.",
    rules: [matches(KUBERNETES_NAMESPACE, "be a Kubernetes namespace: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit")],
  },
  {
    name: "share_snapshot_with_another_account",
    type: "bool",
    required: false,
    default: false,
    since: "this module",
    description:
      "Export the newest snapshot on a schedule to a bucket this module creates, which S3 replicates to share_snapshot_destination_bucket_arn in account share_snapshot_with_account_id (docs/snapshot-export.md).",
  },
  {
    name: "share_snapshot_with_account_id",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description: "The AWS account that receives the copies. Needed with share_snapshot_with_another_account.",
    rules: [orNull(matches(AWS_ACCOUNT_ID, "be a 12-digit AWS account id"))],
  },
  {
    name: "share_snapshot_destination_bucket_arn",
    type: "string",
    required: false,
    default: null,
    since: "this module",
    description:
      "ARN of the bucket in that account that receives the copies (the redis-snapshot-destination module makes it), in this cluster's region. Needed with share_snapshot_with_another_account.",
    rules: [orNull(matches(S3_BUCKET_ARN, "be an S3 bucket ARN (arn:aws:s3:::name)"))],
  },
  {
    name: "share_snapshot_schedule_expression",
    type: "string",
    required: false,
    default: "rate(1 day)",
    since: "this module",
    description:
      "When the export job runs: an EventBridge cron() or rate() expression, at most 20 times a day (AWS's daily limit of manual snapshots per node).",
    rules: [
      matches(
        SNAPSHOT_SCHEDULE,
        "be rate() of at least 72 minutes, 2 hours or 1 day, or cron() with one minute and one hour, a list of up to 20 hours or */N hours (N from 2): at most 20 runs a day",
      ),
    ],
  },
  {
    name: "share_snapshot_max_snapshots",
    type: "number",
    required: false,
    default: 30,
    since: "this module",
    description: "How many exported snapshots the export bucket keeps; older ones are deleted, and their deletion replicated as delete markers.",
    rules: [wholeNumber(1, 1000)],
  },
  {
    name: "enable_share_snapshot_cloudwatch_alarms",
    type: "bool",
    required: false,
    default: true,
    since: "this module",
    description: "Alarm to alarms_sns_topic_arns when the export job has reported no success within backup_job_alarm_period.",
  },
  {
    name: "backup_job_alarm_period",
    type: "number",
    required: false,
    default: 3600,
    since: "this module",
    description: "Seconds without a successful export after which the job's alarm fires: at least the time between two runs.",
    rules: [wholeMultiple(60, 60, 86400)],
  },
] as const satisfies readonly InputSpec[];

type Input = (typeof INPUTS)[number];

export type InputName = Input["name"];

export type RequiredInputName = Extract<Input, { required: true }>["name"];

/** Inputs whose default is null: "not set" is a value they may have. */
export type NullableInputName = Extract<Input, { default: null }>["name"];

/** An input's entry in the table, with its literal types. */
export type InputOf<N extends InputName> = Extract<Input, { name: N }>;

/** The strings a rule allows when it allows a closed set (orNull keeps the set); never otherwise. */
type SetOf<R> = R extends OneOfRule<infer V> ? V : never;

/** The closed set of strings an input's rules allow; never when they allow any string. */
export type ClosedSet<N extends InputName> =
  InputOf<N> extends { rules: readonly (infer R)[] } ? SetOf<R> : never;

/** The closed set a rule of an object input allows for one of its attributes; never when there is none. */
type AttributeSetOf<R, A extends string> = R extends AttributeRule<A, infer Inner> ? SetOf<Inner> : never;

/** The closed set of one log delivery attribute (destination_type, log_format). */
export type LogDeliverySet<A extends string> = AttributeSetOf<(typeof LOG_DELIVERY_RULES)[number], A>;

/** The table by input name. */
export const INPUT_SPECS: ReadonlyMap<InputName, InputSpec> = new Map(
  (INPUTS as readonly InputSpec[]).map((input) => [input.name as InputName, input]),
);
