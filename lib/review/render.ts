/**
 * The review as GitHub-flavoured Markdown for a pull-request comment: the danger section first,
 * then what AWS will refuse (engine and log delivery changes), the notices, the counts, a table of
 * every change, and the changed arguments of each resource.
 */
import { code, escapeCell, table } from "../markdown";
import {
  type ConnectivityRisk,
  type Danger,
  type Engine,
  type EngineChange,
  type EngineVersion,
  type Kind,
  type OutputReview,
  type Refusal,
  type Review,
  type ReviewedChange,
  type Role,
  type Summary,
  VALKEY_SOURCE_FLOOR,
} from "./classify";
import { LOG_DELIVERY, type LogDeliveryChange, type LogDestination } from "./logs";
import type { AttributePath } from "./plan";
import { type ArgumentChange, formatPath, pathsOverlap, SENSITIVE, type Shown, UNKNOWN } from "./values";

/** First line of every review: lets a workflow find and update its earlier comment. */
export const MARKER = "<!-- redis-plan-review -->";
export const DANGER_HEADING = "## ⛔ DANGER";

/** GitHub rejects comments over 65,536 characters; the rest of the room is for the cut notice. */
export const MAX_COMMENT_CHARS = 60_000;

export interface RenderOptions {
  /** Where the per-resource details stop; the danger section, counts and table are always kept. */
  readonly maxChars?: number;
}

// ---- values --------------------------------------------------------------------------------------

export function shown(value: Shown, inTable = false): string {
  if (value.kind === "sensitive") return SENSITIVE;
  if (value.kind === "unknown") return UNKNOWN;
  return code(value.text, inTable);
}

const argument = (path: AttributePath, inTable = false) =>
  path.length === 0 ? "(the whole object)" : code(formatPath(path), inTable);

// ---- danger --------------------------------------------------------------------------------------

/** How a danger names what it loses: one of them, and several. */
const ROLE_NAMES: Readonly<Record<Role, { one: string; many: string }>> = {
  cluster: { one: "the Redis cluster", many: "Redis clusters" },
  "subnet group": { one: "the Redis cluster's subnet group", many: "subnet groups of Redis clusters" },
  "security group": { one: "the Redis cluster's security group", many: "security groups of Redis clusters" },
};

const verb = (kind: Danger["kind"]) => (kind === "replace" ? "replaces" : "destroys");
const participle = (kind: Danger["kind"]) => (kind === "replace" ? "replaced" : "destroyed");
const counted = (role: Role, n: number) => (n === 1 ? ROLE_NAMES[role].one : `${n} ${ROLE_NAMES[role].many}`);

/** A list in words: "a", "a and b", "a, b and c". */
const inWords = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

function dangerHeading(dangers: readonly Danger[]): string {
  const phrases = new Map<string, number>();
  for (const d of dangers) phrases.set(`${d.kind}:${d.role}`, (phrases.get(`${d.kind}:${d.role}`) ?? 0) + 1);
  const listed = [...phrases].map(([key, n]) => {
    const [kind, role] = key.split(":") as [Danger["kind"], Role];
    return `${verb(kind)} ${counted(role, n)}`;
  });
  return `${DANGER_HEADING}: this plan ${inWords(listed)}`;
}

/** Dangers that read alike (same role, kind and cause) go together: 60 clusters replaced by one change read as one. */
function dangerGroups(dangers: readonly Danger[]): Danger[][] {
  const groups = new Map<string, Danger[]>();
  for (const d of dangers) {
    const cause = d.forcedBy.map((f) => `${formatPath(f.path)}:${shown(f.before)}:${shown(f.after)}`).join(";");
    const key = [d.role, d.kind, d.deleteFirst, cause, d.reason].join("|");
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

const endpointList = (d: Danger) => d.endpoints.map((e) => `${e.role} ${shown(e.address)}`).join(", ");

/** The name AWS knows it by (when the plan has it), then where the plan has it. */
const target = (d: Danger) =>
  d.name.kind === "value" && d.name.text === "null" ? code(d.address) : `${shown(d.name)} (${code(d.address)})`;

/** One line per object of a group: its name and address, the endpoints clients use now. */
function dangerTarget(d: Danger): string {
  const endpoints = d.endpoints.length > 0 ? `: ${endpointList(d)}` : "";
  return `- ${target(d)}${endpoints}`;
}

/** Up to this many objects of a group are listed as they are; more are folded. */
const INLINE_TARGETS = 5;

/**
 * A long list cut to its first `max` lines and a last one that says how many more there are and
 * where to see them: no section may take the comment's room from the danger.
 */
function capped(lines: readonly string[], max: number, what: string): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `- … and ${lines.length - max} more ${what} (\`terraform show tfplan\` lists them all)`];
}

