/**
 * What a plan does to the cache, as data for the rendering to word: the kind of every change,
 * the counts, the dangers (a change that loses the cluster's data or endpoints), the engine
 * changes (Redis OSS to Valkey, which cannot be undone) and the refusals (changes AWS rejects at
 * apply: an engine change it has no path for, a log delivery change not applied immediately or
 * made together with the upgrade to Valkey), and the capacity changes (shards or replicas that the
 * plan, or automatic scaling right after it, adds or removes: no data is lost).
 *
 * Nothing here is Markdown or prose: reasons stay Terraform's codes, losses are kinds, and values
 * are whole (see values.ts); render/ decides the words and how much of each value fits.
 *
 * Resources are recognised by type, never by name: the module's own addresses are
 * `aws_elasticache_replication_group.redis`, a caller's are `module.x.aws_...`, and a CDKTF stack
 * using the construct has hashed names.
 */
import { type Action, type AttributePath, type Mask, type OutputChange, PlanError, type Plan, type ResourceChange } from "./plan";
import { isObject } from "../text/notation";
import { LOG_DELIVERY, logDeliveryChanges, type LogDeliveryChange, logDeliveryDiffers } from "./logs";
import { type ArgumentDiff, type ArgumentValue, type ChangeValues, deepEqual, diffArguments, type Shown, setArguments, showAt, showValue, textAt } from "./values";

export type Kind = "create" | "update" | "replace" | "delete" | "no-op" | "read" | "forget";

/** The single kind a list of actions amounts to; a replacement is one change, not two. */
export function kindOf(actions: readonly Action[]): Kind {
  if (actions.length === 1) return actions[0] as Kind;
  if (actions.length === 2 && actions.includes("create") && actions.includes("delete")) return "replace";
  throw new PlanError(`unsupported combination of actions: ${JSON.stringify(actions)}`);
}

/** The resources whose loss takes the cluster's data or endpoints with it. */
export type Role = "cluster" | "subnet group" | "security group" | "snapshot bucket";

/** The order dangers are listed in: the data first. */
const ROLE_ORDER: readonly Role[] = ["cluster", "snapshot bucket", "subnet group", "security group"];

const ROLES: Readonly<Record<string, Role>> = {
  aws_elasticache_replication_group: "cluster",
  aws_elasticache_subnet_group: "subnet group",
  aws_security_group: "security group",
};

export interface ForcingArgument {
  readonly path: AttributePath;
  readonly before: Shown;
  readonly after: Shown;
}

/**
 * What applying a plan loses with a danger:
 * - `data`: everything in the cache;
 * - `snapshots`: the cluster's automatic snapshots, which AWS deletes with it;
 * - `endpoints`: the addresses clients connect to now;
 * - `cluster`: possibly the cluster itself, which cannot move to another subnet group in place;
 * - `clean-apply`: an apply that runs to the end, as AWS refuses to delete a group still in use;
 * - `connectivity`: clients' connections, until the cluster uses the new group and its rules;
 * - `copies`: the snapshot copies a bucket of the snapshot export holds.
 */
export type Loss = "data" | "snapshots" | "endpoints" | "cluster" | "clean-apply" | "connectivity" | "copies";

/** What each role's replacement or destroy loses, the worst first. */
const LOSSES: Readonly<Record<Role, readonly Loss[]>> = {
  cluster: ["data", "snapshots", "endpoints"],
  "subnet group": ["cluster", "clean-apply"],
  "security group": ["connectivity", "clean-apply"],
  "snapshot bucket": ["copies", "clean-apply"],
};

/**
 * The buckets of the snapshot export (docs/snapshot-export.md): the export bucket and the other
 * account's destination bucket, recognized by their resource names, which a construct's hashed
 * names keep.
 */
const SNAPSHOT_BUCKET = /snapshot_(export|destination)_bucket/;

/** The attribute holding the name AWS knows each by. */
const NAME_ATTRIBUTES: Readonly<Record<Role, string>> = {
  cluster: "replication_group_id",
  "subnet group": "name",
  "security group": "name",
  "snapshot bucket": "bucket",
};

function roleOf(rc: ResourceChange): Role | undefined {
  if (rc.type === "aws_s3_bucket") return SNAPSHOT_BUCKET.test(rc.name) ? "snapshot bucket" : undefined;
  return ROLES[rc.type];
}

