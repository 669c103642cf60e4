/**
 * Migration: each scenario's Terragrunt unit switched from the HCL module to the synthesized one,
 * its local backend holding the state the HCL module wrote (tools/state.ts). `terraform plan
 * -refresh=false` must move every resource instance to its new address and do nothing else:
 * `0 to add, 0 to change, 0 to destroy`, every instance a no-op move.
 *
 * The one deliberate exception is cluster mode, where this module alarms on the real member
 * clusters and the HCL module did not (docs/spec/module-interface.md §5): there, and only for
 * aws_cloudwatch_metric_alarm, instances are created, replaced or destroyed.
 *
 * Inputs come from terraform.tfvars.json here (the auth token from TF_VAR_auth_token, as a secret
 * would); the drop-in tests pass them all as TF_VAR_* variables.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALARM_KINDS,
  alarmArguments,
  clusterModeOn,
  hclAlarmMemberIds,
  hclModuleAddress,
  instanceAddresses,
  memberIds,
  resolve,
} from "../helpers/spec";
import { hclModuleState, nestedStates, stateAddresses, TerraformState, writeState } from "../../tools/state";
import { moduleForTerraform } from "../../tools/synth";
import {
  callView,
  init,
  makeWorkRoot,
  plan,
  Plan,
  prepareCallerDir,
  prepareTerragruntDir,
  removeWorkRoot,
  started,
  ResourceChange,
} from "../../tools/terraform";
import { reviewPlanJson } from "../../lib/review";
import { scenario, SCENARIOS } from "../../tools/scenarios";

const REGION = "eu-west-1";
/** The scenario migrated as a Terragrunt unit; the others are calls of one root module per group. */
const TERRAGRUNT_SCENARIO = "production";
/** v0.85.0 had no such output; the first plan adds it (an output, nothing in AWS). */
const NEW_OUTPUT = "security_group_id";
/** Outputs of this module's service discovery, which the first plan adds too (docs/service-discovery.md). */
const DISCOVERY_OUTPUTS = ["service_dns_mappings", "tls_server_name"];

interface Migration {
  state: TerraformState;
  plan: Plan;
}

let workRoot: string | undefined;
const migrations: Record<string, Promise<Migration>> = {};
/** The same migrations from state written by provider 3.75 and Terraform 1.1 (what real users hold). */
const migrations3x: Record<string, Promise<Migration>> = {};
// Cluster mode off (with a token, ingress rules, alarms and events) and on: the two shapes 3.x wrote.
const STATE_3X_SCENARIOS = ["production", "cluster"];
const rootStatePlans: Record<string, Promise<Plan>> = {};
/**
 * Scenarios whose Terragrunt inputs are also written the way later Gruntwork releases take them
 * (docs/spec/later-inputs.md §1): the shard form instead of cluster_mode, and the later alarm inputs at the
 * values v0.85.0 implied. Against the same HCL-module state they must plan exactly the same.
 */
const LATER_WAY_SCENARIOS = ["cluster", "production"];
const laterWayPlans: Record<string, Promise<Plan>> = {};

