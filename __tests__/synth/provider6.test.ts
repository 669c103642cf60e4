/**
 * AWS provider 6.x, as far as this machine allows. Only the 5.100.0 provider binary is installed,
 * so nothing here plans with 6.x: the synthesized JSON is checked against the provider's schema as
 * the CDK bindings generated from it record it. 6.66.0 through @cdktn/provider-aws 25.7.0, the
 * bindings a CDK Terrain stack pins (from the CDK Terrain project that `pretest` installs into
 * .test-work/cdktn-project), 5.100.0 the same way through the project's own @cdktf/provider-aws
 * 20.1.0.
 *
 * How the schema is read from a binding package (lib/<resource>/index.js and index.d.ts):
 * - argument names and block nesting: the generated code itself, run. synthesizeHclAttributes()
 *   and the <struct>ToHclTerraform() functions are what turn props into the Terraform names of
 *   cdk.tf.json; called with a stand-in that sets every prop, they return every argument name of
 *   the resource (computed-only attributes are not among them: they cannot be set) with whether
 *   it is a block and the struct class holding its own arguments.
 * - which arguments are required: the .d.ts (a required schema argument is a non-optional prop),
 *   matched to names by the registry doc link `#name` above each prop. The names found that way
 *   must equal those the code returns, so a slip of either reading fails the test.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformStack, TerraformVariable } from "cdktf";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { INPUTS } from "../../lib/inputs/table";
import type { ElastiCacheRedisProps } from "../../lib/inputs/props";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { synthDestinationText, synthModule, TerraformJson, withTempDir } from "../../tools/synth";

// ---- the schema, from the bindings -------------------------------------------------------------

interface Argument {
  readonly required: boolean;
  /** The arguments of a block (or object) argument; absent for a plain value, maps included. */
  readonly nested?: Schema;
}
type Schema = ReadonlyMap<string, Argument>;

interface Provider {
  readonly label: string;
  /** The bindings package, as require() finds it. */
  readonly pkg: string;
  readonly version: string;
}

const CDKTN_PROJECT = join(__dirname, "..", "..", ".test-work", "cdktn-project");
const PROVIDER_6: Provider = { label: "6.66.0", pkg: join(CDKTN_PROJECT, "node_modules", "@cdktn", "provider-aws"), version: "6.66.0" };
const PROVIDER_5: Provider = { label: "5.100.0", pkg: "@cdktf/provider-aws", version: "5.100.0" };
const PROVIDERS = [PROVIDER_6, PROVIDER_5];

/** A stand-in for generated code to read: every property is set (to an empty object). */
const EVERYTHING_SET = new Proxy({}, { get: (_t, p) => (p === "resolve" ? undefined : {}), has: () => false });
/**
 * A stand-in `this` for a resource: every field is set, blocks (`_x.internalValue`) included, and
 * the one method the generated code calls there (6.x marks its write-only arguments) is kept.
 */
const RESOURCE_FIELDS = new Proxy({}, { get: (_t, p) => (p === "markWriteOnlyAttribute" ? (value: unknown) => value : { internalValue: {} }) });

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** Per interface of a .d.ts: Terraform name (from the doc link) -> whether the prop is optional. */
function declaredProps(dts: string): Map<string, Map<string, boolean>> {
  const interfaces = new Map<string, Map<string, boolean>>();
  for (const [, name, body] of dts.matchAll(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)^\}/gm)) {
    const props = new Map<string, boolean>();
    for (const [, doc, optional] of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly \w+(\?)?:/g)) {
      const link = /\{@link https:\/\/registry\.terraform\.io\/\S+#(\w+) /.exec(doc);
      if (link) props.set(link[1], optional === "?");
    }
    interfaces.set(name, props);
  }
  return interfaces;
}

interface ResourceSchema {
  readonly args: Schema;
  /** The provider version the binding was generated from (its terraformGeneratorMetadata). */
  readonly providerVersion: string;
}

const schemas = new Map<string, ResourceSchema>();

