/**
 * Every derived value is written twice, in TypeScript (literal props) and as a Terraform
 * expression (the module). Here Terraform evaluates each expression for a set of input
 * scenarios, and the result must equal what the TypeScript function returns for the same inputs.
 */
import { App, Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive, Derivation } from "../../lib/expressions/derive";
import { CLUSTER_MODE_TYPE, LOG_DELIVERY_TYPE } from "../../lib/inputs/table";
import type { TerraformClusterMode } from "../../lib/inputs/values";
import * as derivations from "../../lib/expressions/derivations";
import * as scaling from "../../lib/expressions/auto-scaling";
import {
  init,
  knownOutputs,
  makeWorkRoot,
  plan,
  removeWorkRoot,
  requireTerraform,
} from "../../tools/terraform";
import { withTempDir } from "../../tools/synth";

interface Scenario {
  name: string;
  size: number;
  clusterMode: TerraformClusterMode[];
  redisVersion: string;
  parameterGroup: string | null;
  window: string;
  retention: number;
  snapshotArn: string | null;
  topic: string;
  cidrs: string[];
  groups: string[];
  alarms: boolean;
  engine: string;
  numNodeGroups: number | null;
  replicas: number | null;
  engineLog: LogConfig | null;
  slowLog: LogConfig | null;
  authToken: string | null;
  ownTreat: string | null;
  treat: string;
  scaling: boolean;
}

interface LogConfig {
  destination: string;
  destination_type: string;
  log_format: string;
}

/** The inputs of later releases and of this module, as v0.85.0 users leave them. */
const UNSET_LATER_INPUTS = {
  scaling: false,
  engine: "redis",
  numNodeGroups: null,
  replicas: null,
  engineLog: null,
  slowLog: null,
  authToken: null,
  ownTreat: null,
  treat: "missing",
};

const SCENARIOS: Record<string, Scenario> = {
  laterInputs: {
    name: "later",
    size: 1,
    clusterMode: [],
    redisVersion: "8.0",
    parameterGroup: null,
    window: "06:00-07:00",
    retention: 1,
    snapshotArn: null,
    topic: "",
    cidrs: [],
    groups: [],
    alarms: true,
    engine: "valkey",
    numNodeGroups: 2,
    replicas: 1,
    engineLog: { destination: "redis-engine", destination_type: "cloudwatch-logs", log_format: "json" },
    slowLog: { destination: "redis-slow", destination_type: "kinesis-firehose", log_format: "text" },
    authToken: "a-token-of-16-chars",
    ownTreat: "breaching",
    treat: "ignore",
    scaling: true,
  },
  valkey7: {
    name: "v7",
    size: 2,
    clusterMode: [{ num_node_groups: 2, replicas_per_node_group: 0 }],
    redisVersion: "7.2",
    parameterGroup: null,
    window: "06:00-07:00",
    retention: 1,
    snapshotArn: null,
    topic: "",
    cidrs: [],
    groups: [],
    alarms: true,
    ...UNSET_LATER_INPUTS,
    engine: "valkey",
    engineLog: { destination: "redis-engine", destination_type: "cloudwatch-logs", log_format: "text" },
  },
  defaults: {
    name: "orders",
    size: 1,
    clusterMode: [],
    redisVersion: "5.0.6",
    parameterGroup: null,
    window: "06:00-07:00",
    retention: 15,
    snapshotArn: null,
    topic: "",
    cidrs: [],
    groups: [],
    alarms: true,
    ...UNSET_LATER_INPUTS,
  },
  replicas: {
    name: "orders-prod",
    size: 3,
    clusterMode: [],
    redisVersion: "6.2",
    parameterGroup: null,
    window: "",
    retention: 7,
    snapshotArn: "arn:aws:s3:::backups/orders.rdb",
    topic: "arn:aws:sns:eu-west-1:111122223333:events",
    cidrs: ["10.0.0.0/16", "10.1.0.0/16"],
    groups: ["sg-0aaa", "sg-0bbb", "sg-0ccc"],
    alarms: false,
    ...UNSET_LATER_INPUTS,
  },
  clusterMode: {
    name: "sessions",
    size: 1,
    clusterMode: [{ num_node_groups: 3, replicas_per_node_group: 2 }],
    redisVersion: "7.1",
    parameterGroup: null,
    window: "03:00-04:00",
    retention: 0,
    snapshotArn: null,
    topic: "",
    cidrs: ["192.168.0.0/24"],
    groups: [],
    alarms: true,
    ...UNSET_LATER_INPUTS,
  },
  customGroup: {
    name: "c",
    size: 2,
    clusterMode: [{ num_node_groups: 1, replicas_per_node_group: 0 }],
    redisVersion: "6.x",
    parameterGroup: "custom-params",
    window: "06:00-07:00",
    retention: 1,
    snapshotArn: null,
    topic: "",
    cidrs: [],
    groups: ["sg-1"],
    alarms: true,
    ...UNSET_LATER_INPUTS,
    scaling: true,
  },
  redis7zero: {
    name: "r7",
    size: 2,
    clusterMode: [],
    redisVersion: "7.0",
    parameterGroup: null,
    window: "06:00-07:00",
    retention: 1,
    snapshotArn: null,
    topic: "",
    cidrs: [],
    groups: [],
    alarms: true,
    ...UNSET_LATER_INPUTS,
  },
};

type Vars = Record<keyof Scenario, TerraformVariable>;
type Args = (s: Scenario | Vars) => unknown[];
const value = (v: Scenario | Vars, key: keyof Scenario): any => {
  const x = v[key];
  if (!(x instanceof TerraformVariable)) return x ?? undefined;
  if (["clusterMode", "alarms", "scaling", "engineLog", "slowLog"].includes(key)) return x.value;
  if (["size", "retention", "numNodeGroups", "replicas"].includes(key)) return x.numberValue;
  if (key === "cidrs" || key === "groups") return x.listValue;
  return x.stringValue;
};

