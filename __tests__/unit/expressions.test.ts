import { App, DefaultTokenResolver, ref, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization } from "cdktf";
import { describe, expect, it } from "vitest";
import { derive, deriveIn, isKnown } from "../../lib/expressions/derive";
import { hcl, isSelfDelimiting } from "../../lib/expressions/hcl";
import { alarmCount, alarmDescriptions, alarmNames, cidrRuleCount, memberIds, parameterGroupFamily, parameterGroupName } from "../../lib/expressions/derivations";
import { renderedValue } from "../../tools/synth";

/** What an output's value synthesizes to, with variables `name`, `size`, `list` and `env` in scope. */
const rendered = (build: (vars: Record<string, TerraformVariable>) => unknown) =>
  renderedValue(build, ["name", "size", "list", "env"]);

describe("hcl expression template", () => {
  it("keeps 0 and empty-string operands (cdktf's own operators drop them)", () => {
    expect(rendered((v) => hcl`${v.size.numberValue} == ${0} || ${v.name.stringValue} == ${""}`)).toBe(
      '${var.size == 0 || var.name == ""}',
    );
  });

  it("parenthesizes nested expressions so precedence survives", () => {
    const cond = hcl`${true} ? ${1} : ${2}`;
    expect(rendered(() => hcl`${cond} + 1`)).toBe("${(true ? 1 : 2) + 1}");
  });

  it("quotes literal strings and escapes template sequences in them", () => {
    expect(rendered(() => hcl`length(${'a"${b}%{c}'})`)).toBe('${length("a\\"$${b}%%{c}")}');
  });

  it("renders lists and objects as HCL literals", () => {
    expect(rendered(() => hcl`length(${["a", 1, null]}) + length(${{ k: "v" }})`)).toBe(
      '${length(["a", 1, null]) + length({"k" = "v"})}',
    );
  });

  it("renders list and string references without interpolation braces", () => {
    expect(rendered((v) => hcl`element(${v.list.listValue}, 0)`)).toBe("${element(var.list, 0)}");
  });

  it("turns a string mixing text and references into an HCL template", () => {
    expect(rendered((v) => hcl`upper(${`${v.env.stringValue}-cache`})`)).toBe('${upper("${var.env}-cache")}');
  });
});

describe("derive: TypeScript for literals, Terraform for tokens", () => {
  it("computes in TypeScript when every argument is a literal", () => {
    expect(derive(memberIds, "orders", 2, [])).toEqual(["orders-001", "orders-002"]);
  });

  it("emits the Terraform expression when an argument is a token", () => {
    const out = rendered((vars) => derive(memberIds, vars.name.stringValue, 2, []));
    expect(out).toMatch(/^\$\{concat\(.*var\.name.*\)\}$/);
    expect(out).not.toContain("orders");
  });

  it("counts a literal list holding tokens in TypeScript: its length is known", () => {
    expect(rendered((vars) => derive(cidrRuleCount, [vars.env.stringValue]))).toBe(1);
    expect(rendered((vars) => derive(cidrRuleCount, vars.list.listValue))).toBe("${length(var.list) > 0 ? 1 : 0}");
  });

  it("finds tokens nested in arrays and objects", () => {
    const token = Token.asString(ref("var.x"));
    expect(isKnown([{ a: "b" }, 1, true, null])).toBe(true);
    expect(isKnown([{ a: token }])).toBe(false);
    expect(isKnown({ tags: { team: token } })).toBe(false);
  });
});

describe("which operands need parentheses", () => {
  it.each([
    ["var.x", true],
    ["aws_security_group.redis-2.id", true],
    ["local.ids[0]", true],
    ["f(a, b)", true],
    ["formatlist(\"%s\", local.ids)[count.index]", true],
    ["[for x in y : x][0]", true],
    ["{ a = 1 }", true],
    ['"a b"', true],
    ['"a \\" b"', true],
    ['f(")", x)', true],
    ["f(a) + g(b)", false],
    ["!x", false],
    ["a ? b : c", false],
    ['"a" == x', false],
    ["-1", false],
    ["", false],
  ])("%s: self-delimiting %s", (text, expected) => {
    expect(isSelfDelimiting(text)).toBe(expected);
  });

  it("parenthesizes an operator expression spliced into another, and nothing else", () => {
    const inner = hcl`${ref("var.a")} + 1`;
    expect(rendered(() => hcl`${inner} * 2 == length(${hcl`concat(${ref("var.l")}, [])`})`)).toBe(
      "${(var.a + 1) * 2 == length(concat(var.l, []))}",
    );
  });
});

describe("hcl expression template, edge cases", () => {
  it("refuses a backslash in the template text, naming the expression", () => {
    expect(() => hcl`regex("\\.", ${"x"})`).toThrow('hcl: pass string literals with backslashes as operands: regex("\\.", ${…})');
    expect(() => hcl`length(${"a\\b"})`).not.toThrow();
  });

  it("renders null and undefined as null, and an empty object and list", () => {
    expect(rendered(() => hcl`coalesce(${null}, ${undefined}, ${{}}, ${[]})`)).toBe("${coalesce(null, null, {}, [])}");
  });

  it("renders a token inside an object or a list as its reference", () => {
    expect(rendered((v) => hcl`merge(${{ k: v.env.stringValue }}, ${[v.size.numberValue]})`)).toBe(
      '${merge({"k" = var.env}, [var.size])}',
    );
  });

  it("is a token string where a string is expected, and leaves a mixed string's text quoted", () => {
    expect(rendered(() => `prefix-${hcl`upper(${"x"})`}`)).toBe('prefix-${upper("x")}');
    expect(rendered((v) => hcl`${`a-${v.env.stringValue}-${v.name.stringValue}`} == ""`)).toBe('${"a-${var.env}-${var.name}" == ""}');
  });

  it("parenthesizes a token of an expression but not a plain reference", () => {
    const sum = Token.asNumber(hcl`${1} + ${2}`);
    expect(rendered((v) => hcl`${sum} * ${v.size.numberValue}`)).toBe("${(1 + 2) * var.size}");
    expect(rendered(() => hcl`${ref("local.ids[0]")} == ${ref("aws_x.y.id")}`)).toBe("${local.ids[0] == aws_x.y.id}");
  });
});

