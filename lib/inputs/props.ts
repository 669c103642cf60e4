// Generated from the input table (lib/inputs/table.ts) by `npm run docs`; do not edit.
import type { IResolvable } from "cdktf";

/** One shard layout of cluster mode, as a TypeScript literal. */
export interface ClusterModeConfig {
  /** Number of shards (node groups): `num_node_groups`. */
  readonly numNodeGroups: number;
  /** Replicas in each shard, besides its primary: `replicas_per_node_group`. */
  readonly replicasPerNodeGroup: number;
}

/** Where ElastiCache delivers one of its logs, as a TypeScript literal. */
export interface LogDeliveryConfig {
  /** CloudWatch Logs group or Kinesis Data Firehose stream name: `destination`. */
  readonly destination: string;
  /** Which kind of destination it is: `destination_type`. */
  readonly destinationType: "cloudwatch-logs" | "kinesis-firehose";
  /** Format of the log entries: `log_format`. */
  readonly logFormat: "text" | "json";
}

/**
 * Props of the ElastiCacheRedis construct: one per input of the Gruntwork module (v0.85.0's and
 * later releases') and of this module, named in camelCase. Each takes a literal or, where the
 * value may come from Terraform, a token.
 */
export interface ElastiCacheRedisProps {
  /**
   * Name of the cluster. Used as the replication group id and as the prefix of every other resource
   * name; lowercase and unique per region.
   *
   * Must be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with
   * a hyphen; must not contain "--"; must keep the subnet group name "<name>-subnet-group" within
   * 255 characters.
   *
   * Terraform variable: `name` (Gruntwork v0.85.0).
   */
  readonly name: string;

  /**
   * Node type of every cache node, for example cache.t3.micro or cache.r6g.large. An r6gd type
   * tiers data between memory and SSD (data tiering) and needs Redis OSS 6.2 or later, or Valkey.
   *
   * Must be a node type cache.<family>.<size> in lowercase, its size micro, small, medium, large,
   * xlarge or 2xlarge to 99xlarge.
   *
   * Terraform variable: `instance_type` (Gruntwork v0.85.0).
   */
  readonly instanceType: string;

  /**
   * Number of nodes when cluster mode is off: 1 is a primary alone, 2 a primary and one replica,
   * and so on. Ignored in cluster mode.
   *
   * Terraform variable: `replication_group_size` (Gruntwork v0.85.0).
   */
  readonly replicationGroupSize: number;

  /**
   * Promote a replica automatically when the primary fails. Needs at least two nodes.
   *
   * Terraform variable: `enable_automatic_failover` (Gruntwork v0.85.0).
   */
  readonly enableAutomaticFailover: boolean | IResolvable;

  /**
   * Place replicas in other availability zones than the primary. Needs automatic failover.
   *
   * Terraform variable: `enable_multi_az` (Gruntwork v0.85.0).
   */
  readonly enableMultiAz: boolean | IResolvable;

  /**
   * VPC that the cluster's security group belongs to.
   *
   * Should be a VPC id: "vpc-" followed by hexadecimal digits (a warning).
   *
   * Terraform variable: `vpc_id` (Gruntwork v0.85.0).
   */
  readonly vpcId: string;

  /**
   * Subnets the cache nodes are placed in; usually private subnets spread over several availability
   * zones.
   *
   * Must hold at least one subnet id; should hold only subnet ids: "subnet-" followed by
   * hexadecimal digits (a warning).
   *
   * Terraform variable: `subnet_ids` (Gruntwork v0.85.0).
   */
  readonly subnetIds: string[];

  /**
   * Engine version. Redis OSS: X.Y.Z up to 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from 6 on (e.g. 6.2,
   * 7.1). Valkey (engine = "valkey"): 7.2, 8.0, 8.1.
   *
   * Must be X.Y.Z up to version 5 (e.g. 5.0.6), 6.x, or MAJOR.MINOR from version 6 on (e.g. 6.2,
   * 7.1, 8.0); AWS does not accept 7.x.
   *
   * Terraform variable: `redis_version` (Gruntwork v0.85.0).
   *
   * @default "5.0.6"
   */
  readonly redisVersion?: string;

