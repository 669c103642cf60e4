/**
 * Literal/token matrix: the construct with each prop in turn given as a token (a Terraform variable
 * whose default is the literal), every other prop literal, in a cluster-mode-off and a
 * cluster-mode-on base. Every mix must plan, and plan exactly what the all-literal construct plans:
 * the same resources with the same values (the cluster's name aside).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformElement, TerraformStack, TerraformVariable } from "cdktf";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTER_MODE_TYPE, LOG_DELIVERY_TYPE, TerraformType } from "../../lib/inputs/table";
import type { ElastiCacheRedisProps } from "../../lib/inputs/props";
import { variableToken } from "../../lib/drop-in/module-stack";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES, resolve } from "../helpers/spec";
import { withTempDir } from "../../tools/synth";
import {
  init,
  makeWorkRoot,
  plan,
  Plan,
  prepareStackDir,
  removeWorkRoot,
  requireTerraform,
  started,
} from "../../tools/terraform";
import { propsOf } from "../../tools/scenarios";

const BASES: Record<string, Record<string, unknown>> = {
  off: {
    instance_type: "cache.r6g.large",
    redis_version: "7.1",
    replication_group_size: 2,
    enable_automatic_failover: true,
    enable_multi_az: true,
    vpc_id: "vpc-0a1b2c3d",
    subnet_ids: ["subnet-0a1b2c3d", "subnet-1b2c3d4e"],
    snapshot_retention_limit: 0,
    snapshot_window: "",
    allow_connections_from_cidr_blocks: ["10.0.0.0/16"],
    allow_connections_from_security_groups: ["sg-0123456789abcdef0"],
    alarms_sns_topic_arns: ["arn:aws:sns:eu-west-1:111122223333:alarms"],
    sns_topic_for_notifications: "arn:aws:sns:eu-west-1:111122223333:events",
    snapshot_arn: "arn:aws:s3:::exports/dump.rdb",
    tags: { team: "orders" },
  },
  on: {
    instance_type: "cache.r6g.large",
    redis_version: "6.2",
    replication_group_size: 1,
    enable_automatic_failover: true,
    enable_multi_az: false,
    vpc_id: "vpc-0a1b2c3d",
    subnet_ids: ["subnet-0a1b2c3d"],
    cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 0 }],
    snapshot_window: "23:30-00:30",
    maintenance_window: "sun:01:00-sun:02:00",
    snapshot_name: "sessions-2026-11-01",
    parameter_group_name: "sessions-params",
    port: 6380,
  },
  // The inputs of later Gruntwork releases and this module's own, all set.
  later: {
    instance_type: "cache.r6gd.xlarge",
    redis_version: "8.0",
    engine: "valkey",
    replication_group_size: 1,
    enable_automatic_failover: true,
    enable_multi_az: true,
    vpc_id: "vpc-0a1b2c3d",
    subnet_ids: ["subnet-0a1b2c3d"],
    num_node_groups: 2,
    replicas_per_node_group: 0,
    kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    auto_minor_version_upgrade: false,
    engine_log_delivery_configuration: { destination: "engine-log", destination_type: "cloudwatch-logs", log_format: "json" },
    slow_log_delivery_configuration: { destination: "slow-log", destination_type: "kinesis-firehose", log_format: "text" },
    alarm_treat_missing_data: "ignore",
    alarm_high_cpu_utilization_treat_missing_data: "breaching",
    alarm_low_memory_available_treat_missing_data: "notBreaching",
    alarm_low_memory_available_threshold: 50000000,
    enable_auto_scaling: true,
    auto_scale_dimension: "elasticache:replication-group:NodeGroups",
    auto_scale_min_capacity: 2,
    auto_scale_max_capacity: 4,
    auto_scale_trigger_metric: "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
    auto_scale_trigger_metric_target_value: 50,
    auto_scale_disable_scale_in: true,
    auto_scale_scale_in_cooldown: 300,
    auto_scale_scale_out_cooldown: 120,
  },
  // Cross-account snapshots and Route 53 records on, every input of theirs set.
  shared: {
    create_route53_entry: true,
    hosted_zone_id: "Z0123456789ABCDEFGHIJ",
    primary_domain_name: "redis.shared.internal",
    reader_domain_name: "redis-ro.shared.internal",
    route53_record_ttl: 60,
    kubernetes_service_namespace: "payments",
    instance_type: "cache.r6g.large",
    redis_version: "7.1",
    replication_group_size: 2,
    enable_automatic_failover: true,
    enable_multi_az: true,
    vpc_id: "vpc-0a1b2c3d",
    subnet_ids: ["subnet-0a1b2c3d"],
    snapshot_retention_limit: 0,
    share_snapshot_with_another_account: true,
    share_snapshot_with_account_id: "444455556666",
    share_snapshot_destination_bucket_arn: "arn:aws:s3:::orders-snapshots-dr",
    share_snapshot_schedule_expression: "cron(30 5 * * ? *)",
    share_snapshot_max_snapshots: 14,
    enable_share_snapshot_cloudwatch_alarms: true,
    backup_job_alarm_period: 7200,
  },
};

/**
 * The inputs of the snapshot export but its two switches, left literal as automatic scaling's: a
 * switch as a token counts the resources it creates ([0]) where a literal one does not.
 */
