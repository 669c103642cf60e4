/**
 * Automatic scaling against real `terraform plan -refresh=false`, on state in which AWS has already
 * scaled the cluster out or in (docs/spec/autoscaling.md §3): Terraform must not plan the count
 * back, neither from the drop-in module, where the switch is a variable, nor from the construct
 * with literal props. Switched off, the module plans the count of its inputs again.
 *
 * The states are the module's own after apply (tools/state.ts), with the replication group's
 * instance taken from the state of the count AWS scaled to: its counts and member clusters move,
 * while the alarms Terraform created stay as they were.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformResource, TerraformStack, Testing } from "cdktf";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { hclModuleState, nestedStates, TerraformState, writeState } from "../../tools/state";
import { propsOf } from "../../tools/scenarios";
import { moduleForTerraform } from "../../tools/synth";
import {
  callView,
  init,
  makeWorkRoot,
  plan,
  Plan,
  prepareCallerDir,
  prepareStackDir,
  removeWorkRoot,
  ResourceChange,
  started,
} from "../../tools/terraform";

const REGION = "eu-west-1";
const SHARDS = "elasticache:replication-group:NodeGroups";
const REPLICAS = "elasticache:replication-group:Replicas";

const base = (name: string, shards: number, replicas: number) => ({
  name,
  instance_type: "cache.r6g.large",
  redis_version: "7.1",
  replication_group_size: 1,
  enable_automatic_failover: true,
  enable_multi_az: true,
  vpc_id: "vpc-0a1b2c3d",
  subnet_ids: ["subnet-0a1b2c3d", "subnet-1b2c3d4e"],
  cluster_mode: [{ num_node_groups: shards, replicas_per_node_group: replicas }],
});

interface Case {
  /** The inputs, with the counts the cluster was created with. */
  inputs: Record<string, unknown>;
  /** The counts AWS has scaled the cluster to since. */
  scaled: [shards: number, replicas: number];
}

const scaling = (dimension: string, min: number, max: number) => ({
  enable_auto_scaling: true,
  auto_scale_dimension: dimension,
  auto_scale_min_capacity: min,
  auto_scale_max_capacity: max,
});

const CASES: Record<string, Case> = {
  shards_out: { inputs: { ...base("shards-out", 2, 1), ...scaling(SHARDS, 2, 6) }, scaled: [5, 1] },
  shards_in: { inputs: { ...base("shards-in", 3, 1), ...scaling(SHARDS, 1, 6) }, scaled: [1, 1] },
  replicas_out: { inputs: { ...base("replicas-out", 2, 1), ...scaling(REPLICAS, 1, 5) }, scaled: [2, 4] },
  replicas_in: { inputs: { ...base("replicas-in", 2, 3), ...scaling(REPLICAS, 1, 5) }, scaled: [2, 1] },
  switched_off: { inputs: base("switched-off", 2, 1), scaled: [4, 1] },
};

/** The module's state after apply with the case's inputs, its replication group as AWS scaled it. */
async function scaledState(c: Case): Promise<TerraformState> {
  const applied = await hclModuleState(c.inputs, { addresses: "root", region: REGION });
  const [shards, replicas] = c.scaled;
  const scaled = await hclModuleState({ ...c.inputs, cluster_mode: [{ num_node_groups: shards, replicas_per_node_group: replicas }] }, {
    addresses: "root",
    region: REGION,
  });
  const group = (s: TerraformState) => s.resources.find((r) => r.type === "aws_elasticache_replication_group")!;
  return { ...applied, resources: applied.resources.map((r) => (r === group(applied) ? group(scaled) : r)) };
}

