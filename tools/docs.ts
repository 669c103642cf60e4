/**
 * `npm run docs`: rewrites the generated parts of README.md (inputs, outputs and alarms tables)
 * and of `help` (a plain-text reference) from the tables in lib/, and writes the JSON Schema of the
 * inputs and lib/props.ts (the construct's props interface) whole. In README.md and help,
 * everything between a BEGIN and its END marker is replaced; the rest is left as written.
 *
 * The render functions are pure, so __tests__/docs.test.ts can check that the committed files are
 * up to date. Only light modules are imported here (no provider bindings beyond the alarm class).
 */
import { readFileSync, writeFileSync } from "node:fs";
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

/** The help file must read well in a terminal. */
export const HELP_WIDTH = 100;

const inputs: readonly InputSpec[] = INPUTS;

/** The generated sections of each file, by marker name. */
export const README_SECTIONS = ["inputs", "rules", "outputs", "alarms"] as const;
export const HELP_SECTIONS = ["reference"] as const;

export function beginMarker(file: "readme" | "help", section: string): string {
  return file === "readme"
    ? `<!-- BEGIN GENERATED ${section} (npm run docs) -->`
    : `---- BEGIN GENERATED ${section} (npm run docs; do not edit) ----`;
}

export function endMarker(file: "readme" | "help", section: string): string {
  return file === "readme" ? `<!-- END GENERATED ${section} -->` : `---- END GENERATED ${section} ----`;
}

/** Replaces what lies between the section's two marker lines; fails when they are missing. */
export function replaceSection(text: string, begin: string, end: string, content: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start + begin.length);
  if (start < 0 || stop < 0) throw new Error(`markers not found: "${begin}" ... "${end}"`);
  const body = content.endsWith("\n") ? content : `${content}\n`;
  return `${text.slice(0, start + begin.length)}\n${body}${text.slice(stop)}`;
}

/** Returns the text between the section's markers (exclusive), for tests. */
export function sectionOf(text: string, begin: string, end: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start + begin.length);
  if (start < 0 || stop < 0) throw new Error(`markers not found: "${begin}" ... "${end}"`);
  return text.slice(start + begin.length, stop);
}

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

// ---- README (Markdown) ---------------------------------------------------------------------------

/** Every code span of the README sits in a table cell. */
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

export function renderReadme(current: string): string {
  const content: Record<(typeof README_SECTIONS)[number], string> = {
    inputs: inputsTable(),
    rules: rulesTable(),
    outputs: outputsTable(),
    alarms: alarmsTable(),
  };
  return README_SECTIONS.reduce(
    (text, section) =>
      replaceSection(text, beginMarker("readme", section), endMarker("readme", section), content[section]),
    current,
  );
}

// ---- help (plain text) ---------------------------------------------------------------------------

/** Word-wraps text to the width, every line starting with the indent. */
export function wrap(text: string, indent: string, width = HELP_WIDTH): string[] {
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

const ENTRY = "  ";
const DETAIL = "      ";

function helpInput(input: InputSpec): string[] {
  const facts = [input.type, input.required ? "required" : `default ${defaultOf(input)}`];
  if (input.sensitive) facts.push("sensitive");
  facts.push(input.since === "this module" ? "not in Gruntwork's module" : `since Gruntwork ${originOf(input)}`);
  const heading = `${ENTRY}${input.name}  (TypeScript: ${propName(input.name)})`;
  return [
    ...(heading.length <= HELP_WIDTH ? [heading] : [`${ENTRY}${input.name}`, `${DETAIL}TypeScript: ${propName(input.name)}`]),
    ...wrap(facts.join(", "), DETAIL),
    ...wrap(input.description, DETAIL),
    ...(rulesOf(input) ? wrap(rulesOf(input), DETAIL) : []),
  ];
}

export function helpReference(): string {
  const required = inputs.filter((i) => i.required);
  const optional = inputs.filter((i) => !i.required);
  const lines = [
    `INPUTS (${inputs.length}; Terraform variable name, then the construct's prop in parentheses)`,
    "",
    `Required (${required.length}):`,
    ...required.flatMap((input) => ["", ...helpInput(input)]),
    "",
    `Optional (${optional.length}):`,
    ...optional.flatMap((input) => ["", ...helpInput(input)]),
    "",
    `RULES BETWEEN INPUTS (errors: preconditions in the module, synth errors in TypeScript)`,
    ...CROSS_INPUT_RULES.flatMap((rule) => ["", `${ENTRY}${rule.inputs.join(", ")}`, ...wrap(sentence(rule.text), DETAIL)]),
    "",
    `WARNINGS (check blocks in the module, annotations in TypeScript; they never stop a plan)`,
    ...WARNINGS.flatMap((rule) => ["", `${ENTRY}${rule.inputs.join(", ")}`, ...wrap(sentence(rule.text), DETAIL)]),
    "",
    `OUTPUTS (${OUTPUTS.length}; the construct's attribute in parentheses)`,
    ...OUTPUTS.flatMap((output) => [
      "",
      `${ENTRY}${output.name}  (TypeScript: ${output.attribute})`,
      ...wrap(output.description, DETAIL),
    ]),
    "",
    `ALARMS (${ALARMS.length} per member cache cluster, when enable_cloudwatch_alarms is true)`,
    ...ALARMS.flatMap((alarm) => [
      "",
      `${ENTRY}${alarm.resource}`,
      `${DETAIL}${alarm.metric}, fires when ${alarmCondition(alarm)}`,
      `${DETAIL}alarm name: ${alarmName(ALARM_MEMBER, alarm.suffix)}`,
    ]),
  ];
  return lines.join("\n");
}

export function renderHelp(current: string): string {
  return replaceSection(current, beginMarker("help", "reference"), endMarker("help", "reference"), helpReference());
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
  return ["  /**", ...lines.flatMap((line) => (line === "" ? ["   *"] : wrap(line, "   * ", 100))), "   */"];
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

function rewrite(file: string, render: (current: string) => string): void {
  const path = join(resolve(__dirname, ".."), file);
  const current = readFileSync(path, "utf8");
  const next = render(current);
  if (next === current) {
    console.log(`docs: ${file} is up to date`);
  } else {
    writeFileSync(path, next);
    console.log(`docs: ${file} rewritten`);
  }
}

function main(): void {
  rewrite("README.md", renderReadme);
  rewrite("help", renderHelp);
  rewrite("docs/inputs.schema.json", renderSchema);
  rewrite("lib/inputs/props.ts", renderProps);
}

if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) main();
