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
} from "./helpers/spec";
import { hclModuleState, stateAddresses, TerraformState } from "./helpers/state";
import {
  init,
  makeWorkRoot,
  plan,
  Plan,
  prepareTerragruntDir,
  removeWorkRoot,
  moduleForTerraform,
  started,
  ResourceChange,
} from "./helpers/terraform";
import { scenario, SCENARIOS } from "./scenarios";

/**
 * Migration: each scenario's Terragrunt unit switched from the HCL module to the synthesized one,
 * its local backend holding the state the HCL module wrote (helpers/state.ts). `terraform plan
 * -refresh=false` must move every resource instance to its new address and otherwise change only
 * what ACCEPTED_UPDATES allows: nothing added, destroyed or replaced.
 *
 * The one deliberate exception is cluster mode, where this module alarms on the real member
 * clusters and the HCL module did not (module-interface.md §5): there, and only for
 * aws_cloudwatch_metric_alarm, instances are created, replaced or destroyed.
 *
 * Inputs come from terraform.tfvars.json here (the auth token from TF_VAR_auth_token, as a secret
 * would); the drop-in tests pass them all as TF_VAR_* variables.
 */

/**
 * In-place updates a migration may show, each with why applying it is harmless. Anything else
 * (another attribute, another resource type, a sensitivity-only change) fails the test.
 */
const ACCEPTED_UPDATES: readonly { type: string; attribute: string; reason: string }[] = [
  {
    type: "aws_elasticache_replication_group",
    attribute: "description",
    reason:
      "The HCL module's description text is not documented (helpers/state.ts assumes one); a new description " +
      "is applied with ModifyReplicationGroup, with no node replacement, failover or data loss.",
  },
  {
    type: "aws_security_group_rule",
    attribute: "description",
    reason:
      "This module describes its ingress rules and the HCL module did not; the provider updates a rule's " +
      "description in place (UpdateSecurityGroupRuleDescriptionsIngress), without revoking the rule.",
  },
];

const REGION = "eu-west-1";

interface Migration {
  state: TerraformState;
  plan: Plan;
}

let workRoot: string | undefined;
const migrations: Record<string, Promise<Migration>> = {};
const rootStatePlans: Record<string, Promise<Plan>> = {};
/** Scenarios whose root-layout state (the module's own, after apply) must plan "No changes". */
const ROOT_STATE_SCENARIOS = ["production", "cluster"];

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const moduleText = moduleForTerraform();
  const planWithState = async (dir: string, inputs: Readonly<Record<string, unknown>>, state: TerraformState) => {
    const text = await moduleText;
    const unit = await prepareTerragruntDir(dir, text, {
      inputs,
      via: "tfvars",
      fromEnv: ["auth_token"],
      region: REGION,
      state,
    });
    await init(unit.dir, unit);
    return plan(unit.dir, unit);
  };
  for (const s of SCENARIOS) {
    migrations[s.id] = started(
      moduleText.then(async () => {
        const state = await hclModuleState(s.inputs, { addresses: "hcl-module", region: REGION });
        return { state, plan: await planWithState(join(root, "migration", s.id), s.inputs, state) };
      }),
    );
  }
  for (const id of ROOT_STATE_SCENARIOS) {
    const { inputs } = scenario(id);
    rootStatePlans[id] = started(
      moduleText.then(async () =>
        planWithState(
          join(root, "root-state", id),
          inputs,
          await hclModuleState(inputs, { addresses: "root", region: REGION }),
        ),
      ),
    );
  }
});

afterAll(async () => {
  await Promise.allSettled([...Object.values(migrations), ...Object.values(rootStatePlans)]);
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

const attributeOf = (difference: string) => difference.split(":")[0];
const accepted = (rc: ResourceChange, difference: string) =>
  ACCEPTED_UPDATES.some((u) => u.type === rc.type && u.attribute === attributeOf(difference));

/** Every change that is neither a no-op nor an update limited to ACCEPTED_UPDATES, described. */
function unacceptedChanges(changes: ResourceChange[]): string[] {
  return changes.flatMap((rc) => {
    const actions = actionsOf(rc);
    if (actions === "no-op") return [];
    if (actions !== "update") return [`${rc.address}: ${actions}`];
    const extra = differences(rc).filter((d) => !accepted(rc, d));
    return extra.length > 0 || differences(rc).length === 0
      ? [`${rc.address}: in-place update not in ACCEPTED_UPDATES: ${extra.join("; ") || "(no attribute differs)"}`]
      : [];
  });
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
  // Module-interface.md §5: in cluster mode the HCL module's alarms watch clusters that do not
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
      it("adds, destroys and replaces nothing", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        expect(summary(changes)).toMatchObject({ add: 0, destroy: 0, replace: 0, move: changes.length });
      });

      it("changes nothing in place beyond ACCEPTED_UPDATES", async () => {
        expect(unacceptedChanges((await migrated()).plan.resource_changes ?? [])).toEqual([]);
      });
    } else {
      it("leaves the replication group, subnet group, security group and rules in place: moved, and no-op or an accepted update", async () => {
        const changes = (await migrated()).plan.resource_changes ?? [];
        expect(unacceptedChanges(changes.filter((rc) => !isAlarm(rc)))).toEqual([]);
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
          .filter(([name]) => !(alarmsDiffer && name === "cache_cluster_ids"))
          // A list-to-tuple type change alone shows as an output update with equal values.
          .filter(([, o]) => JSON.stringify(o.before) !== JSON.stringify(o.after) || o.after_unknown === true)
          .map(([name, o]) => `${name}: ${JSON.stringify(o.before)} -> ${JSON.stringify(o.after)}`);
        expect(changed).toEqual([]);
      },
    );
  });
}

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
