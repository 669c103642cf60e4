/**
 * Automatic scaling against real `terraform plan -refresh=false`, on state in which AWS has already
 * scaled the cluster out or in (docs/spec/autoscaling.md §3): Terraform must not plan the count
 * back, neither from the drop-in module, where the switch is a variable, nor from the construct
 * with literal props. Switched off, the module plans the count of its inputs again.
 *
 * The states are the module's own after apply (tools/state.ts), with the replication group's
 * instance taken from the state of the count AWS scaled to: its counts and member clusters move,
 * while the alarms Terraform created stay as they were.
 *
 * The plan review reads the same plans: it must name the count a switch-off sets back and the
 * scale-in a range below AWS's count forces, and say nothing of a range around the count.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { reviewPlanJson, type PlanReview } from "../../lib/review";
import { headings, renderGfm, textOf } from "../../tools/gfm";
import { hclModuleState, nestedStates, StateResource, TerraformState, writeState } from "../../tools/state";
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
  validate,
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
  /**
   * The scaling automatic scaling was applied with, if it was: the state then holds the scalable
   * target and policy, the group's tag and the alarms over every node instead of the per-node ones.
   */
  appliedWith?: { dimension: string; min: number; max: number };
}

const scaling = (dimension: string, min: number, max: number) => ({
  enable_auto_scaling: true,
  auto_scale_dimension: dimension,
  auto_scale_min_capacity: min,
  auto_scale_max_capacity: max,
});
const applied = (dimension: string, min: number, max: number) => ({ inputs: scaling(dimension, min, max), appliedWith: { dimension, min, max } });
const withScaling = (inputs: Record<string, unknown>, scaled: Case["scaled"], a: ReturnType<typeof applied>): Case => ({
  inputs: { ...inputs, ...a.inputs },
  scaled,
  appliedWith: a.appliedWith,
});

const CASES: Record<string, Case> = {
  shards_out: withScaling(base("shards-out", 2, 1), [5, 1], applied(SHARDS, 2, 6)),
  shards_in: withScaling(base("shards-in", 3, 1), [1, 1], applied(SHARDS, 1, 6)),
  replicas_out: withScaling(base("replicas-out", 2, 1), [2, 4], applied(REPLICAS, 1, 5)),
  replicas_in: withScaling(base("replicas-in", 2, 3), [2, 1], applied(REPLICAS, 1, 5)),
  switched_off: { inputs: base("switched-off", 2, 1), scaled: [4, 1], appliedWith: { dimension: SHARDS, min: 2, max: 6 } },
  // AWS scaled out to 5 shards under a range applied by other means; automatic scaling is switched
  // on here for the first time, with a range that ends at 3.
  range_below: { inputs: { ...base("range-below", 2, 1), ...scaling(SHARDS, 2, 3) }, scaled: [5, 1] },
};

/** The alarm kinds of docs/spec/module-interface.md, as the alarms over every node query them (docs/spec/autoscaling.md §4). */
const NODE_QUERIES: Record<string, { select: string; order: string }> = {
  elasticache_high_cpu_utilization: { select: "AVG(CPUUtilization)", order: "AVG() DESC" },
  elasticache_high_engine_cpu_utilization: { select: "AVG(EngineCPUUtilization)", order: "AVG() DESC" },
  elasticache_low_memory_available: { select: "MIN(FreeableMemory)", order: "MIN() ASC" },
  elasticache_swap_usage: { select: "MAX(SwapUsage)", order: "MAX() DESC" },
};
const nodesQuery = (name: string, kind: string) =>
  `SELECT ${NODE_QUERIES[kind].select} FROM SCHEMA("AWS/ElastiCache", CacheClusterId, CacheNodeId) ` +
  `WHERE tag.ElastiCacheReplicationGroup = '${name}' GROUP BY CacheClusterId, CacheNodeId ORDER BY ${NODE_QUERIES[kind].order}`;

const PROVIDER_ADDRESS = 'provider["registry.terraform.io/hashicorp/aws"]';

/**
 * The scalable target and target-tracking policy as the module's apply leaves them in state
 * (hashicorp/aws 5.100, schema version 0; attributes left out read as null). tools/state.ts models
 * the module without automatic scaling, so they are added here.
 */
