/**
 * The synthesized module used the ways the HCL module was used, planned by Terraform (offline):
 * - as a Terragrunt unit: a working directory laid out as Terragrunt does (the module's file copied
 *   in, generated provider.tf and backend.tf) with the scenario's inputs as TF_VAR_* variables, as
 *   Terragrunt passes them (the migration tests give them as terraform.tfvars.json);
 * - called from a root module, once per scenario, all in one plan: what each call plans is read
 *   back as if its module were the root (callView);
 * - as the TypeScript construct with literal props: it must plan the very same changes.
 * - from HCL with for_each and with count = 0.
 *
 * Expected values come from docs/spec/module-interface.md (helpers/spec.ts), never from lib/.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESSES } from "../../lib/drop-in/addresses";
import type { ElastiCacheRedisProps } from "../../lib/inputs/props";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import {
  ALARM_KINDS,
  alarmArguments,
  CACHE_NODE_ID,
  instanceAddresses,
  memberIds,
  parameterGroupName,
  resolve,
  Resolved,
  securityGroupDescription,
  snapshotWindow,
  subnetGroupDescription,
  subnetGroupName,
} from "../helpers/spec";
import { moduleForTerraform, withTempDir } from "../../tools/synth";
import {
  callView,
  init,
  knownOutputs,
  makeWorkRoot,
  plan,
  Plan,
  prepareCallerDir,
  prepareStackDir,
  prepareTerragruntDir,
  removeWorkRoot,
  started,
  ResourceChange,
  TerraformVars,
} from "../../tools/terraform";
import { propsOf, Scenario, SCENARIOS } from "../../tools/scenarios";

const REGION = "eu-west-1";

let workRoot: string | undefined;
const planned: Record<string, Promise<Plan>> = {};
/** The scenario planned as a Terragrunt unit; the others are calls of one root module. */
const TERRAGRUNT_SCENARIO = "production";
let frontDoor: Promise<ConstructPlan>;
let metaArguments: Promise<Plan>;
let mocked: Promise<Plan>;

/**
 * A unit planned before its dependencies exist: Terragrunt hands it the dependencies'
 * `mock_outputs`, which its documentation writes as "temporary-dummy-id".
 */
const MOCK_ID = "temporary-dummy-id";
const MOCKED_INPUTS = {
  ...SCENARIOS[1].inputs,
  vpc_id: MOCK_ID,
  subnet_ids: [MOCK_ID],
  allow_connections_from_security_groups: [MOCK_ID],
};

// Every terraform directory starts here and runs concurrently (tools/terraform.ts caps how many
// at once); each test awaits its own.
beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const moduleText = moduleForTerraform();
  // One scenario as Terragrunt runs it (module as the root, inputs in TF_VAR_*), the others as
  // calls of one root module: one plan, one provider start, for all of them.
  for (const s of SCENARIOS.filter((s) => s.id === TERRAGRUNT_SCENARIO)) {
    planned[s.id] = started(
      moduleText.then(async (text) => {
        const unit = await prepareTerragruntDir(join(root, "terragrunt", s.id), text, {
          inputs: s.inputs,
          via: "env",
          region: REGION,
        });
        await init(unit.dir, unit);
        return plan(unit.dir, unit);
      }),
    );
  }
  const called = SCENARIOS.filter((s) => s.id !== TERRAGRUNT_SCENARIO);
  const calls = started(
    moduleText.then(async (text) => {
      const inputs = Object.fromEntries(called.map((s) => [s.id, s.inputs]));
      const dir = await prepareCallerDir(join(root, "calls"), text, { calls: inputs, region: REGION });
      await init(dir);
      return plan(dir);
    }),
  );
  for (const s of called) planned[s.id] = started(calls.then((p) => callView(p, s.id)));
  frontDoor = started(
    moduleText.then(async () => {
      const stack = constructStack(SCENARIOS);
      const dir = await prepareStackDir(join(root, "construct"), stack.json);
      await init(dir);
      return { plan: await plan(dir, { env: stack.env }), resources: stack.resources };
    }),
  );
  mocked = started(
    moduleText.then(async (text) => {
      const unit = await prepareTerragruntDir(join(root, "terragrunt-mocks"), text, {
        inputs: MOCKED_INPUTS,
        via: "env",
        region: REGION,
      });
      await init(unit.dir, unit);
      return plan(unit.dir, unit);
    }),
  );
  metaArguments = started(
    moduleText.then(async (text) => {
      const dir = await prepareCallerDir(join(root, "meta-arguments"), text, { hcl: META_ROOT });
      await init(dir);
      return plan(dir);
    }),
  );
});