/** The schema of one resource type as the binding package records it (cached). */
function resourceSchema(pkg: string, type: string): ResourceSchema {
  const key = `${pkg} ${type}`;
  const cached = schemas.get(key);
  if (cached) return cached;

  const packageJson = require.resolve(`${pkg}/package.json`);
  const folder = join(dirname(packageJson), "lib", type.replace(/^aws_/, "").replace(/_/g, "-"));
  const code: Record<string, any> = require(join(folder, "index.js"));
  const declared = declaredProps(readFileSync(join(folder, "index.d.ts"), "utf8"));
  const resourceClass = Object.values(code).find((v) => typeof v === "function" && v.tfResourceType === type);
  if (!resourceClass) throw new Error(`${pkg} has no resource class for ${type}`);

  const toSchema = (where: string, attrs: Record<string, any>, declaredIn: string): Schema => {
    const props = declared.get(declaredIn);
    if (!props) throw new Error(`${pkg} ${type}: no interface ${declaredIn} in index.d.ts`);
    const names = Object.keys(attrs);
    if (JSON.stringify([...names].sort()) !== JSON.stringify([...props.keys()].sort())) {
      throw new Error(`${pkg} ${where}: the code names ${names.join(", ")}; index.d.ts ${[...props.keys()].join(", ")}`);
    }
    const schema = new Map<string, Argument>();
    for (const [name, meta] of Object.entries(attrs)) {
      const storage = String(meta.storageClassType);
      let nested: Schema | undefined;
      // A struct class (upper case) holds the block's own arguments; string, stringMap... are plain.
      if (/^[A-Z]/.test(storage)) {
        const struct = storage.replace(/(List|Map|OutputReference)$/, "");
        const toHcl = code[`${lowerFirst(struct)}ToHclTerraform`];
        if (typeof toHcl !== "function") throw new Error(`${pkg} ${where}.${name}: no ${lowerFirst(struct)}ToHclTerraform`);
        nested = toSchema(`${where}.${name}`, toHcl(EVERYTHING_SET), struct);
      }
      schema.set(name, { required: props.get(name) === false, nested });
    }
    return schema;
  };

  const attrs = resourceClass.prototype.synthesizeHclAttributes.call(RESOURCE_FIELDS);
  const args = toSchema(type, attrs, `${resourceClass.name}Config`);
  // In a stack of the CDK the bindings are for (cdktf or cdktn), as the bindings' peer.
  const cdk = JSON.parse(readFileSync(packageJson, "utf8")).peerDependencies.cdktn ? "cdktn" : "cdktf";
  const core = createRequire(packageJson)(cdk);
  const instance = new resourceClass(new core.TerraformStack(new core.App(), "schema"), "r", {});
  const result = { args, providerVersion: instance.terraformGeneratorMetadata?.providerVersion };
  schemas.set(key, result);
  return result;
}

// ---- the check ----------------------------------------------------------------------------------

/** Keys of a resource body that are Terraform meta-arguments or cdktf metadata, not arguments. */
const META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection", "//"]);

interface Findings {
  /** What would not validate: unknown arguments, missing required ones, bad ignore_changes. */
  readonly problems: string[];
  /** Every argument checked, as <type>.<argument>[.<nested>...]: what the walk reached. */
  readonly checked: Set<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkBody(where: string, schemaPath: string, body: Record<string, unknown>, schema: Schema, found: Findings): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === "dynamic" && isObject(value)) {
      // dynamic "<block>" { for_each, iterator, content { ... } }: content is the block's body.
      for (const [block, dynamic] of Object.entries(value)) {
        const arg = schema.get(block);
        if (!arg?.nested) found.problems.push(`${where}: dynamic "${block}" is not a block`);
        else if (isObject(dynamic) && isObject(dynamic.content)) {
          checkBody(`${where}.dynamic.${block}.content`, `${schemaPath}.${block}`, dynamic.content, arg.nested, found);
        } else found.problems.push(`${where}: dynamic "${block}" has no content`);
      }
      continue;
    }
    if (META_ARGUMENTS.has(key)) continue;
    const arg = schema.get(key);
    found.checked.add(`${schemaPath}.${key}`);
    if (!arg) {
      found.problems.push(`${where}: unknown argument "${key}"`);
      continue;
    }
    if (arg.nested) {
      // A block is an object or a list of objects; anything else is an expression for all of it.
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isObject(item)) checkBody(`${where}.${key}`, `${schemaPath}.${key}`, item, arg.nested, found);
      }
    }
  }
  const present = new Set([...Object.keys(body), ...Object.keys(isObject(body.dynamic) ? body.dynamic : {})]);
  for (const [name, arg] of schema) {
    if (arg.required && !present.has(name)) found.problems.push(`${where}: required argument "${name}" is not set`);
  }
}