/** The records' inputs but the switch and reader_domain_name, which as a token (it may be null) counts the reader record. */
const DISCOVERY_INPUTS = ["hosted_zone_id", "primary_domain_name", "route53_record_ttl", "kubernetes_service_namespace"];
const SHARING_INPUTS = [
  "share_snapshot_with_account_id",
  "share_snapshot_destination_bucket_arn",
  "share_snapshot_schedule_expression",
  "share_snapshot_max_snapshots",
  "backup_job_alarm_period",
];

/** Every v0.85.0 input but auth_token, which the construct only ever takes as a token. */
const V085_TOKEN_INPUTS = Object.keys(resolve({ name: "x" })).filter((name) => name !== "auth_token");
/** The base with later inputs turns only those (and what they replace or depend on) into tokens. */
const TOKEN_INPUTS: Record<string, readonly string[]> = {
  off: V085_TOKEN_INPUTS,
  on: V085_TOKEN_INPUTS,
  // The switch of automatic scaling is left literal: as a token it plans a new cluster's scaled
  // count as unknown (null, left to AWS) where a literal sends it (docs/spec/autoscaling.md §3).
  later: [
    ...Object.keys(LATER_GRUNTWORK_VARIABLES),
    ...Object.keys(MODULE_ONLY_VARIABLES).filter(
      (name) =>
        name !== "enable_auto_scaling" && name !== "create_route53_entry" && !name.includes("share_snapshot") && ![...SHARING_INPUTS, ...DISCOVERY_INPUTS, "reader_domain_name"].includes(name),
    ),
    "redis_version",
    "enable_at_rest_encryption",
    // An r6gd type here: data tiering derived from a token.
    "instance_type",
  ],
  shared: [...SHARING_INPUTS, ...DISCOVERY_INPUTS, "name", "snapshot_retention_limit"],
};

/** The Terraform type of a variable standing for an input's literal value. */
function variableType(name: string, value: unknown): TerraformType {
  if (name === "cluster_mode") return CLUSTER_MODE_TYPE;
  if (name.endsWith("_log_delivery_configuration")) return LOG_DELIVERY_TYPE;
  if (Array.isArray(value)) return "list(string)";
  if (value !== null && typeof value === "object") return "map(string)";
  if (typeof value === "boolean") return "bool";
  return typeof value === "number" ? "number" : "string";
}

/** A token for the value: a reference to a variable of the value's type defaulting to it. */
function tokenFor(stack: TerraformStack, id: string, name: string, value: unknown): unknown {
  const type = variableType(name, value);
  const variable = new TerraformVariable(stack, id, { type, ...(value === null ? {} : { default: value }) });
  if (value === null) variable.addOverride("default", null);
  return variableToken(variable, type);
}

interface Instance {
  base: string;
  /** The input given as a token, or "(none)" for the all-literal instance. */
  token: string;
  name: string;
}

interface Matrix {
  json: string;
  /** Resource logical id -> the instance it belongs to and its construct id inside the construct. */
  owners: Map<string, { instance: Instance; id: string }>;
}

/**
 * One stack (one plan) for both bases: per base, the all-literal construct and one construct per
 * token input, each with its own name.
 */
