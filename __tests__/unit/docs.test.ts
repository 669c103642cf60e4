import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderInputsDoc, renderSchema } from "../../tools/docs";
import { code, textCell } from "../../lib/text/markdown";
import { terraformValue } from "../../lib/text/notation";
import Ajv from "ajv/dist/2020";
import { ALARM_KINDS, EXPECTED_OUTPUTS, EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES } from "../helpers/spec";
import { SCENARIOS } from "../../tools/scenarios";

/** The spec's inputs in its order, and its outputs in the order the reference lists them. */
const INPUT_NAMES = [EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES].flatMap(Object.keys);
const OUTPUT_NAMES = [
  "cache_port",
  "cache_cluster_ids",
  "cache_node_id",
  "primary_endpoint",
  "configuration_endpoint",
  "reader_endpoint",
  "security_group_id",
  "service_dns_mappings",
  "tls_server_name",
];

/** A terminal's width: `cat help` must not wrap. */
const TERMINAL_WIDTH = 100;

const root = join(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const readme = read("README.md");
const help = read("help");
const reference = read("docs/inputs.md");

/** The text under a `## ` heading of the reference, up to the next one. */
function referenceSection(heading: string): string {
  const start = reference.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/inputs.md has no heading "## ${heading}"`);
  const next = reference.indexOf("\n## ", start + 1);
  return reference.slice(start, next < 0 ? undefined : next);
}

/** First cell of every body row of a Markdown table, without its backticks. */
function firstColumn(table: string): string[] {
  return table
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(2)
    .map((line) => line.split(" | ")[0].slice(2).replace(/`/g, ""));
}