/** A scenario's inputs as a Terragrunt unit for a later Gruntwork release writes them. */
function writtenTheLaterWay(inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { cluster_mode: clusterMode, ...rest } = inputs as { cluster_mode?: { num_node_groups: number; replicas_per_node_group: number }[] };
  const shards = clusterMode?.[0];
  return {
    ...rest,
    ...(shards ? { num_node_groups: shards.num_node_groups, replicas_per_node_group: shards.replicas_per_node_group } : {}),
    alarm_treat_missing_data: "missing",
    alarm_high_cpu_utilization_treat_missing_data: "missing",
    alarm_low_memory_available_treat_missing_data: "missing",
    alarm_low_memory_available_threshold: 100000000,
  };
}
/** Scenarios whose root-layout state (the module's own, after apply) must plan "No changes". */
const ROOT_STATE_SCENARIOS = ["production", "cluster"];

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const moduleText = moduleForTerraform();
  /** One scenario as Terragrunt runs it: the module as the root, inputs in terraform.tfvars.json. */
  const planUnit = async (dir: string, inputs: Readonly<Record<string, unknown>>, state: TerraformState) => {
    const unit = await prepareTerragruntDir(dir, await moduleText, {
      inputs,
      via: "tfvars",
      fromEnv: ["auth_token"],
      region: REGION,
      state,
    });
    await init(unit.dir, unit);
    return plan(unit.dir, unit);
  };
  /**
   * Several scenarios as calls of one root module, their states nested under the calls: one plan
   * (one provider start) for all, each call's part read back as if its module were the root.
   */
  const planCalls = (dir: string, cases: Record<string, { inputs: Readonly<Record<string, unknown>>; state: TerraformState }>) => {
    const all = started(
      moduleText.then(async (text) => {
        const calls = Object.fromEntries(Object.entries(cases).map(([call, c]) => [call, c.inputs]));
        await prepareCallerDir(dir, text, { calls, region: REGION });
        await writeState(join(dir, "terraform.tfstate"), nestedStates(Object.fromEntries(Object.entries(cases).map(([call, c]) => [call, c.state]))));
        await init(dir);
        return plan(dir);
      }),
    );
    return (call: string) => started(all.then((p) => callView(p, call)));
  };
  const hclState = (inputs: Readonly<Record<string, unknown>>, writtenBy?: "3.75") =>
    hclModuleState(inputs, { addresses: "hcl-module", region: REGION, ...(writtenBy ? { writtenBy } : {}) });

  const unitScenario = scenario(TERRAGRUNT_SCENARIO);
  migrations[unitScenario.id] = started(
    hclState(unitScenario.inputs).then(async (state) => ({
      state,
      plan: await planUnit(join(root, "migration", unitScenario.id), unitScenario.inputs, state),
    })),
  );
  const called = SCENARIOS.filter((s) => s.id !== TERRAGRUNT_SCENARIO);
  const states = await Promise.all(called.map((s) => hclState(s.inputs)));
  const v085 = planCalls(join(root, "migration-calls"), Object.fromEntries(called.map((s, i) => [s.id, { inputs: s.inputs, state: states[i] }])));
  called.forEach((s, i) => (migrations[s.id] = started(v085(s.id).then((p) => ({ state: states[i], plan: p })))));

  const states3x = await Promise.all(STATE_3X_SCENARIOS.map((id) => hclState(scenario(id).inputs, "3.75")));
  const from3x = planCalls(
    join(root, "migration-3x"),
    Object.fromEntries(STATE_3X_SCENARIOS.map((id, i) => [id, { inputs: scenario(id).inputs, state: states3x[i] }])),
  );
  STATE_3X_SCENARIOS.forEach((id, i) => (migrations3x[id] = started(from3x(id).then((p) => ({ state: states3x[i], plan: p })))));

  const laterWay = planCalls(
    join(root, "later-way"),
    Object.fromEntries(
      await Promise.all(
        LATER_WAY_SCENARIOS.map(async (id) => [id, { inputs: writtenTheLaterWay(scenario(id).inputs), state: await hclState(scenario(id).inputs) }]),
      ),
    ),
  );
  for (const id of LATER_WAY_SCENARIOS) laterWayPlans[id] = laterWay(id);

  const rootState = planCalls(
    join(root, "root-state"),
    Object.fromEntries(
      await Promise.all(
        ROOT_STATE_SCENARIOS.map(async (id) => [
          id,
          { inputs: scenario(id).inputs, state: await hclModuleState(scenario(id).inputs, { addresses: "root", region: REGION }) },
        ]),
      ),
    ),
  );
  for (const id of ROOT_STATE_SCENARIOS) rootStatePlans[id] = rootState(id);
});

afterAll(async () => {
  await Promise.allSettled([
    ...Object.values(migrations),
    ...Object.values(migrations3x),
    ...Object.values(rootStatePlans),
    ...Object.values(laterWayPlans),
  ]);
  await removeWorkRoot(workRoot);
});

const actionsOf = (rc: ResourceChange) => rc.change.actions.join();
const isAlarm = (rc: ResourceChange) => rc.type === "aws_cloudwatch_metric_alarm";