function scalingResources(name: string, s: NonNullable<Case["appliedWith"]>): StateResource[] {
  const resourceId = `replication-group/${name}`;
  const instance = (attributes: Record<string, unknown>, dependencies: string[]) => ({
    index_key: 0,
    schema_version: 0,
    attributes,
    sensitive_attributes: [],
    private: Buffer.from(JSON.stringify({ schema_version: "0" })).toString("base64"),
    dependencies,
  });
  const resource = (type: string, attributes: Record<string, unknown>, dependencies: string[]): StateResource => ({
    mode: "managed",
    type,
    name: "redis",
    each: "list",
    provider: PROVIDER_ADDRESS,
    instances: [instance(attributes, dependencies)],
  });
  return [
    resource(
      "aws_appautoscaling_target",
      {
        arn: `arn:aws:application-autoscaling:${REGION}:111122223333:scalable-target/0e1a2b3c4d5e6f`,
        id: resourceId,
        max_capacity: s.max,
        min_capacity: s.min,
        resource_id: resourceId,
        role_arn: "arn:aws:iam::111122223333:role/aws-service-role/elasticache.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ElastiCacheRG",
        scalable_dimension: s.dimension,
        service_namespace: "elasticache",
        suspended_state: [],
        tags: null,
        tags_all: {},
      },
      ["aws_elasticache_replication_group.redis"],
    ),
    resource(
      "aws_appautoscaling_policy",
      {
        alarm_arns: [],
        arn: `arn:aws:autoscaling:${REGION}:111122223333:scalingPolicy:0e1a2b3c:resource/elasticache/${resourceId}:policyName/${name}-auto-scaling`,
        id: `${name}-auto-scaling`,
        name: `${name}-auto-scaling`,
        policy_type: "TargetTrackingScaling",
        resource_id: resourceId,
        scalable_dimension: s.dimension,
        service_namespace: "elasticache",
        step_scaling_policy_configuration: [],
        target_tracking_scaling_policy_configuration: [
          {
            customized_metric_specification: [],
            disable_scale_in: false,
            predefined_metric_specification: [
              {
                predefined_metric_type: s.dimension === REPLICAS ? "ElastiCacheReplicaEngineCPUUtilization" : "ElastiCachePrimaryEngineCPUUtilization",
                resource_label: "",
              },
            ],
            scale_in_cooldown: 900,
            scale_out_cooldown: 600,
            target_value: 60,
          },
        ],
      },
      ["aws_appautoscaling_target.redis", "aws_elasticache_replication_group.redis"],
    ),
    ...Object.entries(NODE_QUERIES).map(([kind]) => {
      const alarm = `${name}-all-nodes-${kind.replace(/^elasticache_/, "").replaceAll("_", "-")}`;
      return {
        ...resource(
          "aws_cloudwatch_metric_alarm",
          {
            id: alarm,
            arn: `arn:aws:cloudwatch:${REGION}:111122223333:alarm:${alarm}`,
            alarm_name: alarm,
            alarm_description: `An alarm that goes off on ${kind.replace(/^elasticache_/, "").replaceAll("_", " ")} in any node of the ElastiCache replication group ${name}, nodes automatic scaling adds included.`,
            actions_enabled: true,
            alarm_actions: null,
            ok_actions: null,
            insufficient_data_actions: null,
            comparison_operator: kind === "elasticache_low_memory_available" ? "LessThanThreshold" : "GreaterThanThreshold",
            threshold: { elasticache_low_memory_available: 100000000, elasticache_swap_usage: 50000000 }[kind] ?? 90,
            evaluation_periods: 1,
            datapoints_to_alarm: 0,
            treat_missing_data: "missing",
            evaluate_low_sample_count_percentiles: "",
            dimensions: null,
            metric_name: "",
            namespace: "",
            period: 0,
            statistic: "",
            extended_statistic: "",
            unit: "",
            threshold_metric_id: "",
            metric_query: [{ id: "nodes", account_id: "", expression: nodesQuery(name, kind), label: "", metric: [], period: 60, return_data: true }],
            tags: null,
            tags_all: {},
          },
          [],
        ),
        name: `${kind}_all_nodes`,
      };
    }),
  ];
}

/**
 * The module's state after apply with the case's inputs, its replication group as AWS scaled it.
 * Applied with automatic scaling on, it also holds what that adds and not the per-node alarms.
 */
