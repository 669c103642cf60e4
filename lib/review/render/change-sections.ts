/** The summary, the table of changes, moves, outputs and each resource's details. */
import { code, escapeCell, table } from "../../text/markdown";
import { byAddress, type Kind, type OutputReview, type ReviewedChange, type Summary } from "../classify";
import { LOG_DELIVERY, type LogDeliveryChange, type LogDestination } from "../logs";
import type { AttributePath } from "../plan";
import { type ArgumentChange, formatPath, pathsOverlap, type Shown } from "../values";
import { INLINE_MOVES, INLINE_OUTPUTS, INLINE_UNKNOWN, MAX_LISTED, MAX_TABLE_ROWS } from "./limits";
import { argument, capped, clipped, reasonText, shown } from "./values";

// ---- summary and table ---------------------------------------------------------------------------

/** Terraform's own plan line (replacements count in "to add" and in "to destroy"), then what it folds in. */
export function summaryLines(s: Summary): string[] {
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
export const KIND_ORDER: readonly Kind[] = ["replace", "delete", "update", "create", "read", "forget", "no-op"];

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
  const reason = reasonText(c.actionReason);
  return reason === undefined ? "" : escapeCell(reason);
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
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byAddress(a, b));
}

/** The count right after the action's word, where the eye lands: "**replace** ×60 (destroy, then create)". */
export function withCount(action: string, count: number): string {
  if (count === 1) return action;
  const at = [action.indexOf(" ("), action.indexOf(", ")].filter((i) => i >= 0);
  const i = at.length > 0 ? Math.min(...at) : action.length;
  return `${action.slice(0, i)} ×${count}${action.slice(i)}`;
}

export function changesTable(changes: readonly ReviewedChange[]): string[] {
  const rows = tableRows(changes);
  const shownRows = rows.slice(0, MAX_TABLE_ROWS);
  const withWhy = shownRows.some((r) => r.why !== "");
  const cells = shownRows.map((r) => [
    withCount(r.action, r.count),
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

const OUTPUT_ACTIONS: Partial<Record<Kind, string>> = { create: "added", delete: "removed", update: "changes" };
const ABSENT = "–";

/** Root outputs whose value changes: what callers and other units read from this one. */
export function renderOutputs(outputs: readonly OutputReview[]): string[] {
  if (outputs.length === 0) return [];
  // An output Terraform adds had no value before (a null output is not stored), and one it removes has none after.
  const rows = outputs
    .slice(0, MAX_LISTED)
    .map((o) => [
      code(o.name, true),
      OUTPUT_ACTIONS[o.kind] ?? o.kind,
      o.kind === "create" ? ABSENT : shown(o.before, true),
      o.kind === "delete" ? ABSENT : shown(o.after, true),
    ]);
  const more = outputs.length > MAX_LISTED ? ["", `_… and ${outputs.length - MAX_LISTED} more outputs change (\`terraform show tfplan\` lists them all)._`] : [];
  const title = `### ${outputs.length} ${outputs.length === 1 ? "output changes" : "outputs change"}`;
  const body = [...table(["Output", "Change", "Before", "After"], rows), ...more];
  // Many outputs are folded: they follow from the changes above.
  return outputs.length <= INLINE_OUTPUTS
    ? [title, "", ...body, ""]
    : [title, "", "<details><summary>Outputs</summary>", "", ...body, "", "</details>", ""];
}

/** Every move, old address -> new: the table shows the new address alone. */
export function renderMoves(changes: readonly ReviewedChange[]): string[] {
  const moves = changes.filter((c) => c.previousAddress !== undefined);
  if (moves.length === 0) return [];
  const lines = capped(moves.map((c) => `- ${code(c.previousAddress!)} -> ${code(c.address)}`), MAX_LISTED, "moves");
  const title = `### ${moves.length} moved`;
  return moves.length <= INLINE_MOVES
    ? [title, "", ...lines, ""]
    : [title, "", `<details><summary>${moves.length} resources at new addresses</summary>`, "", ...lines, "", "</details>", ""];
}

// ---- per-resource details ------------------------------------------------------------------------

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
    ...changes.map((l) => `- ${LOG_NAMES.get(l.log) ?? code(clipped(l.log))}: ${logDestination(l.before)} -> ${logDestination(l.after)}`),
  ];
}

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

/** The attributes a change leaves to apply: the list "Known after apply" names. */
const unknownOf = (c: ReviewedChange): readonly AttributePath[] => c.diff?.unknown ?? c.created?.unknown ?? [];

/**
 * The body of one resource's details (everything below its title); empty for destroys and plain
 * moves. `unknown` replaces the change's own list of attributes known after apply (a merged block's union).
 */
function detailsBody(c: ReviewedChange, unknown: readonly AttributePath[] = unknownOf(c)): string[] {
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
    return [...changed, ...logDeliveryLines(c.logDelivery), ...knownAfterApply(unknown), ""];
  }
  if (c.created !== undefined) {
    const values = withoutMirroredTags(c.created.values, (arg) => shown(arg.value));
    const rows = values.map((arg) => [argument(arg.path, true), shown(arg.value, true)]);
    return [
      "",
      "<details><summary>Arguments</summary>",
      "",
      ...table(["Argument", "Value"], rows),
      ...knownAfterApply(unknown),
      "",
      "</details>",
      "",
    ];
  }
  return [];
}

