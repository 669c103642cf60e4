/**
 * Names, ids and counts the construct derives from its inputs, which they take in the one input
 * shape (lib/inputs/values.ts). Each is a pure TypeScript function paired with the Terraform
 * expression that computes the same thing at plan time (see derive.ts).
 */
import type { IResolvable } from "cdktf";
import { hasKnownLength, isKnown, literalOf, type Derivation } from "./derive";
import { hcl, revealOnly } from "./hcl";
import type { TerraformClusterMode, TerraformLogDelivery } from "../inputs/values";
import { DATA_TIERING_NODE_TYPE, dataTiering, nearestNodeTypes, NODE_TYPE_NAMES } from "../inputs/node-types";

type ClusterMode = readonly TerraformClusterMode[] | IResolvable;

/** Node id inside every member cache cluster: a replication group's clusters hold one node each. */
export const CACHE_NODE_ID = "0001";

const clusterModeOff = (clusterMode: ClusterMode) => hcl`length(${clusterMode}) == 0`;

/**
 * The cluster mode shards, from either form: cluster_mode (v0.85.0), or num_node_groups with
 * replicas_per_node_group (later Gruntwork releases). Giving both is an error
 * (lib/rules/cross-input.ts).
 */
export const clusterMode: Derivation<
  [clusterMode: ClusterMode, numNodeGroups: number | undefined, replicasPerNodeGroup: number | undefined],
  ClusterMode