/** Every resource of a synthesized stack against one provider's schema. */
function check(json: TerraformJson, provider: Provider): Findings {
  const found: Findings = { problems: [], checked: new Set() };
  if (json.data) found.problems.push("the JSON has data sources: this test checks resources only; extend it");
  for (const [type, resources] of Object.entries<Record<string, TerraformJson>>(json.resource ?? {})) {
    const { args } = resourceSchema(provider.pkg, type);
    for (const [name, body] of Object.entries(resources)) {
      const where = `${type}.${name}`;
      checkBody(where, type, body, args, found);
      const ignored = body.lifecycle?.ignore_changes;
      for (const path of Array.isArray(ignored) ? ignored : []) {
        const argument = /^\w+/.exec(String(path))?.[0] ?? "";
        if (!args.has(argument)) found.problems.push(`${where}: lifecycle.ignore_changes names "${path}", not an argument`);
      }
    }
  }
  return found;
}

/** Resources (type.name) whose body sets `region`, which only 6.x accepts. */
function settingRegion(json: TerraformJson): string[] {
  return Object.entries<Record<string, TerraformJson>>(json.resource ?? {}).flatMap(([type, resources]) =>
    Object.entries(resources)
      .filter(([, body]) => "region" in body)
      .map(([name]) => `${type}.${name}`),
  );
}

const resourceTypes = (json: TerraformJson) => Object.keys(json.resource ?? {});

// ---- what is checked ----------------------------------------------------------------------------

const REQUIRED = {
  instanceType: "cache.r6g.large",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"],
};

/**
 * Construct props that together set every prop at least once: literal values but for the
 * auth token, which the construct takes only as a token (a sensitive variable here). Three stacks
 * because some props exclude each other: the two shard forms, the two snapshot sources.
 */
const CONSTRUCT_STACKS: Record<string, (stack: TerraformStack) => ElastiCacheRedisProps> = {
  "cluster mode off, every other prop": (stack) => ({
    ...REQUIRED,
    name: "p6-full",
    replicationGroupSize: 3,
    enableAutomaticFailover: true,
    enableMultiAz: true,
    engine: "valkey",
    redisVersion: "8.0",
    port: 6380,
    authToken: new TerraformVariable(stack, "auth_token", { type: "string", sensitive: true }).stringValue,
    enableAtRestEncryption: true,
    kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    enableTransitEncryption: true,
    snapshotWindow: "04:00-05:00",
    snapshotRetentionLimit: 7,
    snapshotName: "orders-before-upgrade",
    maintenanceWindow: "sun:06:00-sun:07:00",
    parameterGroupName: "default.valkey8",
    applyImmediately: true,
    autoMinorVersionUpgrade: false,
    engineLogDeliveryConfiguration: { destination: "orders-engine-log", destinationType: "cloudwatch-logs", logFormat: "json" },
    slowLogDeliveryConfiguration: { destination: "orders-slow-log", destinationType: "kinesis-firehose", logFormat: "text" },
    allowConnectionsFromCidrBlocks: ["10.0.0.0/16", "10.1.0.0/16"],
    allowConnectionsFromSecurityGroups: ["sg-0123456789abcdef0"],
    enableCloudwatchAlarms: true,
    alarmsSnsTopicArns: ["arn:aws:sns:us-east-1:111122223333:ops-alarms"],
    alarmTreatMissingData: "breaching",
    alarmHighCpuUtilizationTreatMissingData: "ignore",
    alarmLowMemoryAvailableTreatMissingData: "notBreaching",
    alarmLowMemoryAvailableThreshold: 50_000_000,
    snsTopicForNotifications: "arn:aws:sns:us-east-1:111122223333:cache-events",
    tags: { team: "orders", environment: "test" },
  }),
  "cluster_mode, snapshot_arn": () => ({
    ...REQUIRED,
    name: "p6-cluster-mode",
    replicationGroupSize: 1,
    enableAutomaticFailover: true,
    enableMultiAz: false,
    redisVersion: "7.1",
    clusterMode: [{ numNodeGroups: 2, replicasPerNodeGroup: 1 }],
    snapshotArn: "arn:aws:s3:::backups/orders.rdb",
  }),
  "num_node_groups and replicas_per_node_group": () => ({
    ...REQUIRED,
    name: "p6-shards",
    replicationGroupSize: 1,
    enableAutomaticFailover: true,
    enableMultiAz: true,
    redisVersion: "7.1",
    numNodeGroups: 3,
    replicasPerNodeGroup: 2,
    createRoute53Entry: true,
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
    primaryDomainName: "redis.shards.internal",
    route53RecordTtl: 60,
    kubernetesServiceNamespace: "payments",
  }),
  "automatic scaling of replicas": () => ({
    ...REQUIRED,
    name: "p6-scaled",
    instanceType: "cache.r7g.large",
    replicationGroupSize: 1,
    enableAutomaticFailover: true,
    enableMultiAz: true,
    redisVersion: "7.1",
    numNodeGroups: 2,
    replicasPerNodeGroup: 1,
    enableAutoScaling: true,
    autoScaleDimension: "elasticache:replication-group:Replicas",
    autoScaleMinCapacity: 1,
    autoScaleMaxCapacity: 3,
    autoScaleTriggerMetric: "ElastiCacheReplicaEngineCPUUtilization",
    autoScaleTriggerMetricTargetValue: 55,
    autoScaleDisableScaleIn: true,
    autoScaleScaleInCooldown: 1200,
    autoScaleScaleOutCooldown: 300,
  }),
  "cross-account snapshots": () => ({
    ...REQUIRED,
    name: "p6-shared",
    replicationGroupSize: 2,
    enableAutomaticFailover: true,
    enableMultiAz: true,
    redisVersion: "7.1",
    snapshotRetentionLimit: 0,
    createRoute53Entry: true,
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
    primaryDomainName: "redis.shared.internal",
    readerDomainName: "redis-ro.shared.internal",
    shareSnapshotWithAnotherAccount: true,
    shareSnapshotWithAccountId: "444455556666",
    shareSnapshotDestinationBucketArn: "arn:aws:s3:::orders-snapshots-dr",
    shareSnapshotScheduleExpression: "cron(30 4 * * ? *)",
    shareSnapshotMaxSnapshots: 14,
    enableShareSnapshotCloudwatchAlarms: true,
    backupJobAlarmPeriod: 86400,
  }),
};