afterAll(async () => {
  await Promise.allSettled([...Object.values(planned), frontDoor, metaArguments, mocked]);
  await removeWorkRoot(workRoot);
});

// ----- expectations from the spec -----

/** Plans show an empty list or map argument as null. */
const orNull = <T extends object>(value: T): T | null => (Object.keys(value).length > 0 ? value : null);

/** The values of keys in obj, absent ones as null, so toEqual checks exactly those keys. */
function pick(obj: Record<string, any>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k] ?? null]));
}

/** Replication group arguments (§4); null means unset (left to AWS). */
function replicationGroupArguments(r: Resolved): Record<string, unknown> {
  const cluster = r.cluster_mode[0];
  return {
    replication_group_id: r.name,
    engine: "redis",
    engine_version: r.redis_version,
    node_type: r.instance_type,
    port: r.port,
    num_cache_clusters: cluster ? null : r.replication_group_size,
    num_node_groups: cluster?.num_node_groups ?? null,
    replicas_per_node_group: cluster?.replicas_per_node_group ?? null,
    parameter_group_name: parameterGroupName(r),
    subnet_group_name: subnetGroupName(r),
    automatic_failover_enabled: r.enable_automatic_failover,
    multi_az_enabled: r.enable_multi_az,
    // A string argument in provider 5.x.
    at_rest_encryption_enabled: String(r.enable_at_rest_encryption),
    transit_encryption_enabled: r.enable_transit_encryption,
    auth_token: r.auth_token,
    snapshot_retention_limit: r.snapshot_retention_limit,
    snapshot_window: snapshotWindow(r),
    snapshot_name: r.snapshot_name,
    snapshot_arns: r.snapshot_arn === null ? null : [r.snapshot_arn],
    maintenance_window: r.maintenance_window,
    notification_topic_arn: r.sns_topic_for_notifications === "" ? null : r.sns_topic_for_notifications,
    apply_immediately: r.apply_immediately,
    tags: orNull(r.tags),
  };
}

const plannedFor = (id: string) => planned[id];

function changeAt(p: Plan, address: string): ResourceChange {
  const rc = p.resource_changes?.find((c) => c.address === address);
  if (!rc) throw new Error(`the plan has no ${address}`);
  return rc;
}

const changesOf = (p: Plan, type: string) => (p.resource_changes ?? []).filter((rc) => rc.type === type);

// ----- 1. Terragrunt-style use -----