  /**
   * TCP port the nodes accept connections on.
   *
   * Must be a whole number from 1 to 65535.
   *
   * Terraform variable: `port` (Gruntwork v0.85.0).
   *
   * @default 6379
   */
  readonly port?: number;

  /**
   * Sensitive. Password clients must send with the Redis AUTH command. Needs transit encryption.
   * Leave null for no password.
   *
   * Must be null or 16-128 printable ASCII characters other than @, " and /.
   *
   * Terraform variable: `auth_token` (Gruntwork v0.85.0).
   *
   * @default - not set
   */
  readonly authToken?: string;

  /**
   * Encrypt data on disk, snapshots included. Changing it replaces the cluster.
   *
   * Terraform variable: `enable_at_rest_encryption` (Gruntwork v0.85.0).
   *
   * @default true
   */
  readonly enableAtRestEncryption?: boolean | IResolvable;

  /**
   * Require TLS between clients and nodes and between nodes.
   *
   * Terraform variable: `enable_transit_encryption` (Gruntwork v0.85.0).
   *
   * @default true
   */
  readonly enableTransitEncryption?: boolean | IResolvable;

  /**
   * Daily UTC time range (hh24:mi-hh24:mi) in which snapshots are taken; "" lets AWS choose or,
   * with retention 0, disables them.
   *
   * Must be "" or a daily UTC window hh24:mi-hh24:mi of at least 60 minutes.
   *
   * Terraform variable: `snapshot_window` (Gruntwork v0.85.0).
   *
   * @default "06:00-07:00"
   */
  readonly snapshotWindow?: string;

  /**
   * Days automatic snapshots are kept; 0 turns automatic snapshots off.
   *
   * Must be a whole number from 0 to 35.
   *
   * Terraform variable: `snapshot_retention_limit` (Gruntwork v0.85.0).
   *
   * @default 15
   */
  readonly snapshotRetentionLimit?: number;

  /**
   * Name of an ElastiCache snapshot to create the cluster from.
   *
   * Terraform variable: `snapshot_name` (Gruntwork v0.85.0).
   *
   * @default - not set
   */
  readonly snapshotName?: string;

  /**
   * ARN of a Redis RDB file in S3 to create the cluster from.
   *
   * Must be null or the ARN of an S3 object (arn:aws:s3:::bucket/key) without commas.
   *
   * Terraform variable: `snapshot_arn` (Gruntwork v0.85.0).
   *
   * @default - not set
   */
  readonly snapshotArn?: string;

  /**
   * Weekly UTC time range (ddd:hh24:mi-ddd:hh24:mi) in which AWS may patch the nodes.
   *
   * Must be a weekly UTC window ddd:hh24:mi-ddd:hh24:mi (ddd: sun, mon, tue, wed, thu, fri, sat) of
   * at least 60 minutes.
   *
   * Terraform variable: `maintenance_window` (Gruntwork v0.85.0).
   *
   * @default "sat:07:00-sat:08:00"
   */
  readonly maintenanceWindow?: string;

  /**
   * Parameter group to use. Null picks the AWS default group of the engine version's family (with
   * .cluster.on in cluster mode).
   *
   * Terraform variable: `parameter_group_name` (Gruntwork v0.85.0).
   *
   * @default - not set
   */
  readonly parameterGroupName?: string;

  /**
   * Apply changes right away instead of in the next maintenance window.
   *
   * Terraform variable: `apply_immediately` (Gruntwork v0.85.0).
   *
   * @default false
   */
  readonly applyImmediately?: boolean | IResolvable;

  /**
   * Empty for cluster mode off; one object (num_node_groups shards, replicas_per_node_group
   * replicas in each) to shard the data.
   *
   * Must be empty (cluster mode off) or hold exactly one object; must have num_node_groups a whole
   * number from 1 to 500; must have replicas_per_node_group a whole number from 0 to 5.
   *
   * Terraform variable: `cluster_mode` (Gruntwork v0.85.0).
   *
   * @default []
   */
  readonly clusterMode?: ClusterModeConfig[] | IResolvable;