/** Lists and tables stop here; the danger's clusters, which a reviewer must be able to check, go further. */
const MAX_LISTED = 40;
const MAX_DANGER_TARGETS = 150;

function renderDangerGroup(group: readonly Danger[]): string[] {
  const [first] = group;
  const title =
    group.length === 1
      ? `### ${ROLE_NAMES[first.role].one[0].toUpperCase()}${ROLE_NAMES[first.role].one.slice(1)} ${target(first)} is ${participle(first.kind)}`
      : `### ${counted(first.role, group.length)} are ${participle(first.kind)}`;
  const lines = [title, ""];
  if (first.forcedBy.length > 0) {
    const plural = first.forcedBy.length > 1;
    lines.push(`Forced by ${plural ? "these arguments, which" : "this argument, which"} cannot change in place:`, "");
    for (const f of first.forcedBy) lines.push(`- ${argument(f.path)}: ${shown(f.before)} -> ${shown(f.after)}`);
  } else {
    lines.push(`Why: ${first.reason}.`);
  }
  if (first.kind === "replace" && first.role === "cluster") {
    lines.push(
      "",
      first.deleteFirst
        ? "The old cluster is destroyed before the new one exists: **downtime starts with the apply** and lasts until the new cluster is available."
        : "The new cluster is created before the old one is destroyed, but it starts empty and at new endpoint addresses.",
    );
  }
  // The cluster's data is certainly gone; what hangs on its subnet and security group is at risk.
  const stake = first.role === "cluster" ? "Lost" : "At risk";
  lines.push("", `${stake} when this plan is applied:`, "", ...first.losses.map((loss) => `- ${loss}`));
  if (group.length === 1) {
    if (first.endpoints.length > 0) lines.push("", `Its endpoints now: ${endpointList(first)}.`);
  } else {
    const targets = capped(group.map(dangerTarget), MAX_DANGER_TARGETS, first.role === "cluster" ? "clusters" : `${first.role}s`);
    const noun = first.role === "cluster" ? "clusters" : `${first.role}s`;
    lines.push(
      "",
      ...(group.length <= INLINE_TARGETS
        ? [`The ${noun}:`, "", ...targets]
        : [`<details><summary>The ${group.length} ${noun}</summary>`, "", ...targets, "", "</details>"]),
    );
  }
  return lines;
}

function renderDangers(dangers: readonly Danger[]): string[] {
  if (dangers.length === 0) return [];
  return [
    dangerHeading(dangers),
    "",
    "> [!CAUTION]",
    "> Applying this plan loses data or breaks the cache's clients. Do not apply it unless that is intended and a snapshot has been taken.",
    "",
    ...dangerGroups(dangers).flatMap((group) => [...renderDangerGroup(group), ""]),
  ];
}

// ---- connectivity --------------------------------------------------------------------------------

export const CONNECTIVITY_HEADING = "## ⚠️ Clients may lose connectivity";

function connectivityLine(r: ConnectivityRisk): string {
  const list = (values: readonly Shown[]) => values.map((v) => shown(v)).join(", ");
  if (r.kind === "delete") {
    return `- ${code(r.address)} is destroyed${r.lost.length > 0 ? `: ${list(r.lost)} can no longer connect` : ""}.`;
  }
  const order = r.deleteFirst ? "the old rule is deleted before the new one exists" : "the new rule is created before the old one is deleted";
  const kept = r.kept.length > 0 ? ` ${list(r.kept)} stay${r.kept.length === 1 ? "s" : ""} allowed but ${r.deleteFirst ? "cannot connect until the new rule exists" : "keep their access"}.` : "";
  const lost = r.lost.length > 0 ? ` ${list(r.lost)} lose${r.lost.length === 1 ? "s" : ""} access.` : "";
  return `- ${code(r.address)} is replaced: ${order}.${kept}${lost}`;
}

