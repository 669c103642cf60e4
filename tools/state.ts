/**
 * Terraform state (format 4) as the HCL module would hold it after `terraform apply` with the
 * given inputs: every resource instance, attribute values as that module sets them
 * (docs/spec/module-interface.md, through __tests__/helpers/spec.ts), the provider's defaults, plausible
 * server-assigned values (ids, ARNs, endpoints, member clusters), `sensitive_attributes`,
 * `dependencies` and root outputs.
 *
 *   const state = await hclModuleState(scenario.inputs, { addresses: "hcl-module" });
 *   await writeState(join(dir, "terraform.tfstate"), state);
 *
 * `addresses: "hcl-module"` puts the resources where the HCL module kept them
 * (`module.redis.*`, `module.redis_alarms.*`), with that module's values; `"root"` is the state the
 * synthesized module itself holds after apply, which plans "No changes" against it: root
 * addresses, alarms on the real members in cluster mode, and this module's own replication group
 * description.
 *
 * Attributes are those of hashicorp/aws 5.100.0 (the schemas come from `terraform providers schema
 * -json`, cached in .test-work/). A state the HCL module wrote with an older provider major is
 * upgraded by the provider itself on the first plan; the migration under test is the address
 * change, so the state is written directly in the current schema.
 *
 * Assumptions where docs/spec/module-interface.md is silent (each one is visible to the migration tests):
 * - The replication group's description: the HCL module's text is not documented; we assume it
 *   follows its other two descriptions, `Replication group for the <name> ElastiCache cluster`
 *   (HCL_MODULE_REPLICATION_GROUP_DESCRIPTION). This module's own text differs; it must keep
 *   whatever text the state holds.
 * - The HCL module's ingress rules have no description.
 * - The HCL module's `cache_cluster_ids` output is its alarms' member list (see
 *   spec.hclAlarmMemberIds): the same as ours with cluster mode off.
 * - Tags only on the replication group (§1); every other optional argument left unset.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve as resolvePath } from "node:path";
import {
  ALARM_KINDS,
  alarmArguments,
  clusterModeOn,
  hclAlarmMemberIds,
  hclModuleAddress,
  Inputs,
  memberIds,
  parameterGroupName,
  resolve,
  Resolved,
  securityGroupDescription,
  snapshotWindow,
  subnetGroupDescription,
  subnetGroupName,
} from "../__tests__/helpers/spec";
import { init, terraform, terraformVersion, providerVersionsInMirror } from "./terraform";

export type AddressLayout = "hcl-module" | "root";

/**
 * The provider and Terraform that wrote the state: "5.100" (Terraform 1.5, the current schema) or
 * "3.75", what real users of the HCL module hold (it pinned hashicorp/aws < 4.0; Terraform 1.1).
 */
export type StateWriter = "5.100" | "3.75";

export interface HclModuleStateOptions {
  /** Where the resources sit: the HCL module's child modules, or the synthesized module's root. */
  addresses: AddressLayout;
  /** Which provider wrote it; "5.100" when absent. */
  writtenBy?: StateWriter;
  /** Region and account of the server-assigned ARNs and endpoints. */
  region?: string;
  accountId?: string;
  /** Provider resource schemas; loaded (and cached) with resourceSchemas() when absent. */
  schemas?: ResourceSchemas;
}

export interface StateInstance {
  index_key?: number | string;
  schema_version: number;
  attributes: Record<string, unknown>;
  sensitive_attributes: { type: "get_attr"; value: string }[][];
  private?: string;
  dependencies?: string[];
}

export interface StateResource {
  module?: string;
  mode: "managed";
  type: string;
  name: string;
  each?: "list";
  provider: string;
  instances: StateInstance[];
}

export interface TerraformState {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  resources: StateResource[];
  /** Written from Terraform 1.3 on. */
  check_results?: null;
}