export interface Danger {
  readonly address: string;
  readonly role: Role;
  readonly kind: "replace" | "delete";
  /** The arguments that force a replacement (from replace_paths); empty for a destroy. */
  readonly forcedBy: readonly ForcingArgument[];
  /**
   * Terraform's reason code (`replace_because_tainted`, `replace_by_request`,
   * `delete_because_no_resource_config`...); none in a destroy plan.
   */
  readonly actionReason?: string;
  /** What applying the plan loses, the worst first. */
  readonly losses: readonly Loss[];
  /** The name AWS knows it by: `replication_group_id` of a cluster, `name` of a group. */
  readonly name: Shown;
  /** A cluster's endpoints as its state has them (the ones clients use now); none for a group. */
  readonly endpoints: readonly Endpoint[];
  /** A replacement that destroys the old object before the new one exists: downtime from the apply on. */
  readonly deleteFirst: boolean;
}

export interface Endpoint {
  readonly role: "primary" | "reader" | "configuration";
  readonly address: Shown;
}

const ENDPOINT_ATTRIBUTES: readonly [Endpoint["role"], string][] = [
  ["primary", "primary_endpoint_address"],
  ["reader", "reader_endpoint_address"],
  ["configuration", "configuration_endpoint_address"],
];

export interface ReviewedChange {
  readonly address: string;
  readonly previousAddress?: string;
  readonly type: string;
  readonly kind: Kind;
  readonly importing: boolean;
  /** For a replacement: whether Terraform destroys the old object before creating the new one. */
  readonly deleteFirst: boolean;
  /** Terraform's reason code, as in Danger. */
  readonly actionReason?: string;
  readonly forcedBy: readonly AttributePath[];
  /** Arguments that change (update, replace, moves with updates). */
  readonly diff?: ArgumentDiff;
  /** Arguments of a new object (create). */
  readonly created?: { readonly values: readonly ArgumentValue[]; readonly unknown: readonly AttributePath[] };
  /** The logs whose delivery changes, when `log_delivery_configuration` does (see logDeliveryChanges). */
  readonly logDelivery?: readonly LogDeliveryChange[];
}

export interface Summary {
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
  readonly move: number;
  readonly import: number;
  readonly forget: number;
}

export interface Review {
  readonly summary: Summary;
  /**
   * Replication groups whose state the provider upgraded from a 3.x schema without a refresh
   * (see unrefreshed()): the plan must be made again with refresh before it is applied.
   */
  readonly unrefreshed: readonly string[];
  /** Every change worth a line, sorted by address: no-ops that did not move are left out. */
  readonly changes: readonly ReviewedChange[];
  /** Cluster, subnet group and security group replacements and destroys: clusters first, then by address. */
  readonly dangers: readonly Danger[];
  /** Replication groups whose engine changes in place, by address; some AWS refuses. */
  readonly engineChanges: readonly EngineChange[];
  /** Every change AWS will reject at apply, by address, then in the order of REFUSAL_KINDS. */
  readonly refusals: readonly Refusal[];
  /** Ingress rules replaced or destroyed, by address: clients can be refused while the apply runs. */
  readonly connectivity: readonly ConnectivityRisk[];
  /** Names clients resolve (records, Kubernetes mappings) changed or removed: records by address, then mappings by service. */
  readonly dnsChanges: readonly DnsChange[];
  /** Shards or replicas added or removed by the plan or by automatic scaling right after it (see capacityChanges). */
  readonly capacity: readonly CapacityChange[];
  /** Root outputs whose value changes, by name. */
  readonly outputs: readonly OutputReview[];
}

export interface OutputReview {
  readonly name: string;
  readonly kind: Kind;
  readonly before: Shown;
  readonly after: Shown;
}

/** An output's change as the review shows it; sensitive values masked, unknown ones said so. */
function outputReview(o: OutputChange): OutputReview {
  return {
    name: o.name,
    kind: kindOf(o.actions),
    before: showValue(o.before, { sensitive: o.beforeSensitive, unknown: undefined }),
    after: showValue(o.after, { sensitive: o.afterSensitive, unknown: o.afterUnknown }),
  };
}

export interface ConnectivityRisk {
  readonly address: string;
  readonly kind: "replace" | "delete";
  /** A replacement that deletes the old rule before the new one exists. */
  readonly deleteFirst: boolean;
  /** Sources (CIDR blocks, security groups) the rule allows before and after: cut off in between. */
  readonly kept: readonly Shown[];
  /** Sources the rule allows now and not after the apply. */
  readonly lost: readonly Shown[];
}

/** The sources an ingress rule lets in: its CIDR blocks and its source security group. */
function sources(values: unknown): string[] {
  if (!isObject(values)) return [];
  const listed = ["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"].flatMap((key) =>
    Array.isArray(values[key]) ? (values[key] as unknown[]).filter((v): v is string => typeof v === "string") : [],
  );
  const single = ["source_security_group_id", "cidr_ipv4", "cidr_ipv6", "referenced_security_group_id"]
    .map((key) => values[key])
    .filter((v): v is string => typeof v === "string" && v !== "");
  return [...listed, ...single];
}