/** Each derivation with how its arguments come from a scenario (literal) or from variables (tokens). */
const CHECKS: Record<string, [Derivation<any[], unknown>, Args]> = {
  memberIds: [derivations.memberIds, (v) => [value(v, "name"), value(v, "size"), value(v, "clusterMode")]],
  clusterMode: [derivations.clusterMode, (v) => [value(v, "clusterMode"), value(v, "numNodeGroups"), value(v, "replicas")]],
  numCacheClusters: [derivations.numCacheClusters, (v) => [value(v, "size"), value(v, "clusterMode")]],
  numNodeGroups: [derivations.numNodeGroups, (v) => [value(v, "clusterMode")]],
  replicasPerNodeGroup: [derivations.replicasPerNodeGroup, (v) => [value(v, "clusterMode")]],
  parameterGroupFamily: [derivations.parameterGroupFamily, (v) => [value(v, "engine"), value(v, "redisVersion")]],
  parameterGroupName: [
    derivations.parameterGroupName,
    (v) => [
      value(v, "parameterGroup"),
      derive(derivations.parameterGroupFamily, value(v, "engine"), value(v, "redisVersion")),
      value(v, "clusterMode"),
    ],
  ],
  logDeliveries: [derivations.logDeliveries, (v) => [value(v, "engineLog"), value(v, "slowLog")]],
  authTokenUpdateStrategy: [derivations.authTokenUpdateStrategy, (v) => [value(v, "authToken")]],
  treatMissingData: [derivations.treatMissingData, (v) => [value(v, "ownTreat"), value(v, "treat")]],
  snapshotWindow: [derivations.snapshotWindow, (v) => [value(v, "window"), value(v, "retention")]],
  snapshotArns: [derivations.snapshotArns, (v) => [value(v, "snapshotArn")]],
  notificationTopicArn: [derivations.notificationTopicArn, (v) => [value(v, "topic")]],
  cidrRuleCount: [derivations.cidrRuleCount, (v) => [value(v, "cidrs")]],
  sourceRuleCount: [derivations.listLength, (v) => [value(v, "groups")]],
  alarmNames: [
    derivations.alarmNames,
    (v) => [derive(derivations.memberIds, value(v, "name"), value(v, "size"), value(v, "clusterMode")), "swap-usage"],
  ],
  nodeAlarmsOn: [scaling.nodeAlarmsOn, (v) => [value(v, "alarms"), value(v, "scaling")]],
  groupAlarmsOn: [scaling.groupAlarmsOn, (v) => [value(v, "alarms"), value(v, "scaling")]],
  groupTags: [scaling.groupTags, (v) => [{ team: "cache" }, value(v, "scaling"), value(v, "name")]],
  alarmCount: [
    derivations.alarmCount,
    (v) => [value(v, "alarms"), derive(derivations.memberIds, value(v, "name"), value(v, "size"), value(v, "clusterMode"))],
  ],
};

const VARIABLE_TYPES: Record<keyof Scenario, string> = {
  name: "string",
  size: "number",
  clusterMode: CLUSTER_MODE_TYPE,
  redisVersion: "string",
  parameterGroup: "string",
  window: "string",
  retention: "number",
  snapshotArn: "string",
  topic: "string",
  cidrs: "list(string)",
  groups: "list(string)",
  alarms: "bool",
  scaling: "bool",
  engine: "string",
  numNodeGroups: "number",
  replicas: "number",
  engineLog: LOG_DELIVERY_TYPE,
  slowLog: LOG_DELIVERY_TYPE,
  authToken: "string",
  ownTreat: "string",
  treat: "string",
};

/** A root module with one variable per scenario field and one output per derivation's expression. */
function expressionsModule(): string {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "expressions");
    const vars = Object.fromEntries(
      Object.entries(VARIABLE_TYPES).map(([key, type]) => [key, new TerraformVariable(stack, `in_${key}`, { type })]),
    ) as Vars;
    for (const [name, [derivation, args]] of Object.entries(CHECKS)) {
      new TerraformOutput(stack, name, { value: derivation.expression(...args(vars)) });
    }
    return Testing.synth(stack);
  });
}

let workRoot: string | undefined;
const outputs = new Map<string, Promise<Record<string, unknown>>>();

beforeAll(async () => {
  requireTerraform();
  workRoot = await makeWorkRoot();
  const moduleText = expressionsModule();
  for (const [id, scenario] of Object.entries(SCENARIOS)) {
    const dir = join(workRoot, id);
    const planned = (async () => {
      await mkdir(dir);
      await writeFile(join(dir, "main.tf.json"), moduleText);
      // Variables are named in_<field>, apart from the outputs named after the derivations.
      const tfvars = Object.fromEntries(Object.entries(scenario).map(([key, v]) => [`in_${key}`, v]));
      await writeFile(join(dir, "terraform.tfvars.json"), JSON.stringify(tfvars));
      await init(dir);
      return knownOutputs(await plan(dir));
    })();
    planned.catch(() => undefined);
    outputs.set(id, planned);
  }
});

afterAll(async () => {
  await Promise.allSettled(outputs.values());
  await removeWorkRoot(workRoot);
});

describe.each(Object.keys(SCENARIOS))("scenario %s", (id) => {
  it.each(Object.keys(CHECKS))("%s: Terraform's expression equals the TypeScript value", async (name) => {
    const [derivation, args] = CHECKS[name];
    const expected = derivation.literal(...args(SCENARIOS[id])) ?? null;
    const actual = (await outputs.get(id)!)[name] ?? null;
    expect(actual).toEqual(expected);
  });
});
