/**
 * Terraform-backed tests: the synthesized module goes through the real CLI and AWS provider
 * (offline, fake credentials, -refresh=false). The HCL examples are planned as written, apart from
 * their module source and a provider override, so they are known to work.
 *
 * Expected values come from the module's specification, not from lib/, so a wrong derivation in
 * lib/ cannot make its own test pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALARM_KINDS, alarmArguments } from "../helpers/spec";
import { moduleForTerraform } from "../../tools/synth";
import {
  Caller,
  init,
  knownOutputs,
  makeWorkRoot,
  plan,
  Plan,
  prepareCallerDir,
  prepareModuleDir,
  removeWorkRoot,
  started,
  ResourceChange,
  validate,
  ValidateResult,
} from "../../tools/terraform";

const VPC = "vpc-0a1b2c3d4e5f60718";
const SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"];
const APP_SG = "sg-0123456789abcdef0";
const TOPIC = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";
const AUTH_TOKEN = "correct-horse-battery-staple-0123";


interface PlanCase {
  id: string;
  title: string;
  caller: Caller;
  name: string;
  port: number;
  /** Member cache cluster ids, in alarm-index order. */
  members: string[];
  /** Exact values in the plan's `after`; null means absent or null (left to AWS or unset). */
  replicationGroup: Record<string, unknown>;
  cidrBlocks: string[];
  sourceSecurityGroups: string[];
  /** Topics of the alarms; null when alarms are off. */
  alarmTopics: string[] | null;
  /** Outputs whose values are known at plan time. */
  outputs: Record<string, unknown>;
}

const CASES: PlanCase[] = [
  {
    id: "clusterOff",
    title: "examples/hcl-caller (cluster mode off, 2 nodes, alarms on)",
    caller: {
      example: "hcl-caller",
      vars: {
        vpc_id: VPC,
        private_subnet_ids: SUBNETS,
        app_security_group_id: APP_SG,
        alarms_sns_topic_arn: TOPIC,
        redis_auth_token: AUTH_TOKEN,
      },
    },
    name: "orders-cache",
    port: 6379,
    members: ["orders-cache-001", "orders-cache-002"],
    replicationGroup: {
      replication_group_id: "orders-cache",
      engine: "redis",
      engine_version: "7.1",
      node_type: "cache.r6g.large",
      port: 6379,
      num_cache_clusters: 2,
      num_node_groups: null,
      replicas_per_node_group: null,
      parameter_group_name: "default.redis7",
      subnet_group_name: "orders-cache-subnet-group",
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      // A string attribute in provider 5.x.
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      auth_token: AUTH_TOKEN,
      snapshot_window: "06:00-07:00",
      snapshot_retention_limit: 15,
      snapshot_name: null,
      snapshot_arns: null,
      maintenance_window: "sat:07:00-sat:08:00",
      notification_topic_arn: null,
      apply_immediately: false,
      tags: { team: "orders", environment: "production" },
    },
    cidrBlocks: ["10.20.0.0/16"],
    sourceSecurityGroups: [APP_SG],
    alarmTopics: [TOPIC],
    outputs: { cache_cluster_ids: ["orders-cache-001", "orders-cache-002"], cache_node_id: "0001", cache_port: 6379 },
  },
  {
    id: "clusterOn",
    title: "examples/hcl-caller-cluster-mode (2 shards x 1 replica, redis 6.2)",
    caller: {
      example: "hcl-caller-cluster-mode",
      vars: { vpc_id: VPC, private_subnet_ids: SUBNETS, app_security_group_id: APP_SG, ops_sns_topic_arn: TOPIC },
    },
    name: "sessions-cache",
    port: 6379,
    members: [
      "sessions-cache-0001-001",
      "sessions-cache-0001-002",
      "sessions-cache-0002-001",
      "sessions-cache-0002-002",
    ],
    replicationGroup: {
      replication_group_id: "sessions-cache",
      engine: "redis",
      engine_version: "6.2",
      node_type: "cache.r6g.large",
      port: 6379,
      num_cache_clusters: null,
      num_node_groups: 2,
      replicas_per_node_group: 1,
      parameter_group_name: "default.redis6.x.cluster.on",
      subnet_group_name: "sessions-cache-subnet-group",
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      auth_token: null,
      snapshot_window: "03:00-04:00",
      snapshot_retention_limit: 7,
      maintenance_window: "sun:04:30-sun:05:30",
      notification_topic_arn: TOPIC,
      tags: { team: "identity" },
    },
    cidrBlocks: [],
    sourceSecurityGroups: [APP_SG],
    alarmTopics: [TOPIC],
    outputs: {
      cache_cluster_ids: [
        "sessions-cache-0001-001",
        "sessions-cache-0001-002",
        "sessions-cache-0002-001",
        "sessions-cache-0002-002",
      ],
      cache_port: 6379,
    },
  },
  {
    id: "dev",
    title: "a dev root (1 node, no snapshots, no alarms, no ingress)",
    caller: {
      inputs: {
        name: "dev-cache",
        instance_type: "cache.t3.micro",
        replication_group_size: 1,
        enable_automatic_failover: false,
        enable_multi_az: false,
        vpc_id: VPC,
        subnet_ids: SUBNETS,
        port: 6380,
        enable_transit_encryption: false,
        snapshot_retention_limit: 0,
        snapshot_window: "",
        enable_cloudwatch_alarms: false,
      },
    },
    name: "dev-cache",
    port: 6380,
    members: ["dev-cache-001"],
    replicationGroup: {
      replication_group_id: "dev-cache",
      engine_version: "5.0.6",
      node_type: "cache.t3.micro",
      port: 6380,
      num_cache_clusters: 1,
      num_node_groups: null,
      parameter_group_name: "default.redis5.0",
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: false,
      snapshot_retention_limit: 0,
      snapshot_window: null,
      maintenance_window: "sat:07:00-sat:08:00",
      notification_topic_arn: null,
    },
    cidrBlocks: [],
    sourceSecurityGroups: [],
    alarmTopics: null,
    outputs: { cache_cluster_ids: ["dev-cache-001"], cache_node_id: "0001", cache_port: 6380 },
  },
];