/** Top-level attributes whose planned value differs from the state's, and sensitivity changes, readable. */
function differences(rc: ResourceChange): string[] {
  const { before, after, after_unknown: unknown } = rc.change;
  const change = rc.change as Record<string, any>;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const json = (v: unknown) => JSON.stringify(v ?? null);
  const found = keys
    .filter((k) => unknown?.[k] === true || json(before?.[k]) !== json(after?.[k]))
    .map((k) => `${k}: ${json(before?.[k])} -> ${unknown?.[k] === true ? "(known after apply)" : json(after?.[k])}`);
  const [was, is] = [sensitivePaths(change.before_sensitive), sensitivePaths(change.after_sensitive)];
  if (json(was) !== json(is)) found.push(`sensitive paths: ${json(was)} -> ${json(is)}`);
  return found;
}

/** The paths a plan's before_sensitive / after_sensitive mark as sensitive, e.g. ["auth_token"]. */
function sensitivePaths(marks: unknown, path = ""): string[] {
  if (marks === true) return [path];
  if (marks === null || typeof marks !== "object") return [];
  return Object.entries(marks)
    .flatMap(([key, value]) => sensitivePaths(value, path ? `${path}.${key}` : key))
    .sort();
}

/** Every change that is not a no-op, with what differs: a migration plan must have none. */
function notNoOps(changes: ResourceChange[]): string[] {
  return changes
    .filter((rc) => actionsOf(rc) !== "no-op")
    .map((rc) => `${rc.address}: ${actionsOf(rc)} ${differences(rc).join("; ")}`.trim());
}

/** Terraform's plan summary, replacements counted apart: add = create (incl. replacements), destroy = delete. */
function summary(changes: ResourceChange[]) {
  const count = (test: (actions: string) => boolean) => changes.filter((rc) => test(actionsOf(rc))).length;
  return {
    add: count((a) => a.includes("create")),
    change: count((a) => a === "update"),
    destroy: count((a) => a.includes("delete")),
    replace: count((a) => a.includes("create") && a.includes("delete")),
    move: changes.filter((rc) => rc.previous_address !== undefined).length,
  };
}