for (const s of SCENARIOS)
  describe(`${s.id === TERRAGRUNT_SCENARIO ? "as a Terragrunt unit (inputs in TF_VAR_*)" : "called as a module"}: ${s.title}`, () => {
    const r = resolve(s.inputs);
    const planned = () => plannedFor(s.id);

    it("creates exactly the HCL module's resources, one alarm set per member cluster", async () => {
      const changes = (await planned()).resource_changes ?? [];
      expect(changes.map((rc) => rc.address).sort()).toEqual(instanceAddresses(r).sort());
      expect(changes.filter((rc) => rc.change.actions.join() !== "create").map((rc) => rc.address)).toEqual([]);
    });

    it("configures the replication group from the inputs", async () => {
      const { change } = changeAt(await planned(), "aws_elasticache_replication_group.redis");
      const expected = replicationGroupArguments(r);
      expect(pick(change.after, Object.keys(expected))).toEqual(expected);
      expect(change.after.description).toContain(r.name);
      expect((change.after_sensitive as Record<string, unknown>).auth_token).toBe(true);
    });

    it("creates the subnet group, the security group and ingress on the port from the allowed sources only", async () => {
      const p = await planned();
      expect(
        pick(changeAt(p, "aws_elasticache_subnet_group.redis").change.after, ["name", "description", "subnet_ids"]),
      ).toEqual({
        name: subnetGroupName(r),
        description: subnetGroupDescription(r),
        subnet_ids: r.subnet_ids,
      });
      expect(pick(changeAt(p, "aws_security_group.redis").change.after, ["name", "description", "vpc_id"])).toEqual({
        name: r.name,
        description: securityGroupDescription(r),
        vpc_id: r.vpc_id,
      });
      const ingress = { type: "ingress", protocol: "tcp", from_port: r.port, to_port: r.port };
      const expected = [
        ...(r.allow_connections_from_cidr_blocks.length > 0
          ? [{ ...ingress, cidr_blocks: r.allow_connections_from_cidr_blocks, source_security_group_id: null }]
          : []),
        ...r.allow_connections_from_security_groups.map((sg) => ({
          ...ingress,
          cidr_blocks: null,
          source_security_group_id: sg,
        })),
      ];
      const keys = Object.keys(ingress).concat("cidr_blocks", "source_security_group_id");
      expect(changesOf(p, "aws_security_group_rule").map((rc) => pick(rc.change.after, keys))).toEqual(expected);
    });

    it(
      r.enable_cloudwatch_alarms
        ? `alarms on every member cluster (${memberIds(r).length}), named after it and with its dimensions`
        : "creates no alarm when alarms are off",
      async () => {
        const p = await planned();
        const members = r.enable_cloudwatch_alarms ? memberIds(r) : [];
        expect(changesOf(p, "aws_cloudwatch_metric_alarm")).toHaveLength(ALARM_KINDS.length * members.length);
        for (const kind of ALARM_KINDS)
          members.forEach((member, i) => {
            const spec = alarmArguments(r, kind, member);
            const expected = {
              ...spec,
              alarm_actions: orNull(r.alarms_sns_topic_arns),
              ok_actions: orNull(r.alarms_sns_topic_arns),
              insufficient_data_actions: orNull(r.alarms_sns_topic_arns),
            };
            const { after } = changeAt(p, `aws_cloudwatch_metric_alarm.${kind.resource}[${i}]`).change;
            expect(pick(after, Object.keys(expected))).toEqual(expected);
          });
      },
    );

    it("knows the member ids, the node id and the port at plan time", async () => {
      expect(knownOutputs(await planned())).toEqual({
        cache_cluster_ids: memberIds(r),
        cache_node_id: CACHE_NODE_ID,
        cache_port: r.port,
      });
    });

    // ----- 3. Both front doors agree -----

    it("plans the same changes as the TypeScript construct given the same values as literal props", async () => {
      const { plan: constructPlan, resources } = await frontDoor;
      const fromConstruct = normalized(constructPlan, (address) => {
        const resource = resources.get(address);
        return resource?.scenario === s.id ? resource.address : undefined;
      });
      expect(fromConstruct).toEqual(normalized(await planned(), (address) => address));
    });
  });

