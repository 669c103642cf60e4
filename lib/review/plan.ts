/**
 * Reads the output of `terraform show -json <planfile>` into typed resource changes.
 *
 * Only the parts the review needs are read, and every one is checked: a review built from a
 * half-read plan could hide a replacement, so anything unexpected is a `PlanError` naming where
 * in the document the problem is.
 */
import { scanOutsideStrings } from "../expressions/scan";

export type Action = "no-op" | "create" | "read" | "update" | "delete" | "forget";

const ACTIONS: readonly Action[] = ["no-op", "create", "read", "update", "delete", "forget"];

/** One step of an attribute path: an attribute or map key, or a list index. */
export type PathStep = string | number;
export type AttributePath = readonly PathStep[];

/**
 * Same shape as a value, `true` where the value (or everything below) is sensitive or unknown.
 * Terraform omits parts that are neither, so `undefined` and `false` mean "not marked".
 */
export type Mask = boolean | null | undefined | { readonly [key: string]: Mask } | readonly Mask[];

export interface ResourceChange {
  readonly address: string;
  /** Set when a `moved` block (or a refactoring) brought the object here from another address. */
  readonly previousAddress?: string;
  /** `module.x` or `module.x["a"].module.y`; undefined at the root module. */
  readonly moduleAddress?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly actions: readonly Action[];
  /** Terraform's reason code, e.g. `replace_because_cannot_update`, `delete_because_count_index`. */
  readonly actionReason?: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: Mask;
  readonly beforeSensitive: Mask;
  readonly afterSensitive: Mask;
  /** The attributes whose change forces the replacement, as the provider reported them. */
  readonly replacePaths: readonly AttributePath[];
  /** True when the plan imports an existing object into this address. */
  readonly importing: boolean;
}

export interface Plan {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly resourceChanges: readonly ResourceChange[];
  /** The root module's outputs whose value changes, by name. */
  readonly outputChanges: readonly OutputChange[];
}

export interface OutputChange {
  readonly name: string;
  readonly actions: readonly Action[];
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: Mask;
  readonly beforeSensitive: Mask;
  readonly afterSensitive: Mask;
}