async function scaledState(c: Case): Promise<TerraformState> {
  const applied = await hclModuleState(c.inputs, { addresses: "root", region: REGION });
  const [shards, replicas] = c.scaled;
  const scaled = await hclModuleState({ ...c.inputs, cluster_mode: [{ num_node_groups: shards, replicas_per_node_group: replicas }] }, {
    addresses: "root",
    region: REGION,
  });
  const group = (s: TerraformState) => s.resources.find((r) => r.type === "aws_elasticache_replication_group")!;
  if (!c.appliedWith) return { ...applied, resources: applied.resources.map((r) => (r === group(applied) ? group(scaled) : r)) };
  const name = c.inputs.name as string;
  const tagged = group(scaled).instances.map((i) => {
    const tags = { ElastiCacheReplicationGroup: name };
    return { ...i, attributes: { ...i.attributes, tags, tags_all: tags } };
  });
  const resources = applied.resources
    .filter((r) => r.type !== "aws_cloudwatch_metric_alarm")
    .map((r) => (r === group(applied) ? { ...group(scaled), instances: tagged } : r));
  return { ...applied, resources: [...resources, ...scalingResources(name, c.appliedWith)] };
}

let workRoot: string | undefined;
let modulePlan: (call: string) => Promise<Plan>;
/** The plan of the root module that calls the module once per case: addresses under `module.<call>`. */
let wholeModulePlan: Promise<Plan>;
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
  wholeModulePlan = all;
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
        states[call].resources.map((r) => {
          // Counted by the switch in the module, single with the construct's literal switch.
          const single = r.type.startsWith("aws_appautoscaling_") || r.name.endsWith("_all_nodes");
          const { each, ...rest } = r;
          return {
            ...(single ? rest : { ...rest, each }),
            name: byAddress.get(`${r.type}.${r.name}`) ?? r.name,
            instances: r.instances.map(({ index_key, ...i }) => ({ ...i, ...(single ? {} : { index_key }), dependencies: [] })),
          };
        }),
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

const NODE_ALARMS = Object.keys(NODE_QUERIES).map((kind) => `aws_cloudwatch_metric_alarm.${kind}_all_nodes[0]`);
/** The per-node alarms of `members` member clusters, as `<action> <address>` lines. */
const perNodeAlarms = (action: string, members: number) =>
  Object.keys(NODE_QUERIES).flatMap((kind) => Array.from({ length: members }, (_, i) => `${action} aws_cloudwatch_metric_alarm.${kind}[${i}]`));
const tagsOnly = (rc: ResourceChange) =>
  Object.keys(rc.change.after ?? {}).filter((k) => JSON.stringify(rc.change.after?.[k]) !== JSON.stringify(rc.change.before?.[k]));

describe("automatic scaling from the drop-in module (the switch is a variable)", () => {
  for (const call of ["shards_out", "shards_in", "replicas_out", "replicas_in"]) {
    it(`${call}: after AWS scaled, the next plan changes nothing at all`, async () => {
      const p = await modulePlan(call);
      expect(change(p, GROUP)?.change.actions).toEqual(["no-op"]);
      expect(changed(p)).toEqual([]);
    });
  }

  it("range_below, switched on for the first time: leaves the count AWS scaled to, tags the group, and trades the per-node alarms for the alarms over every node", async () => {
    const p = await modulePlan("range_below");
    const group = change(p, GROUP)!;
    expect(group.change.actions).toEqual(["update"]);
    expect(tagsOnly(group)).toEqual(["tags", "tags_all"]);
    expect(group.change.after?.tags).toEqual({ ElastiCacheReplicationGroup: "range-below" });
    expect(changed(p)).toEqual(
      [
        "create aws_appautoscaling_policy.redis[0]",
        "create aws_appautoscaling_target.redis[0]",
        ...NODE_ALARMS.map((a) => `create ${a}`),
        ...perNodeAlarms("delete", 4),
        `update ${GROUP}`,
      ].sort(),
    );
  });

  it("watches every node, those AWS adds included, through the group's tag", async () => {
    const p = await modulePlan("range_below");
    for (const kind of Object.keys(NODE_QUERIES)) {
      const after = change(p, `aws_cloudwatch_metric_alarm.${kind}_all_nodes[0]`)?.change.after;
      expect(after?.metric_query).toEqual([
        { id: "nodes", account_id: "", expression: nodesQuery("range-below", kind), label: "", metric: [], period: 60, return_data: true },
      ]);
      expect(after).toMatchObject({ dimensions: null, metric_name: null, evaluation_periods: 1 });
    }
  });

  it("registers the group's dimension within the range, and tracks the dimension's engine CPU", async () => {
    const p = await modulePlan("range_below");
    expect(change(p, "aws_appautoscaling_target.redis[0]")?.change.after).toMatchObject({
      service_namespace: "elasticache",
      scalable_dimension: SHARDS,
      min_capacity: 2,
      max_capacity: 3,
    });
    expect(change(p, "aws_appautoscaling_policy.redis[0]")?.change.after).toMatchObject({
      policy_type: "TargetTrackingScaling",
      service_namespace: "elasticache",
      scalable_dimension: SHARDS,
      target_tracking_scaling_policy_configuration: [
        {
          predefined_metric_specification: [{ predefined_metric_type: "ElastiCachePrimaryEngineCPUUtilization", resource_label: null }],
          target_value: 60,
          disable_scale_in: false,
          scale_in_cooldown: 900,
          scale_out_cooldown: 600,
        },
      ],
    });
  });

  it("switched off, plans the count of its inputs again (from 4 shards back to 2), untags the group and brings back the per-node alarms", async () => {
    const p = await modulePlan("switched_off");
    const group = change(p, GROUP)!;
    expect(group.change.actions).toEqual(["update"]);
    expect([group.change.before?.num_node_groups, group.change.after?.num_node_groups]).toEqual([4, 2]);
    expect(group.change.after?.tags).toEqual({});
    expect(changed(p)).toEqual(
      [
        "delete aws_appautoscaling_policy.redis[0]",
        "delete aws_appautoscaling_target.redis[0]",
        ...NODE_ALARMS.map((a) => `delete ${a}`),
        ...perNodeAlarms("create", 4),
        `update ${GROUP}`,
      ].sort(),
    );
  });
});