const isIngressRule = (rc: ResourceChange) =>
  rc.type === "aws_vpc_security_group_ingress_rule" ||
  (rc.type === "aws_security_group_rule" && isObject(rc.before) && rc.before.type === "ingress");

/** A replaced or destroyed ingress rule and the clients it concerns; not a danger: nothing is lost for good. */
function connectivityRiskOf(rc: ResourceChange): ConnectivityRisk | undefined {
  if (rc.mode !== "managed" || !isIngressRule(rc)) return undefined;
  const kind = kindOf(rc.actions);
  if (kind !== "replace" && kind !== "delete") return undefined;
  const [before, after] = [sources(rc.before), kind === "replace" ? sources(rc.after) : []];
  const text = (source: string): Shown => ({ kind: "value", text: JSON.stringify(source) });
  return {
    address: rc.address,
    kind,
    deleteFirst: rc.actions[0] === "delete",
    kept: before.filter((s) => after.includes(s)).map(text),
    lost: before.filter((s) => !after.includes(s)).map(text),
  };
}

/**
 * A name clients resolve that the plan changes or removes: a Route 53 record of the cache
 * (docs/service-discovery.md), or an entry of the `service_dns_mappings` output from which
 * Kubernetes ExternalName services are made. Clients that use the name follow the new target, or
 * resolve nothing.
 */
export interface DnsChange {
  /** The record's address, or `output.service_dns_mappings` for a mapping. */
  readonly address: string;
  readonly source: "record" | "mapping";
  readonly kind: "update" | "replace" | "delete";
  /** The record's name, or the Kubernetes Service name, as clients use it now. */
  readonly name: Shown;
  /** The record's new name when the plan renames it. */
  readonly newName?: Shown;
  readonly before: Shown;
  /** The new target; none when the name goes away. */
  readonly after?: Shown;
}

const targets = (values: unknown, masks: { sensitive: Mask; unknown: Mask }): Shown => {
  if (isObject(values) && Array.isArray(values.records) && values.records.every((r) => typeof r === "string")) {
    return { kind: "value", text: (values.records as string[]).join(", ") };
  }
  return textAt(values, masks, ["records"]);
};

/** A record of the cache's names replaced, destroyed, renamed or pointed elsewhere; not a TTL alone. */
function dnsChangeOf(rc: ResourceChange): DnsChange | undefined {
  if (rc.type !== "aws_route53_record" || rc.mode !== "managed") return undefined;
  const kind = kindOf(rc.actions);
  if (kind !== "update" && kind !== "replace" && kind !== "delete") return undefined;
  const beforeMasks = { sensitive: rc.beforeSensitive, unknown: undefined };
  const afterMasks = { sensitive: rc.afterSensitive, unknown: rc.afterUnknown };
  const name = textAt(rc.before, beforeMasks, ["name"]);
  if (kind === "delete") return { address: rc.address, source: "record", kind, name, before: targets(rc.before, beforeMasks) };
  const [before, after, newName] = [targets(rc.before, beforeMasks), targets(rc.after, afterMasks), textAt(rc.after, afterMasks, ["name"])];
  const renamed = JSON.stringify(newName) !== JSON.stringify(name);
  if (kind === "update" && !renamed && JSON.stringify(before) === JSON.stringify(after)) return undefined;
  return { address: rc.address, source: "record", kind, name, ...(renamed ? { newName } : {}), before, after };
}

const MAPPINGS_OUTPUT = "service_dns_mappings";

/** The Kubernetes services whose target the `service_dns_mappings` output changes or drops. */
function mappingChanges(outputs: readonly OutputChange[]): DnsChange[] {
  const o = outputs.find((output) => output.name === MAPPINGS_OUTPUT);
  if (!o || !isObject(o.before) || kindOf(o.actions) === "no-op") return [];
  const target = (mapping: unknown): { kind: "value"; text: string } | undefined =>
    isObject(mapping) && typeof mapping.target_dns === "string" ? { kind: "value", text: mapping.target_dns } : undefined;
  const after = isObject(o.after) ? o.after : {};
  return Object.keys(o.before)
    .sort()
    .flatMap((service): DnsChange[] => {
      const [from, to] = [target(o.before && (o.before as Record<string, unknown>)[service]), target(after[service])];
      if (!from) return [];
      const name: Shown = { kind: "value", text: service };
      const address = `output.${MAPPINGS_OUTPUT}`;
      if (!(service in after)) return [{ address, source: "mapping", kind: "delete", name, before: from }];
      const unknown = marks(o.afterUnknown, service);
      if (unknown) return [{ address, source: "mapping", kind: "update", name, before: from, after: { kind: "unknown" } }];
      return to && to.text !== from.text ? [{ address, source: "mapping", kind: "update", name, before: from, after: to }] : [];
    });
}