/** Bad input rather than a bug: the CLI prints the message alone, without a stack trace. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

/** The plan JSON format major version this reader understands (Terraform 0.12 to 1.x write 0.x/1.x). */
const SUPPORTED_FORMAT_MAJOR = new Set(["0", "1"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses the text of `terraform show -json <planfile>`; throws PlanError saying what is wrong. */
export function parsePlan(text: string): Plan {
  return readPlan(parseJson(text));
}

export function parseJson(raw: string): unknown {
  // A zip archive (`terraform plan -out` writes one): the saved plan itself, not its JSON. It holds
  // NUL characters too, so it is recognised before the UTF-16 check below.
  if (raw.startsWith("PK\u0003\u0004")) {
    throw new PlanError(
      "this is the binary plan file that `terraform plan -out` writes; convert it first: `terraform show -json <planfile> > plan.json`",
    );
  }
  // Windows PowerShell's `>` writes UTF-16: read as UTF-8 it is full of NUL characters.
  if (raw.includes("\u0000")) {
    throw new PlanError(
      "the plan file is not UTF-8 (UTF-16, as PowerShell's `>` writes); write it with `terraform show -json tfplan | Out-File -Encoding utf8 plan.json`",
    );
  }
  const text = raw.replace(/^\uFEFF/, "");
  const trimmed = text.trim();
  if (trimmed === "") throw new PlanError("the plan file is empty; expected the output of `terraform show -json <planfile>`");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlanError(jsonProblem(text, (error as Error).message));
  }
}

function jsonProblem(text: string, parserMessage: string): string {
  const firstLine = text.trim().split("\n", 1)[0];
  if (text.trim().includes("\n") && isJsonObjectLine(firstLine) && /"@level"|"@message"/.test(firstLine)) {
    return "this is the log stream of `terraform plan -json`, not a plan; save the plan with `terraform plan -out=tfplan` and convert it with `terraform show -json tfplan`";
  }
  if (endsOpen(text)) {
    return `the plan JSON is truncated (it ends after ${text.length} characters, inside an unfinished ${endsOpen(text)}); regenerate it with \`terraform show -json <planfile>\``;
  }
  return `the plan is not valid JSON (${parserMessage})`;
}

/**
 * What a JSON text is still inside when it ends ("string", "object", "list"), or undefined when
 * everything opened was closed. The parser's own messages differ with where the cut falls.
 */
function endsOpen(text: string): "string" | "object" | "list" | undefined {
  const open: string[] = [];
  const { endsInString } = scanOutsideStrings(text, (c) => {
    if (c === "{" || c === "[") open.push(c);
    else if (c === "}" || c === "]") open.pop();
  });
  if (endsInString) return "string";
  if (open.length === 0) return undefined;
  return open[open.length - 1] === "{" ? "object" : "list";
}

function isJsonObjectLine(line: string): boolean {
  try {
    return isObject(JSON.parse(line));
  } catch {
    return false;
  }
}

/** Checks the parsed document and keeps what the review reads. */
function readPlan(doc: unknown): Plan {
  if (!isObject(doc)) throw new PlanError("the plan JSON must be an object, as `terraform show -json <planfile>` writes it");
  const formatVersion = doc.format_version;
  // A state file (terraform.tfstate) given by mistake: version 4, a serial, a lineage, its resources.
  if (formatVersion === undefined && typeof doc.serial === "number" && typeof doc.lineage === "string") {
    throw new PlanError(
      "this JSON is a Terraform state file (terraform.tfstate), not a plan; save a plan with `terraform plan -out=tfplan` and give `terraform show -json tfplan`",
    );
  }
  if (typeof formatVersion !== "string") {
    throw new PlanError("the JSON has no format_version; expected the output of `terraform show -json <planfile>`");
  }
  if (!SUPPORTED_FORMAT_MAJOR.has(formatVersion.split(".")[0])) {
    throw new PlanError(`plan format_version ${formatVersion} is not supported (expected 0.x or 1.x)`);
  }
  // `terraform show -json` of a state (no plan file) has values but no planned_values.
  if (!("planned_values" in doc) && !("resource_changes" in doc)) {
    throw new PlanError(
      "this JSON is a state, not a plan (it has no planned_values or resource_changes); run `terraform show -json <planfile>`",
    );
  }
  const changes = doc.resource_changes ?? [];
  if (!Array.isArray(changes)) throw new PlanError("resource_changes must be a list");
  const outputs = doc.output_changes ?? {};
  if (!isObject(outputs)) throw new PlanError("output_changes must be an object");
  return {
    formatVersion,
    terraformVersion: typeof doc.terraform_version === "string" ? doc.terraform_version : undefined,
    resourceChanges: changes.map((entry, i) => readResourceChange(entry, `resource_changes[${i}]`)),
    outputChanges: Object.entries(outputs)
      .map(([name, change]) => readOutputChange(name, change))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

function readOutputChange(name: string, change: unknown): OutputChange {
  const where = `output_changes.${name}`;
  if (!isObject(change)) throw new PlanError(`${where} must be an object`);
  return {
    name,
    actions: readActions(change.actions, `${where}.actions`),
    before: change.before ?? null,
    after: change.after ?? null,
    afterUnknown: readMask(change.after_unknown, `${where}.after_unknown`),
    beforeSensitive: readMask(change.before_sensitive, `${where}.before_sensitive`),
    afterSensitive: readMask(change.after_sensitive, `${where}.after_sensitive`),
  };
}

function readResourceChange(entry: unknown, where: string): ResourceChange {
  if (!isObject(entry)) throw new PlanError(`${where} must be an object`);
  const field = (name: string) => requireString(entry[name], `${where}.${name}`);
  const address = field("address");
  const at = `${where} (${address})`;
  const change = entry.change;
  if (!isObject(change)) throw new PlanError(`${at}.change must be an object`);
  const mode = entry.mode ?? "managed";
  if (mode !== "managed" && mode !== "data") throw new PlanError(`${at}.mode must be "managed" or "data"`);
  return {
    address,
    previousAddress: optionalString(entry.previous_address, `${at}.previous_address`),
    moduleAddress: optionalString(entry.module_address, `${at}.module_address`),
    mode,
    type: field("type"),
    name: field("name"),
    actions: readActions(change.actions, `${at}.change.actions`),
    actionReason: optionalString(entry.action_reason, `${at}.action_reason`),
    before: change.before ?? null,
    after: change.after ?? null,
    afterUnknown: readMask(change.after_unknown, `${at}.change.after_unknown`),
    beforeSensitive: readMask(change.before_sensitive, `${at}.change.before_sensitive`),
    afterSensitive: readMask(change.after_sensitive, `${at}.change.after_sensitive`),
    replacePaths: readPaths(change.replace_paths, `${at}.change.replace_paths`),
    importing: change.importing !== undefined && change.importing !== null,
  };
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "") throw new PlanError(`${where} must be a non-empty string`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, where);
}

function readActions(value: unknown, where: string): readonly Action[] {
  if (!Array.isArray(value) || value.length === 0) throw new PlanError(`${where} must be a non-empty list`);
  for (const action of value) {
    if (!ACTIONS.includes(action)) {
      throw new PlanError(`${where} holds an unknown action ${JSON.stringify(action)} (known: ${ACTIONS.join(", ")})`);
    }
  }
  return value as Action[];
}

function readMask(value: unknown, where: string): Mask {
  if (value === undefined || value === null || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v, i) => readMask(v, `${where}[${i}]`));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readMask(v, `${where}.${k}`)]));
  }
  throw new PlanError(`${where} must hold only objects, lists and booleans`);
}

function readPaths(value: unknown, where: string): readonly AttributePath[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PlanError(`${where} must be a list of attribute paths`);
  return value.map((path, i) => {
    const ok =
      Array.isArray(path) && path.every((step) => typeof step === "string" || (typeof step === "number" && Number.isInteger(step)));
    if (!ok) throw new PlanError(`${where}[${i}] must be a list of attribute names and list indexes`);
    return path as AttributePath;
  });
}
