import { IResolvable, Token } from "cdktf";
import type { Derive } from "../expressions/derive";
import { hcl, revealOnly } from "../expressions/hcl";
import { AUTO_SCALING_NAMES, type InputName } from "../inputs/table";
import type { InputValues, LiteralValues, TerraformClusterMode } from "../inputs/values";
import { clusterMode, dataTieringEnabled, parameterGroupFamily } from "../expressions/derivations";
import { AUTO_SCALING_FAMILIES, AUTO_SCALING_NODE_TYPE, AUTO_SCALING_SIZES, DATA_TIERING_NODE_TYPE, dataTiering, supportsAutoScaling } from "../inputs/node-types";
import * as scaling from "../expressions/auto-scaling";
import {
  DATA_TIERING_VERSION,
  ENGINE_LOG_VERSION,
  REDIS_OSS_VERSION,
  REDIS_VERSION,
  SLOW_LOG_VERSION,
  VALKEY_VERSION,
} from "../inputs/patterns";
import { wholeNumber } from "./builders";
import { maintenanceWindowMinutes, snapshotWindowMinutes, windowsOverlap } from "./windows";

/** A rule or warning on a combination of inputs: a precondition or `check` in the module. */
export interface CombinedRule {
  /** Names the rule's precondition or check block. */
  readonly id: string;
  readonly inputs: readonly InputName[];
  /** A switch (a bool input) without which the rule always holds: with a literal false, it is not checked. */
  readonly onlyWhen?: InputName;
  /** Inputs the rule also reads, named in its message only when they are set (the later shard form). */
  readonly shownWhenSet?: readonly InputName[];
  /** What is wrong when the test fails, as a sentence without its final period. */
  readonly text: string;
  /** Whether literal values meet the rule; called only when the inputs it names hold literals. */
  readonly test: (values: LiteralValues) => boolean;
  /** The same test as a Terraform condition; values it derives (window minutes) come from `derive`, which may name them. */
  readonly condition: (values: InputValues, derive: Derive) => IResolvable;
  /** A value that would meet the rule, named after the rule's text: "<text>; <lead> <value>". */
  readonly fix?: {
    readonly lead: string;
    readonly literal: (values: LiteralValues) => string;
    /** The same as part of an error_message template, quoted as the message shows values. */
    readonly template: (values: InputValues, derive: Derive) => string;
  };
}

/** The shards, from either form (derivations.ts), as literals. */
export const shardsOf = (v: InputValues) =>
  clusterMode.literal(v.cluster_mode, v.num_node_groups, v.replicas_per_node_group) as readonly TerraformClusterMode[];
export const hasClusterMode = (v: InputValues) => shardsOf(v).length > 0;
/** The same as an operand of a condition: local.cluster_mode in the module. */
export const shards = (v: InputValues, derive: Derive) =>
  derive(clusterMode, v.cluster_mode, v.num_node_groups, v.replicas_per_node_group);
/** Cluster mode's later form; whether cluster mode is on depends on num_node_groups alone. */
export const SHARD_INPUTS: readonly InputName[] = ["num_node_groups", "replicas_per_node_group"];
const CLUSTER_MODE_ON: readonly InputName[] = ["num_node_groups"];

/** `value == null`, readable even when the value is a secret. */
export function isNull(value: unknown): IResolvable {
  return revealOnly(hcl`${value} == null`);
}

const nodeCount = wholeNumber(1, 6);

const versionIn = (pattern: string, version: string) => new RegExp(`^(?:${pattern})$`).test(version);
const versionInExpression = (pattern: string, version: unknown) => hcl`can(regex(${`^(?:${pattern})$`}, ${version}))`;
/**
 * A well-formed version (redis_version's own rule) that the engine has. A malformed one is
 * reported by that rule alone.
 */
const engineHas = (pattern: string, version: string) => !versionIn(REDIS_VERSION, version) || versionIn(pattern, version);
const engineHasExpression = (pattern: string, version: unknown) =>
  hcl`!${versionInExpression(REDIS_VERSION, version)} || ${versionInExpression(pattern, version)}`;

