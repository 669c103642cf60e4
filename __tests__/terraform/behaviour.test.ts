/**
 * Each derivation of the drop-in module, by what Terraform plans: one root module calls the module
 * once per case, and each case states, literally, what docs/spec/module-interface.md §4-5 says the planned
 * arguments are. (__tests__/terraform/derivations.test.ts checks that TypeScript and Terraform agree; this
 * checks that what they agree on is right.)
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  init,
  knownOutputs,
  makeWorkRoot,
  plan,
  Plan,
  prepareCallerDir,
  removeWorkRoot,
  ResourceChange,
} from "../../tools/terraform";
import { moduleForTerraform } from "../../tools/synth";
import { VALID_INPUTS } from "../../tools/scenarios";

interface Case {
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Planned replication group arguments; null = not set. */
  readonly replicationGroup?: Readonly<Record<string, unknown>>;
  /** The cache_cluster_ids output. */
  readonly members?: readonly string[];
  /** Ingress rules: the CIDR blocks of each CIDR rule, and the source group of each group rule. */
  readonly rules?: { readonly cidr: readonly (readonly string[])[]; readonly groups: readonly string[] };
  /** Alarm names of one kind (the swap-usage alarm), in index order; [] = no alarm at all. */
  readonly swapAlarms?: readonly string[];
  /** treat_missing_data and threshold of the first member's alarm of each kind. */
  readonly alarms?: Readonly<Record<string, { treat_missing_data: string; threshold: number }>>;
  /** log_delivery_configuration blocks, in any order. */
  readonly logs?: readonly Readonly<Record<string, string>>[];
}

/** What 2 shards of 1 replica plan, in either form. */
const CLUSTER_MODE_GROUP = {
  parameter_group_name: "default.redis6.x.cluster.on",
  num_cache_clusters: null,
  num_node_groups: 2,
  replicas_per_node_group: 1,
};
const CLUSTER_MODE_MEMBERS = ["orders-0001-001", "orders-0001-002", "orders-0002-001", "orders-0002-002"];
const KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const alarmsWith = (cpu: string, engineCpu: string, memory: string, swap: string, memoryThreshold: number) => ({
  elasticache_high_cpu_utilization: { treat_missing_data: cpu, threshold: 90 },
  elasticache_high_engine_cpu_utilization: { treat_missing_data: engineCpu, threshold: 90 },
  elasticache_low_memory_available: { treat_missing_data: memory, threshold: memoryThreshold },
  elasticache_swap_usage: { treat_missing_data: swap, threshold: 50000000 },
});

