/**
 * What a plan does to the cache, independent of how it is printed: the kind of every change,
 * the counts, and the dangers (a change that loses the cluster's data or endpoints).
 *
 * Resources are recognised by type, never by name: the module's own addresses are
 * `aws_elasticache_replication_group.redis`, a caller's are `module.x.aws_...`, and a CDKTF stack
 * using the construct has hashed names.
 */
import { type Action, type AttributePath, PlanError, type Plan, type ResourceChange } from "./plan";
import { type ArgumentDiff, type ArgumentValue, diffArguments, type Shown, setArguments, showAt } from "./values";

export type Kind = "create" | "update" | "replace" | "delete" | "no-op" | "read" | "forget";

/** The single kind a list of actions amounts to; a replacement is one change, not two. */
export function kindOf(actions: readonly Action[]): Kind {
  if (actions.length === 1) return actions[0] as Kind;
  if (actions.length === 2 && actions.includes("create") && actions.includes("delete")) return "replace";
  throw new PlanError(`unsupported combination of actions: ${JSON.stringify(actions)}`);
}

/** The resources whose loss takes the cluster's data or endpoints with it. */
export type Role = "cluster" | "subnet group" | "security group";

/** The order dangers are listed in: the data first. */
const ROLE_ORDER: readonly Role[] = ["cluster", "subnet group", "security group"];

export const ROLES: Readonly<Record<string, Role>> = {
  aws_elasticache_replication_group: "cluster",
  aws_elasticache_subnet_group: "subnet group",
  aws_security_group: "security group",
};

export interface ForcingArgument {
  readonly path: AttributePath;
  readonly before: Shown;
  readonly after: Shown;
}

export interface Danger {
  readonly address: string;
  readonly role: Role;
  readonly kind: "replace" | "delete";
  /** The arguments that force a replacement (from replace_paths); empty for a destroy. */
  readonly forcedBy: readonly ForcingArgument[];
  /** Why, when no argument forces it: taint, `-replace`, removed configuration... */
  readonly reason?: string;
  /** What applying the plan loses, one sentence each. */
  readonly losses: readonly string[];
}

export interface ReviewedChange {
  readonly address: string;
  readonly previousAddress?: string;
  readonly type: string;
  readonly kind: Kind;
  readonly importing: boolean;
  /** For a replacement: whether Terraform destroys the old object before creating the new one. */
  readonly deleteFirst: boolean;
  readonly reason?: string;
  readonly forcedBy: readonly AttributePath[];
  /** Arguments that change (update, replace, moves with updates). */
  readonly diff?: ArgumentDiff;
  /** Arguments of a new object (create). */
  readonly created?: { readonly values: readonly ArgumentValue[]; readonly unknown: readonly AttributePath[] };
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
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: "an argument cannot change in place",
  replace_because_tainted: "the object is tainted (a failed apply or `terraform taint` marked it)",
  replace_by_request: "requested with `-replace`",
  replace_by_triggers: "a `replace_triggered_by` reference changed",
  delete_because_no_resource_config: "its resource block is no longer in the configuration",
  delete_because_no_module: "its module is no longer in the configuration",
  delete_because_wrong_repetition: "`count` or `for_each` was added to or removed from its block",
  delete_because_count_index: "`count` no longer reaches this index",
  delete_because_each_key: "`for_each` no longer holds this key",
  delete_because_no_move_target: "its `moved` block points at a resource that does not exist",
};

/** Terraform's reason code in words; unknown codes are shown as they are. */
export function reasonText(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (REASONS[code] ?? code);
}

/** Code-point order, so the output does not depend on the machine's locale. */
const byAddress = (a: { address: string }, b: { address: string }) =>
  a.address < b.address ? -1 : a.address > b.address ? 1 : 0;