function matrixStack(): Matrix {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir, skipValidation: true }), "tokens");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const authToken = new TerraformVariable(stack, "auth_token", {
      type: "string",
      sensitive: true,
      default: "a-good-token-1234567890",
    }).stringValue;
    const owners: Matrix["owners"] = new Map();
    const instances: Instance[] = Object.keys(BASES).flatMap((base) => [
      { base, token: "(none)", name: `${base}-literal` },
      ...TOKEN_INPUTS[base].map((input, i) => ({ base, token: input, name: `${base}-token-${i}` })),
    ]);
    for (const [i, instance] of instances.entries()) {
      const inputs: Record<string, unknown> = { ...resolve({ ...BASES[instance.base], name: instance.name }) };
      const props: Record<string, unknown> = { ...propsOf(inputs), authToken };
      if (instance.token !== "(none)") {
        const [prop] = Object.keys(propsOf({ [instance.token]: inputs[instance.token] }));
        props[prop] = tokenFor(stack, `${instance.token}_${i}`, instance.token, inputs[instance.token]);
      }
      const redis = new ElastiCacheRedis(stack, `cache_${i}`, props as unknown as ElastiCacheRedisProps);
      for (const element of redis.node.findAll()) {
        if (element instanceof TerraformElement) {
          owners.set(stack.getLogicalId(element), { instance, id: element.node.id });
        }
      }
    }
    return { json: Testing.synth(stack, true), owners };
  });
}

let workRoot: string | undefined;
let planned: Promise<{ plan: Plan; owners: Matrix["owners"] }>;

beforeAll(async () => {
  requireTerraform();
  const root = (workRoot = await makeWorkRoot());
  planned = started(
    (async () => {
      const { json, owners } = matrixStack();
      const dir = await prepareStackDir(join(root, "tokens"), json);
      await init(dir);
      return { plan: await plan(dir), owners };
    })(),
  );
});

afterAll(async () => {
  await Promise.allSettled([planned]);
  await removeWorkRoot(workRoot);
});

/** Each instance's planned resources, by construct id and index, with its name written NAME. */
function plannedByInstance(p: Plan, owners: Matrix["owners"]): Map<string, Record<string, unknown>> {
  const byInstance = new Map<string, Record<string, unknown>>();
  for (const rc of p.resource_changes ?? []) {
    const owner = owners.get(rc.name);
    if (!owner) throw new Error(`no construct owns ${rc.address}`);
    const key = `${rc.type}.${owner.id}${rc.index === undefined ? "" : `[${rc.index}]`}`;
    const values = JSON.stringify({ actions: rc.change.actions, after: rc.change.after, unknown: rc.change.after_unknown });
    const id = `${owner.instance.base}/${owner.instance.token}`;
    const resources = byInstance.get(id) ?? {};
    resources[key] = JSON.parse(values.replaceAll(owner.instance.name, "NAME"));
    byInstance.set(id, resources);
  }
  return byInstance;
}

for (const base of Object.keys(BASES))
  describe(`each prop as a token, the rest literal: cluster mode ${base}`, () => {
    const byInstance = async () => {
      const { plan: p, owners } = await planned;
      return plannedByInstance(p, owners);
    };

    it("plans the all-literal construct: every resource created", async () => {
      const literal = (await byInstance()).get(`${base}/(none)`)!;
      // Two member nodes, four alarms each; with automatic scaling on (later), four over every node;
      // sharing snapshots adds the export job's.
      const expectedAlarms = { off: 8, on: 8, later: 4, shared: 8 + 1 }[base]!;
      if (base === "later") {
        const rg = literal["aws_elasticache_replication_group.replication_group"] as { after: Record<string, unknown> };
        expect(rg.after).toMatchObject({
          engine: "valkey",
          num_node_groups: 2,
          parameter_group_name: "default.valkey8.cluster.on",
          data_tiering_enabled: true,
        });
        expect(rg.after.log_delivery_configuration).toHaveLength(2);
      }
      const alarms = Object.keys(literal).filter((k) => k.startsWith("aws_cloudwatch_metric_alarm."));
      expect(alarms).toHaveLength(expectedAlarms);
      expect(alarms.filter((k) => !k.endsWith("_all_nodes") && !k.includes("snapshot_export")).length).toBe(base === "later" ? 0 : 8);
      expect(Object.keys(literal).filter((k) => /\.snapshot_(export|replication)_/.test(k)).length).toBe(base === "shared" ? 18 : 0);
      expect(Object.keys(literal).filter((k) => k.startsWith("aws_security_group_rule."))).toHaveLength(base === "off" ? 2 : 0);
    });

    it.each(TOKEN_INPUTS[base])("%s as a token plans exactly what the literal does", async (input) => {
      const planned = await byInstance();
      expect(planned.get(`${base}/${input}`)).toEqual(planned.get(`${base}/(none)`));
    });
  });
