import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  beginMarker,
  cell,
  endMarker,
  HELP_WIDTH,
  renderHelp,
  renderReadme,
  replaceSection,
  sectionOf,
  terraformValue,
} from "../bin/docs";
import { ALARMS } from "../lib/alarms";
import { INPUTS } from "../lib/inputs";
import { OUTPUTS } from "../lib/outputs";

const root = join(__dirname, "..");
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
    expect(firstColumn(readmeSection("inputs"))).toEqual(INPUTS.map((i) => i.name));
    expect(firstColumn(readmeSection("outputs"))).toEqual(OUTPUTS.map((o) => o.name));
    expect(firstColumn(readmeSection("alarms"))).toEqual(
      ALARMS.map((a) => `aws_cloudwatch_metric_alarm.${a.resource}`),
    );
  });

  it("lists every input and output in help", () => {
    const reference = sectionOf(help, beginMarker("help", "reference"), endMarker("help", "reference"));
    const entries = reference
      .split("\n")
      .filter((line) => /^ {2}\S/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    for (const name of [...INPUTS.map((i) => i.name), ...OUTPUTS.map((o) => o.name)]) {
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
  });

  it("escapes pipes and newlines in table cells", () => {
    expect(cell("a | b\nc")).toBe("a \\| b c");
  });

  it("replaces only what lies between the markers, and fails without them", () => {
    const text = "head\nBEGIN\nold\nEND\ntail\n";
    expect(replaceSection(text, "BEGIN", "END", "new")).toBe("head\nBEGIN\nnew\nEND\ntail\n");
    expect(() => replaceSection("no markers", "BEGIN", "END", "x")).toThrow(/markers not found/);
  });
});
