/**
 * `npm run docs`: writes, from the tables in lib/, the reference of the inputs, outputs, rules and
 * alarms (docs/inputs.md), the JSON Schema of the inputs (docs/inputs.schema.json) and the props
 * interface of the construct (lib/inputs/props.ts), each file whole.
 *
 * The render functions are pure, so __tests__/unit/docs.test.ts can check that the committed files
 * are up to date. Only light modules are imported here (no provider bindings beyond the alarm class).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ALARMS, type AlarmSpec } from "../lib/construct/alarms";
import { CombinedRule, CROSS_INPUT_RULES } from "../lib/rules/cross-input";
import { alarmName } from "../lib/expressions/derivations";
import { propName } from "../lib/inputs/values";
import {
  CLUSTER_MODE_TYPE,
  INPUTS,
  type InputSpec,
  LOG_DELIVERY_RULES,
  LOG_DELIVERY_TYPE,
  type TerraformType,
} from "../lib/inputs/table";
import { attributeRules, closedSet, type Rule } from "../lib/rules/builders";
import { code, table, textCell } from "../lib/text/markdown";
import { terraformValue } from "../lib/text/notation";
import { OUTPUTS } from "../lib/construct/outputs";
import { inputsSchema } from "../lib/inputs/schema";
import { WARNINGS } from "../lib/rules/warnings";
import { AUTO_SCALING_SIZES, NODE_FAMILIES } from "../lib/inputs/node-types";

const inputs: readonly InputSpec[] = INPUTS;

// ---- values as Terraform shows them -------------------------------------------------------------

const defaultOf = (input: InputSpec) => (input.required ? undefined : terraformValue(input.default));

const originSentence = (input: InputSpec) =>
  input.since === "this module" ? "this module's own, not in Gruntwork's" : `Gruntwork ${originOf(input)}`;

/** Which interface an input belongs to: Gruntwork v0.85.0, a later Gruntwork release, or this module only. */
export const originOf = (input: InputSpec) =>
  input.since === undefined ? "v0.85.0" : input.since === "this module" ? "this module only" : input.since;

/** An input's rules as one sentence: "Must be ...; should be ... (a warning)". */
export function rulesOf(input: InputSpec): string {
  const text = [
    ...(input.rules ?? []).map((rule) => `must ${rule.text}`),
    ...(input.expected ?? []).map((rule) => `should ${rule.text} (a warning)`),
  ].join("; ");
  return text && `${text[0].toUpperCase()}${text.slice(1)}.`;
}

