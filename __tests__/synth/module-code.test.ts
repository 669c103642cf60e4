/**
 * The drop-in module's code as a reviewer reads it: every rule's condition and every derived
 * argument, written out here as the HCL that was read and approved. Whether the HCL means what
 * the spec says is Terraform's to show (__tests__/terraform/rules.test.ts, __tests__/terraform/behaviour.test.ts,
 * __tests__/terraform/windows.test.ts); this pins what users vendor, so that any change to it is a diff
 * someone reads. Terraform also checks the window arithmetic over a grid of windows
 * (__tests__/terraform/windows.test.ts).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { NODE_TYPE_NAMES } from "../../lib/inputs/node-types";
import { synthModule, TerraformJson } from "../../tools/synth";

const VALIDATIONS: Record<string, string[]> = {
  alarm_high_cpu_utilization_treat_missing_data: [
    "${var.alarm_high_cpu_utilization_treat_missing_data == null ? true : contains([\"missing\", \"ignore\", \"breaching\", \"notBreaching\"], var.alarm_high_cpu_utilization_treat_missing_data)}",
  ],
  alarm_low_memory_available_threshold: [
    "${var.alarm_low_memory_available_threshold >= 0}",
  ],
  alarm_low_memory_available_treat_missing_data: [
    "${var.alarm_low_memory_available_treat_missing_data == null ? true : contains([\"missing\", \"ignore\", \"breaching\", \"notBreaching\"], var.alarm_low_memory_available_treat_missing_data)}",
  ],
  alarm_treat_missing_data: [
    "${contains([\"missing\", \"ignore\", \"breaching\", \"notBreaching\"], var.alarm_treat_missing_data)}",
  ],
  allow_connections_from_cidr_blocks: [
    "${alltrue([for item in var.allow_connections_from_cidr_blocks : can(regex(\"^(?:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2]))$\", item))])}",
  ],
  cluster_mode: [
    "${length(var.cluster_mode) <= 1}",
    "${alltrue([for item in var.cluster_mode : (floor(item.num_node_groups) == item.num_node_groups && item.num_node_groups >= 1 && item.num_node_groups <= 500)])}",
    "${alltrue([for item in var.cluster_mode : (floor(item.replicas_per_node_group) == item.replicas_per_node_group && item.replicas_per_node_group >= 0 && item.replicas_per_node_group <= 5)])}",
  ],
  engine: [
    "${contains([\"redis\", \"valkey\"], var.engine)}",
  ],
  engine_log_delivery_configuration: [
    "${var.engine_log_delivery_configuration == null ? true : can(regex(\"^(?:[-._/#A-Za-z0-9]{1,512})$\", var.engine_log_delivery_configuration.destination))}",
    "${var.engine_log_delivery_configuration == null ? true : contains([\"cloudwatch-logs\", \"kinesis-firehose\"], var.engine_log_delivery_configuration.destination_type)}",
    "${var.engine_log_delivery_configuration == null ? true : contains([\"text\", \"json\"], var.engine_log_delivery_configuration.log_format)}",
  ],
  maintenance_window: [
    "${try([for w in [regex(\"^([a-z]{3}):([01][0-9]|2[0-3]):([0-5][0-9])-([a-z]{3}):([01][0-9]|2[0-3]):([0-5][0-9])$\", var.maintenance_window)] : (((index([\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"], w[3]) * 1440 + w[4] * 60 + w[5]) - (index([\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"], w[0]) * 1440 + w[1] * 60 + w[2]) + 10080) % 10080)][0] >= 60, false)}",
  ],
  name: [
    "${can(regex(\"^(?:[a-z]([a-z0-9-]{0,38}[a-z0-9])?)$\", var.name))}",
    "${!strcontains(var.name, \"--\")}",
    "${length(var.name) <= 242}",
  ],
  num_node_groups: [
    "${var.num_node_groups == null ? true : (floor(var.num_node_groups) == var.num_node_groups && var.num_node_groups >= 1 && var.num_node_groups <= 500)}",
  ],
  port: [
    "${floor(var.port) == var.port && var.port >= 1 && var.port <= 65535}",
  ],
  redis_version: [
    "${can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version))}",
  ],
  replicas_per_node_group: [
    "${var.replicas_per_node_group == null ? true : (floor(var.replicas_per_node_group) == var.replicas_per_node_group && var.replicas_per_node_group >= 0 && var.replicas_per_node_group <= 5)}",
  ],
  slow_log_delivery_configuration: [
    "${var.slow_log_delivery_configuration == null ? true : can(regex(\"^(?:[-._/#A-Za-z0-9]{1,512})$\", var.slow_log_delivery_configuration.destination))}",
    "${var.slow_log_delivery_configuration == null ? true : contains([\"cloudwatch-logs\", \"kinesis-firehose\"], var.slow_log_delivery_configuration.destination_type)}",
    "${var.slow_log_delivery_configuration == null ? true : contains([\"text\", \"json\"], var.slow_log_delivery_configuration.log_format)}",
  ],
  snapshot_arn: [
    "${var.snapshot_arn == null ? true : can(regex(\"^(?:arn:aws[a-z-]*:s3:::[^,/]+/[^,]+)$\", var.snapshot_arn))}",
  ],
  snapshot_retention_limit: [
    "${floor(var.snapshot_retention_limit) == var.snapshot_retention_limit && var.snapshot_retention_limit >= 0 && var.snapshot_retention_limit <= 35}",
  ],
  snapshot_window: [
    "${var.snapshot_window == \"\" || try([for w in [regex(\"^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$\", var.snapshot_window)] : (((w[2] * 60 + w[3]) - (w[0] * 60 + w[1]) + 1440) % 1440)][0] >= 60, false)}",
  ],
  subnet_ids: [
    "${length(var.subnet_ids) > 0}",
  ],
  tags: [
    "${alltrue([for key, val in var.tags : length(key) <= 128 && length(val) <= 256])}",
  ],
  auto_scale_dimension: [
    "${contains([\"elasticache:replication-group:NodeGroups\", \"elasticache:replication-group:Replicas\"], var.auto_scale_dimension)}",
  ],
  auto_scale_min_capacity: [
    "${var.auto_scale_min_capacity == null ? true : (floor(var.auto_scale_min_capacity) == var.auto_scale_min_capacity && var.auto_scale_min_capacity >= 1 && var.auto_scale_min_capacity <= 500)}",
  ],
  auto_scale_max_capacity: [
    "${var.auto_scale_max_capacity == null ? true : (floor(var.auto_scale_max_capacity) == var.auto_scale_max_capacity && var.auto_scale_max_capacity >= 1 && var.auto_scale_max_capacity <= 500)}",
  ],
  auto_scale_trigger_metric: [
    "${var.auto_scale_trigger_metric == null ? true : contains([\"ElastiCachePrimaryEngineCPUUtilization\", \"ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage\", \"ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage\", \"ElastiCacheReplicaEngineCPUUtilization\"], var.auto_scale_trigger_metric)}",
  ],
  auto_scale_trigger_metric_target_value: ["${var.auto_scale_trigger_metric_target_value >= 35 && var.auto_scale_trigger_metric_target_value <= 70}"],
  auto_scale_scale_in_cooldown: [
    "${floor(var.auto_scale_scale_in_cooldown) == var.auto_scale_scale_in_cooldown && var.auto_scale_scale_in_cooldown >= 0 && var.auto_scale_scale_in_cooldown <= 86400}",
  ],
  auto_scale_scale_out_cooldown: [
    "${floor(var.auto_scale_scale_out_cooldown) == var.auto_scale_scale_out_cooldown && var.auto_scale_scale_out_cooldown >= 0 && var.auto_scale_scale_out_cooldown <= 86400}",
  ],
  primary_domain_name: [
    '${var.primary_domain_name == null ? true : can(regex("^(?:([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.?)$", var.primary_domain_name))}',
    "${var.primary_domain_name == null ? true : (length(var.primary_domain_name) <= 253)}",
  ],
  reader_domain_name: [
    '${var.reader_domain_name == null ? true : can(regex("^(?:([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.?)$", var.reader_domain_name))}',
    "${var.reader_domain_name == null ? true : (length(var.reader_domain_name) <= 253)}",
  ],
  route53_record_ttl: ["${floor(var.route53_record_ttl) == var.route53_record_ttl && var.route53_record_ttl >= 0 && var.route53_record_ttl <= 172800}"],
  kubernetes_service_namespace: ['${can(regex("^(?:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$", var.kubernetes_service_namespace))}'],
  share_snapshot_with_account_id: ['${var.share_snapshot_with_account_id == null ? true : can(regex("^(?:[0-9]{12})$", var.share_snapshot_with_account_id))}'],
  share_snapshot_destination_bucket_arn: [
    '${var.share_snapshot_destination_bucket_arn == null ? true : can(regex("^(?:arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$", var.share_snapshot_destination_bucket_arn))}',
  ],
  // rate() of 72 minutes, 2 hours or a day at least; cron() at one minute of at most 20 hours a day.
  share_snapshot_schedule_expression: [
    '${can(regex("^(?:rate\\\\((1 day|([2-9]|[1-9][0-9]+) days|([2-9]|[1-9][0-9]+) hours|(7[2-9]|[89][0-9]|[1-9][0-9]{2,}) minutes)\\\\)' +
      '|cron\\\\([0-5]?[0-9] (([01]?[0-9]|2[0-3])(,([01]?[0-9]|2[0-3])){0,19}|(\\\\*|([01]?[0-9]|2[0-3]))/([2-9]|1[0-9]|2[0-3]))( [0-9A-Z*?/,L#-]+){4}\\\\))$", var.share_snapshot_schedule_expression))}',
  ],
  share_snapshot_max_snapshots: [
    "${floor(var.share_snapshot_max_snapshots) == var.share_snapshot_max_snapshots && var.share_snapshot_max_snapshots >= 1 && var.share_snapshot_max_snapshots <= 1000}",
  ],
  backup_job_alarm_period: [
    "${floor(var.backup_job_alarm_period) == var.backup_job_alarm_period && var.backup_job_alarm_period % 60 == 0 && var.backup_job_alarm_period >= 60 && var.backup_job_alarm_period <= 86400}",
  ],
};
const PRECONDITIONS: string[] = [
  "${can(regex(\"^(?:cache\\\\.[a-z]+[0-9]+[a-z]*\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type))}",
  "${nonsensitive(sensitive((var.auth_token == null ? true : can(regex(\"^(?:[ !#-.0-?A-~]{16,128})$\", var.auth_token)))))}",
  "${length(local.cluster_mode) > 0 || (floor(var.replication_group_size) == var.replication_group_size && var.replication_group_size >= 1 && var.replication_group_size <= 6)}",
  "${!var.enable_automatic_failover || var.replication_group_size >= 2 || length(local.cluster_mode) > 0}",
  "${!var.enable_multi_az || var.enable_automatic_failover}",
  "${length(local.cluster_mode) == 0 || var.enable_automatic_failover}",
  "${nonsensitive(sensitive((var.auth_token == null))) || var.enable_transit_encryption}",
  "${var.snapshot_retention_limit == 0 || !local.windows_overlap}",
  "${length(var.cluster_mode) == 0 || var.num_node_groups == null && var.replicas_per_node_group == null}",
  "${length(var.cluster_mode) > 0 || (var.num_node_groups == null) == (var.replicas_per_node_group == null)}",
  "${var.engine != \"valkey\" || (!can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)) || can(regex(\"^(?:7\\\\.2|([89]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)))}",
  "${var.engine != \"redis\" || (!can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)) || can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.(x|[0-9]+)|7\\\\.[01])$\", var.redis_version)))}",
  "${var.slow_log_delivery_configuration == null || var.engine != \"redis\" || can(regex(\"^(?:(6|[7-9]|[1-9][0-9])\\\\..*)$\", var.redis_version))}",
  "${var.engine_log_delivery_configuration == null || var.engine != \"redis\" || can(regex(\"^(?:6\\\\.(x|[2-9]|[1-9][0-9])|([7-9]|[1-9][0-9])\\\\..*)$\", var.redis_version))}",
  "${var.parameter_group_name == null ? true : !startswith(var.parameter_group_name, \"default.\") || trimsuffix(trimprefix(var.parameter_group_name, \"default.\"), \".cluster.on\") == local.parameter_group_family}",
  "${local.data_tiering == null || var.engine != \"redis\" || (!can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)) || can(regex(\"^(?:6\\\\.(x|[2-9]|[1-9][0-9])|([7-9]|[1-9][0-9])\\\\..*)$\", var.redis_version)))}",
  "${var.kms_key_id == null || var.enable_at_rest_encryption}",
  "${var.snapshot_name == null || var.snapshot_arn == null}",  "${!var.enable_auto_scaling || length(local.cluster_mode) > 0}",
  "${!var.enable_auto_scaling || var.engine != \"redis\" || (!can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)) || can(regex(\"^(?:(6|[7-9]|[1-9][0-9])\\\\..*)$\", var.redis_version)))}",
  "${!var.enable_auto_scaling || !can(regex(\"^(?:cache\\\\.(r6gd)\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type)) || var.engine != \"redis\" || (!can(regex(\"^(?:[2-5]\\\\.[0-9]+\\\\.[0-9]+|6\\\\.x|([6-9]|[1-9][0-9])\\\\.[0-9]+)$\", var.redis_version)) || can(regex(\"^(?:([7-9]|[1-9][0-9])\\\\..*)$\", var.redis_version)))}",
  "${!var.enable_auto_scaling || can(regex(\"^(?:cache\\\\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\\\\.(large|xlarge|2xlarge))$\", var.instance_type))}",
  "${!var.enable_auto_scaling || var.auto_scale_max_capacity != null}",
  "${!var.enable_auto_scaling || length(local.cluster_mode) == 0 ? true : (var.auto_scale_max_capacity == null ? true : local.auto_scale_minimum <= local.auto_scale_starting_count && local.auto_scale_starting_count <= var.auto_scale_max_capacity)}",
  "${!var.enable_auto_scaling || length(local.cluster_mode) == 0 ? true : (var.auto_scale_dimension != \"elasticache:replication-group:Replicas\" ? true : local.auto_scale_minimum >= 1 && (var.auto_scale_max_capacity == null ? true : var.auto_scale_max_capacity <= 5))}",
  "${!var.enable_auto_scaling || var.auto_scale_trigger_metric == null ? true : (var.auto_scale_dimension == \"elasticache:replication-group:Replicas\") == (var.auto_scale_trigger_metric == \"ElastiCacheReplicaEngineCPUUtilization\")}",
  "${!var.enable_auto_scaling || var.auto_scale_trigger_metric == null ? true : var.auto_scale_trigger_metric != \"ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage\" || !can(regex(\"^(?:cache\\\\.(r6gd)\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type))}",
  "${!var.create_route53_entry || var.hosted_zone_id != null}",
  "${!var.create_route53_entry || var.primary_domain_name != null}",
  "${!var.create_route53_entry || var.reader_domain_name == null || length(local.cluster_mode) == 0}",
  '${!var.create_route53_entry || var.reader_domain_name == null || var.primary_domain_name == null ? true : trimsuffix(var.primary_domain_name, ".") != trimsuffix(var.reader_domain_name, ".")}',
  "${!var.share_snapshot_with_another_account || var.share_snapshot_with_account_id != null}",
  "${!var.share_snapshot_with_another_account || var.share_snapshot_destination_bucket_arn != null}",
  "${!var.share_snapshot_with_another_account || var.kms_key_id == null}",
  "${!var.share_snapshot_with_another_account || !can(regex(\"^(?:cache\\\\.(r6gd)\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type))}",
];
const CHECKS: Record<string, string> = {
  alarms_sns_topic_arns_format: "${alltrue([for item in var.alarms_sns_topic_arns : can(regex(\"^(?:arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\\\.fifo)?)$\", item))])}",
  allow_connections_from_security_groups_format: "${alltrue([for item in var.allow_connections_from_security_groups : can(regex(\"^(?:sg-[0-9a-f]+)$\", item))])}",
  at_rest_encryption: "${var.enable_at_rest_encryption}",
  auth_token_characters: "${nonsensitive(sensitive((var.auth_token == null))) || nonsensitive(sensitive(can(regex(\"^[A-Za-z0-9!&#$^<>-]*$\", var.auth_token))))}",
  instance_type_known: "${!can(regex(\"^(?:cache\\\\.[a-z]+[0-9]+[a-z]*\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type)) || contains(local.node_types, var.instance_type)}",
  auth_token_missing: "${!nonsensitive(sensitive((var.auth_token == null))) || !var.enable_transit_encryption}",
  hosted_zone_id_format: '${var.hosted_zone_id == null || can(regex("^(?:Z[A-Z0-9]{1,32})$", var.hosted_zone_id))}',
  kms_key_id_format: "${var.kms_key_id == null || can(regex(\"^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)$\", var.kms_key_id))}",
  redis_version_support: "${!can(regex(\"^[2-5]\\\\.\", var.redis_version))}",
  snapshots_off_with_replicas: "${var.snapshot_retention_limit > 0 || (length(local.cluster_mode) > 0 ? one(local.cluster_mode[*].replicas_per_node_group) == 0 : var.replication_group_size < 2)}",
  sns_topic_for_notifications_format: "${can(regex(\"^(?:|arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\\\.fifo)?)$\", var.sns_topic_for_notifications))}",
  subnet_ids_format: "${alltrue([for item in var.subnet_ids : can(regex(\"^(?:subnet-[0-9a-f]+)$\", item))])}",
  transit_encryption: "${var.enable_transit_encryption}",
  vpc_id_format: "${can(regex(\"^(?:vpc-[0-9a-f]+)$\", var.vpc_id))}",
};
const DERIVED: Record<string, string> = {
  num_cache_clusters: "${(length(local.cluster_mode) == 0) ? var.replication_group_size : null}",
  // null while automatic scaling owns the count: the argument is optional and computed, so AWS's count stays.
  num_node_groups: "${var.enable_auto_scaling && var.auto_scale_dimension == \"elasticache:replication-group:NodeGroups\" ? null : one(local.cluster_mode[*].num_node_groups)}",
  replicas_per_node_group: "${var.enable_auto_scaling && var.auto_scale_dimension == \"elasticache:replication-group:Replicas\" ? null : one(local.cluster_mode[*].replicas_per_node_group)}",
  parameter_group_name: "${var.parameter_group_name != null ? var.parameter_group_name : format(\"default.%s%s\", local.parameter_group_family, (length(local.cluster_mode) == 0) ? \"\" : \".cluster.on\")}",
  snapshot_window: "${var.snapshot_retention_limit == 0 || var.snapshot_window == \"\" ? null : var.snapshot_window}",
  snapshot_arns: "${var.snapshot_arn == null ? null : [var.snapshot_arn]}",
  notification_topic_arn: "${var.sns_topic_for_notifications == \"\" ? null : var.sns_topic_for_notifications}",
  engine: "${var.engine}",
  kms_key_id: "${var.kms_key_id}",
  auto_minor_version_upgrade: "${var.auto_minor_version_upgrade}",
  auth_token_update_strategy: "${nonsensitive(sensitive((var.auth_token == null))) ? null : \"ROTATE\"}",
  data_tiering_enabled: "${local.data_tiering}",
};
const LOCALS: Record<string, unknown> = {
  // The group's region and account, read from its ARN, name what the snapshot export grants on.
  account_id: '${split(":", aws_elasticache_replication_group.redis.arn)[4]}',
  partition: '${split(":", aws_elasticache_replication_group.redis.arn)[1]}',
  region: '${split(":", aws_elasticache_replication_group.redis.arn)[3]}',
  // The names clients resolve (docs/service-discovery.md): the writer's endpoint, and each service's target.
  writer_endpoint:
    "${length(local.cluster_mode) > 0 ? aws_elasticache_replication_group.redis.configuration_endpoint_address : aws_elasticache_replication_group.redis.primary_endpoint_address}",
  service_dns_targets:
    '${concat([[var.name, (var.create_route53_entry && var.primary_domain_name != null ? var.primary_domain_name : local.writer_endpoint)]], length(local.cluster_mode) > 0 ? [] : [[format("%s-reader", var.name), (var.create_route53_entry && var.reader_domain_name != null ? var.reader_domain_name : aws_elasticache_replication_group.redis.reader_endpoint_address)]])}',
  auto_scale_minimum: "${var.auto_scale_min_capacity != null ? var.auto_scale_min_capacity : local.auto_scale_starting_count}",
  auto_scale_starting_count: "${var.auto_scale_dimension == \"elasticache:replication-group:Replicas\" ? one(local.cluster_mode[*].replicas_per_node_group) : one(local.cluster_mode[*].num_node_groups)}",
  cache_cluster_ids: "${concat(formatlist(\"%s-%03d\", var.name, range(1, ((length(local.cluster_mode) == 0) ? var.replication_group_size : 0) + 1)), flatten([for shard in local.cluster_mode : [for ids in setproduct(range(1, shard.num_node_groups + 1), range(1, shard.replicas_per_node_group + 2)) : format(\"%s-%04d-%03d\", var.name, ids[0], ids[1])]]))}",
  cluster_mode: "${var.num_node_groups == null ? var.cluster_mode : [{ num_node_groups = var.num_node_groups, replicas_per_node_group = coalesce(var.replicas_per_node_group, 0) }]}",
  data_tiering: "${can(regex(\"^(?:cache\\\\.(r6gd)\\\\.(micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge))$\", var.instance_type)) ? true : null}",
  instance_type_nearest: "${[for k in [format(\"cache.%s\", trimprefix(lower(var.instance_type), \"cache.\"))] : [for c in slice(sort([for i, t in local.node_types : format(\"%03d%03d%s\", 999 - length([for n in range(length(t)) : n if startswith(k, substr(t, 0, n + 1))]) - length([for n in range(length(t)) : n if endswith(k, substr(t, n, -1))]), i, t)]), 0, 2) : substr(c, 6, -1)]][0]}",
  // The node type table as a plain list: node-types.test.ts holds it against AWS's lists.
  node_types: NODE_TYPE_NAMES,
  maintenance_window_minutes: "${try([for w in [regex(\"^([a-z]{3}):([01][0-9]|2[0-3]):([0-5][0-9])-([a-z]{3}):([01][0-9]|2[0-3]):([0-5][0-9])$\", var.maintenance_window)] : [for start in [(index([\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"], w[0]) * 1440 + w[1] * 60 + w[2])] : { start = start, length = (((index([\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"], w[3]) * 1440 + w[4] * 60 + w[5]) - start + 10080) % 10080) }][0]][0], null)}",
  parameter_group_family: "${var.engine == \"valkey\" ? format(\"valkey%s\", split(\".\", var.redis_version)[0]) : (tonumber(split(\".\", var.redis_version)[0]) >= 7 ? \"redis7\" : tonumber(split(\".\", var.redis_version)[0]) == 6 ? \"redis6.x\" : format(\"redis%s\", join(\".\", slice(split(\".\", var.redis_version), 0, 2))))}",
  snapshot_window_minutes: "${try([for w in [regex(\"^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$\", var.snapshot_window)] : [for start in [(w[0] * 60 + w[1])] : { start = start, length = (((w[2] * 60 + w[3]) - start + 1440) % 1440) }][0]][0], null)}",
  windows_overlap: "${try(local.maintenance_window_minutes.length >= 1440 || (((local.maintenance_window_minutes.start % 1440) - local.snapshot_window_minutes.start + 1440) % 1440) < local.snapshot_window_minutes.length || ((local.snapshot_window_minutes.start - (local.maintenance_window_minutes.start % 1440) + 1440) % 1440) < local.maintenance_window_minutes.length, false)}",
};

let module!: TerraformJson;
beforeEach(() => {
  module = synthModule();
});

describe("the module's rules, as approved", () => {
  it("validates each input with these conditions", () => {
    const actual = Object.fromEntries(
      Object.entries<TerraformJson>(module.variable)
        .map(([name, variable]) => [name, (variable.validation ?? []).map((v: { condition: string }) => v.condition)])
        .filter(([, conditions]) => conditions.length > 0),
    );
    expect(actual).toEqual(VALIDATIONS);
  });

  it("checks rules between inputs, and the token's rules, with these preconditions", () => {
    const preconditions = module.resource.aws_elasticache_replication_group.redis.lifecycle.precondition;
    expect(preconditions.map((p: { condition: string }) => p.condition)).toEqual(PRECONDITIONS);
  });

  it("warns with these check blocks", () => {
    const actual = Object.fromEntries(
      Object.entries<TerraformJson>(module.check).map(([name, check]) => [name, check.assert[0].condition]),
    );
    expect(actual).toEqual(CHECKS);
  });
});

describe("the module's derived arguments, as approved", () => {
  it("derives the replication group's arguments with these expressions", () => {
    const rg = module.resource.aws_elasticache_replication_group.redis;
    expect(Object.fromEntries(Object.keys(DERIVED).map((k) => [k, rg[k]]))).toEqual(DERIVED);
    expect(module.locals).toEqual(LOCALS);
  });

  it("names and counts the alarms from the member ids", () => {
    const alarm = (name: string) => module.resource.aws_cloudwatch_metric_alarm[name];
    const texts = {
      elasticache_high_cpu_utilization: ["high-cpu-utilization", "An alarm that goes off if the CPU usage is too high in ElastiCache cluster %s"],
      elasticache_high_engine_cpu_utilization: ["high-engine-cpu-utilization", "An alarm that goes off if the Engine CPU usage is too high in ElastiCache cluster %s"],
      elasticache_low_memory_available: ["low-memory-available", "An alarm that goes off if the ElastiCache cluster %s is running low on free memory."],
      elasticache_swap_usage: ["swap-usage", "An alarm that goes off if the ElastiCache cluster %s swap usage is too high."],
    };
    for (const [name, [suffix, description]] of Object.entries(texts)) {
      expect(alarm(name), name).toMatchObject({
        count: "${(var.enable_cloudwatch_alarms && !var.enable_auto_scaling) ? length(local.cache_cluster_ids) : 0}",
        alarm_name: `\${formatlist("%s-0001-${suffix}", local.cache_cluster_ids)[count.index]}`,
        alarm_description: `\${formatlist("${description}", local.cache_cluster_ids)[count.index]}`,
        dimensions: { CacheClusterId: "${local.cache_cluster_ids[count.index]}", CacheNodeId: "0001" },
        alarm_actions: "${var.alarms_sns_topic_arns}",
        ok_actions: "${var.alarms_sns_topic_arns}",
        insufficient_data_actions: "${var.alarms_sns_topic_arns}",
      });
    }
  });

  it("watches every node of a scaled group with one Metrics Insights alarm per kind, selecting the nodes by the group's tag", () => {
    const alarm = (name: string) => module.resource.aws_cloudwatch_metric_alarm[`${name}_all_nodes`];
    const queries = {
      elasticache_high_cpu_utilization: ["high-cpu-utilization", "AVG(CPUUtilization)", "AVG() DESC", 90],
      elasticache_high_engine_cpu_utilization: ["high-engine-cpu-utilization", "AVG(EngineCPUUtilization)", "AVG() DESC", 90],
      elasticache_low_memory_available: ["low-memory-available", "MIN(FreeableMemory)", "MIN() ASC", "${var.alarm_low_memory_available_threshold}"],
      elasticache_swap_usage: ["swap-usage", "MAX(SwapUsage)", "MAX() DESC", 50000000],
    };
    for (const [name, [suffix, select, order, threshold]] of Object.entries(queries)) {
      expect(alarm(name), name).toMatchObject({
        count: "${(var.enable_cloudwatch_alarms && var.enable_auto_scaling) ? 1 : 0}",
        alarm_name: `\${var.name}-all-nodes-${suffix}`,
        metric_query: [
          {
            id: "nodes",
            expression:
              `SELECT ${select} FROM SCHEMA("AWS/ElastiCache", CacheClusterId, CacheNodeId) ` +
              `WHERE tag.ElastiCacheReplicationGroup = '\${var.name}' GROUP BY CacheClusterId, CacheNodeId ORDER BY ${order}`,
            period: 60,
            return_data: true,
          },
        ],
        threshold,
        evaluation_periods: 1,
        alarm_actions: "${var.alarms_sns_topic_arns}",
        ok_actions: "${var.alarms_sns_topic_arns}",
        insufficient_data_actions: "${var.alarms_sns_topic_arns}",
      });
      expect(alarm(name)).not.toHaveProperty("dimensions");
    }
    expect(module.resource.aws_elasticache_replication_group.redis.tags).toBe(
      '${merge(var.tags, var.enable_auto_scaling ? {"ElastiCacheReplicationGroup" = var.name} : {})}',
    );
  });

  it("scales the replication group through a target and a target-tracking policy, both counted by the switch", () => {
    const count = "${var.enable_auto_scaling ? 1 : 0}";
    const resourceId = "replication-group/${aws_elasticache_replication_group.redis.id}";
    expect(module.resource.aws_appautoscaling_target).toEqual({
      redis: {
        count,
        service_namespace: "elasticache",
        resource_id: resourceId,
        scalable_dimension: "${var.auto_scale_dimension}",
        min_capacity: "${local.auto_scale_minimum}",
        max_capacity: "${var.auto_scale_max_capacity}",
      },
    });
    expect(module.resource.aws_appautoscaling_policy).toEqual({
      redis: {
        count,
        depends_on: ["aws_appautoscaling_target.redis"],
        name: "${aws_elasticache_replication_group.redis.id}-auto-scaling",
        policy_type: "TargetTrackingScaling",
        service_namespace: "elasticache",
        resource_id: resourceId,
        scalable_dimension: "${var.auto_scale_dimension}",
        target_tracking_scaling_policy_configuration: {
          predefined_metric_specification: {
            predefined_metric_type:
              "${var.auto_scale_trigger_metric != null ? var.auto_scale_trigger_metric : (var.auto_scale_dimension == \"elasticache:replication-group:Replicas\" ? \"ElastiCacheReplicaEngineCPUUtilization\" : \"ElastiCachePrimaryEngineCPUUtilization\")}",
          },
          target_value: "${var.auto_scale_trigger_metric_target_value}",
          disable_scale_in: "${var.auto_scale_disable_scale_in}",
          scale_in_cooldown: "${var.auto_scale_scale_in_cooldown}",
          scale_out_cooldown: "${var.auto_scale_scale_out_cooldown}",
        },
      },
    });
  });

  it("counts the ingress rules and names the groups from the inputs", () => {
    const rules = module.resource.aws_security_group_rule;
    expect(rules.allow_connections_from_cidr_blocks).toMatchObject({
      count: "${length(var.allow_connections_from_cidr_blocks) > 0 ? 1 : 0}",
      cidr_blocks: "${var.allow_connections_from_cidr_blocks}",
      from_port: "${var.port}",
      to_port: "${var.port}",
    });
    expect(rules.allow_connections_from_security_group).toMatchObject({
      count: "${length(var.allow_connections_from_security_groups)}",
      source_security_group_id: "${var.allow_connections_from_security_groups[count.index]}",
    });
    expect(module.resource.aws_elasticache_subnet_group.redis.name).toBe("${var.name}-subnet-group");
  });
});

describe("the module's messages", () => {
  it("name the input and show its value as Terraform's jsonencode writes it", () => {
    expect(module.variable.port.validation[0].error_message).toBe(
      "Invalid port ${jsonencode(var.port)}: must be a whole number from 1 to 65535.",
    );
    expect(module.check.transit_encryption.assert[0].error_message).toBe(
      "enable_transit_encryption ${jsonencode(var.enable_transit_encryption)}: traffic between clients and nodes is not encrypted.",
    );
  });
});

describe("the module's expressions, as a reviewer reads them", () => {
  /** Every string holding a Terraform expression, with where it is. */
  function expressions(value: unknown, at = ""): [string, string][] {
    if (typeof value === "string") return value.includes("${") ? [[at, value]] : [];
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([key, v]) => expressions(v, `${at}/${key}`));
  }

  it("has no expression longer than about 400 characters (derived values are named locals)", () => {
    // IAM documents are data written as one jsonencode() call, not derived values.
    const code = expressions(module).filter(([at]) => !at.endsWith("/error_message") && !/\/(policy|assume_role_policy)$/.test(at));
    expect(code.filter(([, text]) => text.length > 420)).toEqual([]);
    expect(code.length).toBeGreaterThan(50);
  });

  it("writes messages as prose whose interpolations are short (a value, or a value when it is set)", () => {
    const messages = expressions(module).filter(([at]) => at.endsWith("/error_message"));
    const interpolations = messages.flatMap(([, text]) => text.match(/\$\{[^}]*\}/g) ?? []);
    expect(interpolations.filter((i) => i.length > 130)).toEqual([]);
    expect(interpolations.length).toBeGreaterThan(40);
  });

  it("names the derived values the conditions and arguments read", () => {
    const text = JSON.stringify(module.resource);
    for (const name of ["cache_cluster_ids", "parameter_group_family", "windows_overlap"]) {
      expect(text + JSON.stringify(module.locals), name).toContain(`local.${name}`);
    }
    expect(JSON.stringify(module.locals.windows_overlap)).toContain("local.maintenance_window_minutes.length");
  });
});