export const HCL_MODULE_REPLICATION_GROUP_DESCRIPTION = (name: string) =>
  `Replication group for the ${name} ElastiCache cluster`;

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
/** Terraform releases that wrote each kind of state (format 4 in both). */
const TERRAFORM_OF: Readonly<Record<StateWriter, string>> = { "5.100": "1.5.7", "3.75": "1.1.9" };

/**
 * A replication group as hashicorp/aws 3.75 stores it (docs/spec/module-interface.md §6): schema version 1,
 * the 3.x names of the renamed arguments, the shard layout in a `cluster_mode` block and
 * at_rest_encryption_enabled as a bool; none of the attributes added since 4.0. Ids, endpoints
 * and every other value are the same as in the 5.100 state of the same cluster.
 */
const REPLICATION_GROUP_SCHEMA_VERSION_3X = 1;
const ADDED_SINCE_4X = [
  "auth_token_update_strategy",
  "cluster_mode",
  "description",
  "ip_discovery",
  "network_type",
  "num_cache_clusters",
  "num_node_groups",
  "preferred_cache_cluster_azs",
  "replicas_per_node_group",
  "transit_encryption_mode",
];

function replicationGroupIn3x(attributes: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(attributes).filter(([name]) => !ADDED_SINCE_4X.includes(name)));
  return {
    ...kept,
    replication_group_description: attributes.description,
    number_cache_clusters: attributes.num_cache_clusters,
    cluster_mode: [
      { num_node_groups: attributes.num_node_groups, replicas_per_node_group: attributes.replicas_per_node_group },
    ],
    availability_zones: null,
    at_rest_encryption_enabled: attributes.at_rest_encryption_enabled === "true",
    auto_minor_version_upgrade: attributes.auto_minor_version_upgrade === "true",
  };
}

/**
 * Values hashicorp/aws 5.100.0 fills in from its schema defaults when an argument is left unset.
 * `providers schema -json` does not show defaults; these are read from a create plan's `after`.
 */
const PROVIDER_DEFAULTS: Readonly<Record<string, Record<string, unknown>>> = {
  aws_elasticache_replication_group: { auth_token_update_strategy: "ROTATE" },
  aws_security_group: { revoke_rules_on_delete: false },
  aws_security_group_rule: { self: false },
  aws_cloudwatch_metric_alarm: { actions_enabled: true, treat_missing_data: "missing" },
};

/** Engine version AWS reports as running for a requested version. */
function engineVersionActual(requested: string): string {
  const known: Record<string, string> = {
    "6.x": "6.2.6",
    "6.0": "6.0.5",
    "6.2": "6.2.6",
    "7.0": "7.0.7",
    "7.1": "7.1.0",
  };
  return known[requested] ?? (requested.split(".").length === 3 ? requested : `${requested}.0`);
}

/** Stable pseudo-random hex for an id, so a scenario's state is the same on every run. */
const hex = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);

/** eu-west-1 -> euw1, as in ElastiCache endpoint host names. */
const regionCode = (region: string) =>
  region.replace(
    /^(\w\w)-(\w)\w*-(\d+)$/,
    (_, area: string, direction: string, n: string) => `${area}${direction}${n}`,
  );

interface Built {
  address: string;
  attributes: Record<string, unknown>;
  sensitive?: string[];
  dependencies: string[];
}