/** Code-point order, so the output does not depend on the machine's locale. */
export const byAddress = (a: { address: string }, b: { address: string }) =>
  a.address < b.address ? -1 : a.address > b.address ? 1 : 0;

function summarize(changes: readonly ReviewedChange[]): Summary {
  const count = (kind: Kind) => changes.filter((c) => c.kind === kind).length;
  return {
    add: count("create"),
    change: count("update"),
    replace: count("replace"),
    destroy: count("delete"),
    move: changes.filter((c) => c.previousAddress !== undefined).length,
    import: changes.filter((c) => c.importing).length,
    forget: count("forget"),
  };
}

/** A change's values and the masks beside them. */
const changeValues = (rc: ResourceChange): ChangeValues => ({
  before: rc.before,
  after: rc.after,
  beforeSensitive: rc.beforeSensitive,
  afterSensitive: rc.afterSensitive,
  afterUnknown: rc.afterUnknown,
});

function reviewChange(rc: ResourceChange): ReviewedChange {
  const kind = kindOf(rc.actions);
  const values = changeValues(rc);
  const diff = kind === "update" || kind === "replace" ? diffArguments(values) : undefined;
  const logsChange = diff?.changed.some((arg) => arg.path.length === 1 && arg.path[0] === LOG_DELIVERY) ?? false;
  return {
    address: rc.address,
    previousAddress: rc.previousAddress !== undefined && rc.previousAddress !== rc.address ? rc.previousAddress : undefined,
    type: rc.type,
    kind,
    importing: rc.importing,
    deleteFirst: rc.actions[0] === "delete",
    actionReason: rc.actionReason,
    forcedBy: rc.replacePaths,
    diff,
    created: kind === "create" ? setArguments(values) : undefined,
    logDelivery: logsChange ? logDeliveryChanges(values) : undefined,
  };
}

/** Worth a line in the review: anything but a plain no-op (a move without changes still counts). */
const shown = (c: ReviewedChange) => c.kind !== "no-op" || c.previousAddress !== undefined || c.importing;

const moduleOf = (rc: ResourceChange) => rc.moduleAddress ?? "";

/**
 * A subnet group or security group matters when a cluster could depend on it: one sits in the
 * same module instance (the module keeps all three together), or the plan holds no cluster at all
 * (a `-target` plan): then a missed danger costs more than a false alarm.
 */
function clusterDependsOn(rc: ResourceChange, all: readonly ResourceChange[]): boolean {
  const clusters = all.filter((other) => ROLES[other.type] === "cluster" && other.mode === "managed");
  return clusters.length === 0 || clusters.some((cluster) => moduleOf(cluster) === moduleOf(rc));
}

function dangerOf(rc: ResourceChange, all: readonly ResourceChange[]): Danger | undefined {
  const role = roleOf(rc);
  if (role === undefined || rc.mode !== "managed") return undefined;
  const kind = kindOf(rc.actions);
  if (kind !== "replace" && kind !== "delete") return undefined;
  // A destination bucket lives in another account's plan, with no cluster beside it.
  if ((role === "subnet group" || role === "security group") && !clusterDependsOn(rc, all)) return undefined;
  const forcedBy =
    kind === "replace"
      ? rc.replacePaths.map((path) => ({
          path,
          before: showAt(rc.before, { sensitive: rc.beforeSensitive, unknown: undefined }, path),
          after: showAt(rc.after, { sensitive: rc.afterSensitive, unknown: rc.afterUnknown }, path),
        }))
      : [];
  const beforeMasks = { sensitive: rc.beforeSensitive, unknown: undefined };
  const endpoints = role === "cluster" ? ENDPOINT_ATTRIBUTES.map(([r, attr]) => ({ role: r, address: textAt(rc.before, beforeMasks, [attr]) })) : [];
  return {
    address: rc.address,
    role,
    kind,
    forcedBy,
    actionReason: rc.actionReason,
    losses: LOSSES[role],
    name: textAt(rc.before, beforeMasks, [NAME_ATTRIBUTES[role]]),
    // An endpoint the cluster does not have (a reader in cluster mode) is null in state.
    endpoints: endpoints.filter((e) => !(e.address.kind === "value" && e.address.text === "null")),
    deleteFirst: rc.actions[0] === "delete",
  };
}

/**
 * Counts a replication group always has once AWS has been read: provider 5.x state holds them,
 * but a 3.x state names them differently (number_cache_clusters, a cluster_mode block) and the
 * provider drops those names on upgrade, so until a refresh reads them back they are null.
 */
const COUNTS_AWS_REPORTS = ["num_cache_clusters", "num_node_groups", "replicas_per_node_group"];

/**
 * Whether a change is an update of an existing replication group that sets a count from null: the
 * mark of a plan made with -refresh=false on state written by provider 3.x. Applying it sends
 * modify calls for values that did not change.
 */