/** AWS delivers a log from a Redis OSS version on (any Valkey version). */
function logVersionRule(id: string, input: InputName, versions: string, since: string): CombinedRule {
  const log = id.replace("_", " ");
  return {
    id: `${id}_version`,
    inputs: [input, "engine", "redis_version"],
    text: `Redis OSS delivers its ${log} from version ${since} on (Valkey from any version)`,
    test: (v) => v[input] == null || v.engine !== "redis" || versionIn(versions, v.redis_version),
    condition: (v) => hcl`${v[input]} == null || ${v.engine} != "redis" || ${versionInExpression(versions, v.redis_version)}`,
  };
}
/**
 * AWS's default parameter groups are named `default.<family>`, with `.cluster.on` for cluster mode,
 * and no other group may start with `default.`. AWS rejects a group of another family than the
 * engine version's at apply (the Valkey upgrade that keeps Gruntwork's `default.redis5.0`).
 */
const DEFAULT_GROUP = /^default\.(.*?)(\.cluster\.on)?$/;
const CLUSTER_ON = ".cluster.on";
const familyOf = (v: LiteralValues) => parameterGroupFamily.literal(v.engine, v.redis_version);
const familyOperand = (v: InputValues, derive: Derive) => derive(parameterGroupFamily, v.engine, v.redis_version);

/** Redis OSS from 6.0 on: the versions that deliver the slow log are the ones automatic scaling takes. */
const REDIS_6_ON = SLOW_LOG_VERSION;
/** Redis OSS from 7.0 on, whose 7.0 AWS runs as 7.0.7 or later: what scaling data-tiering nodes needs. */
const REDIS_7_ON = "([7-9]|[1-9][0-9])\\..*";
const MEMORY_METRIC = AUTO_SCALING_NAMES.memory;

const VALKEY_VERSION_TEXT = "7.2, or MAJOR.MINOR from 8 on (e.g. 8.0, 8.1)";

/** Automatic scaling's rules (docs/spec/autoscaling.md §2); each holds while scaling is off. */
const AUTO_SCALING_RULES: readonly CombinedRule[] = autoScalingRules();

/** Rules of the Route 53 records (docs/service-discovery.md); each holds while they are off. */
const SERVICE_DISCOVERY_RULES: readonly CombinedRule[] = serviceDiscoveryRules();

/** Rules of the snapshot export (docs/spec/snapshot-export.md); each holds while sharing is off. */
const SNAPSHOT_EXPORT_RULES: readonly CombinedRule[] = snapshotExportRules();

