import type { ElastiCacheRedisProps } from "../lib/inputs/props";

/**
 * Realistic inputs of the module, as a Terragrunt `inputs` block or a module call gives them
 * (Terraform variable names). Shared by the drop-in, migration, review, schema and secret tests,
 * and by `npm run bench`, which plans the production scenario.
 */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

const NETWORK = {
  vpc_id: "vpc-0a1b2c3d4e5f60718",
  subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e", "subnet-2c3d4e5f60718a1b0"],
};

/** The smallest inputs that meet every rule and raise no warning but the missing auth token. */
export const VALID_INPUTS: Readonly<Record<string, unknown>> = {
  name: "orders",
  instance_type: "cache.t3.micro",
  redis_version: "7.1",
  replication_group_size: 2,
  enable_automatic_failover: true,
  enable_multi_az: true,
  vpc_id: "vpc-0a1b2c3d",
  subnet_ids: ["subnet-0a1b2c3d"],
};

/** A sample AUTH token: tests search every synthesized file for it. */
export const SAMPLE_AUTH_TOKEN = "Sample-Auth-Token-0123456789abcdef";

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "dev",
    title: "dev: 1 node, no failover, snapshots off, alarms off",
    inputs: {
      name: "orders-dev",
      instance_type: "cache.t3.micro",
      replication_group_size: 1,
      enable_automatic_failover: false,
      enable_multi_az: false,
      ...NETWORK,
      snapshot_retention_limit: 0,
      snapshot_window: "",
      enable_cloudwatch_alarms: false,
    },
  },
  {
    id: "production",
    title: "production: 2 nodes, multi-AZ failover, auth token, ingress, alarms, events, tags",
    inputs: {
      name: "orders-prod",
      instance_type: "cache.r6g.large",
      redis_version: "7.1",
      replication_group_size: 2,
      enable_automatic_failover: true,
      enable_multi_az: true,
      ...NETWORK,
      auth_token: SAMPLE_AUTH_TOKEN,
      allow_connections_from_cidr_blocks: ["10.20.0.0/16"],
      allow_connections_from_security_groups: ["sg-0123456789abcdef0", "sg-0fedcba9876543210"],
      alarms_sns_topic_arns: [
        "arn:aws:sns:eu-west-1:111122223333:ops-alarms",
        "arn:aws:sns:eu-west-1:111122223333:pager",
      ],
      sns_topic_for_notifications: "arn:aws:sns:eu-west-1:111122223333:redis-events",
      tags: { team: "orders", environment: "production" },
    },
  },
  {
    id: "cluster",
    title: "cluster mode: 3 shards x 2 replicas",
    inputs: {
      name: "sessions",
      instance_type: "cache.r6g.large",
      redis_version: "7.0",
      replication_group_size: 1,
      enable_automatic_failover: true,
      enable_multi_az: true,
      ...NETWORK,
      cluster_mode: [{ num_node_groups: 3, replicas_per_node_group: 2 }],
      allow_connections_from_security_groups: ["sg-0123456789abcdef0"],
    },
  },
  {
    id: "restore-snapshot-name",
    title: "restore from an ElastiCache snapshot (snapshot_name)",
    inputs: {
      name: "orders-restored",
      instance_type: "cache.m6g.large",
      replication_group_size: 2,
      enable_automatic_failover: true,
      enable_multi_az: false,
      ...NETWORK,
      snapshot_name: "orders-prod-2026-11-01",
    },
  },
  {
    id: "restore-snapshot-arn",
    title: "restore from an RDB file in S3 (snapshot_arn)",
    inputs: {
      name: "orders-imported",
      instance_type: "cache.m6g.large",
      replication_group_size: 1,
      enable_automatic_failover: false,
      enable_multi_az: false,
      ...NETWORK,
      snapshot_arn: "arn:aws:s3:::acme-redis-exports/orders/dump.rdb",
    },
  },
  {
    id: "custom-params-redis6",
    title: "custom parameter group and port, Redis 6.x",
    inputs: {
      name: "catalog",
      instance_type: "cache.t4g.medium",
      redis_version: "6.x",
      port: 6380,
      parameter_group_name: "catalog-redis6",
      replication_group_size: 2,
      enable_automatic_failover: true,
      enable_multi_az: true,
      ...NETWORK,
      maintenance_window: "sun:02:00-sun:03:00",
      snapshot_window: "04:00-05:00",
      apply_immediately: true,
    },
  },
  {
    id: "custom-params-redis71",
    title: "custom parameter group and port, Redis 7.1",
    inputs: {
      name: "search",
      instance_type: "cache.r7g.large",
      redis_version: "7.1",
      port: 7000,
      parameter_group_name: "search-redis7",
      replication_group_size: 3,
      enable_automatic_failover: true,
      enable_multi_az: true,
      ...NETWORK,
      allow_connections_from_cidr_blocks: ["10.30.0.0/16", "10.31.0.0/16"],
    },
  },
];

export function scenario(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** Written here, not taken from lib/, so that the tests' props do not depend on the code they test. */
const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * The construct's props for a scenario's module inputs: camelCase names and cluster mode objects.
 * The auth token is left out: the construct is never given a token as a literal.
 */
/** Inputs whose objects the construct's props type with camelCase keys (tags keep theirs). */
const OBJECT_INPUTS = ["cluster_mode", "engine_log_delivery_configuration", "slow_log_delivery_configuration"];

/** Object inputs with camelCase keys. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [camelCase(key), v]));
}

export function propsOf(inputs: Readonly<Record<string, unknown>>): ElastiCacheRedisProps {
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (name === "auth_token") continue;
    props[camelCase(name)] = OBJECT_INPUTS.includes(name) ? camelKeys(value) : value;
  }
  return props as unknown as ElastiCacheRedisProps;
}