const review = (p: Plan): PlanReview => reviewPlanJson(JSON.stringify(p));
const CAPACITY_HEADING = "## ⚠️ Capacity changes";

describe("the plan review of automatic scaling", () => {
  it("switched off: names the shards set back from AWS's 4 to the inputs' 2, without danger", async () => {
    const r = review(await modulePlan("switched_off"));
    expect(r.dangerous).toBe(false);
    expect(r.refused).toBe(false);
    expect(r.review.capacity).toEqual([
      {
        address: GROUP,
        clusterId: { kind: "value", text: "switched-off" },
        kind: "scaling-off",
        dimension: "shards",
        before: 4,
        after: 2,
        targetAddress: "aws_appautoscaling_target.redis[0]",
      },
    ]);
    expect(r.markdown).toContain(
      "- The cluster `switched-off` (`aws_elasticache_replication_group.redis`), shards 4 -> 2: this plan switches automatic scaling off " +
        "(it destroys `aws_appautoscaling_target.redis[0]`) and sets the shards back from 4 (AWS's count) to 2 (the inputs'). " +
        "No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data. " +
        "AWS provider 5.x can fail this change with `InvalidParameterValue: The following node group ids are invalid`: it guesses the ids of the shards to remove (provider issue 43884, fixed in 6.31.0). " +
        "To keep 4, set `num_node_groups` to 4 in the inputs before applying.\n",
    );
    expect(r.markdown).not.toContain("DANGER");
  });

  it("a range whose maximum is below AWS's count: names the scale-in from 5 shards to 3 right after the apply", async () => {
    const r = review(await modulePlan("range_below"));
    expect(r.dangerous).toBe(false);
    expect(r.review.capacity).toEqual([
      {
        address: GROUP,
        clusterId: { kind: "value", text: "range-below" },
        kind: "range",
        dimension: "shards",
        before: 5,
        after: 3,
        targetAddress: "aws_appautoscaling_target.redis[0]",
        targetKind: "create",
        min: 2,
        max: 3,
      },
    ]);
    expect(r.markdown).toContain(
      "- The cluster `range-below` (`aws_elasticache_replication_group.redis`), shards 5 -> 3: the new scalable target `aws_appautoscaling_target.redis[0]` " +
        "allows 2 to 3 shards, so AWS scales the cluster in to 3 as soon as the scaling policy exists, right after the apply. " +
        "No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data.\n",
    );
  });

  it("reads as GitHub shows it: a notice after the other notices, before the summary", async () => {
    const html = renderGfm(review(await modulePlan("range_below")).markdown);
    expect(headings(html).map((h) => h.text).slice(0, 2)).toEqual(["⚠️ Capacity changes", "Terraform plan review"]);
    const text = textOf(html);
    expect(text).toContain("The cluster range-below (aws_elasticache_replication_group.redis), shards 5 -> 3: the new scalable target");
    expect(text).toContain("Plan: 6 to add, 1 to change, 16 to destroy.");
  });

  for (const call of ["shards_out", "shards_in", "replicas_out", "replicas_in"]) {
    it(`${call}: says nothing of capacity when the range holds AWS's count`, async () => {
      const r = review(await modulePlan(call));
      expect(r.review.capacity).toEqual([]);
      expect(r.markdown).not.toContain(CAPACITY_HEADING);
    });
  }

  it("names each cluster at its module address in the plan of every call", async () => {
    const r = review(await wholeModulePlan);
    expect(r.review.capacity.map((c) => [c.address, c.kind, c.before, c.after])).toEqual([
      ["module.range_below.aws_elasticache_replication_group.redis", "range", 5, 3],
      ["module.switched_off.aws_elasticache_replication_group.redis", "scaling-off", 4, 2],
    ]);
  });

  it("recognises the construct's target and group by type, under their hashed names", async () => {
    const { plan: p, groups } = await constructPlan;
    const [only, ...others] = review(p).review.capacity;
    expect(others).toEqual([]);
    expect(only).toMatchObject({ address: groups.range_below, kind: "range", dimension: "shards", before: 5, after: 3, min: 2, max: 3 });
    expect(only.kind === "range" && only.targetAddress).toMatch(/^aws_appautoscaling_target\.[\w-]+$/);
  });
});