describe("generated docs", () => {
  it("docs/inputs.md is what the generator produces", () => {
    expect(renderInputsDoc(), "docs/inputs.md is out of date: run npm run docs").toBe(reference);
  });

  it("lists every input, output and alarm in the reference tables, in order", () => {
    expect(firstColumn(referenceSection("Inputs"))).toEqual(INPUT_NAMES);
    expect(firstColumn(referenceSection("Outputs"))).toEqual(OUTPUT_NAMES);
    expect([...OUTPUT_NAMES].sort()).toEqual(EXPECTED_OUTPUTS);
    expect(firstColumn(referenceSection("Alarms"))).toEqual(
      ALARM_KINDS.map((a) => `aws_cloudwatch_metric_alarm.${a.resource}`),
    );
  });

  it("counts the inputs by origin", () => {
    expect(referenceSection("Inputs")).toContain(
      "59 inputs: the 26 of Gruntwork v0.85.0 (7 of them required), 9 that later Gruntwork releases added, and 24 of this module only.",
    );
  });

  it("tells the Gruntwork v0.85.0 inputs from later releases' and this module's own", () => {
    const rows = referenceSection("Inputs")
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
      ...Object.fromEntries(
        [
          "enable_auto_scaling",
          "auto_scale_dimension",
          "auto_scale_min_capacity",
          "auto_scale_max_capacity",
          "auto_scale_trigger_metric",
          "auto_scale_trigger_metric_target_value",
          "auto_scale_disable_scale_in",
          "auto_scale_scale_in_cooldown",
          "auto_scale_scale_out_cooldown",
          "create_route53_entry",
          "hosted_zone_id",
          "primary_domain_name",
          "reader_domain_name",
          "route53_record_ttl",
          "kubernetes_service_namespace",
          "share_snapshot_with_another_account",
          "share_snapshot_with_account_id",
          "share_snapshot_destination_bucket_arn",
          "share_snapshot_schedule_expression",
          "share_snapshot_max_snapshots",
          "enable_share_snapshot_cloudwatch_alarms",
          "backup_job_alarm_period",
        ].map((name) => [name, "this module only"]),
      ),
    };
    expect(since).toEqual(expected);
  });

  it("keeps help a short usage text within a terminal's width", () => {
    const long = help.split("\n").filter((line) => line.length > TERMINAL_WIDTH);
    expect(long, `lines longer than ${TERMINAL_WIDTH} columns`).toEqual([]);
    expect(help.split("\n").length).toBeLessThanOrEqual(60);
    for (const command of ["npm run synth", "npm test", "npm run docs", "npm run bench", "npm run fixtures", "redis-plan-review"]) {
      expect(help, command).toContain(command);
    }
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

/** Markdown files whose links must resolve: the README, the changelog, docs/ and the examples' pages. */
function markdownFiles(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return under(path);
      return entry.name.endsWith(".md") ? [path] : [];
    });
  return ["README.md", "CHANGELOG.md", ...under("docs"), ...under("examples")];
}

/** The text of a Markdown file outside fenced code blocks and code spans: where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^ *```[\s\S]*?^ *```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The anchors GitHub gives a file's headings: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/^ *```[\s\S]*?^ *```/gm, "").matchAll(/^#{1,6} +(.+)$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/`/g, "");
    const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every relative link of a file, as [target path from the root, anchor or ""]. */
function relativeLinks(file: string): [string, string][] {
  const links = [...prose(read(file)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  return links
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => {
      const [path, anchor = ""] = target.split("#");
      return [path === "" ? file : relative(root, join(root, dirname(file), decodeURIComponent(path))), anchor];
    });
}

describe("links in the docs", () => {
  const files = markdownFiles();

  it("finds the pages and their links", () => {
    expect(files).toEqual(expect.arrayContaining(["README.md", "docs/inputs.md", "docs/spec/module-interface.md"]));
    expect(relativeLinks("README.md").length).toBeGreaterThan(10);
    // The checker itself: GitHub's anchors for headings with code, punctuation and repeats.
    expect([...anchorsOf("# A `b` c: d\n## Why?\n## Why?\n```\n# not a heading\n```\n")]).toEqual([
      "a-b-c-d",
      "why",
      "why-1",
    ]);
  });

  it.each(files)("%s: every relative link points at a file, and every anchor at a heading", (file) => {
    const broken = relativeLinks(file).filter(([path, anchor]) => {
      if (!existsSync(join(root, path))) return true;
      return anchor !== "" && path.endsWith(".md") && !anchorsOf(read(path)).has(anchor);
    });
    expect(broken.map(([path, anchor]) => (anchor ? `${path}#${anchor}` : path))).toEqual([]);
  });

  it("the README links every page of docs/", () => {
    const linked = new Set(relativeLinks("README.md").map(([path]) => path));
    expect(files.filter((file) => file.startsWith("docs/") && !linked.has(file))).toEqual([]);
  });

  it("help names only files that exist", () => {
    const paths = [...help.matchAll(/(?<![\w/.-])((?:docs|examples|lib|bin|tools)\/[\w./-]*[\w/]|README\.md|CHANGELOG\.md)/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(3);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
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

describe("the Terragrunt example of service discovery", () => {
  const dir = join(__dirname, "..", "..", "examples", "terragrunt-service-discovery");
  it("sets only the module's inputs, and reads only its outputs", () => {
    const unit = readFileSync(join(dir, "redis", "terragrunt.hcl"), "utf8");
    const block = unit.slice(unit.indexOf("inputs = {"));
    const set = [...block.matchAll(/^\s+(\w+)\s+=/gm)].map(([, name]) => name);
    const inputs = { ...EXPECTED_VARIABLES, ...LATER_GRUNTWORK_VARIABLES, ...MODULE_ONLY_VARIABLES };
    expect(set.filter((name) => !(name in inputs))).toEqual([]);
    expect(set).toEqual(expect.arrayContaining(["create_route53_entry", "hosted_zone_id", "primary_domain_name", "kubernetes_service_namespace"]));
    const eks = readFileSync(join(dir, "eks-core-services", "terragrunt.hcl"), "utf8");
    const read = [...eks.matchAll(/dependency\.redis\.outputs\.(\w+)/g)].map(([, name]) => name);
    expect(read).toEqual(["service_dns_mappings"]);
    expect(read.every((name) => EXPECTED_OUTPUTS.includes(name))).toBe(true);
  });
});