for (const s of SCENARIOS) {
  const r = resolve(s.inputs);
  // docs/spec/module-interface.md §5: in cluster mode the HCL module's alarms watch clusters that do not
  // exist; this module's watch the real members, so those alarms cannot simply move.
  const alarmsDiffer = clusterModeOn(r) && r.enable_cloudwatch_alarms;

  describe(`migration from the HCL module's state: ${s.title}`, () => {
    const migrated = () => migrations[s.id];

    it("moves every instance from its module.redis / module.redis_alarms address to the same address here", async () => {
      const { state, plan: p } = await migrated();
      const changes = (p.resource_changes ?? []).filter((rc) => !(alarmsDiffer && isAlarm(rc)));
      const moves = changes.map((rc) => ({ from: rc.previous_address, to: rc.address }));
      const expected = instanceAddresses(r)
        .filter((address) => !(alarmsDiffer && address.startsWith("aws_cloudwatch_metric_alarm.")))
        .map((address) => ({ from: hclModuleAddress(address), to: address }));
      const byTarget = (a: { to: string }, b: { to: string }) => a.to.localeCompare(b.to);
      expect(moves.sort(byTarget)).toEqual(expected.sort(byTarget));
      // Every instance of the HCL module's state is accounted for: moved here, or (alarms in cluster mode) replaced or destroyed.
      const handled = new Set((p.resource_changes ?? []).map((rc) => rc.previous_address ?? rc.address));
      const left = stateAddresses(state).filter((a) => !handled.has(a));
      expect(left).toEqual([]);
    });

    if (!alarmsDiffer) {
      it("plans 0 to add, 0 to change, 0 to destroy: every instance a no-op move", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        expect(notNoOps(changes)).toEqual([]);
        expect(summary(changes)).toEqual({ add: 0, change: 0, destroy: 0, replace: 0, move: changes.length });
        expect(changes.length).toBe(instanceAddresses(r).length);
      });
    } else {
      it("leaves the replication group, subnet group, security group and rules in place: no-op moves", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        expect(notNoOps(changes.filter((rc) => !isAlarm(rc)))).toEqual([]);
        expect(
          changes.filter((rc) => !isAlarm(rc) && rc.previous_address === undefined).map((rc) => rc.address),
        ).toEqual([]);
      });

      it("creates, replaces or destroys aws_cloudwatch_metric_alarm instances only (the deliberate cluster-mode difference)", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        const touched = changes.filter((rc) => /create|delete/.test(actionsOf(rc)));
        expect(touched.filter((rc) => !isAlarm(rc)).map((rc) => `${rc.address}: ${actionsOf(rc)}`)).toEqual([]);
        expect(touched.length).toBeGreaterThan(0);
      });

      it("ends with the four alarms on every real member, where the HCL module had them on <name>-001...", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        const remaining = changes.filter((rc) => isAlarm(rc) && actionsOf(rc) !== "delete");
        const names = remaining.map((rc) => rc.change.after.alarm_name).sort();
        const expected = ALARM_KINDS.flatMap((k) =>
          memberIds(r).map((m) => alarmArguments(r, k, m).alarm_name as string),
        );
        expect(names).toEqual(expected.sort());
        // Every alarm the HCL module had (on `<name>-001`...) is replaced at its index by one on a real member.
        const replaced = changes.filter((rc) => isAlarm(rc) && actionsOf(rc) === "delete,create");
        const hclAlarms = ALARM_KINDS.flatMap((k) =>
          hclAlarmMemberIds(r).map((m) => alarmArguments(r, k, m).alarm_name),
        );
        expect(replaced.map((rc) => rc.change.before?.alarm_name).sort()).toEqual(hclAlarms.sort());
      });
    }

    it(
      alarmsDiffer
        ? "keeps every output value except cache_cluster_ids (now the real members)"
        : "keeps every output value",
      async () => {
        const { plan: p } = await migrated();
        const changed = Object.entries(p.output_changes ?? {})
          .filter(([name]) => !(alarmsDiffer && name === "cache_cluster_ids") && name !== NEW_OUTPUT && !DISCOVERY_OUTPUTS.includes(name))
          // A list-to-tuple type change alone shows as an output update with equal values.
          .filter(([, o]) => JSON.stringify(o.before) !== JSON.stringify(o.after) || o.after_unknown === true)
          .map(([name, o]) => `${name}: ${JSON.stringify(o.before)} -> ${JSON.stringify(o.after)}`);
        expect(changed).toEqual([]);
      },
    );

    it("adds the service discovery outputs, naming the endpoints the state holds", async () => {
      const { plan: p, state } = await migrated();
      const group = state.resources.find((res) => res.type === "aws_elasticache_replication_group")!.instances[0].attributes;
      const writer = (group.configuration_endpoint_address ?? group.primary_endpoint_address) as string;
      expect(p.output_changes?.tls_server_name).toMatchObject({ actions: ["create"], after: writer });
      const mappings = p.output_changes?.service_dns_mappings?.after as Record<string, { target_dns: string }>;
      const name = group.replication_group_id as string;
      expect(mappings[name].target_dns).toBe(writer);
      expect(mappings[`${name}-reader`]?.target_dns).toBe(group.reader_endpoint_address ?? undefined);
    });

    it(`adds the output ${NEW_OUTPUT} of later Gruntwork releases, with the security group's id from state`, async () => {
      const { plan: p, state } = await migrated();
      const sg = state.resources.find((res) => res.type === "aws_security_group")!;
      expect(p.output_changes?.[NEW_OUTPUT]).toMatchObject({
        actions: ["create"],
        after: sg.instances[0].attributes.id,
        after_unknown: false,
      });
    });
  });
}