function unrefreshed(rc: ResourceChange): boolean {
  if (rc.type !== "aws_elasticache_replication_group" || rc.mode !== "managed" || rc.before === null) return false;
  if (kindOf(rc.actions) !== "update") return false;
  const before = rc.before as Record<string, unknown>;
  const after = (rc.after ?? {}) as Record<string, unknown>;
  return COUNTS_AWS_REPORTS.some((name) => before[name] == null && after[name] != null);
}

// ---- engine changes ------------------------------------------------------------------------------

/** The engines of aws_elasticache_replication_group (provider 5.x). */
export type Engine = "redis" | "valkey";

export interface EngineVersion {
  readonly engine: Engine;
  /** `engine_version`, as the configuration sets it (`7.1`, `6.x`, `5.0.6`). */
  readonly version: Shown;
}

/**
 * Why AWS rejects an engine change: Valkey needs a Redis OSS source at 5.0.6 or later
 * (`source-version`), and there is no way back from Valkey to Redis OSS (`no-way-back`).
 */
export type EngineRefusal = "source-version" | "no-way-back";

export interface EngineChange {
  readonly address: string;
  /** `replication_group_id`: the name the cluster goes by in AWS. */
  readonly clusterId: Shown;
  readonly before: EngineVersion;
  readonly after: EngineVersion;
  /** Set when AWS rejects the change: the plan cannot be applied as it is. */
  readonly refusal?: EngineRefusal;
}

/** The oldest Redis OSS that ElastiCache upgrades to Valkey in place. */
export const VALKEY_SOURCE_FLOOR = "5.0.6";

/**
 * Whether a version is certainly older than the floor: `4.0.10` and `5.0.5` are older than
 * `5.0.6`; `6.x` is not, and neither is `5.0`, whose missing part could be anything. A wrong
 * "AWS will refuse" fails the pull request's check, so only a certain answer counts.
 */
export function versionBelow(version: string, floor: string): boolean {
  const parts = version.split(".");
  const floors = floor.split(".").map(Number);
  for (const [i, limit] of floors.entries()) {
    if (i >= parts.length || !/^\d+$/.test(parts[i])) return false;
    const n = Number(parts[i]);
    if (n !== limit) return n < limit;
  }
  return false;
}

/** An existing replication group changed in place: the only change a modification of it is sent for. */
const clusterUpdatedInPlace = (rc: ResourceChange) =>
  rc.type === "aws_elasticache_replication_group" && rc.mode === "managed" && kindOf(rc.actions) === "update";

/** `replication_group_id` as it is before the change: the name the cluster has in AWS now. */
const clusterIdOf = (rc: ResourceChange): Shown =>
  textAt(rc.before, { sensitive: rc.beforeSensitive, unknown: undefined }, ["replication_group_id"]);

const engineOf = (values: unknown): Engine | undefined => {
  const engine = isObject(values) ? values.engine : undefined;
  return engine === "redis" || engine === "valkey" ? engine : undefined;
};

function engineRefusalOf(from: Engine, version: Shown): EngineRefusal | undefined {
  // Provider 5.100 plans Valkey -> Redis OSS as a replacement (a DANGER); a plan that has it in
  // place (another provider version) sends AWS a modification it rejects.
  if (from === "valkey") return "no-way-back";
  // Before Redis OSS 6, `engine_version` is always the exact version (`5.0.5`): it decides alone.
  return version.kind === "value" && versionBelow(version.text, VALKEY_SOURCE_FLOOR) ? "source-version" : undefined;
}

/**
 * The engine change of a replication group updated in place, or undefined when its engine stays
 * (or is not known yet). A replacement is left out: it builds a new cluster, to which no upgrade
 * path applies, and the DANGER section already says what it loses.
 */
export function engineChange(rc: ResourceChange): EngineChange | undefined {
  if (!clusterUpdatedInPlace(rc)) return undefined;
  const from = engineOf(rc.before);
  const to = engineOf(rc.after);
  if (from === undefined || to === undefined || from === to) return undefined;
  const beforeMasks = { sensitive: rc.beforeSensitive, unknown: undefined };
  const version = textAt(rc.before, beforeMasks, ["engine_version"]);
  return {
    address: rc.address,
    clusterId: clusterIdOf(rc),
    before: { engine: from, version },
    after: { engine: to, version: textAt(rc.after, { sensitive: rc.afterSensitive, unknown: rc.afterUnknown }, ["engine_version"]) },
    refusal: engineRefusalOf(from, version),
  };
}

// ---- refusals ------------------------------------------------------------------------------------