describe("derive's typing of the expression it returns", () => {
  it("types string, number and list expressions for the places they go", () => {
    const out = rendered((v) => ({
      string: derive({ kind: "string", literal: () => "x", expression: (s: string) => hcl`upper(${s})` }, v.env.stringValue),
      number: derive({ kind: "number", literal: () => 1, expression: (n: number) => hcl`${n} + 1` }, v.size.numberValue),
      list: derive({ kind: "list", literal: () => ["x"], expression: (l: string[]) => hcl`reverse(${l})` }, v.list.listValue),
      any: derive({ kind: "any", literal: () => 1, expression: (n: number) => hcl`${n} * 2` }, v.size.numberValue),
    }));
    expect(out).toEqual({
      string: "${upper(var.env)}",
      number: "${var.size + 1}",
      list: "${reverse(var.list)}",
      any: "${var.size * 2}",
    });
  });

  it("asks a derivation's own known() when it has one", () => {
    const derivation = { kind: "number" as const, known: () => true, literal: (l: string[]) => l.length, expression: () => hcl`0` };
    expect(derive(derivation, Token.asList(ref("var.list")))).toBe(1);
  });

  it("treats a token inside an array as unknown", () => {
    expect(isKnown([Token.asString(ref("var.x"))])).toBe(false);
    expect(isKnown(Token.asList(ref("var.x")))).toBe(false);
  });
});

describe("derivations with some arguments tokens", () => {
  it("counts alarms: none when alarms are off, whatever the members; per member otherwise", () => {
    const ids = Token.asList(ref("local.ids"));
    expect(derive(alarmCount, false, ids)).toBe(0);
    expect(derive(alarmCount, true, ["a", "b"])).toBe(2);
    expect(rendered(() => derive(alarmCount, true, ids))).toBe("${length(local.ids)}");
    expect(rendered((v) => derive(alarmCount, v.env.booleanValue, ["a", "b"]))).toBe('${var.env ? length(["a", "b"]) : 0}');
  });

  it("picks the parameter group: the given one when set, else the family's default", () => {
    expect(rendered((v) => derive(parameterGroupName, undefined, v.name.stringValue, []))).toBe(
      '${format("default.%s%s", var.name, (length([]) == 0) ? "" : ".cluster.on")}',
    );
    expect(rendered((v) => derive(parameterGroupFamily, "redis", v.name.stringValue))).toBe(
      '${"redis" == "valkey" ? format("valkey%s", split(".", var.name)[0]) : (tonumber(split(".", var.name)[0]) >= 7 ? "redis7" : tonumber(split(".", var.name)[0]) == 6 ? "redis6.x" : format("redis%s", join(".", slice(split(".", var.name), 0, 2))))}',
    );
    expect(rendered((v) => derive(parameterGroupName, v.env.stringValue, "redis7", []))).toBe(
      '${var.env != null ? var.env : format("default.%s%s", "redis7", (length([]) == 0) ? "" : ".cluster.on")}',
    );
  });

  it("fills in alarm names and descriptions per member", () => {
    expect(derive(alarmDescriptions, ["a-001", "a-002"], "cluster %s is hot")).toEqual(["cluster a-001 is hot", "cluster a-002 is hot"]);
    expect(rendered(() => derive(alarmNames, Token.asList(ref("local.ids")), "swap"))).toBe('${formatlist("%s-0001-swap", local.ids)}');
  });
});

describe("hcl templates of references", () => {
  it("writes two adjacent references as a template, not as one reference", () => {
    expect(rendered((v) => hcl`upper(${`${v.env.stringValue}${v.name.stringValue}`})`)).toBe('${upper("${var.env}${var.name}")}');
  });

  it("writes a reference after a template without braces of its own", () => {
    expect(rendered((v) => hcl`${`a-${v.env.stringValue}`} == ${v.name.stringValue}`)).toBe('${"a-${var.env}" == var.name}');
  });
});

describe("named locals", () => {
  it("reads a value derived twice from the same inputs through one local, and refuses a clash", () => {
    const stack = new TerraformStack(new App(), "locals");
    const derive = deriveIn(stack);
    const version = new TerraformVariable(stack, "version", { type: "string" }).stringValue;
    const first = derive(parameterGroupFamily, "redis", version);
    const again = derive(parameterGroupFamily, "redis", version);
    expect(Tokenization.resolve(again, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe(
      Tokenization.resolve(first, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) }),
    );
    expect(() => derive(parameterGroupFamily, "valkey", version)).toThrow(
      /local\.parameter_group_family is derived twice from different inputs/,
    );
  });
});