export interface DetailsBlock {
  readonly lines: readonly string[];
  readonly changes: readonly ReviewedChange[];
}

/**
 * One block per set of changes whose details read the same (the same resource in 60 module
 * instances). A folded "Known after apply" list does not tell blocks apart: merged, the block
 * folds the union of their lists.
 */
export function detailsBlocks(changes: readonly ReviewedChange[]): DetailsBlock[] {
  const withBody = changes.map((c) => ({ c, body: detailsBody(c) })).filter(({ body }) => body.length > 0);
  const bodies = new Map(withBody.map(({ c, body }) => [c, body]));
  const folded = (c: ReviewedChange) => unknownOf(c).length > INLINE_UNKNOWN;
  const key = (c: ReviewedChange) =>
    [actionText(c), resourceShape(c.address), (folded(c) ? detailsBody(c, FOLDED) : bodies.get(c)!).join("\n")].join("|");
  return alike(
    withBody.map(({ c }) => c),
    key,
    (group) => {
      const [first] = group;
      const address = group.length === 1 ? first.address : addressPattern(group.map((c) => c.address));
      const count = group.length === 1 ? "" : ` ×${group.length}`;
      const body = group.length > 1 && folded(first) ? detailsBody(first, unionOfPaths(group.map(unknownOf))) : bodies.get(first)!;
      return { lines: [`#### ${code(address)}${count}: ${actionText(first).replace(/\*\*/g, "")}`, ...body], changes: group };
    },
  );
}

/** A stand-in list longer than any shown inline, so that folded lists key alike. */
const FOLDED: readonly AttributePath[] = Array.from({ length: INLINE_UNKNOWN + 1 }, () => ["…"]);

/** Every path of the lists, once, in the order first met. */
function unionOfPaths(lists: readonly (readonly AttributePath[])[]): AttributePath[] {
  const seen = new Map<string, AttributePath>();
  for (const path of lists.flat()) if (!seen.has(formatPath(path))) seen.set(formatPath(path), path);
  return [...seen.values()];
}

/** What a cut left out, by resource type: precise enough to know what to look for. */
export function leftOut(blocks: readonly DetailsBlock[], what: string): string {
  const byType = new Map<string, number>();
  for (const block of blocks) for (const c of block.changes) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  const types = [...byType].map(([type, n]) => `${n} ${code(type)}`).join(", ");
  return `_Not shown, for room: the ${what} of ${total} resource(s) (${types}). \`terraform show tfplan\` shows them._`;
}