let workRoot: string | undefined;
let validated: Promise<ValidateResult>;
const plans: Record<string, Promise<Plan>> = {};

// Every terraform directory starts here and runs concurrently; each test awaits its own. A missing
// terraform or mirror rejects every run, so each test fails with the install instructions.
beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const moduleText = moduleForTerraform();
  validated = started(
    moduleText.then(async (text) => {
      const dir = await prepareModuleDir(`${root}/module`, text);
      await init(dir);
      return validate(dir);
    }),
  );
  for (const c of CASES) {
    plans[c.id] = started(
      moduleText.then(async (text) => {
        const dir = await prepareCallerDir(`${root}/${c.id}`, text, c.caller);
        await init(dir);
        return plan(dir);
      }),
    );
  }
});

afterAll(async () => {
  await Promise.allSettled([validated, ...Object.values(plans)]);
  await removeWorkRoot(workRoot);
});

/** The values of keys in obj, absent ones as null, so toEqual checks exactly those keys. */
function pick(obj: Record<string, any>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k] ?? null]));
}

function changesOf(p: Plan, type: string): ResourceChange[] {
  return (p.resource_changes ?? []).filter((rc) => rc.type === type);
}

function changeAt(p: Plan, address: string): ResourceChange {
  const rc = p.resource_changes?.find((r) => r.address === address);
  if (!rc) throw new Error(`the plan has no ${address}`);
  return rc;
}

/** A resource's configuration inside the module call, as terraform read it. */
function moduleResourceConfig(p: Plan, address: string): Record<string, any> {
  const resources: Record<string, any>[] = p.configuration.root_module.module_calls.redis.module.resources;
  const config = resources.find((r) => r.address === address);
  if (!config) throw new Error(`the module configuration has no ${address}`);
  return config;
}

const inModule = (address: string) => `module.redis.${address}`;

function expectedAddresses(c: PlanCase): string[] {
  return [
    "aws_elasticache_replication_group.redis",
    "aws_elasticache_subnet_group.redis",
    "aws_security_group.redis",
    ...(c.cidrBlocks.length > 0 ? ["aws_security_group_rule.allow_connections_from_cidr_blocks[0]"] : []),
    ...c.sourceSecurityGroups.map((_, i) => `aws_security_group_rule.allow_connections_from_security_group[${i}]`),
    ...(c.alarmTopics
      ? ALARM_KINDS.flatMap((k) => c.members.map((_, i) => `aws_cloudwatch_metric_alarm.${k.resource}[${i}]`))
      : []),
  ].map(inModule);
}