const CASES: Record<string, Case> = {
  // §4 snapshot_window: unset when retention is 0 or the window is "", each on its own
  retention_0_with_a_window: {
    inputs: { snapshot_retention_limit: 0, snapshot_window: "05:00-06:00" },
    replicationGroup: { snapshot_retention_limit: 0, snapshot_window: null },
  },
  empty_window_with_retention: {
    inputs: { snapshot_retention_limit: 7, snapshot_window: "" },
    replicationGroup: { snapshot_retention_limit: 7, snapshot_window: null },
  },
  window_and_retention: {
    inputs: { snapshot_retention_limit: 7, snapshot_window: "05:00-06:00" },
    replicationGroup: { snapshot_retention_limit: 7, snapshot_window: "05:00-06:00" },
  },
  // §4 parameter group: the AWS default group of the version's family
  redis_4: {
    inputs: { redis_version: "4.0.10" },
    replicationGroup: { parameter_group_name: "default.redis4.0", engine_version: "4.0.10" },
  },
  redis_5: { inputs: { redis_version: "5.0.6" }, replicationGroup: { parameter_group_name: "default.redis5.0" } },
  redis_6x: { inputs: { redis_version: "6.x" }, replicationGroup: { parameter_group_name: "default.redis6.x" } },
  redis_62: { inputs: { redis_version: "6.2" }, replicationGroup: { parameter_group_name: "default.redis6.x" } },
  redis_70: { inputs: { redis_version: "7.0" }, replicationGroup: { parameter_group_name: "default.redis7" } },
  given_group: {
    inputs: { redis_version: "7.1", parameter_group_name: "orders-params" },
    replicationGroup: { parameter_group_name: "orders-params" },
  },
  // §4-5 cluster mode: shards and replicas instead of a node count; members per shard
  cluster_mode: {
    inputs: { redis_version: "6.x", replication_group_size: 1, cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] },
    replicationGroup: CLUSTER_MODE_GROUP,
    members: CLUSTER_MODE_MEMBERS,
    swapAlarms: [
      "orders-0001-001-0001-swap-usage",
      "orders-0001-002-0001-swap-usage",
      "orders-0002-001-0001-swap-usage",
      "orders-0002-002-0001-swap-usage",
    ],
  },
  three_nodes: {
    inputs: { replication_group_size: 3 },
    replicationGroup: { num_cache_clusters: 3, num_node_groups: null, replicas_per_node_group: null },
    members: ["orders-001", "orders-002", "orders-003"],
    swapAlarms: ["orders-001-0001-swap-usage", "orders-002-0001-swap-usage", "orders-003-0001-swap-usage"],
  },
  // §4 snapshot sources and event notifications
  snapshot_arn: {
    inputs: { snapshot_arn: "arn:aws:s3:::backups/orders.rdb" },
    replicationGroup: { snapshot_arns: ["arn:aws:s3:::backups/orders.rdb"], snapshot_name: null },
  },
  snapshot_name: {
    inputs: { snapshot_name: "orders-nightly" },
    replicationGroup: { snapshot_arns: null, snapshot_name: "orders-nightly" },
  },
  no_topic: { inputs: { sns_topic_for_notifications: "" }, replicationGroup: { notification_topic_arn: null } },
  topic: {
    inputs: { sns_topic_for_notifications: "arn:aws:sns:eu-west-1:111122223333:events" },
    replicationGroup: { notification_topic_arn: "arn:aws:sns:eu-west-1:111122223333:events" },
  },
  // §3 ingress rules: one for all CIDR blocks, one per source group
  no_sources: { inputs: {}, rules: { cidr: [], groups: [] } },
  sources: {
    inputs: {
      allow_connections_from_cidr_blocks: ["10.0.0.0/16", "10.1.0.0/16"],
      allow_connections_from_security_groups: ["sg-0a", "sg-0b", "sg-0c"],
    },
    rules: { cidr: [["10.0.0.0/16", "10.1.0.0/16"]], groups: ["sg-0a", "sg-0b", "sg-0c"] },
  },
  // §5 alarms off
  alarms_off: { inputs: { enable_cloudwatch_alarms: false }, members: ["orders-001", "orders-002"], swapAlarms: [] },
  // later Gruntwork releases (docs/spec/later-inputs.md §1): the shard form plans what cluster_mode plans
  later_shard_form: {
    inputs: { redis_version: "6.x", replication_group_size: 1, num_node_groups: 2, replicas_per_node_group: 1 },
    replicationGroup: CLUSTER_MODE_GROUP,
    members: CLUSTER_MODE_MEMBERS,
  },
  alarm_defaults: { inputs: {}, alarms: alarmsWith("missing", "missing", "missing", "missing", 100000000) },
  alarm_inputs: {
    inputs: {
      alarm_treat_missing_data: "ignore",
      alarm_high_cpu_utilization_treat_missing_data: "breaching",
      alarm_low_memory_available_threshold: 50000000,
    },
    alarms: alarmsWith("breaching", "ignore", "ignore", "ignore", 50000000),
  },
  alarm_low_memory_own: {
    inputs: { alarm_low_memory_available_treat_missing_data: "notBreaching" },
    alarms: alarmsWith("missing", "missing", "notBreaching", "missing", 100000000),
  },
  auto_minor_version_upgrade_off: {
    inputs: { auto_minor_version_upgrade: false },
    replicationGroup: { auto_minor_version_upgrade: "false" },
  },
  // Not sent, so that AWS's default stays (what v0.85.0 clusters have): unknown until apply.
  auto_minor_version_upgrade_unset: { inputs: {}, replicationGroup: { auto_minor_version_upgrade: null } },
  log_delivery_both_destinations: {
    inputs: {
      engine_log_delivery_configuration: { destination: "orders-engine", destination_type: "cloudwatch-logs", log_format: "json" },
      slow_log_delivery_configuration: { destination: "orders-slow", destination_type: "kinesis-firehose", log_format: "text" },
    },
    logs: [
      { destination: "orders-engine", destination_type: "cloudwatch-logs", log_format: "json", log_type: "engine-log" },
      { destination: "orders-slow", destination_type: "kinesis-firehose", log_format: "text", log_type: "slow-log" },
    ],
  },
  log_delivery_none: { inputs: {}, logs: [] },
  auth_token_rotates: {
    inputs: { auth_token: "a-good-token-1234567890" },
    replicationGroup: { auth_token_update_strategy: "ROTATE" },
  },
  // this module: Valkey, a customer managed KMS key
  valkey_8: {
    inputs: { engine: "valkey", redis_version: "8.0" },
    replicationGroup: { engine: "valkey", engine_version: "8.0", parameter_group_name: "default.valkey8" },
  },
  valkey_72_shards: {
    inputs: { engine: "valkey", redis_version: "7.2", replication_group_size: 1, num_node_groups: 2, replicas_per_node_group: 0 },
    replicationGroup: { engine: "valkey", engine_version: "7.2", parameter_group_name: "default.valkey7.cluster.on" },
  },
  kms_key: { inputs: { kms_key_id: KMS_KEY }, replicationGroup: { kms_key_id: KMS_KEY } },
  // data tiering: AWS creates r6gd clusters only with it, and refuses it for any other type
  data_tiering_r6gd: {
    inputs: { instance_type: "cache.r6gd.xlarge" },
    replicationGroup: { node_type: "cache.r6gd.xlarge", data_tiering_enabled: true },
  },
  // Not sent: unknown until apply, and on a cluster that exists, what its state holds.
  data_tiering_r6g: {
    inputs: { instance_type: "cache.r6g.xlarge" },
    replicationGroup: { node_type: "cache.r6g.xlarge", data_tiering_enabled: null },
  },
};

