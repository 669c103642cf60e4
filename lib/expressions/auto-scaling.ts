/**
 * What automatic scaling derives from its inputs (docs/spec/autoscaling.md): the count it scales,
 * its minimum and metric when they are left to their defaults, and the count Terraform sends when
 * AWS owns it. Each is a TypeScript function paired with the Terraform expression of the same.
 */
import type { IResolvable } from "cdktf";
import { type Derivation, literalOf } from "./derive";
import { numNodeGroups, replicasPerNodeGroup } from "./derivations";
import { hcl } from "./hcl";

/** Cluster mode as the derivations of the counts take it. */
type ClusterMode = Parameters<typeof numNodeGroups.literal>[0];
import { AUTO_SCALING_NAMES } from "../inputs/table";

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