/** Rules that relate inputs (docs/spec/aws-constraints.md, rules 4-6, 8, 12, 16, 17, 25): preconditions in the module. */
export const CROSS_INPUT_RULES: readonly CombinedRule[] = [
  {
    id: "replication_group_size",
    inputs: ["replication_group_size", "cluster_mode"],
    shownWhenSet: CLUSTER_MODE_ON,
    text: `with cluster mode off, replication_group_size must ${nodeCount.text} (a primary and up to five replicas)`,
    test: (v) => hasClusterMode(v) || nodeCount.test(v.replication_group_size),
    condition: (v, derive) => hcl`length(${shards(v, derive)}) > 0 || ${nodeCount.condition(v.replication_group_size)}`,
  },
  {
    id: "automatic_failover_nodes",
    inputs: ["enable_automatic_failover", "replication_group_size", "cluster_mode"],
    shownWhenSet: CLUSTER_MODE_ON,
    text: "automatic failover needs a replica to fail over to: replication_group_size of at least 2, or cluster mode",
    test: (v) => !v.enable_automatic_failover || v.replication_group_size >= 2 || hasClusterMode(v),
    condition: (v, derive) =>
      hcl`!${v.enable_automatic_failover} || ${v.replication_group_size} >= 2 || length(${shards(v, derive)}) > 0`,
  },
  {
    id: "multi_az_failover",
    inputs: ["enable_multi_az", "enable_automatic_failover"],
    text: "multi-AZ needs enable_automatic_failover = true",
    test: (v) => !v.enable_multi_az || v.enable_automatic_failover,
    condition: (v) => hcl`!${v.enable_multi_az} || ${v.enable_automatic_failover}`,
  },
  {
    id: "cluster_mode_failover",
    inputs: ["cluster_mode", "enable_automatic_failover"],
    shownWhenSet: CLUSTER_MODE_ON,
    text: "cluster mode needs enable_automatic_failover = true",
    test: (v) => !hasClusterMode(v) || v.enable_automatic_failover,
    condition: (v, derive) => hcl`length(${shards(v, derive)}) == 0 || ${v.enable_automatic_failover}`,
  },
  {
    id: "auth_token_transit_encryption",
    inputs: ["auth_token", "enable_transit_encryption"],
    text: "an auth_token needs enable_transit_encryption = true",
    test: (v) => v.auth_token == null || v.enable_transit_encryption,
    condition: (v) => hcl`${isNull(v.auth_token)} || ${v.enable_transit_encryption}`,
  },
  {
    id: "snapshot_maintenance_overlap",
    inputs: ["snapshot_window", "snapshot_retention_limit", "maintenance_window"],
    text: "the snapshot window must not overlap the maintenance window",
    test: (v) =>
      v.snapshot_retention_limit === 0 ||
      !windowsOverlap.literal(snapshotWindowMinutes.literal(v.snapshot_window), maintenanceWindowMinutes.literal(v.maintenance_window)),
    condition: (v, derive) => {
      const overlap = derive(
        windowsOverlap,
        derive(snapshotWindowMinutes, v.snapshot_window),
        derive(maintenanceWindowMinutes, v.maintenance_window),
      );
      return hcl`${v.snapshot_retention_limit} == 0 || !${overlap}`;
    },
  },
  {
    id: "one_shard_form",
    inputs: ["cluster_mode"],
    shownWhenSet: SHARD_INPUTS,
    text: "give cluster_mode, or num_node_groups with replicas_per_node_group, not both",
    test: (v) => v.cluster_mode.length === 0 || (v.num_node_groups == null && v.replicas_per_node_group == null),
    condition: (v) =>
      hcl`length(${v.cluster_mode}) == 0 || ${v.num_node_groups} == null && ${v.replicas_per_node_group} == null`,
  },
  {
    // Beside cluster_mode the other rule says what to do: drop the later form.
    id: "shard_inputs_together",
    inputs: SHARD_INPUTS,
    text: "give num_node_groups and replicas_per_node_group together",
    test: (v) => v.cluster_mode.length > 0 || (v.num_node_groups == null) === (v.replicas_per_node_group == null),
    condition: (v) =>
      hcl`length(${v.cluster_mode}) > 0 || (${v.num_node_groups} == null) == (${v.replicas_per_node_group} == null)`,
  },
  {
    id: "valkey_version",
    inputs: ["engine", "redis_version"],
    text: `Valkey versions are ${VALKEY_VERSION_TEXT}`,
    test: (v) => v.engine !== "valkey" || engineHas(VALKEY_VERSION, v.redis_version),
    condition: (v) => hcl`${v.engine} != "valkey" || ${engineHasExpression(VALKEY_VERSION, v.redis_version)}`,
  },
  {
    id: "redis_oss_version",
    inputs: ["engine", "redis_version"],
    text: "Redis OSS versions end at 7.1 (7.2 and later are Valkey's: engine = \"valkey\")",
    test: (v) => v.engine !== "redis" || engineHas(REDIS_OSS_VERSION, v.redis_version),
    condition: (v) => hcl`${v.engine} != "redis" || ${engineHasExpression(REDIS_OSS_VERSION, v.redis_version)}`,
  },
  logVersionRule("slow_log", "slow_log_delivery_configuration", SLOW_LOG_VERSION, "6.0"),
  logVersionRule("engine_log", "engine_log_delivery_configuration", ENGINE_LOG_VERSION, "6.2"),
  {
    id: "default_parameter_group_family",
    inputs: ["parameter_group_name", "engine", "redis_version"],
    text: "an AWS default parameter group (default.<family>) must be of the family that engine and redis_version select",
    // A malformed version is reported by its own rule alone.
    test: (v) =>
      !versionIn(REDIS_VERSION, v.redis_version) || (DEFAULT_GROUP.exec(v.parameter_group_name ?? "")?.[1] ?? familyOf(v)) === familyOf(v),
    condition: (v, derive) => {
      const group = v.parameter_group_name;
      const family = hcl`trimsuffix(trimprefix(${group}, "default."), ${CLUSTER_ON})`;
      // The conditional, unlike ||, leaves its other branch unevaluated: startswith rejects null.
      return hcl`${group} == null ? true : !startswith(${group}, "default.") || ${family} == ${familyOperand(v, derive)}`;
    },
    // The same form as the one given, with or without .cluster.on, of the right family.
    fix: {
      lead: "the default group that fits is",
      literal: (v) => `default.${familyOf(v)}${v.parameter_group_name?.endsWith(CLUSTER_ON) ? CLUSTER_ON : ""}`,
      // Terraform evaluates an error_message even when its condition holds, so a null group must not fail here.
      template: (v, derive) => {
        const suffix = hcl`try(endswith(${v.parameter_group_name}, ${CLUSTER_ON}), false) ? ${CLUSTER_ON} : ""`;
        return `"default.${Token.asString(familyOperand(v, derive))}${Token.asString(suffix)}"`;
      },
    },
  },
  {
    // AWS's node type table gives r6gd Redis OSS 6.2.0 as its first version; Valkey has no older one.
    id: "data_tiering_version",
    inputs: ["instance_type", "engine", "redis_version"],
    text: "data tiering (r6gd node types) needs Redis OSS 6.2 or later, or Valkey",
    test: (v) => !dataTiering(v.instance_type) || v.engine !== "redis" || engineHas(DATA_TIERING_VERSION, v.redis_version),
    condition: (v, derive) =>
      hcl`${derive(dataTieringEnabled, v.instance_type)} == null || ${v.engine} != "redis" || ${engineHasExpression(DATA_TIERING_VERSION, v.redis_version)}`,
  },
  {
    id: "kms_key_at_rest_encryption",
    inputs: ["kms_key_id", "enable_at_rest_encryption"],
    text: "a kms_key_id needs enable_at_rest_encryption = true",
    test: (v) => v.kms_key_id == null || v.enable_at_rest_encryption,
    condition: (v) => hcl`${v.kms_key_id} == null || ${v.enable_at_rest_encryption}`,
  },
  {
    id: "one_snapshot_source",
    inputs: ["snapshot_name", "snapshot_arn"],
    text: "give at most one of snapshot_name and snapshot_arn",
    test: (v) => v.snapshot_name == null || v.snapshot_arn == null,
    condition: (v) => hcl`${v.snapshot_name} == null || ${v.snapshot_arn} == null`,
  },
  ...AUTO_SCALING_RULES,
  ...SERVICE_DISCOVERY_RULES,
  ...SNAPSHOT_EXPORT_RULES,
];