export function summarize(changes: readonly ReviewedChange[]): Summary {
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

export function reviewChange(rc: ResourceChange): ReviewedChange {
  const kind = kindOf(rc.actions);
  const values = {
    before: rc.before,
    after: rc.after,
    beforeSensitive: rc.beforeSensitive,
    afterSensitive: rc.afterSensitive,
    afterUnknown: rc.afterUnknown,
  };
  return {
    address: rc.address,
    previousAddress: rc.previousAddress !== undefined && rc.previousAddress !== rc.address ? rc.previousAddress : undefined,
    type: rc.type,
    kind,
    importing: rc.importing,
    deleteFirst: rc.actions[0] === "delete",
    reason: reasonText(rc.actionReason),
    forcedBy: rc.replacePaths,
    diff: kind === "update" || kind === "replace" ? diffArguments(values) : undefined,
    created: kind === "create" ? setArguments(values) : undefined,
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

export function dangerOf(rc: ResourceChange, all: readonly ResourceChange[]): Danger | undefined {
  const role = ROLES[rc.type];
  if (role === undefined || rc.mode !== "managed") return undefined;
  const kind = kindOf(rc.actions);
  if (kind !== "replace" && kind !== "delete") return undefined;
  if (role !== "cluster" && !clusterDependsOn(rc, all)) return undefined;
  const forcedBy =
    kind === "replace"
      ? rc.replacePaths.map((path) => ({
          path,
          before: showAt(rc.before, { sensitive: rc.beforeSensitive, unknown: undefined }, path),
          after: showAt(rc.after, { sensitive: rc.afterSensitive, unknown: rc.afterUnknown }, path),
        }))
      : [];
  return {
    address: rc.address,
    role,
    kind,
    forcedBy,
    reason: forcedBy.length === 0 ? (reasonText(rc.actionReason) ?? defaultReason(kind)) : undefined,
    losses: losses(role, kind),
  };
}

function defaultReason(kind: "replace" | "delete"): string {
  return kind === "delete" ? "the plan destroys it (a destroy plan, or its configuration was removed)" : "the provider requires it";
}

/** What applying the plan loses, in words a reviewer acts on. */
export function losses(role: Role, kind: "replace" | "delete"): string[] {
  switch (role) {
    case "cluster":
      return [
        kind === "replace"
          ? "**All data in the cache.** The new cluster starts empty unless it is restored from a snapshot (`snapshot_name` or `snapshot_arn`)."
          : "**All data in the cache.** Nothing of it remains after the apply.",
        "**Its automatic snapshots**, which AWS deletes with the cluster: take a manual snapshot first if the data matters.",
        kind === "replace"
          ? "**The endpoint addresses.** The primary, reader and configuration endpoints go away with the old cluster and are only known after apply for the new one: clients are cut off until it is up, and must be given the new addresses where they differ."
          : "**The endpoint addresses.** The primary, reader and configuration endpoints stop resolving.",
      ];
    case "subnet group":
      return [
        "**Possibly the cluster itself.** A cluster cannot move to another subnet group in place: a new subnet group name replaces the cluster, losing its data and endpoint addresses.",
        "**A clean apply.** AWS refuses to delete a subnet group a cluster still uses, so the apply can fail halfway.",
      ];
    case "security group":
      return [
        "**Client connectivity.** Clients reach the cluster through this group: until the cluster uses the new group and its rules exist, connections are refused.",
        "**A clean apply.** AWS refuses to delete a security group the cluster's network interfaces still use, so the apply can fail or hang halfway.",
      ];
  }
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
export function unrefreshed(rc: ResourceChange): boolean {
  if (rc.type !== "aws_elasticache_replication_group" || rc.mode !== "managed" || rc.before === null) return false;
  if (kindOf(rc.actions) !== "update") return false;
  const before = rc.before as Record<string, unknown>;
  const after = (rc.after ?? {}) as Record<string, unknown>;
  return COUNTS_AWS_REPORTS.some((name) => before[name] == null && after[name] != null);
}

export function classify(plan: Plan): Review {
  const managed = plan.resourceChanges.filter((rc) => rc.mode === "managed");
  const changes = managed.map(reviewChange).filter(shown).sort(byAddress);
  const dangers = managed
    .map((rc) => dangerOf(rc, managed))
    .filter((d): d is Danger => d !== undefined)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byAddress(a, b));
  const stale = managed.filter(unrefreshed).map((rc) => rc.address).sort();
  return { summary: summarize(changes), unrefreshed: stale, changes, dangers };
}
