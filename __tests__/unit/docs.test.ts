import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  beginMarker,
  endMarker,
  HELP_WIDTH,
  renderHelp,
  renderReadme,
  renderSchema,
  replaceSection,
  sectionOf,
} from "../../tools/docs";
import { code, textCell } from "../../lib/text/markdown";
import { terraformValue } from "../../lib/text/notation";
import Ajv from "ajv/dist/2020";
import { ALARM_KINDS, EXPECTED_OUTPUTS, EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES } from "../helpers/spec";
import { SCENARIOS } from "../../tools/scenarios";

/** The spec's inputs in its order, and its outputs in the order the README lists them. */
const INPUT_NAMES = [EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES].flatMap(Object.keys);
const OUTPUT_NAMES = [
  "cache_port",
  "cache_cluster_ids",
  "cache_node_id",
  "primary_endpoint",
  "configuration_endpoint",
  "reader_endpoint",
  "security_group_id",
];

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const help = readFileSync(join(root, "help"), "utf8");

const readmeSection = (section: string) =>
  sectionOf(readme, beginMarker("readme", section), endMarker("readme", section));

/** First cell of every body row of a Markdown table, without its backticks. */
function firstColumn(table: string): string[] {
  return table
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(2)
    .map((line) => line.split(" | ")[0].slice(2).replace(/`/g, ""));
}

describe("generated docs", () => {
  it("README.md is what the generator produces", () => {
    expect(renderReadme(readme), "README.md is out of date: run npm run docs").toBe(readme);
  });

  it("help is what the generator produces", () => {
    expect(renderHelp(help), "help is out of date: run npm run docs").toBe(help);
  });

  it("lists every input, output and alarm in the README tables, in order", () => {
    expect(firstColumn(readmeSection("inputs"))).toEqual(INPUT_NAMES);
    expect(firstColumn(readmeSection("outputs"))).toEqual(OUTPUT_NAMES);
    expect([...OUTPUT_NAMES].sort()).toEqual(EXPECTED_OUTPUTS);
    expect(firstColumn(readmeSection("alarms"))).toEqual(
      ALARM_KINDS.map((a) => `aws_cloudwatch_metric_alarm.${a.resource}`),
    );
  });

  it("tells the Gruntwork v0.85.0 inputs from later releases' and this module's own", () => {
    const rows = readmeSection("inputs")
      .split("\n")
      .filter((line) => line.startsWith("| "))
      .slice(2)
      .map((row) => row.split(" | "));
    const since = Object.fromEntries(rows.map((cells) => [cells[0].slice(2).replace(/`/g, ""), cells[2]]));
    const expected = {
      ...Object.fromEntries(Object.keys(EXPECTED_VARIABLES).map((name) => [name, "v0.85.0"])),
      alarm_treat_missing_data: "v0.96.3",
      alarm_low_memory_available_threshold: "v0.104.5",
      num_node_groups: "v0.105.0",
      replicas_per_node_group: "v0.105.0",
      auto_minor_version_upgrade: "v0.111.6",
      engine_log_delivery_configuration: "v0.111.6",
      slow_log_delivery_configuration: "v0.111.6",
      alarm_high_cpu_utilization_treat_missing_data: "v0.146.0",
      alarm_low_memory_available_treat_missing_data: "v0.146.0",
      engine: "this module only",
      kms_key_id: "this module only",
    };
    expect(since).toEqual(expected);
    expect(help).toContain("not in Gruntwork's module");
    expect(help).toContain("since Gruntwork v0.146.0");
  });

  it("lists every input and output in help", () => {
    const reference = sectionOf(help, beginMarker("help", "reference"), endMarker("help", "reference"));
    const entries = reference
      .split("\n")
      .filter((line) => /^ {2}\S/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    for (const name of [...INPUT_NAMES, ...OUTPUT_NAMES]) {
      expect(entries, `help lacks ${name}`).toContain(name);
    }
  });

  it("keeps help within a terminal's width", () => {
    const long = help.split("\n").filter((line) => line.length > HELP_WIDTH);
    expect(long, `lines longer than ${HELP_WIDTH} columns`).toEqual([]);
  });

  it("starts the README with the two set-up commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = firstBlock
      .split("\n")
      .filter(Boolean)
      .map((line) => line.replace(/\s+#.*$/, ""));
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
  });
});