describe("the module's messages, as approved", () => {
  it("names the two known node types nearest a malformed instance_type, from a local", () => {
    const preconditions = module.resource.aws_elasticache_replication_group.redis.lifecycle.precondition;
    expect(preconditions[0].error_message).toBe(
      'Invalid instance_type ${jsonencode(var.instance_type)}: must be a node type cache.<family>.<size> in lowercase, its size micro, small, medium, large, xlarge or 2xlarge to 99xlarge; the nearest known types are ${join(" and ", local.instance_type_nearest)}.',
    );
  });

  it("names the later shard form in a cluster-mode message only when it is set", () => {
    const preconditions = module.resource.aws_elasticache_replication_group.redis.lifecycle.precondition;
    const failover = preconditions.find((p: { error_message: string }) => p.error_message.includes("automatic failover needs"));
    expect(failover.error_message).toBe(
      'Invalid enable_automatic_failover ${jsonencode(var.enable_automatic_failover)}, replication_group_size ${jsonencode(var.replication_group_size)}, cluster_mode ${jsonencode(var.cluster_mode)}${var.num_node_groups == null ? "" : format(", num_node_groups %s", jsonencode(var.num_node_groups))}: automatic failover needs a replica to fail over to: replication_group_size of at least 2, or cluster mode.',
    );
  });
});