describe("as a Terragrunt unit planned with mock_outputs of its dependencies", () => {
  const failedChecks = (p: Plan) =>
    Object.fromEntries(
      (p.checks ?? [])
        .filter((c) => c.status === "fail")
        .map((c) => [c.address.name, (c.instances ?? []).flatMap((i) => (i.problems ?? []).map((pr) => pr.message))]),
    );

  it("plans the whole cluster with the mocked vpc, subnet and security group ids", async () => {
    const p = await mocked;
    const r = resolve(MOCKED_INPUTS);
    expect((p.resource_changes ?? []).map((rc) => rc.address).sort()).toEqual(instanceAddresses(r).sort());
    expect(changeAt(p, "aws_security_group.redis").change.after.vpc_id).toBe(MOCK_ID);
    expect(changeAt(p, "aws_elasticache_subnet_group.redis").change.after.subnet_ids).toEqual([MOCK_ID]);
  });

  it("warns about each mocked input by name, without failing the plan", async () => {
    const tail = "; AWS rejects any other value at apply (a Terragrunt mock output is fine for a plan).";
    expect(failedChecks(await mocked)).toEqual({
      vpc_id_format: [`vpc_id "${MOCK_ID}": should be a VPC id: "vpc-" followed by hexadecimal digits${tail}`],
      subnet_ids_format: [
        `subnet_ids ["${MOCK_ID}"]: should hold only subnet ids: "subnet-" followed by hexadecimal digits${tail}`,
      ],
      allow_connections_from_security_groups_format: [
        `allow_connections_from_security_groups ["${MOCK_ID}"]: should hold only security group ids: "sg-" followed by hexadecimal digits${tail}`,
      ],
    });
  });

  it("gives real ids no such warning", async () => {
    expect(failedChecks(await plannedFor(TERRAGRUNT_SCENARIO))).toEqual({});
  });
});

// ----- the construct with literal props (front door 2) -----

interface ConstructPlan {
  plan: Plan;
  /** Construct resource address (type.logicalId) -> scenario and the module's address for it. */
  resources: Map<string, { scenario: string; address: string }>;
}

/**
 * One stack holding the construct once per scenario, with literal props (the auth token, never a
 * literal, through a sensitive variable set by TF_VAR_), and where each resource would be in the module.
 */
function constructStack(scenarios: readonly Scenario[]): {
  json: string;
  env: TerraformVars;
  resources: ConstructPlan["resources"];
} {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir, skipValidation: true }), "front-door");
    new AwsProvider(stack, "aws", { region: REGION });
    const env: Record<string, string> = {};
    for (const s of scenarios) {
      let props: ElastiCacheRedisProps = propsOf(s.inputs);
      if (typeof s.inputs.auth_token === "string") {
        const token = new TerraformVariable(stack, `${s.id}_auth_token`, { type: "string", sensitive: true });
        props = { ...props, authToken: token.stringValue };
        env[`TF_VAR_${token.friendlyUniqueId}`] = s.inputs.auth_token;
      }
      new ElastiCacheRedis(stack, s.id, props);
    }
    const resources: ConstructPlan["resources"] = new Map();
    for (const element of stack.node.findAll()) {
      if (!(element instanceof TerraformResource)) continue;
      const scenario = element.node.scopes.find((scope) => scope instanceof ElastiCacheRedis)!.node.id;
      const where = ADDRESSES.find((a) => a.id === element.node.id);
      if (!where) throw new Error(`lib/addresses.ts does not place ${element.node.path}`);
      resources.set(`${element.terraformResourceType}.${stack.getLogicalId(element)}`, {
        scenario,
        address: `${where.type}.${where.name}`,
      });
    }
    return { json: Testing.synth(stack), env, resources };
  });
}

/**
 * A plan's resource changes keyed by the module's addresses (via `at`; undefined drops the change),
 * with what they do: actions, planned values and which values are unknown until apply.
 */