  /**
   * IPv4 CIDR blocks allowed to connect to the port.
   *
   * Must hold only IPv4 CIDR blocks, such as 10.0.0.0/16.
   *
   * Terraform variable: `allow_connections_from_cidr_blocks` (Gruntwork v0.85.0).
   *
   * @default []
   */
  readonly allowConnectionsFromCidrBlocks?: string[];

  /**
   * Security group ids allowed to connect to the port.
   *
   * Should hold only security group ids: "sg-" followed by hexadecimal digits (a warning).
   *
   * Terraform variable: `allow_connections_from_security_groups` (Gruntwork v0.85.0).
   *
   * @default []
   */
  readonly allowConnectionsFromSecurityGroups?: string[];

  /**
   * Create CPU, engine CPU, freeable memory and swap alarms for every member node.
   *
   * Terraform variable: `enable_cloudwatch_alarms` (Gruntwork v0.85.0).
   *
   * @default true
   */
  readonly enableCloudwatchAlarms?: boolean | IResolvable;

  /**
   * SNS topics notified when an alarm changes state (alarm, OK and insufficient data).
   *
   * Should hold only SNS topic ARNs (arn:aws:sns:region:account:name) (a warning).
   *
   * Terraform variable: `alarms_sns_topic_arns` (Gruntwork v0.85.0).
   *
   * @default []
   */
  readonly alarmsSnsTopicArns?: string[];

  /**
   * SNS topic that receives the replication group's events; "" for none.
   *
   * Should be "" or an SNS topic ARN (arn:aws:sns:region:account:name) (a warning).
   *
   * Terraform variable: `sns_topic_for_notifications` (Gruntwork v0.85.0).
   *
   * @default ""
   */
  readonly snsTopicForNotifications?: string;

  /**
   * Tags put on the replication group.
   *
   * Must have keys of at most 128 and values of at most 256 characters.
   *
   * Terraform variable: `tags` (Gruntwork v0.85.0).
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;

  /**
   * How the alarms treat missing data points: missing, ignore, breaching or notBreaching. The
   * per-alarm inputs, where set, win over it.
   *
   * Must be one of "missing", "ignore", "breaching", "notBreaching".
   *
   * Terraform variable: `alarm_treat_missing_data` (Gruntwork v0.96.3).
   *
   * @default "missing"
   */
  readonly alarmTreatMissingData?: "missing" | "ignore" | "breaching" | "notBreaching";

  /**
   * Free memory, in bytes, below which the low-memory alarm of a node fires.
   *
   * Must be a number of at least 0.
   *
   * Terraform variable: `alarm_low_memory_available_threshold` (Gruntwork v0.104.5).
   *
   * @default 100000000
   */
  readonly alarmLowMemoryAvailableThreshold?: number;

  /**
   * Shards in cluster mode, the later form of cluster_mode (give it with replicas_per_node_group,
   * and not together with cluster_mode). Null for cluster mode off.
   *
   * Must be null or a whole number from 1 to 500.
   *
   * Terraform variable: `num_node_groups` (Gruntwork v0.105.0).
   *
   * @default - not set
   */
  readonly numNodeGroups?: number;

  /**
   * Replicas in each shard besides its primary, with num_node_groups.
   *
   * Must be null or a whole number from 0 to 5.
   *
   * Terraform variable: `replicas_per_node_group` (Gruntwork v0.105.0).
   *
   * @default - not set
   */
  readonly replicasPerNodeGroup?: number;

  /**
   * Apply minor engine upgrades in the maintenance window. Null sends nothing, so AWS's default
   * (true) stays, as with v0.85.0 (Gruntwork's later default is false).
   *
   * Terraform variable: `auto_minor_version_upgrade` (Gruntwork v0.111.6).
   *
   * @default - not set
   */
  readonly autoMinorVersionUpgrade?: boolean | IResolvable;

