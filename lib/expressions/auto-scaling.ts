/**
 * What automatic scaling derives from its inputs (docs/spec/autoscaling.md): the count it scales,
 * its minimum and metric when they are left to their defaults, the count Terraform sends when AWS
 * owns it, and which alarms watch the nodes. Each is a TypeScript function paired with the Terraform expression of the same.
 */
import type { IResolvable } from "cdktf";
import { bothOn, type Derivation, isKnown, literalOf } from "./derive";
import { numNodeGroups, replicasPerNodeGroup } from "./derivations";
import { hcl } from "./hcl";
import { NODES_TAG } from "../construct/alarms";
import { AUTO_SCALING_NAMES } from "../inputs/table";

/** Cluster mode as the derivations of the counts take it. */
type ClusterMode = Parameters<typeof numNodeGroups.literal>[0];

export const SHARDS = AUTO_SCALING_NAMES.shards;
export const REPLICAS = AUTO_SCALING_NAMES.replicas;
const SHARD_METRIC = AUTO_SCALING_NAMES.primaryCpu;
export const REPLICA_METRIC = AUTO_SCALING_NAMES.replicaCpu;

/** The count the dimension scales: the shards, or the replicas in each shard, of the cluster mode given. */
export const scaledCount: Derivation<[dimension: string, clusterMode: ClusterMode], number | undefined> = {
  kind: "number",
  local: "auto_scale_starting_count",
  literal: (dimension, clusterMode) => (dimension === REPLICAS ? replicasPerNodeGroup : numNodeGroups).literal(clusterMode),
  expression: (dimension, clusterMode) =>
    hcl`${dimension} == ${REPLICAS} ? ${replicasPerNodeGroup.expression(clusterMode)} : ${numNodeGroups.expression(clusterMode)}`,
};

/** The minimum: the one given, else the count the cluster starts with. */
export const minCapacity: Derivation<[given: number | undefined, start: number | undefined], number | undefined> = {
  kind: "number",
  local: "auto_scale_minimum",
  literal: (given, start) => given ?? start,
  expression: (given, start) => (given === undefined ? hcl`${start}` : hcl`${given} != null ? ${given} : ${start}`),
};

/** The metric: the one given, else the engine CPU of the nodes the dimension adds. */
export const triggerMetric: Derivation<[given: string | undefined, dimension: string], string> = {
  kind: "string",
  literal: (given, dimension) => given ?? (dimension === REPLICAS ? REPLICA_METRIC : SHARD_METRIC),
  expression: (given, dimension) => {
    const byDimension = hcl`${dimension} == ${REPLICAS} ? ${REPLICA_METRIC} : ${SHARD_METRIC}`;
    return given === undefined ? byDimension : hcl`${given} != null ? ${given} : ${byDimension}`;
  },
};

/**
 * A count of the replication group when whether AWS owns it is known only at plan time (the
 * drop-in module): null while automatic scaling changes it, which leaves the count in state
 * alone (the argument is optional and computed). With a literal switch the construct sends the
 * count and ignores later changes instead (lifecycle), so a new cluster starts at it.
 */
export const unlessScaled: Derivation<
  [count: number | undefined, enabled: boolean | IResolvable, dimension: string, scaled: string],
  number | undefined
> = {
  kind: "number",
  literal: (count, enabled, dimension, scaled) => (literalOf(enabled) && dimension === scaled ? undefined : count),
  expression: (count, enabled, dimension, scaled) => hcl`${enabled} && ${dimension} == ${scaled} ? null : ${count}`,
};

/**
 * Whether the per-node alarms exist: with automatic scaling on, the alarms over every node of the
 * group stand in for them. With scaling a literal false, the switch of the alarms as it is, so that
 * a group without scaling synthesizes as it always did.
 */
export const nodeAlarmsOn: Derivation<[alarms: boolean | IResolvable, scaling: boolean | IResolvable], boolean | IResolvable> = {
  kind: "any",
  known: (alarms, scaling) => scaling === false || (isKnown(alarms) && isKnown(scaling)),
  literal: (alarms, scaling) => (scaling === false ? alarms : literalOf(alarms) && !literalOf(scaling)),
  expression: (alarms, scaling) => hcl`${alarms} && !${scaling}`,
};

/** Whether the alarms over every node of the group exist: alarms and automatic scaling both on. */
export const groupAlarmsOn = bothOn;

/** The group's tags: the ones given, and while automatic scaling is on the tag its alarms select nodes by. */
export const groupTags: Derivation<
  [tags: Record<string, string>, scaling: boolean | IResolvable, name: string],
  Record<string, string>
> = {
  kind: "any",
  known: (tags, scaling) => scaling === false || (isKnown(tags) && isKnown(scaling)),
  literal: (tags, scaling, name) => (scaling === false ? tags : { ...tags, [NODES_TAG]: name }),
  expression: (tags, scaling, name) => hcl`merge(${tags}, ${scaling} ? ${{ [NODES_TAG]: name }} : {})`,
};