function renderConnectivity(risks: readonly ConnectivityRisk[]): string[] {
  if (risks.length === 0) return [];
  const lines = capped(risks.map(connectivityLine), MAX_LISTED, "ingress rules");
  return [
    CONNECTIVITY_HEADING,
    "",
    "Replacing or destroying an ingress rule of the cluster's security group refuses connections from the clients it let in, until the apply has created the rule again (a replacement) or for good (a destroy). Apply when a short refusal is acceptable, or add the new sources before removing the old ones.",
    "",
    ...(risks.length <= INLINE_TARGETS
      ? lines
      : [`<details><summary>${risks.length} ingress rules</summary>`, "", ...lines, "", "</details>"]),
    "",
  ];
}

// ---- unrefreshed state ---------------------------------------------------------------------------

export const UNREFRESHED_HEADING = "## ⚠️ Plan again with refresh before applying";

function renderUnrefreshed(addresses: readonly string[]): string[] {
  if (addresses.length === 0) return [];
  return [
    UNREFRESHED_HEADING,
    "",
    `${addresses.map((a) => code(a)).join(", ")} ${addresses.length > 1 ? "have" : "has"} node or shard counts that go from null to a value. ` +
      "That is the mark of state written by AWS provider 3.x (the HCL module's) and planned with `-refresh=false`: " +
      "the provider upgrade dropped the 3.x attribute names, and only a refresh reads the counts back from AWS.",
    "",
    "Do not apply this plan: it would send modify calls for values that did not change. " +
      "Run `terraform plan` again with refresh (the default) and review that plan; it should show moves only.",
    "",
  ];
}

// ---- engine changes ------------------------------------------------------------------------------

export const REFUSED_HEADING = "## ❌ AWS will refuse this apply";
export const IRREVERSIBLE_HEADING = "## ⚠️ Irreversible: Redis OSS to Valkey";

const ENGINE_NAMES: Readonly<Record<Engine, string>> = { redis: "Redis OSS", valkey: "Valkey" };

const engineVersion = (e: EngineVersion) => `${ENGINE_NAMES[e.engine]} ${shown(e.version)}`;

/** The name AWS shows (`replication_group_id`), then where the plan has the cluster. */
const clusterName = (c: { readonly clusterId: Shown; readonly address: string }) => `cluster ${shown(c.clusterId)} (${code(c.address)})`;

/** `apply_immediately` as the apply sends it; null is unset, which the provider sends as false. */
const applyImmediately = (value: Shown) => (value.kind === "value" && value.text === "null" ? "unset" : shown(value));

/** What AWS rejects and what to do instead, for each kind of refusal. */
function refusalText(r: Refusal): string {
  switch (r.kind) {
    case "source-version":
      return (
        `Valkey needs a Redis OSS source at ${VALKEY_SOURCE_FLOOR} or later, and this cluster runs ${engineVersion(r.engineChange.before)}. ` +
        `Upgrade it to Redis OSS ${VALKEY_SOURCE_FLOOR} or later in a plan of its own first, then change the engine.`
      );
    case "no-way-back":
      return `ElastiCache has no way back from Valkey to Redis OSS, and this plan changes the cluster from ${engineVersion(r.engineChange.before)} to ${engineVersion(r.engineChange.after)}. Keep \`engine = "valkey"\`.`;
    case "log-delivery-with-engine":
      return (
        `This plan changes ${code(LOG_DELIVERY)} in the same apply as the engine, from ${engineVersion(r.engineChange.before)} to ${engineVersion(r.engineChange.after)}. ` +
        "The AWS provider sends both in one modification, and AWS checks the log delivery against the engine the cluster still runs " +
        "(adding the slow log fails with `InvalidParameterValue: slow-log log delivery is not available for this redis engine version`). " +
        `Apply the engine upgrade first, with ${code(LOG_DELIVERY)} as it is now, then change log delivery in a second plan.`
      );
    case "log-delivery-deferred":
      return (
        `This plan changes ${code(LOG_DELIVERY)} with \`apply_immediately\` ${applyImmediately(r.applyImmediately)}, and AWS changes log delivery only when the change is applied immediately ` +
        "(`InvalidParameterValue: To modify the log delivery configuration, set the apply-immediately parameter to true`). " +
        "Set `apply_immediately = true` for the apply that changes log delivery: the other changes of the cluster in that apply are then made at once too, not in the next maintenance window."
      );
  }
}

function renderRefusals(refusals: readonly Refusal[]): string[] {
  if (refusals.length === 0) return [];
  return [
    REFUSED_HEADING,
    "",
    "> [!WARNING]",
    "> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.",
    "",
    ...refusals.map((r) => `- The ${clusterName(r)}: ${refusalText(r)}`),
    "",
  ];
}