  /**
   * Deliver the engine log: destination (a CloudWatch Logs group or Kinesis Data Firehose stream),
   * destination_type (cloudwatch-logs or kinesis-firehose), log_format (text or json). Null for
   * none.
   *
   * Must be null or have destination a log group or delivery stream name (letters, digits and . - _
   * / #), not an ARN; must be null or have destination_type one of "cloudwatch-logs",
   * "kinesis-firehose"; must be null or have log_format one of "text", "json".
   *
   * Terraform variable: `engine_log_delivery_configuration` (Gruntwork v0.111.6).
   *
   * @default - not set
   */
  readonly engineLogDeliveryConfiguration?: LogDeliveryConfig | IResolvable;

  /**
   * Deliver the slow log; the same object as engine_log_delivery_configuration. Null for none.
   *
   * Must be null or have destination a log group or delivery stream name (letters, digits and . - _
   * / #), not an ARN; must be null or have destination_type one of "cloudwatch-logs",
   * "kinesis-firehose"; must be null or have log_format one of "text", "json".
   *
   * Terraform variable: `slow_log_delivery_configuration` (Gruntwork v0.111.6).
   *
   * @default - not set
   */
  readonly slowLogDeliveryConfiguration?: LogDeliveryConfig | IResolvable;

  /**
   * How the high CPU alarm treats missing data; null for alarm_treat_missing_data.
   *
   * Must be null or one of "missing", "ignore", "breaching", "notBreaching".
   *
   * Terraform variable: `alarm_high_cpu_utilization_treat_missing_data` (Gruntwork v0.146.0).
   *
   * @default - not set
   */
  readonly alarmHighCpuUtilizationTreatMissingData?: "missing" | "ignore" | "breaching" | "notBreaching";

  /**
   * How the low-memory alarm treats missing data; null for alarm_treat_missing_data.
   *
   * Must be null or one of "missing", "ignore", "breaching", "notBreaching".
   *
   * Terraform variable: `alarm_low_memory_available_treat_missing_data` (Gruntwork v0.146.0).
   *
   * @default - not set
   */
  readonly alarmLowMemoryAvailableTreatMissingData?: "missing" | "ignore" | "breaching" | "notBreaching";

  /**
   * Cache engine: "redis" (Redis OSS) or "valkey" (needs AWS provider 5.73 or later). redis_version
   * is the engine version for both. A Redis OSS cluster at 5.0.6 or later can move to Valkey in
   * place; there is no way back.
   *
   * Must be one of "redis", "valkey".
   *
   * Terraform variable: `engine` (this module's own, not in Gruntwork's).
   *
   * @default "redis"
   */
  readonly engine?: "redis" | "valkey";

  /**
   * ARN of a customer managed KMS key for at-rest encryption (needs enable_at_rest_encryption).
   * Null for the AWS managed key. Changing it replaces the cluster.
   *
   * Should be a KMS key ARN (arn:aws:kms:region:account:key/id) (a warning).
   *
   * Terraform variable: `kms_key_id` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly kmsKeyId?: string;

  /**
   * Let Application Auto Scaling change the shards or the replicas per shard (auto_scale_dimension)
   * within auto_scale_min_capacity and auto_scale_max_capacity. Needs cluster mode; Terraform then
   * leaves that count to AWS, and the alarms watch every node of the group, those AWS adds
   * included, by a tag on the group.
   *
   * Terraform variable: `enable_auto_scaling` (this module's own, not in Gruntwork's).
   *
   * @default false
   */
  readonly enableAutoScaling?: boolean | IResolvable;

  /**
   * What automatic scaling changes: the shards (elasticache:replication-group:NodeGroups) or the
   * replicas in each shard (elasticache:replication-group:Replicas).
   *
   * Must be one of "elasticache:replication-group:NodeGroups",
   * "elasticache:replication-group:Replicas".
   *
   * Terraform variable: `auto_scale_dimension` (this module's own, not in Gruntwork's).
   *
   * @default "elasticache:replication-group:NodeGroups"
   */
  readonly autoScaleDimension?: "elasticache:replication-group:NodeGroups" | "elasticache:replication-group:Replicas";