/** One stack with a provider and the construct, synthesized (with cdktf's validations) to JSON. */
function synthConstruct(props: (stack: TerraformStack) => ElastiCacheRedisProps): TerraformJson {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new ElastiCacheRedis(stack, "cache", props(stack));
    return JSON.parse(Testing.synth(stack, true));
  });
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

describe("AWS provider 6 (schema of 6.66.0 from @cdktn/provider-aws 25.7.0; 5.100.0 from @cdktf/provider-aws 20.1.0)", () => {
  let stacks: Record<string, TerraformJson>;

  beforeAll(() => {
    if (!existsSync(PROVIDER_6.pkg)) {
      throw new Error("the 6.x bindings are missing: run `node tools/test-prerequisites.js` (npm test's pretest), which installs .test-work/cdktn-project");
    }
    stacks = { "drop-in module": synthModule(), "snapshot destination module": JSON.parse(synthDestinationText()) };
    for (const [label, props] of Object.entries(CONSTRUCT_STACKS)) stacks[`construct, ${label}`] = synthConstruct(props);
  });

  it("the bindings are those of the provider versions named", () => {
    for (const provider of PROVIDERS) {
      for (const type of resourceTypes(stacks["drop-in module"])) {
        expect(resourceSchema(provider.pkg, type).providerVersion, `${provider.pkg} ${type}`).toBe(provider.version);
      }
    }
  });

  it("the construct stacks set every prop of the input table at least once", () => {
    const scratch = new TerraformStack(new App(), "props");
    const set = new Set(Object.values(CONSTRUCT_STACKS).flatMap((props) => Object.keys(props(scratch))));
    const unset = INPUTS.map((input) => camelCase(input.name)).filter((prop) => !set.has(prop));
    expect(unset, "props no construct stack of this test sets: add them to CONSTRUCT_STACKS").toEqual([]);
  });

  for (const provider of PROVIDERS) {
    it(`every argument of every resource, nested blocks included, is in provider ${provider.label}'s schema`, () => {
      for (const [label, json] of Object.entries(stacks)) {
        expect(check(json, provider).problems, `${label} against ${provider.label}`).toEqual([]);
      }
    });
  }

  it("the check reaches the nested attributes of log_delivery_configuration, as a dynamic block and as literal blocks", () => {
    const nested = ["destination", "destination_type", "log_format", "log_type"].map(
      (name) => `aws_elasticache_replication_group.log_delivery_configuration.${name}`,
    );
    for (const label of ["drop-in module", "construct, cluster mode off, every other prop"]) {
      const { checked } = check(stacks[label], PROVIDER_6);
      expect(nested.filter((path) => !checked.has(path)), label).toEqual([]);
    }
  });

  it("no resource sets region: 6.x added it to every regional resource type used, 5.x rejects it", () => {
    // IAM and Route 53 are global: no version gives their resources a region.
    const global = new Set(["aws_iam_role", "aws_iam_role_policy", "aws_route53_record"]);
    for (const [label, json] of Object.entries(stacks)) {
      expect(settingRegion(json), label).toEqual([]);
      for (const type of resourceTypes(json)) {
        expect(resourceSchema(PROVIDER_6.pkg, type).args.has("region"), `${type} in 6.66.0`).toBe(!global.has(type));
        expect(resourceSchema(PROVIDER_5.pkg, type).args.has("region"), `${type} in 5.100.0`).toBe(false);
      }
    }
  });

  it("auth_token_update_strategy is an argument in both versions, and the drop-in module sets it", () => {
    for (const provider of PROVIDERS) {
      const { args } = resourceSchema(provider.pkg, "aws_elasticache_replication_group");
      expect(args.get("auth_token_update_strategy"), provider.label).toEqual({ required: false, nested: undefined });
    }
    const [group] = Object.values<TerraformJson>(stacks["drop-in module"].resource.aws_elasticache_replication_group);
    expect(group).toHaveProperty("auth_token_update_strategy");
    expect(stacks["drop-in module"].terraform.required_providers.aws.version).toBe(">= 5.28.0, < 7.0.0");
  });

  it("the check fails on what it is there to find (planted in copies of the module's JSON)", () => {
    const copy = (): TerraformJson => structuredClone(stacks["drop-in module"]);
    const group = (json: TerraformJson): TerraformJson =>
      Object.values<TerraformJson>(json.resource.aws_elasticache_replication_group)[0];
    const problems = (json: TerraformJson, provider = PROVIDER_6) => check(json, provider).problems;

    expect(problems(copy())).toEqual([]);

    const madeUp = copy();
    group(madeUp).made_up_argument = "x";
    expect(problems(madeUp)).toEqual([expect.stringMatching(/unknown argument "made_up_argument"/)]);

    const nestedMadeUp = copy();
    group(nestedMadeUp).dynamic.log_delivery_configuration.content.made_up_nested = "x";
    expect(problems(nestedMadeUp)).toEqual([
      expect.stringMatching(/dynamic\.log_delivery_configuration\.content: unknown argument "made_up_nested"/),
    ]);

    const literalBlock = copy();
    group(literalBlock).log_delivery_configuration = [
      { destination: "d", destination_type: "cloudwatch-logs", log_format: "json", log_type: "slow-log", typo: 1 },
    ];
    expect(problems(literalBlock)).toEqual([expect.stringMatching(/\.log_delivery_configuration: unknown argument "typo"/)]);

    const missingNested = copy();
    delete group(missingNested).dynamic.log_delivery_configuration.content.log_type;
    expect(problems(missingNested)).toEqual([expect.stringMatching(/required argument "log_type" is not set/)]);

    const missingRequired = copy();
    delete group(missingRequired).replication_group_id;
    expect(problems(missingRequired)).toEqual([expect.stringMatching(/required argument "replication_group_id" is not set/)]);

    const badIgnore = copy();
    group(badIgnore).lifecycle.ignore_changes = ["made_up_argument"];
    expect(problems(badIgnore)).toEqual([expect.stringMatching(/ignore_changes names "made_up_argument"/)]);

    const notABlock = copy();
    group(notABlock).dynamic.port = { for_each: "${[]}", content: {} };
    expect(problems(notABlock)).toEqual([expect.stringMatching(/dynamic "port" is not a block/)]);

    const withRegion = copy();
    group(withRegion).region = "eu-west-1";
    expect(problems(withRegion, PROVIDER_6)).toEqual([]);
    expect(problems(withRegion, PROVIDER_5)).toEqual([expect.stringMatching(/unknown argument "region"/)]);
    expect(settingRegion(withRegion)).toEqual([expect.stringMatching(/^aws_elasticache_replication_group\./)]);

    // 6.x added node_group_configuration: the two schemas really differ.
    const sixOnly = copy();
    group(sixOnly).node_group_configuration = [{ replica_count: 1 }];
    expect(problems(sixOnly, PROVIDER_6)).toEqual([]);
    expect(problems(sixOnly, PROVIDER_5)).toEqual([expect.stringMatching(/unknown argument "node_group_configuration"/)]);
  });
});