function renderIrreversible(changes: readonly EngineChange[]): string[] {
  const accepted = changes.filter((e) => e.refusal === undefined);
  if (accepted.length === 0) return [];
  return [
    IRREVERSIBLE_HEADING,
    "",
    ...accepted.map((e) => `- The ${clusterName(e)} changes in place from ${engineVersion(e.before)} to ${engineVersion(e.after)}.`),
    "",
    "ElastiCache has no way back from Valkey to Redis OSS: once this is applied, the cluster stays on Valkey. " +
      "Setting `engine` back to `\"redis\"` later replaces the cluster, with the loss of its data and endpoints.",
    "",
  ];
}

// ---- summary and table ---------------------------------------------------------------------------

/** Terraform's own plan line (replacements count in "to add" and in "to destroy"), then what it folds in. */
function summaryLines(s: Summary): string[] {
  const counts = [
    ...(s.import > 0 ? [`${s.import} to import`] : []),
    `${s.add + s.replace} to add`,
    `${s.change} to change`,
    `${s.destroy + s.replace} to destroy`,
    ...(s.forget > 0 ? [`${s.forget} to forget`] : []),
  ];
  const notes = [
    ...(s.replace > 0
      ? [`${s.replace} ${s.replace === 1 ? "is a replacement" : "are replacements"} (destroyed and created again, counted in both)`]
      : []),
    ...(s.move > 0 ? [`${s.move} ${s.move === 1 ? "resource moves" : "resources move"} to a new address`] : []),
  ];
  return [`**Plan:** ${counts.join(", ")}.`, ...(notes.length > 0 ? ["", `Of these, ${notes.join("; ")}.`] : [])];
}

const ACTION_WORDS: Readonly<Record<Kind, string>> = {
  create: "create",
  update: "update in place",
  replace: "**replace**",
  delete: "**destroy**",
  "no-op": "no change",
  read: "read",
  forget: "forget (leave the object, drop it from state)",
};

/** Replacements and destroys first: what a reviewer must see before anything else. */
const KIND_ORDER: readonly Kind[] = ["replace", "delete", "update", "create", "read", "forget", "no-op"];

function actionText(c: ReviewedChange): string {
  const parts: string[] = [];
  if (c.importing) parts.push("import");
  if (c.kind !== "no-op" || parts.length === 0) {
    const order = c.kind === "replace" ? (c.deleteFirst ? " (destroy, then create)" : " (create, then destroy)") : "";
    parts.push(`${ACTION_WORDS[c.kind]}${order}`);
  }
  if (c.previousAddress !== undefined) parts.push("moved");
  return parts.join(", ");
}

function whyCell(c: ReviewedChange): string {
  if (c.kind === "replace" && c.forcedBy.length > 0) {
    return `forced by ${c.forcedBy.map((p) => argument(p, true)).join(", ")}`;
  }
  return c.reason === undefined ? "" : escapeCell(c.reason);
}

/**
 * An address with the parts that differ across a group as `*`: `module.*.aws_x.y[*]` for the same
 * resource in 60 module instances.
 */
export function addressPattern(addresses: readonly string[]): string {
  const split = (address: string) => address.match(/[^.[\]]+|\[[^\]]*\]|\./g) ?? [address];
  const parts = addresses.map(split);
  if (parts.some((p) => p.length !== parts[0].length)) return `${addresses[0]}, …`;
  return parts[0]
    .map((part, i) => (parts.every((p) => p[i] === part) ? part : part.startsWith("[") ? "[*]" : "*"))
    .join("");
}

interface Row {
  readonly action: string;
  readonly address: string;
  readonly why: string;
  readonly count: number;
  readonly kind: Kind;
}

