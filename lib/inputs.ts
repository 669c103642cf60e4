import type { IResolvable } from "cdktf";

/**
 * The inputs of the module (module-interface.md §1): the one place they are declared. The Terraform variables, the
 * TypeScript props (names and types, derived below at the type level), the defaults and the
 * generated docs all come from this table.
 */

export const CLUSTER_MODE_TYPE =
  "list(object({ num_node_groups = number, replicas_per_node_group = number }))";

export type TerraformType =
  | "string"
  | "number"
  | "bool"
  | "list(string)"
  | "map(string)"
  | typeof CLUSTER_MODE_TYPE;

interface InputBase {
  /** The Terraform variable name; the TypeScript prop is its camelCase form. */
  readonly name: string;
  readonly type: TerraformType;
  readonly description: string;
  readonly sensitive?: true;
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

export const INPUTS = [
  {
    name: "name",
    type: "string",
    required: true,
    description:
      "Name of the cluster. Used as the replication group id and as the prefix of every other resource name; lowercase and unique per region.",
  },
  {
    name: "instance_type",
    type: "string",
    required: true,
    description: "Node type of every cache node, for example cache.t3.micro or cache.r6g.large.",
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
  },
  {
    name: "subnet_ids",
    type: "list(string)",
    required: true,
    description: "Subnets the cache nodes are placed in; usually private subnets spread over several availability zones.",
  },
  {
    name: "redis_version",
    type: "string",
    required: false,
    default: "5.0.6",
    description:
      "Redis engine version: X.Y.Z up to Redis 5 (e.g. 5.0.6), 6.x or MAJOR.MINOR from Redis 6 on (e.g. 6.2, 7.1).",
  },
  {
    name: "port",
    type: "number",
    required: false,
    default: 6379,
    description: "TCP port the nodes accept connections on.",
  },
  {
    name: "auth_token",
    type: "string",
    required: false,
    default: null,
    sensitive: true,
    description:
      "Password clients must send with the Redis AUTH command. Needs transit encryption. Leave null for no password.",
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
    description: "Require TLS between clients and nodes and between nodes. Changing it replaces the cluster.",
  },
  {
    name: "snapshot_window",
    type: "string",
    required: false,
    default: "06:00-07:00",
    description: 'Daily UTC time range (hh24:mi-hh24:mi) in which snapshots are taken; "" lets AWS choose or, with retention 0, disables them.',
  },
  {
    name: "snapshot_retention_limit",
    type: "number",
    required: false,
    default: 15,
    description: "Days automatic snapshots are kept; 0 turns automatic snapshots off.",
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
  },
  {
    name: "maintenance_window",
    type: "string",
    required: false,
    default: "sat:07:00-sat:08:00",
    description: "Weekly UTC time range (ddd:hh24:mi-ddd:hh24:mi) in which AWS may patch the nodes.",
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
  },
  {
    name: "allow_connections_from_cidr_blocks",
    type: "list(string)",
    required: false,
    default: [],
    description: "IPv4 CIDR blocks allowed to connect to the port.",
  },
  {
    name: "allow_connections_from_security_groups",
    type: "list(string)",
    required: false,
    default: [],
    description: "Security group ids allowed to connect to the port.",
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
  },
  {
    name: "sns_topic_for_notifications",
    type: "string",
    required: false,
    default: "",
    description: 'SNS topic that receives the replication group\'s events; "" for none.',
  },
  {
    name: "tags",
    type: "map(string)",
    required: false,
    default: {},
    description: "Tags put on the replication group.",
  },
] as const satisfies readonly InputSpec[];

type Input = (typeof INPUTS)[number];
export type InputName = Input["name"];

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** One shard layout of cluster mode, as a TypeScript literal. */
export interface ClusterModeConfig {
  /** Number of shards (node groups). */
  readonly numNodeGroups: number;
  /** Replicas in each shard, besides its primary. */
  readonly replicasPerNodeGroup: number;
}

/** What a prop of each Terraform type accepts: a literal, or a token (a variable, a reference). */
interface TypeScriptTypes {
  string: string;
  number: number;
  bool: boolean | IResolvable;
  "list(string)": string[];
  "map(string)": Record<string, string>;
  [CLUSTER_MODE_TYPE]: ClusterModeConfig[] | IResolvable;
}

type PropOf<I extends Input> = TypeScriptTypes[I["type"]];

/**
 * Props of the ElastiCacheRedis construct: one per input of {@link INPUTS}, named in camelCase
 * (`replication_group_size` -> `replicationGroupSize`). Required inputs are required props;
 * optional ones take the module's defaults. See INPUTS or the README for each one's meaning.
 */
export type ElastiCacheRedisProps = {
  readonly [I in Extract<Input, { required: true }> as CamelCase<I["name"]>]: PropOf<I>;
} & {
  readonly [I in Extract<Input, { required: false }> as CamelCase<I["name"]>]?: PropOf<I>;
};

type NullableProp = CamelCase<Extract<Input, { default: null }>["name"]>;

/** Props with every default applied; inputs whose default is null stay undefined. */
export type ResolvedInputs = {
  readonly [K in keyof ElastiCacheRedisProps]-?:
    | Exclude<ElastiCacheRedisProps[K], undefined>
    | (K extends NullableProp ? undefined : never);
};

export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Applies the module's defaults to the props. */
export function withDefaults(props: ElastiCacheRedisProps): ResolvedInputs {
  const given = props as unknown as Record<string, unknown>;
  const resolved: Record<string, unknown> = {};
  for (const input of INPUTS as readonly InputSpec[]) {
    const prop = camelCase(input.name);
    const value = given[prop];
    resolved[prop] = value !== undefined || input.required ? value : (input.default ?? undefined);
  }
  return resolved as ResolvedInputs;
}