/**
 * What AWS rejects at apply, in the order a cluster's refusals are listed:
 * - `source-version`, `no-way-back`: the engine change itself (see EngineRefusal);
 * - `log-delivery-with-engine`: `log_delivery_configuration` changes in the same apply as the
 *   upgrade to Valkey. The provider sends both in one modification, and AWS rejects adding the slow
 *   log in it ("slow-log log delivery is not available for this redis engine version",
 *   terraform-provider-aws #46440, reported on provider 6.31 and fixed by #46526; the plan does not
 *   say which provider made it, so every plan is judged as provider 5.100 would apply it);
 * - `log-delivery-deferred`: `log_delivery_configuration` changes while `apply_immediately` is not
 *   true. AWS takes log delivery changes only applied immediately ("InvalidParameterValue: To
 *   modify the log delivery configuration, set the apply-immediately parameter to true",
 *   terraform-provider-aws #49842), and the provider sends them with the resource's
 *   `apply_immediately`.
 */
const REFUSAL_KINDS = ["source-version", "no-way-back", "log-delivery-with-engine", "log-delivery-deferred"] as const;

export type RefusalKind = (typeof REFUSAL_KINDS)[number];

interface RefusalOf<K extends RefusalKind> {
  readonly address: string;
  /** `replication_group_id`: the name the cluster goes by in AWS. */
  readonly clusterId: Shown;
  readonly kind: K;
}

/** One change AWS rejects: the plan cannot be applied as it is. */
export type Refusal =
  /** The engine change AWS rejects. */
  | (RefusalOf<EngineRefusal> & { readonly engineChange: EngineChange })
  /** The upgrade to Valkey (which AWS accepts alone) the log delivery change comes with. */
  | (RefusalOf<"log-delivery-with-engine"> & { readonly engineChange: EngineChange })
  /** `apply_immediately` as the apply would send it: `false` or `null`. */
  | (RefusalOf<"log-delivery-deferred"> & { readonly applyImmediately: Shown });

/**
 * Whether the plan leaves `apply_immediately` false or unset for the apply. Unknown is not
 * certain, and a wrong "AWS will refuse" fails the pull request's check: only false and null count.
 */
function deferred(rc: ResourceChange): boolean {
  const after = isObject(rc.after) ? rc.after : {};
  const unknown = rc.afterUnknown === true || (isObject(rc.afterUnknown) && rc.afterUnknown.apply_immediately === true);
  return !unknown && after.apply_immediately !== true;
}

/**
 * The changes of one resource AWS rejects: none unless it is a replication group updated in
 * place. A new cluster is created with its logs, and a replacement is a new cluster (the DANGER
 * section already says what it loses).
 */
export function refusalsOf(rc: ResourceChange): Refusal[] {
  if (!clusterUpdatedInPlace(rc)) return [];
  const engine = engineChange(rc);
  const found: Refusal[] = [];
  const at = { address: rc.address, clusterId: clusterIdOf(rc) };
  if (engine?.refusal !== undefined) found.push({ ...at, kind: engine.refusal, engineChange: engine });
  if (logDeliveryDiffers(changeValues(rc))) {
    // A refused engine change is reported as such: its advice already makes the upgrade a plan of its own.
    if (engine !== undefined && engine.refusal === undefined) {
      found.push({ ...at, kind: "log-delivery-with-engine", engineChange: engine });
    }
    if (deferred(rc)) {
      const applyImmediately = showAt(rc.after, { sensitive: rc.afterSensitive, unknown: rc.afterUnknown }, ["apply_immediately"]);
      found.push({ ...at, kind: "log-delivery-deferred", applyImmediately });
    }
  }
  return found;
}

// ---- capacity changes ----------------------------------------------------------------------------

/** The counts of a replication group that automatic scaling changes: shards, or replicas in each shard. */
export type CapacityDimension = "shards" | "replicas";

/** Application Auto Scaling's names of the dimensions (docs/spec/autoscaling.md §2). */
const SCALABLE_DIMENSIONS: ReadonlyMap<string, CapacityDimension> = new Map([
  ["elasticache:replication-group:NodeGroups", "shards"],
  ["elasticache:replication-group:Replicas", "replicas"],
]);

/** The replication group's argument that holds each count. */
export const COUNT_ARGUMENTS: Readonly<Record<CapacityDimension, string>> = {
  shards: "num_node_groups",
  replicas: "replicas_per_node_group",
};

/**
 * Why a cluster's count changes, in the order a cluster's capacity changes are listed (the
 * replication group's own change is applied before the scalable target that depends on it):
 * - `scaling-off`: the plan destroys the group's scalable target and changes the count it scaled,
 *   back to the inputs' (up or down);
 * - `lowered`: an update in place lowers a count;
 * - `range`: a scalable target created, replaced or updated whose range leaves out the count the
 *   group has: AWS moves the cluster into the range as soon as the scaling policy exists.
 */
const CAPACITY_KINDS = ["scaling-off", "lowered", "range"] as const;