let workRoot: string | undefined;
let modulePlan: (call: string) => Promise<Plan>;
let constructPlan: Promise<{ plan: Plan; groups: Record<string, string> }>;

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const states = Object.fromEntries(await Promise.all(Object.entries(CASES).map(async ([call, c]) => [call, await scaledState(c)] as const)));
  const all = started(
    moduleForTerraform().then(async (text) => {
      const calls = Object.fromEntries(Object.entries(CASES).map(([call, c]) => [call, c.inputs]));
      const dir = await prepareCallerDir(join(root, "module"), text, { calls, region: REGION });
      await writeState(join(dir, "terraform.tfstate"), nestedStates(states));
      await init(dir);
      return plan(dir);
    }),
  );
  modulePlan = (call) => started(all.then((p) => callView(p, call)));

  // The construct with literal props, each scaling case in one stack, its state renamed to the
  // construct's logical ids.
  constructPlan = started(
    (async () => {
      const stack = new TerraformStack(new App({ outdir: join(root, "cdktf.out"), skipValidation: true }), "scaled");
      new AwsProvider(stack, "aws", { region: REGION });
      const ids: Record<string, Map<string, string>> = {};
      const groups: Record<string, string> = {};
      for (const call of Object.keys(CASES).filter((call) => call !== "switched_off")) {
        const construct = new ElastiCacheRedis(stack, call, propsOf(CASES[call].inputs));
        ids[call] = new Map();
        for (const element of construct.node.findAll()) {
          if (!(element instanceof TerraformResource)) continue;
          const logicalId = stack.getLogicalId(element);
          ids[call].set(`${element.terraformResourceType}.${moduleName(element.node.id)}`, logicalId);
          if (element.terraformResourceType === "aws_elasticache_replication_group") groups[call] = `${element.terraformResourceType}.${logicalId}`;
        }
      }
      const json = JSON.parse(Testing.synth(stack));
      delete json.terraform.backend;
      const dir = await prepareStackDir(join(root, "construct"), JSON.stringify(json));
      const renamed = Object.entries(ids).flatMap(([call, byAddress]) =>
        states[call].resources.map((r) => ({
          ...r,
          name: byAddress.get(`${r.type}.${r.name}`) ?? r.name,
          instances: r.instances.map((i) => ({ ...i, dependencies: [] })),
        })),
      );
      await writeState(join(dir, "terraform.tfstate"), { ...states.shards_out, outputs: {}, resources: renamed });
      await init(dir);
      return { plan: await plan(dir), groups };
    })(),
  );
  await Promise.allSettled([all, constructPlan]);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

/** The resource name the module gives a construct child: the HCL module's, or "redis" for the group. */
function moduleName(id: string): string {
  const names: Record<string, string> = {
    replication_group: "redis",
    subnet_group: "redis",
    security_group: "redis",
    auto_scaling_target: "redis",
    auto_scaling_policy: "redis",
  };
  return names[id] ?? id;
}

const change = (p: Plan, address: string): ResourceChange | undefined => (p.resource_changes ?? []).find((rc) => rc.address === address);
const GROUP = "aws_elasticache_replication_group.redis";
const changed = (p: Plan) => (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => `${rc.change.actions.join("+")} ${rc.address}`).sort();

describe("automatic scaling from the drop-in module (the switch is a variable)", () => {
  for (const call of ["shards_out", "shards_in", "replicas_out", "replicas_in"]) {
    it(`${call}: leaves the count AWS scaled to, and only creates the target and the policy`, async () => {
      const p = await modulePlan(call);
      expect(change(p, GROUP)?.change.actions).toEqual(["no-op"]);
      expect(changed(p)).toEqual(["create aws_appautoscaling_policy.redis[0]", "create aws_appautoscaling_target.redis[0]"]);
    });
  }

  it("registers the group's dimension within the range, and tracks the dimension's engine CPU", async () => {
    const p = await modulePlan("replicas_out");
    expect(change(p, "aws_appautoscaling_target.redis[0]")?.change.after).toMatchObject({
      service_namespace: "elasticache",
      scalable_dimension: REPLICAS,
      min_capacity: 1,
      max_capacity: 5,
    });
    expect(change(p, "aws_appautoscaling_policy.redis[0]")?.change.after).toMatchObject({
      policy_type: "TargetTrackingScaling",
      service_namespace: "elasticache",
      scalable_dimension: REPLICAS,
      target_tracking_scaling_policy_configuration: [
        {
          predefined_metric_specification: [{ predefined_metric_type: "ElastiCacheReplicaEngineCPUUtilization", resource_label: null }],
          target_value: 60,
          disable_scale_in: false,
          scale_in_cooldown: 900,
          scale_out_cooldown: 600,
        },
      ],
    });
  });

  it("switched off, plans the count of its inputs again (from 4 shards back to 2)", async () => {
    const p = await modulePlan("switched_off");
    const group = change(p, GROUP)!;
    expect(group.change.actions).toEqual(["update"]);
    expect([group.change.before?.num_node_groups, group.change.after?.num_node_groups]).toEqual([4, 2]);
    expect(changed(p)).toEqual([`update ${GROUP}`]);
  });
});

describe("automatic scaling from the construct (a literal switch)", () => {
  for (const call of ["shards_out", "shards_in", "replicas_out", "replicas_in"]) {
    it(`${call}: leaves the count AWS scaled to`, async () => {
      const { plan: p, groups } = await constructPlan;
      expect(change(p, groups[call])?.change.actions).toEqual(["no-op"]);
    });
  }

  it("creates one target and one policy per cluster, uncounted", async () => {
    const { plan: p } = await constructPlan;
    const created = changed(p).filter((c) => c.startsWith("create"));
    expect(created.filter((c) => c.includes("aws_appautoscaling_target."))).toHaveLength(4);
    expect(created.filter((c) => c.includes("aws_appautoscaling_policy."))).toHaveLength(4);
    expect(changed(p).filter((c) => !c.startsWith("create aws_appautoscaling_"))).toEqual([]);
    expect(created.every((c) => !c.endsWith("]"))).toBe(true);
  });
});