/** An address without what tells instances apart: module instance names, indexes and keys. */
const resourceShape = (address: string) => address.replace(/\[[^\]]*\]/g, "[]").replace(/module\.[^.[]+/g, "module.*");

/** Groups of changes alike but for their module instance or index, in first-seen order. */
function alike<T>(changes: readonly ReviewedChange[], key: (c: ReviewedChange) => string, make: (group: ReviewedChange[]) => T): T[] {
  const groups = new Map<string, ReviewedChange[]>();
  for (const c of changes) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return [...groups.values()].map(make);
}

const byAddressText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows of the changes table: changes with the same action and reason, alike but for their module
 * instance or index, share one row with a count (the port change of 60 clusters). The details
 * below show each set of different arguments.
 */
function tableRows(changes: readonly ReviewedChange[]): Row[] {
  const key = (c: ReviewedChange) => [actionText(c), whyCell(c), resourceShape(c.address)].join("|");
  return alike(changes, key, (group) => group)
    .map((group) => ({
      action: actionText(group[0]),
      address: group.length === 1 ? group[0].address : addressPattern(group.map((c) => c.address)),
      why: whyCell(group[0]),
      count: group.length,
      kind: group[0].kind,
    }))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byAddressText(a.address, b.address));
}

/** Rows beyond this are left out of the table, which says how many and of what. */
const MAX_TABLE_ROWS = 100;

function changesTable(changes: readonly ReviewedChange[]): string[] {
  const rows = tableRows(changes);
  const shownRows = rows.slice(0, MAX_TABLE_ROWS);
  const withWhy = shownRows.some((r) => r.why !== "");
  const cells = shownRows.map((r) => [
    r.count > 1 ? `${r.action} ×${r.count}` : r.action,
    code(r.address, true),
    ...(withWhy ? [r.why] : []),
  ]);
  const left = rows.slice(MAX_TABLE_ROWS);
  const note =
    left.length > 0
      ? ["", `_${left.length} more row(s), ${left.reduce((n, r) => n + r.count, 0)} resource(s), not shown in this table; \`terraform show tfplan\` lists every change._`]
      : [];
  return [...table(["Action", "Resource", ...(withWhy ? ["Why"] : [])], cells), ...note];
}

const INLINE_OUTPUTS = 10;

const OUTPUT_ACTIONS: Partial<Record<Kind, string>> = { create: "added", delete: "removed", update: "changes" };

/** Root outputs whose value changes: what callers and other units read from this one. */
function renderOutputs(outputs: readonly OutputReview[]): string[] {
  if (outputs.length === 0) return [];
  const rows = outputs.slice(0, MAX_LISTED).map((o) => [code(o.name, true), OUTPUT_ACTIONS[o.kind] ?? o.kind, shown(o.before, true), shown(o.after, true)]);
  const more = outputs.length > MAX_LISTED ? ["", `_… and ${outputs.length - MAX_LISTED} more outputs change (\`terraform show tfplan\` lists them all)._`] : [];
  const title = `### ${outputs.length} ${outputs.length === 1 ? "output changes" : "outputs change"}`;
  const body = [...table(["Output", "Change", "Before", "After"], rows), ...more];
  // Many outputs (one root calling the module many times) are folded: they follow from the changes above.
  return outputs.length <= INLINE_OUTPUTS
    ? [title, "", ...body, ""]
    : [title, "", "<details><summary>Outputs</summary>", "", ...body, "", "</details>", ""];
}

/** Every move, old address -> new: the table shows the new address alone. */
function renderMoves(changes: readonly ReviewedChange[]): string[] {
  const moves = changes.filter((c) => c.previousAddress !== undefined);
  if (moves.length === 0) return [];
  const lines = capped(moves.map((c) => `- ${code(c.previousAddress!)} -> ${code(c.address)}`), MAX_LISTED, "moves");
  const title = `### ${moves.length} moved`;
  return moves.length <= 10
    ? [title, "", ...lines, ""]
    : [title, "", `<details><summary>${moves.length} resources at new addresses</summary>`, "", ...lines, "", "</details>", ""];
}

// ---- per-resource details ------------------------------------------------------------------------

/** Up to this many unknown attributes fit on one line; a replacement has a score of them, folded. */
const INLINE_UNKNOWN = 6;

function knownAfterApply(paths: readonly AttributePath[]): string[] {
  if (paths.length === 0) return [];
  const list = paths.map((p) => argument(p)).join(", ");
  if (paths.length <= INLINE_UNKNOWN) return ["", `Known after apply: ${list}.`];
  return ["", `<details><summary>Known after apply: ${paths.length} attributes</summary>`, "", `${list}.`, "", "</details>"];
}

const LOG_NAMES: ReadonlyMap<string, string> = new Map([
  ["engine-log", "engine log"],
  ["slow-log", "slow log"],
]);
const DESTINATION_TYPES: ReadonlyMap<string, string> = new Map([
  ["cloudwatch-logs", "CloudWatch Logs group"],
  ["kinesis-firehose", "Kinesis Data Firehose stream"],
]);
const LOG_FORMATS: ReadonlyMap<string, string> = new Map([
  ["text", "text"],
  ["json", "JSON"],
]);