export type CapacityChangeKind = (typeof CAPACITY_KINDS)[number];

interface CapacityChangeOf<K extends CapacityChangeKind> {
  /** The replication group's address. */
  readonly address: string;
  /** `replication_group_id`: the name the cluster goes by in AWS. */
  readonly clusterId: Shown;
  readonly kind: K;
  readonly dimension: CapacityDimension;
  /** The count before: what AWS holds now (for `range`, when the target is applied). */
  readonly before: number;
  /** The count after the apply: the group's new count, or the bound of the range AWS moves it to. */
  readonly after: number;
}

/** A change of a cluster's shards or replicas per shard: nodes added or removed, no data lost. */
export type CapacityChange =
  | CapacityChangeOf<"lowered">
  /** `targetAddress`: the scalable target the plan destroys. */
  | (CapacityChangeOf<"scaling-off"> & { readonly targetAddress: string })
  | (CapacityChangeOf<"range"> & {
      readonly targetAddress: string;
      /** A new target (created, or replaced) or one whose range changes. */
      readonly targetKind: "create" | "replace" | "update";
      /** The range as the target will have it; a bound only known after apply is left out. */
      readonly min?: number;
      readonly max?: number;
    });

const GROUP_TYPE = "aws_elasticache_replication_group";
const TARGET_TYPE = "aws_appautoscaling_target";

/** Whether a mask marks the attribute (or the whole object). */
const marks = (mask: Mask, key: string) => mask === true || (isObject(mask) && (mask as Record<string, Mask>)[key] === true);

/**
 * A whole number the plan knows for certain: not known after apply, not sensitive (a count is
 * neither, but a value that is must never be printed or reasoned on).
 */
