/**
 * The rules at their boundaries, fast: the whole bad-input matrix through the construct (the same
 * cases Terraform checks in __tests__/terraform/rules.test.ts), and each kind of rule on its own, just inside
 * and just outside. Expected values are the spec's (docs/spec/aws-constraints.md), not lib/'s.
 */
import { App, ref, Testing, TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import {
  atMostItems,
  eachAttribute,
  eachItem,
  excludes,
  matches,
  maxLength,
  notEmpty,
  orNull,
  tagLimits,
  wholeNumber,
} from "../../lib/rules/builders";
import { InvalidInputsError } from "../../lib/rules/literal-checks";
import { BASE, CASES, constructErrors } from "../helpers/bad-inputs";
import { renderedValue, withTempDir } from "../../tools/synth";
import { propsOf } from "../../tools/scenarios";

describe("the construct refuses bad input with the spec's messages", () => {
  it.each(CASES)("%s", (_label, overrides, messages) => {
    expect(constructErrors({ ...BASE, ...overrides }).sort()).toEqual([...messages].sort());
  });
});

/** Values a rule accepts and values it refuses. */
function expectRule(rule: { test: (value: any) => boolean }, accepted: unknown[], refused: unknown[]): void {
  for (const value of accepted) expect(rule.test(value), `accepts ${JSON.stringify(value)}`).toBe(true);
  for (const value of refused) expect(rule.test(value), `refuses ${JSON.stringify(value)}`).toBe(false);
}

describe("kinds of rule, just inside and just outside", () => {
  it("wholeNumber: the bounds are included, fractions and the next integers are not", () => {
    const rule = wholeNumber(1, 6);
    expectRule(rule, [1, 2, 6], [0, 7, 1.5, 5.999, -1, "3", null]);
    expect(rule.text).toBe("be a whole number from 1 to 6");
  });

  it("matches: the whole value, not a part of it", () => {
    const rule = matches("ab+", "be ab...");
    expectRule(rule, ["ab", "abbb"], ["a", "xab", "abx", "", 3, null]);
    expect(rule.schema).toEqual({ pattern: "^(?:ab+)$" });
  });

  it("maxLength: counts characters as Terraform does (code points, not UTF-16 units)", () => {
    const rule = maxLength(3, "be short");
    expectRule(rule, ["", "abc", "a😀b"], ["abcd", "😀😀😀😀", 3]);
  });

  it("excludes: the fragment anywhere", () => {
    expectRule(excludes("--", "no --"), ["a-b", "-a-", ""], ["a--b", "--", "a--"]);
  });

  it("notEmpty and atMostItems: one item, and one more than allowed", () => {
    expectRule(notEmpty("some"), [["a"], ["a", "b"]], [[], "a", null]);
    expectRule(atMostItems(1, "one"), [[], ["a"]], [["a", "b"], "a"]);
  });

  it("eachItem: every item, and an empty list", () => {
    const rule = eachItem(matches("x[0-9]", "be x and a digit"));
    expectRule(rule, [[], ["x1"], ["x1", "x2"]], [["x1", "y"], ["y"]]);
    expect(rule.text).toBe("have every item x and a digit");
  });

  it("eachAttribute: the named attribute of every object, by its Terraform name", () => {
    const rule = eachAttribute("num_node_groups", wholeNumber(1, 500));
    expectRule(
      rule,
      [[], [{ num_node_groups: 1 }], [{ num_node_groups: 500 }]],
      [[{ num_node_groups: 0 }], [{ num_node_groups: 501 }], [{ num_node_groups: 1 }, { num_node_groups: 0 }], [{ numNodeGroups: 1 }]],
    );
    expect(rule.text).toBe("have num_node_groups a whole number from 1 to 500");
  });

  it("tagLimits: keys and values at and over their limits", () => {
    const rule = tagLimits(128, 256);
    expectRule(
      rule,
      [{}, { ["k".repeat(128)]: "v".repeat(256) }],
      [{ ["k".repeat(129)]: "v" }, { k: "v".repeat(257) }],
    );
  });

  it("orNull: null and undefined pass, anything else meets the rule", () => {
    const rule = orNull(matches("a+", "be a's"));
    expectRule(rule, [null, undefined, "a"], ["b", ""]);
    expect(rule.text).toBe("be null or a's");
  });
});

/** A rule's condition on `var.x` as the module writes it. */
const conditionOn = (rule: { condition: (value: unknown) => unknown }) => renderedValue(() => rule.condition(ref("var.x")));

describe("each kind of rule as a Terraform condition and as JSON Schema", () => {
  it.each([
    ["wholeNumber", () => wholeNumber(1, 6), "${floor(var.x) == var.x && var.x >= 1 && var.x <= 6}", { type: "integer", minimum: 1, maximum: 6 }],
    ["matches", () => matches("a|b", "be a or b"), '${can(regex("^(?:a|b)$", var.x))}', { pattern: "^(?:a|b)$" }],
    ["maxLength", () => maxLength(3, "be short"), "${length(var.x) <= 3}", { maxLength: 3 }],
    ["excludes", () => excludes("--", "no --"), '${!strcontains(var.x, "--")}', undefined],
    ["notEmpty", () => notEmpty("some"), "${length(var.x) > 0}", { minItems: 1 }],
    ["atMostItems", () => atMostItems(1, "one"), "${length(var.x) <= 1}", { maxItems: 1 }],
    [
      "eachItem",
      () => eachItem(matches("x", "be x")),
      '${alltrue([for item in var.x : can(regex("^(?:x)$", item))])}',
      { items: { pattern: "^(?:x)$" } },
    ],
    ["eachItem of a rule without schema", () => eachItem(excludes("-", "no -")), '${alltrue([for item in var.x : (!strcontains(item, "-"))])}', undefined],
    [
      "eachAttribute",
      () => eachAttribute("n", wholeNumber(0, 5)),
      "${alltrue([for item in var.x : (floor(item.n) == item.n && item.n >= 0 && item.n <= 5)])}",
      { items: { properties: { n: { type: "integer", minimum: 0, maximum: 5 } } } },
    ],
    ["eachAttribute of a rule without schema", () => eachAttribute("n", excludes("-", "no -")), '${alltrue([for item in var.x : (!strcontains(item.n, "-"))])}', undefined],
    [
      "tagLimits",
      () => tagLimits(128, 256),
      "${alltrue([for key, val in var.x : length(key) <= 128 && length(val) <= 256])}",
      { propertyNames: { maxLength: 128 }, additionalProperties: { maxLength: 256 } },
    ],
    ["orNull", () => orNull(maxLength(3, "be short")), "${var.x == null ? true : (length(var.x) <= 3)}", { maxLength: 3 }],
  ] as const)("%s", (_kind, make, condition, schema) => {
    // Built here, not when the table is: a rule made at load time could not show a planted bug.
    const rule = make();
    expect(conditionOn(rule)).toBe(condition);
    expect(rule.schema).toEqual(schema);
  });

  it("tests the type of the value, not only its text", () => {
    expect(matches("[0-9]+", "be digits").test(12)).toBe(false);
    expect(excludes("--", "no --").test(["a", "--"])).toBe(false);
    expect(excludes("--", "no --").test(5)).toBe(false);
    expect(eachAttribute("n", wholeNumber(0, 5)).test(null)).toBe(true);
  });

  it("words the derived rules from the rule's text, dropping only a leading \"be \"", () => {
    expect(orNull(matches("x", "have a cube x")).text).toBe("be null or have a cube x");
    expect(eachItem(matches("x", "have a cube x")).text).toBe("have every item have a cube x");
    expect(eachAttribute("n", matches("x", "have a cube x")).text).toBe("have n have a cube x");
    expect(tagLimits(1, 2).text).toBe("have keys of at most 1 and values of at most 2 characters");
  });
});

describe("the construct's error", () => {
  it("lists every violation under the construct's path, and is an InvalidInputsError", () => {
    try {
      withTempDir((outdir) => {
        const stack = new TerraformStack(new App({ outdir }), "app");
        new ElastiCacheRedis(stack, "cache", propsOf({ ...BASE, port: 0, name: "a<b&c>" }));
      });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputsError);
      expect((error as Error).name).toBe("InvalidInputsError");
      // Values are shown as Terraform's jsonencode shows them (<, > and & escaped), so both front doors say the same.
      expect((error as Error).message).toBe(
        [
          "app/cache: 2 invalid input(s):",
          '  - Invalid name "a\\u003cb\\u0026c\\u003e": must be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.',
          "  - Invalid port 0: must be a whole number from 1 to 65535.",
        ].join("\n"),
      );
      return;
    }
    throw new Error("the construct accepted bad input");
  });

  it("writes a literal into a Terraform message so that it cannot read as a template", () => {
    const json = withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "app");
      const arn = new TerraformVariable(stack, "arn", { type: "string" });
      new ElastiCacheRedis(stack, "cache", { ...propsOf(BASE), snapshotName: "a${b}%{c}", snapshotArn: arn.stringValue });
      return JSON.parse(Testing.synth(stack));
    });
    const [rg] = Object.values<Record<string, any>>(json.resource.aws_elasticache_replication_group);
    const messages = rg.lifecycle.precondition.map((p: { error_message: string }) => p.error_message);
    expect(messages).toContain(
      'Invalid snapshot_name "a$${b}%%{c}", snapshot_arn ${jsonencode(var.arn)}: give at most one of snapshot_name and snapshot_arn.',
    );
  });
});