function autoScalingRules(): CombinedRule[] {
  const on = "enable_auto_scaling";
  const start = (v: LiteralValues) => scaling.scaledCount.literal(v.auto_scale_dimension, shardsOf(v));
  const startOperand = (v: InputValues, derive: Derive) => derive(scaling.scaledCount, v.auto_scale_dimension, shards(v, derive));
  const min = (v: LiteralValues) => scaling.minCapacity.literal(v.auto_scale_min_capacity, start(v));
  const minOperand = (v: InputValues, derive: Derive) => derive(scaling.minCapacity, v.auto_scale_min_capacity, startOperand(v, derive));
  // HCL evaluates both sides of || and && alike: a rule that reads a count only exists in cluster
  // mode, so it is guarded by a conditional, which evaluates only the branch it takes.
  const whenScaled = (v: InputValues, derive: Derive, condition: IResolvable) =>
    hcl`!${v.enable_auto_scaling} || length(${shards(v, derive)}) == 0 ? true : ${condition}`;
  return [
    {
      id: "auto_scaling_cluster_mode",
      onlyWhen: on,
      inputs: [on, "cluster_mode"],
      shownWhenSet: CLUSTER_MODE_ON,
      text: "automatic scaling changes shards or their replicas: it needs cluster mode",
      test: (v) => !v.enable_auto_scaling || hasClusterMode(v),
      condition: (v, derive) => hcl`!${v.enable_auto_scaling} || length(${shards(v, derive)}) > 0`,
    },
    {
      id: "auto_scaling_engine",
      onlyWhen: on,
      inputs: [on, "engine", "redis_version"],
      text: "automatic scaling needs Redis OSS 6.0 or later, or Valkey",
      test: (v) => !v.enable_auto_scaling || v.engine !== "redis" || engineHas(REDIS_6_ON, v.redis_version),
      condition: (v) => hcl`!${v.enable_auto_scaling} || ${v.engine} != "redis" || ${engineHasExpression(REDIS_6_ON, v.redis_version)}`,
    },
    {
      id: "auto_scaling_data_tiering",
      onlyWhen: on,
      inputs: [on, "instance_type", "engine", "redis_version"],
      text: "automatic scaling of data-tiering (r6gd) nodes needs Redis OSS 7.0 or later (AWS runs 7.0.7 or later), or Valkey",
      test: (v) => !v.enable_auto_scaling || !dataTiering(v.instance_type) || v.engine !== "redis" || engineHas(REDIS_7_ON, v.redis_version),
      condition: (v) =>
        hcl`!${v.enable_auto_scaling} || !${versionInExpression(DATA_TIERING_NODE_TYPE, v.instance_type)} || ${v.engine} != "redis" || ${engineHasExpression(REDIS_7_ON, v.redis_version)}`,
    },
    {
      id: "auto_scaling_node_type",
      onlyWhen: on,
      inputs: [on, "instance_type"],
      text: `automatic scaling needs a node type of the families ${AUTO_SCALING_FAMILIES.join(", ")}, in the sizes ${AUTO_SCALING_SIZES.join(", ")}`,
      test: (v) => !v.enable_auto_scaling || supportsAutoScaling(v.instance_type),
      condition: (v) => hcl`!${v.enable_auto_scaling} || ${versionInExpression(AUTO_SCALING_NODE_TYPE, v.instance_type)}`,
    },
    {
      id: "auto_scaling_max_capacity",
      onlyWhen: on,
      inputs: [on, "auto_scale_max_capacity"],
      text: "automatic scaling needs auto_scale_max_capacity",
      test: (v) => !v.enable_auto_scaling || v.auto_scale_max_capacity != null,
      condition: (v) => hcl`!${v.enable_auto_scaling} || ${v.auto_scale_max_capacity} != null`,
    },
    {
      id: "auto_scaling_range",
      onlyWhen: on,
      inputs: [on, "auto_scale_dimension", "auto_scale_min_capacity", "auto_scale_max_capacity", "cluster_mode"],
      shownWhenSet: SHARD_INPUTS,
      text:
        "the count the cluster starts with (num_node_groups for shards, replicas_per_node_group for replicas) must lie from auto_scale_min_capacity (null: that count) to auto_scale_max_capacity, or AWS moves the cluster into the range as soon as the policy exists",
      test: (v) => !v.enable_auto_scaling || !hasClusterMode(v) || v.auto_scale_max_capacity == null || (min(v)! <= start(v)! && start(v)! <= v.auto_scale_max_capacity),
      condition: (v, derive) => {
        const count = startOperand(v, derive);
        return whenScaled(v, derive, hcl`${v.auto_scale_max_capacity} == null ? true : ${minOperand(v, derive)} <= ${count} && ${count} <= ${v.auto_scale_max_capacity}`);
      },
    },
    {
      id: "auto_scaling_replicas",
      onlyWhen: on,
      inputs: [on, "auto_scale_dimension", "auto_scale_min_capacity", "auto_scale_max_capacity", "cluster_mode"],
      shownWhenSet: SHARD_INPUTS,
      text: "automatic scaling keeps from 1 to 5 replicas in each shard (a null auto_scale_min_capacity takes replicas_per_node_group)",
      test: (v) =>
        !v.enable_auto_scaling || !hasClusterMode(v) || v.auto_scale_dimension !== scaling.REPLICAS || (min(v)! >= 1 && (v.auto_scale_max_capacity ?? 0) <= 5),
      condition: (v, derive) =>
        whenScaled(
          v,
          derive,
          hcl`${v.auto_scale_dimension} != ${scaling.REPLICAS} ? true : ${minOperand(v, derive)} >= 1 && (${v.auto_scale_max_capacity} == null ? true : ${v.auto_scale_max_capacity} <= 5)`,
        ),
    },
    {
      id: "auto_scaling_metric",
      onlyWhen: on,
      inputs: [on, "auto_scale_dimension", "auto_scale_trigger_metric"],
      text: `replicas scale on ${scaling.REPLICA_METRIC}, shards on any other auto_scale_trigger_metric`,
      test: (v) =>
        !v.enable_auto_scaling || v.auto_scale_trigger_metric == null || (v.auto_scale_dimension === scaling.REPLICAS) === (v.auto_scale_trigger_metric === scaling.REPLICA_METRIC),
      condition: (v) =>
        hcl`!${v.enable_auto_scaling} || ${v.auto_scale_trigger_metric} == null ? true : (${v.auto_scale_dimension} == ${scaling.REPLICAS}) == (${v.auto_scale_trigger_metric} == ${scaling.REPLICA_METRIC})`,
    },
    {
      id: "auto_scaling_memory_metric",
      onlyWhen: on,
      inputs: [on, "auto_scale_trigger_metric", "instance_type"],
      text: `${MEMORY_METRIC} leaves out the data on SSD: data-tiering (r6gd) nodes scale on ${AUTO_SCALING_NAMES.capacity}`,
      test: (v) => !v.enable_auto_scaling || v.auto_scale_trigger_metric !== MEMORY_METRIC || !dataTiering(v.instance_type),
      condition: (v) =>
        hcl`!${v.enable_auto_scaling} || ${v.auto_scale_trigger_metric} == null ? true : ${v.auto_scale_trigger_metric} != ${MEMORY_METRIC} || !${versionInExpression(DATA_TIERING_NODE_TYPE, v.instance_type)}`,
    },
  ];
}