function knownNumber(values: unknown, key: string, sensitive: Mask, unknown: Mask): number | undefined {
  if (!isObject(values) || marks(sensitive, key) || marks(unknown, key)) return undefined;
  const value = values[key];
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function knownString(values: unknown, key: string, sensitive: Mask, unknown: Mask): string | undefined {
  if (!isObject(values) || marks(sensitive, key) || marks(unknown, key)) return undefined;
  const value = values[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * The group a scalable target scales and the dimension, from one side of its change: the resource
 * id is `replication-group/<replication_group_id>` (docs/spec/autoscaling.md §2).
 */
function targetOf(values: unknown, sensitive: Mask, unknown: Mask): { groupId: string; dimension: CapacityDimension } | undefined {
  if (knownString(values, "service_namespace", sensitive, unknown) !== "elasticache") return undefined;
  const groupId = /^replication-group\/(.+)$/.exec(knownString(values, "resource_id", sensitive, unknown) ?? "")?.[1];
  const dimension = SCALABLE_DIMENSIONS.get(knownString(values, "scalable_dimension", sensitive, unknown) ?? "");
  return groupId === undefined || dimension === undefined ? undefined : { groupId, dimension };
}

/** A key for one dimension of one group. */
const scaledKey = (groupId: string, dimension: CapacityDimension) => `${dimension} ${groupId}`;

/** The count a replication group has after this plan's own change of it, when the plan knows it. */
const countAfter = (group: ResourceChange, dimension: CapacityDimension) =>
  knownNumber(group.after, COUNT_ARGUMENTS[dimension], group.afterSensitive, group.afterUnknown);

const countBefore = (group: ResourceChange, dimension: CapacityDimension) =>
  knownNumber(group.before, COUNT_ARGUMENTS[dimension], group.beforeSensitive, undefined);

/**
 * The counts an in-place update of a replication group changes, as capacity changes: each
 * lowered count, and any count whose scalable target the plan destroys (`switchedOff`).
 */
function countChanges(group: ResourceChange, switchedOff: ReadonlyMap<string, string>, groupId: string): CapacityChange[] {
  const found: CapacityChange[] = [];
  const at = { address: group.address, clusterId: clusterIdOf(group) };
  for (const dimension of ["shards", "replicas"] as const) {
    const [before, after] = [countBefore(group, dimension), countAfter(group, dimension)];
    if (before === undefined || after === undefined || before === after) continue;
    const targetAddress = switchedOff.get(scaledKey(groupId, dimension));
    if (targetAddress !== undefined) found.push({ ...at, kind: "scaling-off", dimension, before, after, targetAddress });
    else if (after < before) found.push({ ...at, kind: "lowered", dimension, before, after });
  }
  return found;
}

/** A new or changed scalable target whose range leaves out the count its group has when it is applied. */
function rangeChange(target: ResourceChange, groups: ReadonlyMap<string, ResourceChange | null>): CapacityChange | undefined {
  const targetKind = kindOf(target.actions);
  if (targetKind !== "create" && targetKind !== "replace" && targetKind !== "update") return undefined;
  const scaled = targetOf(target.after, target.afterSensitive, target.afterUnknown);
  const group = scaled === undefined ? undefined : groups.get(scaled.groupId);
  // A group created or replaced in this plan has no count yet, and one destroyed none to move.
  if (scaled === undefined || !group || !["no-op", "update"].includes(kindOf(group.actions))) return undefined;
  // The target's resource id refers to the group, so the group's own change is applied first.
  const count = countAfter(group, scaled.dimension);
  if (count === undefined) return undefined;
  const min = knownNumber(target.after, "min_capacity", target.afterSensitive, target.afterUnknown);
  const max = knownNumber(target.after, "max_capacity", target.afterSensitive, target.afterUnknown);
  const after = max !== undefined && count > max ? max : min !== undefined && count < min ? min : undefined;
  if (after === undefined) return undefined;
  return {
    address: group.address,
    clusterId: clusterIdOf(group),
    kind: "range",
    dimension: scaled.dimension,
    before: count,
    after,
    targetAddress: target.address,
    targetKind,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/**
 * Every capacity change of a plan, by the group's address, then shards before replicas, then in
 * the order of CAPACITY_KINDS. Targets and groups are matched through the target's resource id and
 * the group's `replication_group_id`, indexed once: a plan of thousands of resources is read in
 * one pass. A name two groups of the plan share (two regions) matches neither. Data sources are
 * left out by the caller: `managed` holds managed resources only.
 */
export function capacityChanges(managed: readonly ResourceChange[]): CapacityChange[] {
  const groups = new Map<string, ResourceChange | null>();
  const switchedOff = new Map<string, string>();
  const targets: ResourceChange[] = [];
  for (const rc of managed) {
    if (rc.type === GROUP_TYPE) {
      const id = knownString(rc.before, "replication_group_id", rc.beforeSensitive, undefined);
      if (id !== undefined) groups.set(id, groups.has(id) ? null : rc);
    } else if (rc.type === TARGET_TYPE) {
      if (kindOf(rc.actions) === "delete") {
        const scaled = targetOf(rc.before, rc.beforeSensitive, undefined);
        if (scaled !== undefined) switchedOff.set(scaledKey(scaled.groupId, scaled.dimension), rc.address);
      } else {
        targets.push(rc);
      }
    }
  }
  const found: CapacityChange[] = [];
  for (const [id, group] of groups) {
    if (group && kindOf(group.actions) === "update") found.push(...countChanges(group, switchedOff, id));
  }
  for (const target of targets) {
    const change = rangeChange(target, groups);
    if (change !== undefined) found.push(change);
  }
  const dimensionOrder = (c: CapacityChange) => (c.dimension === "shards" ? 0 : 1);
  return found.sort(
    (a, b) => byAddress(a, b) || dimensionOrder(a) - dimensionOrder(b) || CAPACITY_KINDS.indexOf(a.kind) - CAPACITY_KINDS.indexOf(b.kind),
  );
}

// ---- the whole plan ------------------------------------------------------------------------------

export function classify(plan: Plan): Review {
  const managed = plan.resourceChanges.filter((rc) => rc.mode === "managed");
  const changes = managed.map(reviewChange).filter(shown).sort(byAddress);
  const dangers = managed
    .map((rc) => dangerOf(rc, managed))
    .filter((d): d is Danger => d !== undefined)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byAddress(a, b));
  const stale = managed.filter(unrefreshed).map((rc) => rc.address).sort();
  const engineChanges = managed
    .map(engineChange)
    .filter((e): e is EngineChange => e !== undefined)
    .sort(byAddress);
  const refusals = managed
    .flatMap(refusalsOf)
    .sort((a, b) => byAddress(a, b) || REFUSAL_KINDS.indexOf(a.kind) - REFUSAL_KINDS.indexOf(b.kind));
  const connectivity = managed
    .map(connectivityRiskOf)
    .filter((r): r is ConnectivityRisk => r !== undefined)
    .sort(byAddress);
  // Terraform marks an output whose type alone changes (a list become a tuple) as updated: its value is the same.
  const sameValue = (o: OutputChange) => kindOf(o.actions) === "update" && o.afterUnknown !== true && deepEqual(o.before, o.after);
  const outputs = plan.outputChanges.filter((o) => kindOf(o.actions) !== "no-op" && !sameValue(o)).map(outputReview);
  const dnsChanges = [
    ...managed.map(dnsChangeOf).filter((d): d is DnsChange => d !== undefined).sort(byAddress),
    ...mappingChanges(plan.outputChanges),
  ];
  return {
    summary: summarize(changes),
    unrefreshed: stale,
    changes,
    dangers,
    engineChanges,
    connectivity,
    dnsChanges,
    capacity: capacityChanges(managed),
    refusals,
    outputs,
  };
}