describe("automatic scaling from the construct (a literal switch)", () => {
  for (const call of ["shards_out", "shards_in", "replicas_out", "replicas_in", "range_below"]) {
    it(`${call}: leaves the count AWS scaled to`, async () => {
      const { plan: p, groups } = await constructPlan;
      const group = change(p, groups[call])!;
      expect(call === "range_below" ? tagsOnly(group) : group.change.actions).toEqual(call === "range_below" ? ["tags", "tags_all"] : ["no-op"]);
    });
  }

  it("changes nothing on the clusters applied with scaling on; creates the target, the policy and the alarms over every node, uncounted, where it is new", async () => {
    const { plan: p, groups } = await constructPlan;
    const creates = changed(p).filter((c) => c.startsWith("create"));
    expect(creates.filter((c) => c.includes("aws_appautoscaling_target."))).toHaveLength(1);
    expect(creates.filter((c) => c.includes("aws_appautoscaling_policy."))).toHaveLength(1);
    expect(creates.filter((c) => c.includes("aws_cloudwatch_metric_alarm."))).toHaveLength(4);
    expect(creates.every((c) => !c.endsWith("]"))).toBe(true);
    expect(changed(p).filter((c) => !c.startsWith("create") && !c.startsWith("delete aws_cloudwatch_metric_alarm."))).toEqual([`update ${groups.range_below}`]);
    expect(changed(p).filter((c) => c.startsWith("delete"))).toHaveLength(16);
  });
});

describe("automatic scaling switched by a token in a stack that leaves its other inputs at their defaults", () => {
  // No maximum and cluster mode off: the target must still be valid Terraform while the switch is
  // off, and the plan must stop at the rules when it is on.
  let dir: Promise<string>;
  beforeAll(() => {
    dir = started(
      (async () => {
        const stack = new TerraformStack(new App({ outdir: join(workRoot!, "switch.out"), skipValidation: true }), "switch");
        new AwsProvider(stack, "aws", { region: REGION });
        const enabled = new TerraformVariable(stack, "scaling", { type: "bool", default: false });
        new ElastiCacheRedis(stack, "cache", { ...propsOf(base("switched", 1, 1)), clusterMode: [], replicationGroupSize: 1, enableAutomaticFailover: false, enableMultiAz: false, enableAutoScaling: enabled.booleanValue });
        const json = JSON.parse(Testing.synth(stack));
        delete json.terraform.backend;
        const d = await prepareStackDir(join(workRoot!, "switch"), JSON.stringify(json));
        await init(d);
        return d;
      })(),
    );
  });

  it("validates, and plans no target or policy while the switch is off", async () => {
    const d = await dir;
    expect((await validate(d)).diagnostics).toEqual([]);
    const p = await plan(d);
    expect((p.resource_changes ?? []).filter((rc) => rc.type.startsWith("aws_appautoscaling_"))).toEqual([]);
  });

  it("stops the plan with the rules' messages when the switch is on", async () => {
    const d = await dir;
    await expect(plan(d, { env: { TF_VAR_scaling: "true" } })).rejects.toThrow(/automatic scaling needs auto_scale_max_capacity/);
    await expect(plan(d, { env: { TF_VAR_scaling: "true" } })).rejects.toThrow(/it needs cluster mode/);
  });
});