  /**
   * Fewest shards, or replicas per shard, automatic scaling keeps. Null for the starting count
   * (num_node_groups or replicas_per_node_group).
   *
   * Must be null or a whole number from 1 to 500.
   *
   * Terraform variable: `auto_scale_min_capacity` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly autoScaleMinCapacity?: number;

  /**
   * Most shards (up to 500), or replicas per shard (up to 5), automatic scaling adds. Needed with
   * enable_auto_scaling.
   *
   * Must be null or a whole number from 1 to 500.
   *
   * Terraform variable: `auto_scale_max_capacity` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly autoScaleMaxCapacity?: number;

  /**
   * The metric automatic scaling keeps at its target: for shards
   * ElastiCachePrimaryEngineCPUUtilization, ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage
   * or ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage; for replicas
   * ElastiCacheReplicaEngineCPUUtilization. Null for the engine CPU of the dimension.
   *
   * Must be null or one of "ElastiCachePrimaryEngineCPUUtilization",
   * "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
   * "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
   * "ElastiCacheReplicaEngineCPUUtilization".
   *
   * Terraform variable: `auto_scale_trigger_metric` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly autoScaleTriggerMetric?: "ElastiCachePrimaryEngineCPUUtilization" | "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage" | "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage" | "ElastiCacheReplicaEngineCPUUtilization";

  /**
   * The percentage automatic scaling keeps the metric at, from 35 to 70 as AWS advises.
   *
   * Must be a number from 35 to 70.
   *
   * Terraform variable: `auto_scale_trigger_metric_target_value` (this module's own, not in
   * Gruntwork's).
   *
   * @default 60
   */
  readonly autoScaleTriggerMetricTargetValue?: number;

  /**
   * Only add capacity: automatic scaling never removes shards or replicas.
   *
   * Terraform variable: `auto_scale_disable_scale_in` (this module's own, not in Gruntwork's).
   *
   * @default false
   */
  readonly autoScaleDisableScaleIn?: boolean | IResolvable;

  /**
   * Seconds after a scale-in before another scaling activity (AWS's default for ElastiCache).
   *
   * Must be a whole number from 0 to 86400.
   *
   * Terraform variable: `auto_scale_scale_in_cooldown` (this module's own, not in Gruntwork's).
   *
   * @default 900
   */
  readonly autoScaleScaleInCooldown?: number;

  /**
   * Seconds after a scale-out before another scale-out (AWS's default for ElastiCache).
   *
   * Must be a whole number from 0 to 86400.
   *
   * Terraform variable: `auto_scale_scale_out_cooldown` (this module's own, not in Gruntwork's).
   *
   * @default 600
   */
  readonly autoScaleScaleOutCooldown?: number;

  /**
   * Create CNAME records in hosted_zone_id: primary_domain_name for the primary endpoint (the
   * configuration endpoint in cluster mode), and reader_domain_name for the reader endpoint.
   *
   * Terraform variable: `create_route53_entry` (this module's own, not in Gruntwork's).
   *
   * @default false
   */
  readonly createRoute53Entry?: boolean | IResolvable;

  /**
   * Id of the Route 53 hosted zone, usually private to the VPC, that holds the records. Needed with
   * create_route53_entry.
   *
   * Should be a Route 53 hosted zone id (Z and up to 32 uppercase letters and digits) (a warning).
   *
   * Terraform variable: `hosted_zone_id` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly hostedZoneId?: string;

  /**
   * Name of the record for the primary endpoint, or the configuration endpoint in cluster mode.
   * Needed with create_route53_entry.
   *
   * Must be null or a lowercase DNS name of two labels or more (letters, digits and hyphens, at
   * most 63 a label); must be null or have at most 253 characters.
   *
   * Terraform variable: `primary_domain_name` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly primaryDomainName?: string;

  /**
   * Name of the record for the reader endpoint (cluster mode off only). Null for none.
   *
   * Must be null or a lowercase DNS name of two labels or more (letters, digits and hyphens, at
   * most 63 a label); must be null or have at most 253 characters.
   *
   * Terraform variable: `reader_domain_name` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly readerDomainName?: string;

  /**
   * Seconds resolvers may cache the records.
   *
   * Must be a whole number from 0 to 172800.
   *
   * Terraform variable: `route53_record_ttl` (this module's own, not in Gruntwork's).
   *
   * @default 300
   */
  readonly route53RecordTtl?: number;