for (const id of STATE_3X_SCENARIOS) {
  const r = resolve(scenario(id).inputs);
  const alarmsDiffer = clusterModeOn(r) && r.enable_cloudwatch_alarms;
  /**
   * Provider 5.100 upgrades the 3.x replication group (schema version 1) by dropping the names it
   * renamed; without a refresh the counts AWS would report stay null, so the plan sets them, and
   * member_clusters, computed from them, becomes unknown. Nothing else may differ.
   */
  const countsSetFromNull = clusterModeOn(r)
    ? [
        `num_node_groups: null -> ${r.cluster_mode[0].num_node_groups}`,
        `replicas_per_node_group: null -> ${r.cluster_mode[0].replicas_per_node_group}`,
      ]
    : [`num_cache_clusters: null -> ${r.replication_group_size}`];
  const expectedUpdate = [
    `member_clusters: ${JSON.stringify(memberIds(r))} -> (known after apply)`,
    ...countsSetFromNull,
  ].sort();

  describe(`migration from provider 3.75 state (Terraform 1.1), planned with -refresh=false: ${id}`, () => {
    const migrated = () => migrations3x[id];

    it("adds, destroys and replaces nothing outside the cluster-mode alarms, and moves every instance", async () => {
      const changes = (await migrated()).plan.resource_changes ?? [];
      const kept = changes.filter((rc) => !(alarmsDiffer && isAlarm(rc)));
      expect(kept.filter((rc) => /create|delete/.test(actionsOf(rc))).map((rc) => rc.address)).toEqual([]);
      expect(kept.filter((rc) => rc.previous_address === undefined).map((rc) => rc.address)).toEqual([]);
      expect(kept.length).toBe(
        instanceAddresses(r).filter((a) => !(alarmsDiffer && a.startsWith("aws_cloudwatch_metric_alarm."))).length,
      );
    });

    it(`updates only the replication group, setting ${countsSetFromNull.map((d) => d.split(":")[0]).join(" and ")} from null`, async () => {
      const changes = ((await migrated()).plan.resource_changes ?? []).filter((rc) => !(alarmsDiffer && isAlarm(rc)));
      const updates = changes.filter((rc) => actionsOf(rc) !== "no-op");
      expect(updates.map((rc) => rc.address)).toEqual(["aws_elasticache_replication_group.redis"]);
      expect(differences(updates[0]).sort()).toEqual(expectedUpdate);
    });

    it("gets a review that says to plan again with refresh before applying", async () => {
      const { markdown, review } = reviewPlanJson(JSON.stringify((await migrated()).plan));
      expect(review.unrefreshed).toEqual(["aws_elasticache_replication_group.redis"]);
      expect(markdown).toContain("## ⚠️ Plan again with refresh before applying");
      expect(markdown).toMatch(/Do not apply this plan[^\n]*Run `terraform plan` again with refresh/);
    });
  });
}

describe.each(LATER_WAY_SCENARIOS)("migration with inputs written for later Gruntwork releases: %s", (id) => {
  it("uses the later names (no cluster_mode; the shard form where it had one)", () => {
    const later = writtenTheLaterWay(scenario(id).inputs);
    expect(later).not.toHaveProperty("cluster_mode");
    expect(later).toHaveProperty("alarm_treat_missing_data");
  });

  it("plans exactly what the v0.85.0 inputs plan against the same state: the same moves, no more", async () => {
    const shape = (p: Plan) =>
      (p.resource_changes ?? [])
        .map((rc) => ({ address: rc.address, from: rc.previous_address, actions: rc.change.actions, after: rc.change.after }))
        .sort((a, b) => a.address.localeCompare(b.address));
    const [later, v085] = [await laterWayPlans[id], (await migrations[id]).plan];
    expect(shape(later)).toEqual(shape(v085));
    expect(shape(later).length).toBeGreaterThan(5);
  });
});

describe("the review of a migration from provider 5.x state", () => {
  it("does not ask for a refresh: every count is already in state", async () => {
    for (const s of SCENARIOS) {
      const { markdown } = reviewPlanJson(JSON.stringify((await migrations[s.id]).plan));
      expect(markdown, s.id).not.toContain("Plan again with refresh");
    }
  });
});

describe("the state helper's root layout (the state this module holds after apply)", () => {
  for (const id of ROOT_STATE_SCENARIOS)
    it(`plans "No changes" for ${id}: every instance no-op in place, every output unchanged`, async () => {
      const p = await rootStatePlans[id];
      const notNoOp = (p.resource_changes ?? [])
        .filter((rc) => actionsOf(rc) !== "no-op" || rc.previous_address !== undefined)
        .map((rc) => `${rc.address}: ${actionsOf(rc)} ${differences(rc).join("; ")}`);
      expect(notNoOp).toEqual([]);
      const outputs = Object.entries(p.output_changes ?? {}).filter(([, o]) => o.actions.join() !== "no-op");
      expect(outputs.map(([name]) => name)).toEqual([]);
      expect(p.resource_changes?.length).toBe(instanceAddresses(resolve(scenario(id).inputs)).length);
    });
});