> = {
  kind: "any",
  local: "cluster_mode",
  // cluster_mode may be a token here: without the later form, `literal` hands it back as it is.
  known: (_, numNodeGroups, replicasPerNodeGroup) => isKnown(numNodeGroups) && isKnown(replicasPerNodeGroup),
  literal: (clusterMode, numNodeGroups, replicasPerNodeGroup) =>
    numNodeGroups == null
      ? clusterMode
      : [{ num_node_groups: numNodeGroups, replicas_per_node_group: replicasPerNodeGroup ?? 0 }],
  expression: (clusterMode, numNodeGroups, replicasPerNodeGroup) =>
    // Without replicas_per_node_group (an error the rules report) the ids still compute, with none.
    hcl`${numNodeGroups} == null ? ${clusterMode} : [{ num_node_groups = ${numNodeGroups}, replicas_per_node_group = coalesce(${replicasPerNodeGroup}, 0) }]`,
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Ids AWS gives the member cache clusters, in the order of the alarm indexes:
 * `<name>-001`... with cluster mode off, `<name>-<shard:4>-<node:3>` with it on.
 */
export const memberIds: Derivation<[name: string, replicationGroupSize: number, clusterMode: ClusterMode], string[]> = {
  kind: "list",
  local: "cache_cluster_ids",
  literal(name, replicationGroupSize, clusterMode) {
    const shards = literalOf(clusterMode);
    if (shards.length === 0) {
      return Array.from({ length: replicationGroupSize }, (_, i) => `${name}-${pad(i + 1, 3)}`);
    }
    return shards.flatMap((shard) =>
      Array.from({ length: shard.num_node_groups }, (_, s) =>
        Array.from({ length: shard.replicas_per_node_group + 1 }, (_, node) => `${name}-${pad(s + 1, 4)}-${pad(node + 1, 3)}`),
      ).flat(),
    );
  },
  expression(name, replicationGroupSize, clusterMode) {
    const withoutClusterMode = hcl`formatlist("%s-%03d", ${name}, range(1, (${clusterModeOff(clusterMode)} ? ${replicationGroupSize} : 0) + 1))`;
    const withClusterMode = hcl`flatten([for shard in ${clusterMode} : [for ids in setproduct(range(1, shard.num_node_groups + 1), range(1, shard.replicas_per_node_group + 2)) : format("%s-%04d-%03d", ${name}, ids[0], ids[1])]])`;
    return hcl`concat(${withoutClusterMode}, ${withClusterMode})`;
  },
};

/** num_cache_clusters: the node count with cluster mode off, unset with it on. */
export const numCacheClusters: Derivation<[replicationGroupSize: number, clusterMode: ClusterMode], number | undefined> = {
  kind: "number",
  literal: (replicationGroupSize, clusterMode) =>
    literalOf(clusterMode).length === 0 ? replicationGroupSize : undefined,
  expression: (replicationGroupSize, clusterMode) =>
    hcl`${clusterModeOff(clusterMode)} ? ${replicationGroupSize} : null`,
};

/** num_node_groups: shards in cluster mode, unset otherwise. */
export const numNodeGroups: Derivation<[clusterMode: ClusterMode], number | undefined> = {
  kind: "number",
  literal: (clusterMode) => literalOf(clusterMode)[0]?.num_node_groups,
  expression: (clusterMode) => hcl`one(${clusterMode}[*].num_node_groups)`,
};

/** replicas_per_node_group: replicas per shard in cluster mode, unset otherwise. */
export const replicasPerNodeGroup: Derivation<[clusterMode: ClusterMode], number | undefined> = {
  kind: "number",
  literal: (clusterMode) => literalOf(clusterMode)[0]?.replicas_per_node_group,
  expression: (clusterMode) => hcl`one(${clusterMode}[*].replicas_per_node_group)`,
};

/**
 * Parameter group family of an engine version: redis5.0 for Redis 5.0.6, redis6.x for 6.x/6.0/6.2,
 * redis7 for 7.x; valkey7 and valkey8 for Valkey.
 */
export const parameterGroupFamily: Derivation<[engine: string, version: string], string> = {
  kind: "string",
  local: "parameter_group_family",
  literal(engine, version) {
    const [major, minor] = version.split(".");
    if (engine === "valkey") return `valkey${major}`;
    if (Number(major) >= 7) return "redis7";
    if (Number(major) === 6) return "redis6.x";
    return `redis${major}.${minor}`;
  },
  expression(engine, version) {
    const parts = hcl`split(".", ${version})`;
    const major = hcl`tonumber(${parts}[0])`;
    const redis = hcl`${major} >= 7 ? "redis7" : ${major} == 6 ? "redis6.x" : format("redis%s", join(".", slice(${parts}, 0, 2)))`;
    return hcl`${engine} == "valkey" ? format("valkey%s", ${parts}[0]) : ${redis}`;
  },
};

const CLUSTER_ON_SUFFIX = ".cluster.on";

/** parameter_group_name: the one given, else the AWS default group of the family and mode (default.redis7.cluster.on...). */
export const parameterGroupName: Derivation<[given: string | undefined, family: string, clusterMode: ClusterMode], string> = {
  kind: "string",
  literal: (given, family, clusterMode) =>
    given ?? `default.${family}${literalOf(clusterMode).length > 0 ? CLUSTER_ON_SUFFIX : ""}`,
  expression: (given, family, clusterMode) => {
    const fallback = hcl`format("default.%s%s", ${family}, ${clusterModeOff(clusterMode)} ? "" : ${CLUSTER_ON_SUFFIX})`;
    return given === undefined ? fallback : hcl`${given} != null ? ${given} : ${fallback}`;
  },
};

/** snapshot_window: unset when snapshots are off (retention 0) or the window is left to AWS (""). */
export const snapshotWindow: Derivation<[window: string, retentionLimit: number], string | undefined> = {
  kind: "string",
  literal: (window, retentionLimit) => (retentionLimit === 0 || window === "" ? undefined : window),
  expression: (window, retentionLimit) => hcl`${retentionLimit} == 0 || ${window} == "" ? null : ${window}`,
};

/** snapshot_arns: a one-element list when restoring from S3, unset otherwise. */
export const snapshotArns: Derivation<[snapshotArn: string | undefined], string[] | undefined> = {
  kind: "list",
  literal: (snapshotArn) => (snapshotArn === undefined ? undefined : [snapshotArn]),
  expression: (snapshotArn) => hcl`${snapshotArn} == null ? null : [${snapshotArn}]`,
};

/** notification_topic_arn: unset for "" (no event notifications). */
export const notificationTopicArn: Derivation<[topicArn: string], string | undefined> = {
  kind: "string",
  literal: (topicArn) => (topicArn === "" ? undefined : topicArn),
  expression: (topicArn) => hcl`${topicArn} == "" ? null : ${topicArn}`,
};

/** Count of the single ingress rule that holds every CIDR block: 1 when there are any. */
export const cidrRuleCount: Derivation<[cidrBlocks: string[]], number> = {
  kind: "number",
  known: hasKnownLength,
  literal: (cidrBlocks) => (cidrBlocks.length > 0 ? 1 : 0),
  expression: (cidrBlocks) => hcl`length(${cidrBlocks}) > 0 ? 1 : 0`,
};

/** Length of a list; a plain number whenever the list itself is literal, even if its items are tokens. */
export const listLength: Derivation<[list: string[]], number> = {
  kind: "number",
  known: hasKnownLength,
  literal: (list) => list.length,
  expression: (list) => hcl`length(${list})`,
};

/** Alarm count: four alarm kinds times this many, one per member cluster when alarms are on. */
export const alarmCount: Derivation<[enabled: boolean | IResolvable, memberIds: string[]], number> = {
  kind: "number",
  known: (enabled, ids) => enabled === false || (isKnown(enabled) && hasKnownLength(ids)),
  literal: (enabled, ids) => (enabled ? ids.length : 0),
  expression: (enabled, ids) => (enabled === true ? hcl`length(${ids})` : hcl`${enabled} ? length(${ids}) : 0`),
};

/** CloudWatch alarm name for one member cluster: `<member id>-0001-<suffix>`. */
export function alarmName(memberId: string, suffix: string): string {
  return `${memberId}-${CACHE_NODE_ID}-${suffix}`;
}

/** Names of one alarm kind, one per member cluster, in member order. */
export const alarmNames: Derivation<[memberIds: string[], suffix: string], string[]> = {
  kind: "list",
  literal: (ids, suffix) => ids.map((id) => alarmName(id, suffix)),
  expression: (ids, suffix) => hcl`formatlist(${`%s-${CACHE_NODE_ID}-${suffix}`}, ${ids})`,
};

/** alarm_description of one alarm kind per member cluster: its `%s` template filled with the member id. */
export const alarmDescriptions: Derivation<[memberIds: string[], template: string], string[]> = {
  kind: "list",
  literal: (ids, template) => ids.map((id) => template.replace("%s", () => id)),
  expression: (ids, template) => hcl`formatlist(${template}, ${ids})`,
};

export const subnetGroupName = (name: string) => `${name}-subnet-group`;
export const subnetGroupDescription = (name: string) => `Subnet group for the ${name} ElastiCache cluster`;
export const securityGroupDescription = (name: string) => `Security group for the ${name} ElastiCache cluster`;
export const replicationGroupDescription = (name: string) => `Redis replication group ${name}`;

/** log_delivery_configuration blocks: one per log whose configuration is given. */
export interface LogDelivery extends TerraformLogDelivery {
  readonly log_type: "engine-log" | "slow-log";
}
type LogDeliveryConfiguration = TerraformLogDelivery | IResolvable | undefined;

export const logDeliveries: Derivation<[engineLog: LogDeliveryConfiguration, slowLog: LogDeliveryConfiguration], LogDelivery[]> = {
  kind: "list",
  literal: (engineLog, slowLog) => {
    const withType = (config: LogDeliveryConfiguration, logType: LogDelivery["log_type"]) => {
      const literal = literalOf(config);
      return literal ? [{ ...literal, log_type: logType }] : [];
    };
    return [...withType(engineLog, "engine-log"), ...withType(slowLog, "slow-log")];
  },
  expression: (engineLog, slowLog) => {
    const typed = (config: unknown, logType: string) => hcl`[for c in [${config}] : merge(c, { log_type = ${logType} }) if c != null]`;
    return hcl`concat(${typed(engineLog, "engine-log")}, ${typed(slowLog, "slow-log")})`;
  },
};

/**
 * auth_token_update_strategy: ROTATE with a token, unset without. Provider 5.x defaulted it to
 * ROTATE and wrote that into state; 6.x has no default, so leaving it unset would plan
 * ROTATE -> null on every cluster with a token after a provider upgrade.
 */
export const authTokenUpdateStrategy: Derivation<[authToken: string | undefined], string | undefined> = {
  kind: "string",
  literal: (authToken) => (authToken == null ? undefined : "ROTATE"),
  // Only whether the token is null is read, so the result is not sensitive.
  expression: (authToken) => hcl`${revealOnly(hcl`${authToken} == null`)} ? null : "ROTATE"`,
};

/** treat_missing_data of one alarm kind: its own input where given, else the shared one. */
export const treatMissingData: Derivation<[own: string | undefined, shared: string], string> = {
  kind: "string",
  literal: (own, shared) => own ?? shared,
  expression: (own, shared) => (own === undefined ? hcl`${shared}` : hcl`coalesce(${own}, ${shared})`),
};

/** A value the JSON holds as it is (a local's plain list), not as an expression string. */
const plain = (value: unknown): IResolvable => ({ creationStack: [], resolve: () => value });

/**
 * The node types of the table (lib/inputs/node-types.ts), for the expressions that search it: a
 * local that the module holds as a plain list, long as it is, so that those expressions stay short.
 */
export const nodeTypeNames: Derivation<[], readonly string[]> = {
  kind: "list",
  local: "node_types",
  // Only expressions read it, and they must read it by name, not as a literal list written inline.
  known: () => false,
  literal: () => NODE_TYPE_NAMES,
  expression: () => plain([...NODE_TYPE_NAMES]),
};

/**
 * The two node types nearest an instance_type, for its error message (nearestNodeTypes in
 * lib/inputs/node-types.ts): leading plus trailing characters shared with the lowercase name,
 * `cache.` in front, ties in table order. Terraform sorts "<999 - shared><index><type>" strings,
 * which order as the numbers do.
 */
export const instanceTypeNearest: Derivation<[instanceType: string, names: readonly string[]], string[]> = {
  kind: "list",
  local: "instance_type_nearest",
  literal: (instanceType, names) => nearestNodeTypes(instanceType, names),
  expression: (instanceType, names) => {
    const key = hcl`format("cache.%s", trimprefix(lower(${instanceType}), "cache."))`;
    const leading = hcl`length([for n in range(length(t)) : n if startswith(k, substr(t, 0, n + 1))])`;
    const trailing = hcl`length([for n in range(length(t)) : n if endswith(k, substr(t, n, -1))])`;
    const ranked = hcl`sort([for i, t in ${names} : format("%03d%03d%s", 999 - ${leading} - ${trailing}, i, t)])`;
    return hcl`[for k in [${key}] : [for c in slice(${ranked}, 0, 2) : substr(c, 6, -1)]][0]`;
  },
};

/**
 * data_tiering_enabled: true for a node type that tiers data (r6gd), whose clusters AWS creates
 * only with it; unset for any other, which AWS refuses it for. Unset leaves what the state holds,
 * so clusters of other types plan no change.
 */
export const dataTieringEnabled: Derivation<[instanceType: string], true | undefined> = {
  kind: "any",
  local: "data_tiering",
  literal: (instanceType) => (dataTiering(instanceType) ? true : undefined),
  expression: (instanceType) => hcl`can(regex(${`^(?:${DATA_TIERING_NODE_TYPE})$`}, ${instanceType})) ? true : null`,
};