describe("docs rendering", () => {
  it("renders defaults as Terraform shows them", () => {
    expect(["5.0.6", 6379, null, [], {}, true, ""].map(terraformValue)).toEqual([
      '"5.0.6"',
      "6379",
      "null",
      "[]",
      "{}",
      "true",
      '""',
    ]);
    expect(terraformValue(["a", "b"])).toBe('["a", "b"]');
    expect(terraformValue({ team: "x" })).toBe('{ team = "x" }');
    expect(terraformValue({ team: "x", "kubernetes.io/role": "y" })).toBe('{ "kubernetes.io/role" = "y", team = "x" }');
  });

  it("escapes pipes and newlines in table cells", () => {
    expect(textCell("a | b\nc")).toBe("a \\| b c");
    // Markdown reads a backslash in text as an escape, but shows one in a code span as it is.
    expect(textCell("a\\b")).toBe("a\\\\b");
    expect(code("a\\b|c", true)).toBe("`a\\b\\|c`");
  });

  it("replaces only what lies between the markers, and fails without them", () => {
    const text = "head\nBEGIN\nold\nEND\ntail\n";
    expect(replaceSection(text, "BEGIN", "END", "new")).toBe("head\nBEGIN\nnew\nEND\ntail\n");
    expect(() => replaceSection("no markers", "BEGIN", "END", "x")).toThrow(/markers not found/);
  });
});

describe("docs/inputs.schema.json", () => {
  const committed = readFileSync(join(root, "docs", "inputs.schema.json"), "utf8");
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(committed));
  const errorsOf = (inputs: unknown) => (validate(inputs) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

  it("is what the generator produces", () => {
    expect(renderSchema(), "docs/inputs.schema.json is out of date: run npm run docs").toBe(committed);
  });

  it.each(SCENARIOS.map((s) => [s.id, s.inputs] as const))("accepts the %s scenario's inputs", (_id, inputs) => {
    expect(errorsOf(inputs)).toEqual([]);
  });

  it("accepts inputs written for later Gruntwork releases and this module's own, set or null", () => {
    const later = {
      ...SCENARIOS[0].inputs,
      num_node_groups: 2,
      replicas_per_node_group: 1,
      alarm_treat_missing_data: "notBreaching",
      alarm_high_cpu_utilization_treat_missing_data: null,
      alarm_low_memory_available_treat_missing_data: "breaching",
      alarm_low_memory_available_threshold: 50000000,
      auto_minor_version_upgrade: false,
      engine_log_delivery_configuration: { destination: "e", destination_type: "cloudwatch-logs", log_format: "json" },
      slow_log_delivery_configuration: null,
      engine: "valkey",
      redis_version: "8.0",
      kms_key_id: null,
    };
    expect(errorsOf(later)).toEqual([]);
  });

  it.each([
    ["an unknown engine", { engine: "memcached" }, "/engine must be equal to one of the allowed values"],
    ["an unknown treat_missing_data", { alarm_low_memory_available_treat_missing_data: "zero" }, "must be equal to one of the allowed values"],
    ["a log destination type that is none", { slow_log_delivery_configuration: { destination: "s", destination_type: "s3", log_format: "text" } }, "/slow_log_delivery_configuration/destination_type must be equal to one of the allowed values"],
    ["a log configuration missing its format", { engine_log_delivery_configuration: { destination: "e", destination_type: "cloudwatch-logs" } }, "must have required property 'log_format'"],
    ["a missing required input", { name: undefined }, "must have required property 'name'"],
    ["an unknown input", { nmae: "orders" }, "must NOT have additional properties"],
    ["a name with uppercase letters", { name: "Orders" }, "/name must match pattern"],
    ["a port out of range", { port: 70000 }, "/port must be <= 65535"],
    ["a fractional retention", { snapshot_retention_limit: 1.5 }, "/snapshot_retention_limit must be integer"],
    ["two cluster mode objects", { cluster_mode: [{ num_node_groups: 1, replicas_per_node_group: 1 }, { num_node_groups: 1, replicas_per_node_group: 1 }] }, "/cluster_mode must NOT have more than 1 items"],
    ["a cluster mode object missing an attribute", { cluster_mode: [{ num_node_groups: 1 }] }, "must have required property 'replicas_per_node_group'"],
    ["a CIDR block out of range", { allow_connections_from_cidr_blocks: ["10.0.0.0/33"] }, "/allow_connections_from_cidr_blocks/0 must match pattern"],
    ["no subnets", { subnet_ids: [] }, "/subnet_ids must NOT have fewer than 1 items"],
    ["a tag value too long", { tags: { team: "x".repeat(257) } }, "/tags/team must NOT have more than 256 characters"],
    ["a string for a bool", { enable_multi_az: "yes" }, "/enable_multi_az must be boolean"],
  ])("rejects %s", (_label, overrides, message) => {
    const inputs = { ...SCENARIOS[0].inputs, ...overrides };
    expect(errorsOf(JSON.parse(JSON.stringify(inputs))).join("\n")).toContain(message);
  });
});