describe("the synthesized module as a root module", () => {
  it("passes terraform init and terraform validate with no diagnostics", async () => {
    const result = await validated;
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

for (const c of CASES)
  describe(`plan of ${c.title}`, () => {
    const planned = () => plans[c.id];

    it("creates exactly the expected resources", async () => {
      const p = await planned();
      const changes = p.resource_changes ?? [];
      expect(changes.map((rc) => rc.address).sort()).toEqual(expectedAddresses(c).sort());
      expect(changes.filter((rc) => rc.change.actions.join() !== "create")).toEqual([]);
    });

    it("configures the replication group", async () => {
      const { change } = changeAt(await planned(), inModule("aws_elasticache_replication_group.redis"));
      expect(pick(change.after, Object.keys(c.replicationGroup))).toEqual(c.replicationGroup);
      expect(change.after.description).toContain(c.name);
      // The module's auth_token variable is sensitive, so the plan must hide it even when null.
      expect((change.after_sensitive as Record<string, unknown>).auth_token).toBe(true);
    });

    it("creates the subnet group and a security group without inline rules", async () => {
      const p = await planned();
      expect(
        pick(changeAt(p, inModule("aws_elasticache_subnet_group.redis")).change.after, [
          "name",
          "description",
          "subnet_ids",
        ]),
      ).toEqual({
        name: `${c.name}-subnet-group`,
        description: `Subnet group for the ${c.name} ElastiCache cluster`,
        subnet_ids: SUBNETS,
      });
      expect(
        pick(changeAt(p, inModule("aws_security_group.redis")).change.after, ["name", "description", "vpc_id"]),
      ).toEqual({
        name: c.name,
        description: `Security group for the ${c.name} ElastiCache cluster`,
        vpc_id: VPC,
      });
      // Inline ingress/egress would fight the separate rules (and an egress block would open egress).
      expect(Object.keys(moduleResourceConfig(p, "aws_security_group.redis").expressions).sort()).toEqual([
        "description",
        "name",
        "vpc_id",
      ]);
      expect(
        moduleResourceConfig(p, "aws_elasticache_replication_group.redis").expressions.security_group_ids.references,
      ).toContain("aws_security_group.redis.id");
    });

    it("opens the port to the CIDR blocks and the source security groups only", async () => {
      const p = await planned();
      const ingress = { type: "ingress", protocol: "tcp", from_port: c.port, to_port: c.port };
      const expected = [
        ...(c.cidrBlocks.length > 0 ? [{ ...ingress, cidr_blocks: c.cidrBlocks, source_security_group_id: null }] : []),
        ...c.sourceSecurityGroups.map((sg) => ({ ...ingress, cidr_blocks: null, source_security_group_id: sg })),
      ];
      const rules = changesOf(p, "aws_security_group_rule").map((rc) =>
        pick(rc.change.after, Object.keys(ingress).concat("cidr_blocks", "source_security_group_id")),
      );
      expect(rules).toEqual(expected);
      for (const name of ["allow_connections_from_cidr_blocks", "allow_connections_from_security_group"]) {
        expect(
          moduleResourceConfig(p, `aws_security_group_rule.${name}`).expressions.security_group_id.references,
        ).toContain("aws_security_group.redis.id");
      }
    });

    it("creates four alarms on every member cache cluster when alarms are on", async () => {
      const p = await planned();
      const members = c.alarmTopics ? c.members : [];
      expect(changesOf(p, "aws_cloudwatch_metric_alarm")).toHaveLength(ALARM_KINDS.length * members.length);
      for (const kind of ALARM_KINDS) {
        members.forEach((member, i) => {
          const expected = alarmArguments({ alarms_sns_topic_arns: c.alarmTopics! }, kind, member);
          const { after } = changeAt(p, inModule(`aws_cloudwatch_metric_alarm.${kind.resource}[${i}]`)).change;
          expect(pick(after, Object.keys(expected))).toEqual(expected);
        });
      }
    });

    it("knows the member ids, node id and port at plan time", async () => {
      expect(knownOutputs(await planned())).toEqual(c.outputs);
    });
  });
