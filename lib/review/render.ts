/**
 * The review as GitHub-flavoured Markdown for a pull-request comment: the danger section first,
 * then what AWS will refuse (engine and log delivery changes), the notices, the counts, a table of
 * every change, and the changed arguments of each resource.
 */
import { code, escapeCell, table } from "../markdown";
import {
  type Danger,
  type Engine,
  type EngineChange,
  type EngineVersion,
  type Kind,
  type Refusal,
  type Review,
  type ReviewedChange,
  type Role,
  type Summary,
  VALKEY_SOURCE_FLOOR,
} from "./classify";
import { LOG_DELIVERY, type LogDeliveryChange, type LogDestination } from "./logs";
import type { AttributePath } from "./plan";
import { formatPath, pathsOverlap, SENSITIVE, type Shown, UNKNOWN } from "./values";

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

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  cluster: "the Redis cluster",
  "subnet group": "the Redis cluster's subnet group",
  "security group": "the Redis cluster's security group",
};

const verb = (kind: Danger["kind"]) => (kind === "replace" ? "replaces" : "destroys");

function dangerHeading(dangers: readonly Danger[]): string {
  const phrases = [...new Set(dangers.map((d) => `${verb(d.kind)} ${ROLE_NAMES[d.role]}`))];
  const listed = phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
  return `${DANGER_HEADING}: this plan ${listed}`;
}

function renderDanger(danger: Danger): string[] {
  const lines = [`### ${code(danger.address)} (${ROLE_NAMES[danger.role]}) is ${danger.kind === "replace" ? "replaced" : "destroyed"}`, ""];
  if (danger.forcedBy.length > 0) {
    const plural = danger.forcedBy.length > 1;
    lines.push(`Forced by ${plural ? "these arguments, which" : "this argument, which"} cannot change in place:`, "");
    for (const f of danger.forcedBy) lines.push(`- ${argument(f.path)}: ${shown(f.before)} -> ${shown(f.after)}`);
  } else {
    lines.push(`Why: ${danger.reason}.`);
  }
  // The cluster's data is certainly gone; what hangs on its subnet and security group is at risk.
  const stake = danger.role === "cluster" ? "Lost" : "At risk";
  lines.push("", `${stake} when this plan is applied:`, "", ...danger.losses.map((loss) => `- ${loss}`));
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
    ...dangers.flatMap((d) => [...renderDanger(d), ""]),
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

function summaryLine(s: Summary): string {
  const counts = [
    `${s.add} to add`,
    `${s.change} to change`,
    `${s.replace} to replace`,
    `${s.destroy} to destroy`,
    `${s.move} to move`,
  ];
  // Rare in this module's plans: only mentioned when they happen.
  if (s.import > 0) counts.push(`${s.import} to import`);
  if (s.forget > 0) counts.push(`${s.forget} to forget`);
  return `**Plan:** ${counts.join(", ")}.`;
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

function actionText(c: ReviewedChange): string {
  const parts: string[] = [];
  if (c.previousAddress !== undefined) parts.push("move");
  if (c.importing) parts.push("import");
  if (c.kind !== "no-op" || parts.length === 0) {
    const order = c.kind === "replace" ? (c.deleteFirst ? " (destroy, then create)" : " (create, then destroy)") : "";
    parts.push(`${ACTION_WORDS[c.kind]}${order}`);
  }
  return parts.join(", ");
}

function resourceCell(c: ReviewedChange): string {
  return c.previousAddress === undefined
    ? code(c.address, true)
    : `${code(c.previousAddress, true)} -> ${code(c.address, true)}`;
}

function whyCell(c: ReviewedChange): string {
  if (c.kind === "replace" && c.forcedBy.length > 0) {
    return `forced by ${c.forcedBy.map((p) => argument(p, true)).join(", ")}`;
  }
  return c.reason === undefined ? "" : escapeCell(c.reason);
}

function changesTable(changes: readonly ReviewedChange[]): string[] {
  return table(
    ["Resource", "Action", "Why"],
    changes.map((c) => [resourceCell(c), actionText(c), whyCell(c)]),
  );
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
const inWords = (value: Shown, words: ReadonlyMap<string, string>) =>
  (value.kind === "value" && words.get(value.text)) || shown(value);

const logDestination = (d: LogDestination | undefined) =>
  d === undefined ? "not delivered" : `${inWords(d.type, DESTINATION_TYPES)} ${shown(d.destination)}, ${inWords(d.format, LOG_FORMATS)}`;

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
function renderDetails(c: ReviewedChange): string[] {
  const title = `#### ${code(c.address)}: ${actionText(c).replace(/\*\*/g, "")}`;
  if (c.diff !== undefined) {
    if (c.diff.changed.length === 0 && c.diff.unknown.length === 0) return [];
    // Log delivery, when it reads better by log, is listed below the table instead.
    const listed = c.diff.changed.filter((arg) => c.logDelivery === undefined || formatPath(arg.path) !== LOG_DELIVERY);
    const rows = listed.map((arg) => {
      const forces = c.forcedBy.some((p) => pathsOverlap(p, arg.path));
      return [`${argument(arg.path, true)}${forces ? " **(forces replacement)**" : ""}`, shown(arg.before, true), shown(arg.after, true)];
    });
    const changed = rows.length > 0 ? ["", ...table(["Argument", "Before", "After"], rows)] : [];
    return [title, ...changed, ...logDeliveryLines(c.logDelivery), ...knownAfterApply(c.diff.unknown), ""];
  }
  if (c.created !== undefined) {
    const rows = c.created.values.map((arg) => [argument(arg.path, true), shown(arg.value, true)]);
    return [
      title,
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

// ---- the whole review ----------------------------------------------------------------------------

export function renderReview(review: Review, options: RenderOptions = {}): string {
  const limit = options.maxChars ?? MAX_COMMENT_CHARS;
  const head = [
    MARKER,
    ...renderDangers(review.dangers),
    ...renderRefusals(review.refusals),
    ...renderUnrefreshed(review.unrefreshed),
    ...renderIrreversible(review.engineChanges),
    "## Terraform plan review",
    "",
    summaryLine(review.summary),
    "",
  ];
  if (review.changes.length === 0) {
    return [...head, "No changes: the infrastructure matches the configuration.", ""].join("\n");
  }
  const lines = [...head, ...changesTable(review.changes), ""];
  const details = review.changes.map(renderDetails).filter((d) => d.length > 0);
  if (details.length === 0) return lines.join("\n");
  lines.push("### Changed arguments", "");
  let length = lines.join("\n").length;
  for (const [i, block] of details.entries()) {
    const text = block.join("\n");
    if (length + text.length + 1 > limit) {
      lines.push(`_${details.length - i} more resource(s) not shown: the comment would be too long. Run \`terraform show\` on the plan for the rest._`, "");
      break;
    }
    lines.push(...block);
    length += text.length + 1;
  }
  // Each detail block ends with a blank line: the text ends with exactly one newline.
  return lines.join("\n");
}