const moduleName = (id: string) => `case_${id}`;

function callerHcl(): string {
  const blocks = Object.entries(CASES).map(([id, c]) => {
    const inputs = { ...VALID_INPUTS, ...c.inputs };
    const args = Object.entries(inputs).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
    return [`module "${moduleName(id)}" {`, '  source = "./modules/redis"', ...args, "}"].join("\n");
  });
  const outputs = Object.keys(CASES).map(
    (id) => `output "${moduleName(id)}_members" {\n  value = module.${moduleName(id)}.cache_cluster_ids\n}`,
  );
  return [...blocks, ...outputs, 'provider "aws" {\n  region = "eu-west-1"\n}'].join("\n\n");
}

let workRoot: string | undefined;
let planned: Promise<Plan>;

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  planned = moduleForTerraform().then(async (text) => {
    const dir = await prepareCallerDir(join(root, "caller"), text, { hcl: callerHcl() });
    await init(dir);
    return plan(dir);
  });
  planned.catch(() => undefined);
});

afterAll(async () => {
  await Promise.allSettled([planned]);
  await removeWorkRoot(workRoot);
});

const inCase = (p: Plan, id: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter((rc) => rc.module_address === `module.${moduleName(id)}`);

describe.each(Object.keys(CASES))("what the module plans: %s", (id) => {
  const c = CASES[id];

  if (c.replicationGroup)
    it("sets the replication group's derived arguments", async () => {
      const [rg] = inCase(await planned, id).filter((rc) => rc.type === "aws_elasticache_replication_group");
      const after = Object.fromEntries(Object.keys(c.replicationGroup!).map((k) => [k, rg.change.after[k] ?? null]));
      expect(after).toEqual(c.replicationGroup);
    });

  if (c.members)
    it("knows the member cluster ids at plan time", async () => {
      expect(knownOutputs(await planned)[`${moduleName(id)}_members`]).toEqual(c.members);
    });

  if (c.rules)
    it("creates one CIDR rule for all the blocks and one rule per source group", async () => {
      const rules = inCase(await planned, id)
        .filter((rc) => rc.type === "aws_security_group_rule")
        .sort((a, b) => Number(a.index) - Number(b.index));
      const named = (name: string) => rules.filter((rc) => rc.name === name).map((rc) => rc.change.after);
      expect(named("allow_connections_from_cidr_blocks").map((after) => after.cidr_blocks)).toEqual(c.rules!.cidr);
      expect(named("allow_connections_from_security_group").map((after) => after.source_security_group_id)).toEqual(
        c.rules!.groups,
      );
    });

  if (c.swapAlarms)
    it(c.swapAlarms.length > 0 ? "names each member's alarms after it" : "creates no alarm", async () => {
      const alarms = inCase(await planned, id).filter((rc) => rc.type === "aws_cloudwatch_metric_alarm");
      expect(alarms).toHaveLength(4 * c.swapAlarms!.length);
      const swap = alarms
        .filter((rc) => rc.name === "elasticache_swap_usage")
        .sort((a, b) => Number(a.index) - Number(b.index))
        .map((rc) => rc.change.after.alarm_name);
      expect(swap).toEqual(c.swapAlarms);
    });

  if (c.alarms)
    it("treats missing data and sets thresholds as the alarm inputs say", async () => {
      const first = inCase(await planned, id).filter((rc) => rc.type === "aws_cloudwatch_metric_alarm" && rc.index === 0);
      const actual = Object.fromEntries(
        first.map((rc) => [rc.name, { treat_missing_data: rc.change.after.treat_missing_data, threshold: rc.change.after.threshold }]),
      );
      expect(actual).toEqual(c.alarms);
    });

  if (c.logs)
    it(c.logs.length > 0 ? "delivers each log where its configuration says" : "delivers no log", async () => {
      const [rg] = inCase(await planned, id).filter((rc) => rc.type === "aws_elasticache_replication_group");
      const byType = (a: Record<string, string>, b: Record<string, string>) => a.log_type.localeCompare(b.log_type);
      expect([...rg.change.after.log_delivery_configuration].sort(byType)).toEqual([...c.logs!].sort(byType));
    });
});