/** A value AWS documents, in words; any other (or masked) value as the review shows values. */
const valueInWords = (value: Shown, words: ReadonlyMap<string, string>) =>
  (value.kind === "value" && words.get(value.text)) || shown(value);

const logDestination = (d: LogDestination | undefined) =>
  d === undefined ? "not delivered" : `${valueInWords(d.type, DESTINATION_TYPES)} ${shown(d.destination)}, ${valueInWords(d.format, LOG_FORMATS)}`;

function logDeliveryLines(changes: readonly LogDeliveryChange[] | undefined): string[] {
  if (changes === undefined) return [];
  return [
    "",
    `Log delivery (${code(LOG_DELIVERY)}):`,
    "",
    ...changes.map((l) => `- ${LOG_NAMES.get(l.log) ?? code(l.log)}: ${logDestination(l.before)} -> ${logDestination(l.after)}`),
  ];
}

/** The changed arguments of one resource; nothing for destroys and plain moves. */
/** A list's change by element: what it gains and what it loses (the Before column has the whole list). */
function elementsCell(elements: NonNullable<ArgumentChange["elements"]>): string {
  const list = (values: readonly Shown[]) => values.map((v) => shown(v, true)).join(", ");
  const parts = [
    ...(elements.added.length > 0 ? [`added ${list(elements.added)}`] : []),
    ...(elements.removed.length > 0 ? [`removed ${list(elements.removed)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "the same elements, reordered";
}

/** `tags_all` repeats `tags` (and the provider's default tags): shown only where it says more. */
function withoutMirroredTags<T extends { readonly path: AttributePath }>(args: readonly T[], text: (arg: T) => string): T[] {
  const under = (name: string) =>
    args
      .filter((arg) => arg.path[0] === name)
      .map((arg) => `${formatPath(arg.path.slice(1))}=${text(arg)}`)
      .sort()
      .join("\n");
  const mirrored = args.some((arg) => arg.path[0] === "tags_all") && under("tags_all") === under("tags");
  return mirrored ? args.filter((arg) => arg.path[0] !== "tags_all") : [...args];
}

/** The body of one resource's details (everything below its title); empty for destroys and plain moves. */
function detailsBody(c: ReviewedChange): string[] {
  if (c.diff !== undefined) {
    if (c.diff.changed.length === 0 && c.diff.unknown.length === 0) return [];
    // Log delivery, when it reads better by log, is listed below the table instead.
    const listed = withoutMirroredTags(
      c.diff.changed.filter((arg) => c.logDelivery === undefined || formatPath(arg.path) !== LOG_DELIVERY),
      (arg) => `${shown(arg.before)}>${shown(arg.after)}`,
    );
    const forces = (path: AttributePath) => c.forcedBy.some((p) => pathsOverlap(p, path));
    // What forces the replacement first: it is the reason for everything else.
    const ordered = [...listed.filter((arg) => forces(arg.path)), ...listed.filter((arg) => !forces(arg.path))];
    const rows = ordered.map((arg) => [
      `${argument(arg.path, true)}${forces(arg.path) ? " **(forces replacement)**" : ""}`,
      shown(arg.before, true),
      arg.elements ? elementsCell(arg.elements) : shown(arg.after, true),
    ]);
    const changed = rows.length > 0 ? ["", ...table(["Argument", "Before", "After"], rows)] : [];
    return [...changed, ...logDeliveryLines(c.logDelivery), ...knownAfterApply(c.diff.unknown), ""];
  }
  if (c.created !== undefined) {
    const values = withoutMirroredTags(c.created.values, (arg) => shown(arg.value));
    const rows = values.map((arg) => [argument(arg.path, true), shown(arg.value, true)]);
    return [
      "",
      "<details><summary>Arguments</summary>",
      "",
      ...table(["Argument", "Value"], rows),
      ...knownAfterApply(c.created.unknown),
      "",
      "</details>",
      "",
    ];
  }
  return [];
}

interface DetailsBlock {
  readonly lines: readonly string[];
  readonly changes: readonly ReviewedChange[];
}

/** One block per set of changes whose details read the same (the same resource in 60 module instances). */
function detailsBlocks(changes: readonly ReviewedChange[]): DetailsBlock[] {
  const withBody = changes.map((c) => ({ c, body: detailsBody(c) })).filter(({ body }) => body.length > 0);
  const bodies = new Map(withBody.map(({ c, body }) => [c, body]));
  const key = (c: ReviewedChange) => [actionText(c), resourceShape(c.address), bodies.get(c)!.join("\n")].join("|");
  return alike(
    withBody.map(({ c }) => c),
    key,
    (group) => {
      const [first] = group;
      const address = group.length === 1 ? first.address : addressPattern(group.map((c) => c.address));
      const count = group.length === 1 ? "" : ` ×${group.length}`;
      return { lines: [`#### ${code(address)}${count}: ${actionText(first).replace(/\*\*/g, "")}`, ...bodies.get(first)!], changes: group };
    },
  );
}

/** What a cut left out, by resource type: precise enough to know what to look for. */
function leftOut(blocks: readonly DetailsBlock[], what: string): string {
  const byType = new Map<string, number>();
  for (const block of blocks) for (const c of block.changes) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  const types = [...byType].map(([type, n]) => `${n} ${code(type)}`).join(", ");
  return `_Not shown, for room: the ${what} of ${total} resource(s) (${types}). \`terraform show tfplan\` shows them._`;
}

// ---- the whole review ----------------------------------------------------------------------------

/** GitHub refuses a comment longer than this: the comment would not be posted, danger and all. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The review cannot be written within GitHub's limit even with every detail left out. */
export class ReviewTooLongError extends Error {}

export function renderReview(review: Review, options: RenderOptions = {}): string {
  const limit = Math.min(options.maxChars ?? MAX_COMMENT_CHARS, GITHUB_COMMENT_LIMIT);
  const head = [
    MARKER,
    ...renderDangers(review.dangers),
    ...renderRefusals(review.refusals),
    ...renderConnectivity(review.connectivity),
    ...renderUnrefreshed(review.unrefreshed),
    ...renderIrreversible(review.engineChanges),
    "## Terraform plan review",
    "",
    ...summaryLines(review.summary),
    "",
  ];
  // Danger, refusals and counts are never cut: without them the comment could not say what it must.
  const essential = head.join("\n").length;
  if (essential > GITHUB_COMMENT_LIMIT) {
    throw new ReviewTooLongError(
      `the review's danger, refusal and summary sections alone take ${essential} characters, over GitHub's ${GITHUB_COMMENT_LIMIT}`,
    );
  }
  if (review.changes.length === 0) {
    return [...head, "No changes: the infrastructure matches the configuration.", "", ...renderOutputs(review.outputs)].join("\n");
  }
  const moved = (c: ReviewedChange) => c.kind === "no-op" && c.previousAddress !== undefined && !c.importing;
  const lines = [...head];
  const tableChanges = review.changes.filter((c) => !moved(c));
  if (tableChanges.length > 0) lines.push(...changesTable(tableChanges), "");
  lines.push(...renderMoves(review.changes), ...renderOutputs(review.outputs));
  let length = lines.join("\n").length;
  // In the table's order: what is replaced first.
  const ordered = [...review.changes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const sections: [string, string, DetailsBlock[]][] = [
    ["### Changed arguments", "changed arguments", detailsBlocks(ordered.filter((c) => c.diff !== undefined))],
    ["### Created", "arguments", detailsBlocks(ordered.filter((c) => c.created !== undefined))],
  ];
  for (const [heading, what, blocks] of sections) {
    if (blocks.length === 0) continue;
    const notice = leftOut(blocks, what);
    if (length + heading.length + notice.length + 4 > limit) {
      lines.push(notice, "");
      length += notice.length + 2;
      continue;
    }
    lines.push(heading, "");
    length += heading.length + 2;
    for (const [i, block] of blocks.entries()) {
      // Room for this block and, when more follow, for the notice that says what they are.
      const text = block.lines.join("\n");
      const after = blocks.slice(i + 1);
      const room = text.length + 1 + (after.length > 0 ? leftOut(after, what).length + 2 : 0);
      if (length + room > limit) {
        const rest = leftOut(blocks.slice(i), what);
        lines.push(rest, "");
        length += rest.length + 2;
        break;
      }
      lines.push(...block.lines);
      length += text.length + 1;
    }
  }
  // Each detail block ends with a blank line: the text ends with exactly one newline.
  return lines.join("\n");
}