function snapshotExportRules(): CombinedRule[] {
  const on = "share_snapshot_with_another_account";
  return [
    {
      id: "snapshot_export_account",
      onlyWhen: on,
      inputs: [on, "share_snapshot_with_account_id"],
      text: "sharing snapshots needs share_snapshot_with_account_id, the account that receives them",
      test: (v) => !v.share_snapshot_with_another_account || v.share_snapshot_with_account_id != null,
      condition: (v) => hcl`!${v.share_snapshot_with_another_account} || ${v.share_snapshot_with_account_id} != null`,
    },
    {
      id: "snapshot_export_destination",
      onlyWhen: on,
      inputs: [on, "share_snapshot_destination_bucket_arn"],
      text: "sharing snapshots needs share_snapshot_destination_bucket_arn, the bucket in that account that receives them",
      test: (v) => !v.share_snapshot_with_another_account || v.share_snapshot_destination_bucket_arn != null,
      condition: (v) => hcl`!${v.share_snapshot_with_another_account} || ${v.share_snapshot_destination_bucket_arn} != null`,
    },
    {
      id: "snapshot_export_kms_key",
      onlyWhen: on,
      inputs: [on, "kms_key_id"],
      text: "AWS cannot export snapshots encrypted with a customer managed key: sharing snapshots needs kms_key_id null (the AWS managed key)",
      test: (v) => !v.share_snapshot_with_another_account || v.kms_key_id == null,
      condition: (v) => hcl`!${v.share_snapshot_with_another_account} || ${v.kms_key_id} == null`,
    },
    {
      id: "snapshot_export_data_tiering",
      onlyWhen: on,
      inputs: [on, "instance_type"],
      text: "AWS cannot export snapshots of data-tiering (r6gd) nodes: sharing snapshots needs another node type",
      test: (v) => !v.share_snapshot_with_another_account || !dataTiering(v.instance_type),
      condition: (v) => hcl`!${v.share_snapshot_with_another_account} || !${versionInExpression(DATA_TIERING_NODE_TYPE, v.instance_type)}`,
    },
  ];
}