const sentence = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}.`;

/** The JSON Schema file of the inputs, as written to docs/inputs.schema.json. */
export function renderSchema(): string {
  return `${JSON.stringify(inputsSchema(), null, 2)}\n`;
}

const ALARM_MEMBER = "<member id>";

const comparisonSign = (comparison: string) => (comparison === "LessThanThreshold" ? "<" : ">");

function alarmCondition(alarm: AlarmSpec): string {
  const threshold = `${alarm.threshold.toLocaleString("en-US")} ${alarm.unit}`;
  const input = alarm.thresholdInput ? ` (${alarm.thresholdInput})` : "";
  return `${alarm.statistic} ${comparisonSign(alarm.comparison)} ${threshold}${input}`;
}

// ---- docs/inputs.md (Markdown) ------------------------------------------------------------------

/** Every code span of the reference sits in a table cell. */
const cellCode = (text: string) => code(text, true);

export function inputsTable(): string {
  const rows = inputs.map((input) => [
    cellCode(input.name),
    cellCode(propName(input.name)),
    textCell(originOf(input)),
    cellCode(input.type),
    input.required ? "yes" : "no",
    input.required ? "" : cellCode(defaultOf(input) as string),
    textCell(input.sensitive ? `Sensitive. ${input.description}` : input.description),
    textCell(rulesOf(input)),
  ]);
  return table(["Input", "TypeScript prop", "Since", "Type", "Required", "Default", "Description", "Rules"], rows).join("\n");
}

function combinedRows(rules: readonly CombinedRule[], kind: string): string[][] {
  return rules.map((rule) => [kind, rule.inputs.map(cellCode).join(", "), textCell(sentence(rule.text))]);
}

export function rulesTable(): string {
  return table(
    ["Kind", "Inputs", "Rule"],
    [...combinedRows(CROSS_INPUT_RULES, "error (precondition)"), ...combinedRows(WARNINGS, "warning (check)")],
  ).join("\n");
}

export function nodeTypesTable(): string {
  const rows = NODE_FAMILIES.map((f) => [
    cellCode(`cache.${f.family}`),
    textCell(f.sizes.join(", ")),
    f.dataTiering ? "yes" : "",
    f.autoScaling ? textCell(AUTO_SCALING_SIZES.filter((size) => f.sizes.includes(size)).join(", ")) : "",
  ]);
  return table(["Family", "Sizes", "Data tiering", "Automatic scaling (sizes)"], rows).join("\n");
}

export function outputsTable(): string {
  const rows = OUTPUTS.map((output) => {
    return [cellCode(output.name), cellCode(output.attribute), textCell(output.description)];
  });
  return table(["Output", "Construct attribute", "Description"], rows).join("\n");
}

export function alarmsTable(): string {
  const rows = ALARMS.map((alarm) => [
    cellCode(`aws_cloudwatch_metric_alarm.${alarm.resource}`),
    cellCode(alarm.metric),
    textCell(alarmCondition(alarm)),
    cellCode(alarmName(ALARM_MEMBER, alarm.suffix)),
  ]);
  return table(["Resource", "Metric", "Fires when", "Alarm name"], rows).join("\n");
}

/** How many inputs come from where, in one sentence. */
function inputCounts(): string {
  const count = (origin: (input: InputSpec) => boolean) => inputs.filter(origin).length;
  const gruntwork = count((input) => input.since === undefined);
  const required = count((input) => input.required);
  const later = count((input) => input.since !== undefined && input.since !== "this module");
  const own = count((input) => input.since === "this module");
  return (
    `${inputs.length} inputs: the ${gruntwork} of Gruntwork v0.85.0 (${required} of them required), ` +
    `${later} that later Gruntwork releases added, and ${own} of this module only.`
  );
}

/** docs/inputs.md, whole: the reference pages link to its headings. */
export function renderInputsDoc(): string {
  return [
    "# Inputs, outputs, rules and alarms",
    "",
    "Written by `npm run docs` (`tools/docs.ts`) from the input table (`lib/inputs/table.ts`), the rules",
    "(`lib/rules/cross-input.ts`, `lib/rules/warnings.ts`), the outputs (`lib/construct/outputs.ts`) and",
    "the alarms (`lib/construct/alarms.ts`). Edit those, then run `npm run docs`; a test fails while this",
    "page is out of date.",
    "",
    "Each input is a Terraform variable of the drop-in module (the name for Terragrunt's `inputs` or a",
    "`module` block) and a prop of the `ElastiCacheRedis` construct (its camelCase name; the doc comments",
    "of [lib/inputs/props.ts](../lib/inputs/props.ts) say the same per prop). The Since column tells the",
    "v0.85.0 interface from the inputs later Gruntwork releases added and from this module's own; left",
    "unset, every one of those behaves as v0.85.0 did. An input with a default takes it when given",
    "`null`; a required input given `null` is an error. [inputs.schema.json](inputs.schema.json) is the",
    "JSON Schema of the same inputs, for editors and `inputs` files.",
    "",
    "## Inputs",
    "",
    inputCounts(),
    "",
    inputsTable(),
    "",
    "## Rules between inputs, and warnings",
    "",
    "An input's own rules are in its Rules column above. This table holds the rules checked on the",
    "module's replication group, most of which relate several inputs, and every warning. The construct",
    "checks them at synth time when the values are literals and throws one `InvalidInputsError` naming",
    "every broken rule. The module checks them at `terraform plan`: errors are preconditions, which stop",
    "the plan; warnings are `check` blocks, reported without stopping it (cdktf annotations in the",
    "construct).",
    "",
    rulesTable(),
    "",
    "## Node types",
    "",
    "The node types the module knows (`lib/inputs/node-types.ts`): AWS's current-generation types for",
    "Valkey and Redis OSS (AWS lists m8g, r8g and c8gn for Valkey). A malformed `instance_type` is an",
    "error that names the two known types nearest it; a well-formed one (`cache.<family>.<size>`) missing",
    "here is only a warning, since AWS adds types. A data-tiering type sets `data_tiering_enabled` on the",
    "replication group; other types leave it unset. Application Auto Scaling takes only the families and",
    "sizes of the last column.",
    "",
    nodeTypesTable(),
    "",
    "## Outputs",
    "",
    outputsTable(),
    "",
    "## Alarms",
    "",
    "With `enable_cloudwatch_alarms = true`, each alarm below exists once per member cache cluster",
    "(index i watches `cache_cluster_ids[i]`). Every alarm reads namespace `AWS/ElastiCache` with the",
    "dimensions `CacheClusterId` (the member) and `CacheNodeId = \"0001\"`, over one 60-second period,",
    "and notifies `alarms_sns_topic_arns` on alarm, OK and insufficient data.",
    "",
    alarmsTable(),
    "",
  ].join("\n");
}