function normalized(p: Plan, at: (resourceAddress: string) => string | undefined) {
  return (p.resource_changes ?? [])
    .flatMap((rc) => {
      const resource = at(`${rc.type}.${rc.name}`);
      if (resource === undefined) return [];
      const index = rc.index === undefined ? "" : `[${JSON.stringify(rc.index)}]`;
      const { actions, after, after_unknown } = rc.change;
      return [{ address: `${resource}${index}`, actions, after, after_unknown }];
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

// ----- 4. Module meta-arguments -----

const NETWORK = {
  vpc_id: "vpc-0a1b2c3d4e5f60718",
  subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"],
  allow_connections_from_security_groups: ["sg-0123456789abcdef0"],
};

/** Two clusters with the same arguments, so every one can be written `each.value.<input>`. */
const META_CLUSTERS: Record<string, Record<string, unknown>> = {
  orders: {
    name: "orders-cache",
    instance_type: "cache.r6g.large",
    redis_version: "7.1",
    replication_group_size: 2,
    enable_automatic_failover: true,
    enable_multi_az: true,
    cluster_mode: [],
    ...NETWORK,
  },
  sessions: {
    name: "sessions-cache",
    instance_type: "cache.r6g.large",
    redis_version: "6.2",
    replication_group_size: 1,
    enable_automatic_failover: true,
    enable_multi_az: true,
    cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }],
    ...NETWORK,
  },
};

const META_INPUTS = Object.keys(META_CLUSTERS.orders);

// JSON is valid HCL expression syntax, so the cluster table is written as JSON.
const META_ROOT = `
provider "aws" {
  region = "${REGION}"
}

module "redis" {
  source   = "./modules/redis"
  for_each = ${JSON.stringify(META_CLUSTERS, null, 2)}

${META_INPUTS.map((name) => `  ${name} = each.value.${name}`).join("\n")}
}

module "disabled" {
  source = "./modules/redis"
  count  = 0

${META_INPUTS.map((name) => `  ${name} = ${JSON.stringify(META_CLUSTERS.orders[name])}`).join("\n")}
}

output "cache_cluster_ids" {
  value = { for key, cluster in module.redis : key => cluster.cache_cluster_ids }
}

output "disabled_cache_cluster_ids" {
  value = module.disabled[*].cache_cluster_ids
}
`;

describe("called from HCL with module meta-arguments", () => {
  it("with for_each, creates every resource once per cluster under module.redis[key]", async () => {
    const changes = (await metaArguments).resource_changes ?? [];
    const expected = Object.entries(META_CLUSTERS).flatMap(([key, inputs]) =>
      instanceAddresses(resolve(inputs)).map((address) => `module.redis[${JSON.stringify(key)}].${address}`),
    );
    expect(changes.map((rc) => rc.address).sort()).toEqual(expected.sort());
    expect(changes.filter((rc) => rc.change.actions.join() !== "create").map((rc) => rc.address)).toEqual([]);
  });

  it("with for_each, names each cluster's resources and alarms after that cluster", async () => {
    const p = await metaArguments;
    for (const [key, inputs] of Object.entries(META_CLUSTERS)) {
      const r = resolve(inputs);
      const at = (address: string) => changeAt(p, `module.redis[${JSON.stringify(key)}].${address}`).change.after;
      expect(at("aws_elasticache_replication_group.redis").replication_group_id).toBe(r.name);
      expect(at("aws_elasticache_replication_group.redis").parameter_group_name).toBe(parameterGroupName(r));
      memberIds(r).forEach((member, i) =>
        expect(
          pick(at(`aws_cloudwatch_metric_alarm.elasticache_swap_usage[${i}]`), ["alarm_name", "dimensions"]),
        ).toEqual(pick(alarmArguments(r, ALARM_KINDS[3], member), ["alarm_name", "dimensions"])),
      );
    }
    expect(knownOutputs(p).cache_cluster_ids).toEqual(
      Object.fromEntries(Object.entries(META_CLUSTERS).map(([key, inputs]) => [key, memberIds(resolve(inputs))])),
    );
  });

  it("with count = 0, plans nothing for that call", async () => {
    const p = await metaArguments;
    expect((p.resource_changes ?? []).filter((rc) => rc.address.startsWith("module.disabled"))).toEqual([]);
    expect(knownOutputs(p).disabled_cache_cluster_ids).toEqual([]);
  });
});