function serviceDiscoveryRules(): CombinedRule[] {
  const on = "create_route53_entry";
  return [
    {
      id: "route53_zone",
      onlyWhen: on,
      inputs: [on, "hosted_zone_id"],
      text: "the records need hosted_zone_id, the zone that holds them",
      test: (v) => !v.create_route53_entry || v.hosted_zone_id != null,
      condition: (v) => hcl`!${v.create_route53_entry} || ${v.hosted_zone_id} != null`,
    },
    {
      id: "route53_primary_name",
      onlyWhen: on,
      inputs: [on, "primary_domain_name"],
      text: "the records need primary_domain_name, the name clients use",
      test: (v) => !v.create_route53_entry || v.primary_domain_name != null,
      condition: (v) => hcl`!${v.create_route53_entry} || ${v.primary_domain_name} != null`,
    },
    {
      id: "route53_reader_cluster_mode",
      onlyWhen: on,
      inputs: [on, "reader_domain_name", "cluster_mode"],
      shownWhenSet: CLUSTER_MODE_ON,
      text: "cluster mode has no reader endpoint (clients read from replicas through the configuration endpoint): reader_domain_name must be null",
      test: (v) => !v.create_route53_entry || v.reader_domain_name == null || !hasClusterMode(v),
      condition: (v, derive) => hcl`!${v.create_route53_entry} || ${v.reader_domain_name} == null || length(${shards(v, derive)}) == 0`,
    },
    {
      id: "route53_names_differ",
      onlyWhen: on,
      inputs: [on, "primary_domain_name", "reader_domain_name"],
      text: "the primary and reader records need two different names",
      test: (v) => !v.create_route53_entry || v.reader_domain_name == null || trimDot(v.primary_domain_name) !== trimDot(v.reader_domain_name),
      condition: (v) =>
        hcl`!${v.create_route53_entry} || ${v.reader_domain_name} == null || ${v.primary_domain_name} == null ? true : trimsuffix(${v.primary_domain_name}, ".") != trimsuffix(${v.reader_domain_name}, ".")`,
    },
  ];
}

/** A DNS name without its final dot: Route 53 reads both forms as the same name. */
const trimDot = (name: string | undefined) => name?.replace(/\.$/, "");