/** The resource instances at root addresses, as the HCL module (or, for "root", this module) leaves them after apply. */
function buildInstances(r: Resolved, layout: AddressLayout, region: string, account: string): Built[] {
  const clusterOn = clusterModeOn(r);
  const host = `${hex(r.name, 6)}.${regionCode(region)}.cache.amazonaws.com`;
  const sgId = securityGroupId(r);
  const members = memberIds(r);
  const shards = clusterOn ? r.cluster_mode[0].num_node_groups : 1;
  const replicas = clusterOn ? r.cluster_mode[0].replicas_per_node_group : r.replication_group_size - 1;
  const tags = Object.keys(r.tags).length > 0 ? r.tags : null;

  const replicationGroup: Built = {
    address: "aws_elasticache_replication_group.redis",
    dependencies: ["aws_elasticache_subnet_group.redis", "aws_security_group.redis"],
    // The provider schema marks auth_token sensitive, so Terraform records its path even when it is
    // null; a state without it plans an in-place update of the replication group.
    sensitive: ["auth_token"],
    attributes: {
      id: r.name,
      arn: `arn:aws:elasticache:${region}:${account}:replicationgroup:${r.name}`,
      replication_group_id: r.name,
      description:
        layout === "hcl-module"
          ? HCL_MODULE_REPLICATION_GROUP_DESCRIPTION(r.name)
          : `Redis replication group ${r.name}`,
      engine: r.engine ?? "redis",
      engine_version: r.redis_version,
      engine_version_actual: engineVersionActual(r.redis_version),
      node_type: r.instance_type,
      port: r.port,
      // AWS reports the layout in every mode: total nodes, shards and replicas per shard.
      num_cache_clusters: members.length,
      num_node_groups: shards,
      replicas_per_node_group: replicas,
      cluster_enabled: clusterOn,
      cluster_mode: clusterOn ? "enabled" : "disabled",
      member_clusters: members,
      parameter_group_name: parameterGroupName(r),
      subnet_group_name: subnetGroupName(r),
      security_group_ids: [sgId],
      security_group_names: [],
      automatic_failover_enabled: r.enable_automatic_failover,
      multi_az_enabled: r.enable_multi_az,
      at_rest_encryption_enabled: String(r.enable_at_rest_encryption),
      kms_key_id: r.kms_key_id ?? null,
      transit_encryption_enabled: r.enable_transit_encryption,
      transit_encryption_mode: r.enable_transit_encryption ? "required" : null,
      auth_token: r.auth_token,
      auto_minor_version_upgrade: "true",
      data_tiering_enabled: false,
      global_replication_group_id: "",
      ip_discovery: "ipv4",
      network_type: "ipv4",
      // AWS picks a window when none is given.
      snapshot_window: snapshotWindow(r) ?? "03:30-04:30",
      snapshot_retention_limit: r.snapshot_retention_limit,
      snapshot_name: r.snapshot_name,
      snapshot_arns: r.snapshot_arn === null ? null : [r.snapshot_arn],
      maintenance_window: r.maintenance_window,
      notification_topic_arn: r.sns_topic_for_notifications === "" ? null : r.sns_topic_for_notifications,
      apply_immediately: r.apply_immediately,
      tags,
      tags_all: r.tags,
      primary_endpoint_address: clusterOn ? null : `master.${r.name}.${host}`,
      reader_endpoint_address: clusterOn ? null : `replica.${r.name}.${host}`,
      configuration_endpoint_address: clusterOn ? `clustercfg.${r.name}.${host}` : null,
    },
  };

  const subnetGroup: Built = {
    address: "aws_elasticache_subnet_group.redis",
    dependencies: [],
    attributes: {
      id: subnetGroupName(r),
      arn: `arn:aws:elasticache:${region}:${account}:subnetgroup:${subnetGroupName(r)}`,
      name: subnetGroupName(r),
      description: subnetGroupDescription(r),
      subnet_ids: r.subnet_ids,
      vpc_id: r.vpc_id,
      tags: null,
      tags_all: {},
    },
  };

  const securityGroup: Built = {
    address: "aws_security_group.redis",
    dependencies: [],
    attributes: {
      id: sgId,
      arn: `arn:aws:ec2:${region}:${account}:security-group/${sgId}`,
      name: r.name,
      name_prefix: "",
      description: securityGroupDescription(r),
      vpc_id: r.vpc_id,
      owner_id: account,
      // The provider revokes the default egress rule; the ingress rules are separate resources.
      ingress: [],
      egress: [],
      tags: null,
      tags_all: {},
    },
  };

  const rule = (
    address: string,
    seed: string,
    source: { cidr_blocks: string[] | null; source_security_group_id: string | null },
  ): Built => ({
    address,
    dependencies: ["aws_security_group.redis"],
    attributes: {
      description: null,
      id: `sgrule-${parseInt(hex(seed, 8), 16)}`,
      security_group_rule_id: `sgr-${hex(seed, 17)}`,
      security_group_id: sgId,
      type: "ingress",
      protocol: "tcp",
      from_port: r.port,
      to_port: r.port,
      ...source,
    },
  });
  const cidrRules =
    r.allow_connections_from_cidr_blocks.length > 0
      ? [
          rule(
            "aws_security_group_rule.allow_connections_from_cidr_blocks[0]",
            `cidr:${r.name}`,
            { cidr_blocks: r.allow_connections_from_cidr_blocks, source_security_group_id: null },
          ),
        ]
      : [];
  const sourceRules = r.allow_connections_from_security_groups.map((sg, i) =>
    rule(
      `aws_security_group_rule.allow_connections_from_security_group[${i}]`,
      `sg:${r.name}:${sg}`,
      { cidr_blocks: null, source_security_group_id: sg },
    ),
  );

  // The alarms read only inputs (member ids are computed from them), so they depend on no resource.
  const alarmMembers = layout === "hcl-module" ? hclAlarmMemberIds(r) : members;
  const topics = r.alarms_sns_topic_arns.length > 0 ? r.alarms_sns_topic_arns : null;
  const alarms: Built[] = r.enable_cloudwatch_alarms
    ? ALARM_KINDS.flatMap((kind) =>
        alarmMembers.map((member, i): Built => {
          const args = alarmArguments(r, kind, member);
          return {
            address: `aws_cloudwatch_metric_alarm.${kind.resource}[${i}]`,
            dependencies: [],
            attributes: {
              ...args,
              id: args.alarm_name,
              arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${args.alarm_name}`,
              alarm_actions: topics,
              ok_actions: topics,
              insufficient_data_actions: topics,
              evaluate_low_sample_count_percentiles: "",
              tags: null,
              tags_all: {},
            },
          };
        }),
      )
    : [];

  return [replicationGroup, subnetGroup, securityGroup, ...cidrRules, ...sourceRules, ...alarms];
}

const securityGroupId = (r: Resolved) => `sg-${hex(`sg:${r.name}`, 17)}`;

/** Root outputs (§2) as Terraform stores them: null outputs are not stored. */
function buildOutputs(r: Resolved, layout: AddressLayout, rg: Record<string, unknown>): TerraformState["outputs"] {
  const ids = layout === "hcl-module" ? hclAlarmMemberIds(r) : memberIds(r);
  const outputs: TerraformState["outputs"] = {
    cache_port: { value: r.port, type: "number" },
    // This module builds the list with concat/formatlist, which Terraform types as a tuple.
    cache_cluster_ids: {
      value: ids,
      type: layout === "root" ? ["tuple", ids.map(() => "string")] : ["list", "string"],
    },
    cache_node_id: { value: "0001", type: "string" },
  };
  const endpoints = {
    primary_endpoint: rg.primary_endpoint_address,
    configuration_endpoint: rg.configuration_endpoint_address,
    reader_endpoint: rg.reader_endpoint_address,
  };
  for (const [name, value] of Object.entries(endpoints)) {
    if (value !== null) outputs[name] = { value, type: "string" };
  }
  // An output of later Gruntwork releases, and this module's service discovery: v0.85.0 had none.
  if (layout === "root") {
    outputs.security_group_id = { value: securityGroupId(r), type: "string" };
    const writer = (rg.configuration_endpoint_address ?? rg.primary_endpoint_address) as string;
    outputs.tls_server_name = { value: writer, type: "string" };
    // docs/service-discovery.md: <name> to the writer endpoint, <name>-reader to the reader's (cluster mode off); no records in these states.
    const mapping = (target: unknown) => ({ target_dns: target, target_port: r.port, namespace: "default" });
    const mappings: Record<string, unknown> = { [r.name]: mapping(writer) };
    if (rg.reader_endpoint_address !== null) mappings[`${r.name}-reader`] = mapping(rg.reader_endpoint_address);
    const objectType = ["object", { namespace: "string", target_dns: "string", target_port: "number" }];
    outputs.service_dns_mappings = { value: mappings, type: ["object", Object.fromEntries(Object.keys(mappings).map((k) => [k, objectType]))] };
  }
  return outputs;
}

/** `module.redis`/`module.redis_alarms` for the HCL layout; none at the root. */
function moduleOf(address: string, layout: AddressLayout): string | undefined {
  if (layout === "root") return undefined;
  return hclModuleAddress(address).split(".").slice(0, 2).join(".");
}

const prefixed = (address: string, layout: AddressLayout) => (layout === "root" ? address : hclModuleAddress(address));

/**
 * The state, as a JSON object, that the HCL module's resources hold after apply with these inputs
 * (module variable names, as in a Terragrunt `inputs` block). See the file comment.
 */
export async function hclModuleState(inputs: Inputs, options: HclModuleStateOptions): Promise<TerraformState> {
  const { addresses: layout, region = "eu-west-1", accountId = "111122223333", writtenBy = "5.100" } = options;
  const in3x = writtenBy === "3.75";
  const schemas = options.schemas ?? (await resourceSchemas());
  const r = resolve(inputs);
  const built = buildInstances(r, layout, region, accountId);

  const resources = new Map<string, StateResource>();
  for (const b of built) {
    const [, type, name, index] = /^(\w+)\.(\w+)(?:\[(\d+)\])?$/.exec(b.address)!;
    const schema = schemas[type];
    if (!schema) throw new Error(`no schema for ${type}`);
    const key = `${type}.${name}`;
    const resource =
      resources.get(key) ??
      resources
        .set(key, {
          ...(moduleOf(key, layout) ? { module: moduleOf(key, layout) } : {}),
          mode: "managed",
          type,
          name,
          ...(index !== undefined ? { each: "list" as const } : {}),
          provider: PROVIDER,
          instances: [],
        })
        .get(key)!;
    const attributes = completeAttributes(type, schema, b.attributes);
    const reshaped = in3x && type === "aws_elasticache_replication_group";
    const schemaVersion = reshaped ? REPLICATION_GROUP_SCHEMA_VERSION_3X : schema.version;
    resource.instances.push({
      ...(index !== undefined ? { index_key: Number(index) } : {}),
      schema_version: schemaVersion,
      attributes: reshaped ? replicationGroupIn3x(attributes) : attributes,
      // Terraform 1.1 recorded only values marked sensitive in the configuration, not the
      // provider schema's sensitive attributes.
      sensitive_attributes: in3x ? [] : (b.sensitive ?? []).map((attr) => [{ type: "get_attr", value: attr }]),
      // The plugin SDK keeps the schema version in the instance's private data.
      private: Buffer.from(JSON.stringify({ schema_version: String(schemaVersion) })).toString("base64"),
      dependencies: b.dependencies.map((d) => prefixed(d, layout)).sort(),
    });
  }

  return {
    version: 4,
    terraform_version: TERRAFORM_OF[writtenBy],
    serial: 1,
    lineage: lineageOf(`${layout}:${r.name}`),
    outputs: buildOutputs(r, layout, built[0].attributes),
    resources: [...resources.values()],
    ...(in3x ? {} : { check_results: null }),
  };
}

/** Every attribute of the schema: null (or [] for repeated blocks) unless the provider defaults or we set it. */
function completeAttributes(
  type: string,
  schema: ResourceSchema,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const name of Object.keys(schema.block.attributes ?? {})) attributes[name] = null;
  for (const [name, block] of Object.entries(schema.block.block_types ?? {})) {
    attributes[name] = block.nesting_mode === "single" || block.nesting_mode === "group" ? null : [];
  }
  Object.assign(attributes, PROVIDER_DEFAULTS[type] ?? {});
  for (const [name, value] of Object.entries(values)) {
    if (!(name in attributes)) throw new Error(`${type} has no attribute ${name} in provider schema`);
    attributes[name] = value;
  }
  return attributes;
}

function lineageOf(seed: string): string {
  const h = hex(`lineage:${seed}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Writes the state where a local backend (or a root module without one) reads it. */
export async function writeState(path: string, state: TerraformState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(state, null, 2)}\n`);
}

/** Every instance address in a state, `module.x.` prefix and `[i]` index included. */
export function stateAddresses(state: TerraformState): string[] {
  return state.resources.flatMap((res) =>
    res.instances.map(
      (inst) =>
        `${res.module ? `${res.module}.` : ""}${res.type}.${res.name}${
          inst.index_key === undefined ? "" : `[${JSON.stringify(inst.index_key)}]`
        }`,
    ),
  );
}

// ----- provider schemas -----

interface SchemaAttribute {
  type?: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface ResourceSchema {
  version: number;
  block: {
    attributes?: Record<string, SchemaAttribute>;
    block_types?: Record<string, { nesting_mode: string }>;
  };
}

export type ResourceSchemas = Record<string, ResourceSchema>;

/** The resource types the module manages. */
export const RESOURCE_TYPES = [
  "aws_elasticache_replication_group",
  "aws_elasticache_subnet_group",
  "aws_security_group",
  "aws_security_group_rule",
  "aws_cloudwatch_metric_alarm",
];

const CACHE_DIR = resolvePath(__dirname, "..", ".test-work");
let schemasLoaded: Promise<ResourceSchemas> | undefined;

/**
 * The schemas of RESOURCE_TYPES from `terraform providers schema -json` (13 MB for the whole
 * provider, a few seconds): computed once per Terraform and provider version and kept in
 * .test-work/, so the test files of a run, and later runs, share it.
 */
export function resourceSchemas(): Promise<ResourceSchemas> {
  schemasLoaded ??= (async () => {
    const key = hex(`${terraformVersion()}:${providerVersionsInMirror().join(",")}:${RESOURCE_TYPES.join(",")}`, 12);
    const cached = join(CACHE_DIR, `aws-resource-schemas-${key}.json`);
    if (existsSync(cached)) return JSON.parse(await readFile(cached, "utf8")) as ResourceSchemas;

    const dir = await mkdtemp(join(tmpdir(), "redis-schema-"));
    try {
      await writeFile(
        join(dir, "main.tf.json"),
        JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 5.0" } } } }),
      );
      await init(dir);
      const all = JSON.parse(await terraform(dir, ["providers", "schema", "-json"]));
      const aws = all.provider_schemas["registry.terraform.io/hashicorp/aws"].resource_schemas;
      const schemas = Object.fromEntries(RESOURCE_TYPES.map((t) => [t, aws[t]])) as ResourceSchemas;
      await mkdir(CACHE_DIR, { recursive: true });
      // Written whole and renamed, so a concurrent reader never sees half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      await writeFile(partial, JSON.stringify(schemas));
      await rename(partial, cached);
      return schemas;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return schemasLoaded;
}

/**
 * Several states as one, each under a module call of a root module (tools/terraform.ts's several-call
 * caller): resources and their dependencies under `module.<call>`, root outputs renamed as that root
 * re-exports them (`<call>__<output>`). One plan then covers every call.
 */
export function nestedStates(states: Readonly<Record<string, TerraformState>>): TerraformState {
  const calls = Object.entries(states);
  const under = (call: string, address: string) => `module.${call}.${address}`;
  return {
    ...calls[0][1],
    lineage: lineageOf(`calls:${calls.map(([call]) => call).join(",")}`),
    outputs: Object.fromEntries(
      calls.flatMap(([call, state]) => Object.entries(state.outputs).map(([name, output]) => [`${call}__${name}`, output])),
    ),
    resources: calls.flatMap(([call, state]) =>
      state.resources.map((resource) => ({
        ...resource,
        module: resource.module ? under(call, resource.module) : `module.${call}`,
        instances: resource.instances.map((instance) => ({
          ...instance,
          ...(instance.dependencies ? { dependencies: instance.dependencies.map((d) => under(call, d)) } : {}),
        })),
      })),
    ),
  };
}