// ---- plain text ----------------------------------------------------------------------------------

/** Word-wraps text to the width, every line starting with the indent. */
export function wrap(text: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

// ---- the props interface (lib/inputs/props.ts) ---------------------------------------------------

/** What a prop of each Terraform type accepts: a literal, or a token where the value may come from Terraform. */
const PROP_TYPES: Readonly<Record<TerraformType, string>> = {
  string: "string",
  number: "number",
  bool: "boolean | IResolvable",
  "list(string)": "string[]",
  "map(string)": "Record<string, string>",
  [CLUSTER_MODE_TYPE]: "ClusterModeConfig[] | IResolvable",
  [LOG_DELIVERY_TYPE]: "LogDeliveryConfig | IResolvable",
};

/** The union of a closed set's literals, or the fallback type when the rules allow any value. */
function literalUnion(rules: readonly Rule[], fallback: string): string {
  return closedSet(rules)?.map((value) => JSON.stringify(value)).join(" | ") ?? fallback;
}

const logDeliveryAttributeType = (name: string) => literalUnion(attributeRules(LOG_DELIVERY_RULES, name), "string");

function propDoc(input: InputSpec): string[] {
  const lines = [
    input.sensitive ? `Sensitive. ${input.description}` : input.description,
    ...(rulesOf(input) ? ["", rulesOf(input)] : []),
    "",
    `Terraform variable: \`${input.name}\` (${originSentence(input)}).`,
  ];
  if (!input.required) {
    lines.push("", input.default === null ? "@default - not set" : `@default ${JSON.stringify(input.default)}`);
  }
  // "*/" in a rule's text (cron's "*/N") would end the comment.
  const safe = lines.map((line) => line.replaceAll("*/", "*\\/"));
  return ["  /**", ...safe.flatMap((line) => (line === "" ? ["   *"] : wrap(line, "   * ", 100))), "   */"];
}

/**
 * lib/inputs/props.ts: the construct's props, one documented property per input of the table; a
 * closed set of strings is typed as the union of its literals.
 */
export function renderProps(): string {
  const body = inputs.flatMap((input, i) => [
    ...(i > 0 ? [""] : []),
    ...propDoc(input),
    `  readonly ${propName(input.name)}${input.required ? "" : "?"}: ${literalUnion(input.rules ?? [], PROP_TYPES[input.type])};`,
  ]);
  return [
    "// Generated from the input table (lib/inputs/table.ts) by `npm run docs`; do not edit.",
    'import type { IResolvable } from "cdktf";',
    "",
    "/** One shard layout of cluster mode, as a TypeScript literal. */",
    "export interface ClusterModeConfig {",
    "  /** Number of shards (node groups): `num_node_groups`. */",
    "  readonly numNodeGroups: number;",
    "  /** Replicas in each shard, besides its primary: `replicas_per_node_group`. */",
    "  readonly replicasPerNodeGroup: number;",
    "}",
    "",
    "/** Where ElastiCache delivers one of its logs, as a TypeScript literal. */",
    "export interface LogDeliveryConfig {",
    "  /** CloudWatch Logs group or Kinesis Data Firehose stream name: `destination`. */",
    "  readonly destination: string;",
    "  /** Which kind of destination it is: `destination_type`. */",
    `  readonly destinationType: ${logDeliveryAttributeType("destination_type")};`,
    "  /** Format of the log entries: `log_format`. */",
    `  readonly logFormat: ${logDeliveryAttributeType("log_format")};`,
    "}",
    "",
    "/**",
    " * Props of the ElastiCacheRedis construct: one per input of the Gruntwork module (v0.85.0's and",
    " * later releases') and of this module, named in camelCase. Each takes a literal or, where the",
    " * value may come from Terraform, a token.",
    " */",
    "export interface ElastiCacheRedisProps {",
    ...body,
    "}",
    "",
  ].join("\n");
}

// ---- command line --------------------------------------------------------------------------------

function rewrite(file: string, render: () => string): void {
  const path = join(resolve(__dirname, ".."), file);
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const next = render();
  if (next === current) {
    console.log(`docs: ${file} is up to date`);
  } else {
    writeFileSync(path, next);
    console.log(`docs: ${file} rewritten`);
  }
}

function main(): void {
  rewrite("docs/inputs.md", renderInputsDoc);
  rewrite("docs/inputs.schema.json", renderSchema);
  rewrite("lib/inputs/props.ts", renderProps);
}

if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) main();