  /**
   * Kubernetes namespace of the services the service_dns_mappings output describes.
   *
   * Must be a Kubernetes namespace: 1 to 63 lowercase letters, digits and hyphens, starting and
   * ending with a letter or digit.
   *
   * Terraform variable: `kubernetes_service_namespace` (this module's own, not in Gruntwork's).
   *
   * @default "default"
   */
  readonly kubernetesServiceNamespace?: string;

  /**
   * Export the newest snapshot on a schedule to a bucket this module creates, which S3 replicates
   * to share_snapshot_destination_bucket_arn in account share_snapshot_with_account_id
   * (docs/snapshot-export.md).
   *
   * Terraform variable: `share_snapshot_with_another_account` (this module's own, not in
   * Gruntwork's).
   *
   * @default false
   */
  readonly shareSnapshotWithAnotherAccount?: boolean | IResolvable;

  /**
   * The AWS account that receives the copies. Needed with share_snapshot_with_another_account.
   *
   * Must be null or a 12-digit AWS account id.
   *
   * Terraform variable: `share_snapshot_with_account_id` (this module's own, not in Gruntwork's).
   *
   * @default - not set
   */
  readonly shareSnapshotWithAccountId?: string;

  /**
   * ARN of the bucket in that account that receives the copies (the redis-snapshot-destination
   * module makes it), in this cluster's region. Needed with share_snapshot_with_another_account.
   *
   * Must be null or an S3 bucket ARN (arn:aws:s3:::name).
   *
   * Terraform variable: `share_snapshot_destination_bucket_arn` (this module's own, not in
   * Gruntwork's).
   *
   * @default - not set
   */
  readonly shareSnapshotDestinationBucketArn?: string;

  /**
   * When the export job runs: an EventBridge cron() or rate() expression, at most 20 times a day
   * (AWS's daily limit of manual snapshots per node).
   *
   * Must be rate() of at least 72 minutes, 2 hours or 1 day, or cron() with one minute and one
   * hour, a list of up to 20 hours or *\/N hours (N from 2): at most 20 runs a day.
   *
   * Terraform variable: `share_snapshot_schedule_expression` (this module's own, not in
   * Gruntwork's).
   *
   * @default "rate(1 day)"
   */
  readonly shareSnapshotScheduleExpression?: string;

  /**
   * How many exported snapshots the export bucket keeps; older ones are deleted, and their deletion
   * replicated as delete markers.
   *
   * Must be a whole number from 1 to 1000.
   *
   * Terraform variable: `share_snapshot_max_snapshots` (this module's own, not in Gruntwork's).
   *
   * @default 30
   */
  readonly shareSnapshotMaxSnapshots?: number;

  /**
   * Alarm to alarms_sns_topic_arns when the export job has reported no success within
   * backup_job_alarm_period.
   *
   * Terraform variable: `enable_share_snapshot_cloudwatch_alarms` (this module's own, not in
   * Gruntwork's).
   *
   * @default true
   */
  readonly enableShareSnapshotCloudwatchAlarms?: boolean | IResolvable;

  /**
   * Seconds without a successful export after which the job's alarm fires: at least the time
   * between two runs.
   *
   * Must be a multiple of 60 from 60 to 86400.
   *
   * Terraform variable: `backup_job_alarm_period` (this module's own, not in Gruntwork's).
   *
   * @default 3600
   */
  readonly backupJobAlarmPeriod?: number;
}
