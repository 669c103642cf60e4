import { App, ref, Testing, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { derive, isKnown } from "../lib/derive";
import { hcl } from "../lib/hcl";
import { cidrRuleCount, memberIds } from "../lib/naming";
import { withTempDir } from "./helpers/synth";

/** What an output's value synthesizes to, with variables `name`, `size`, `list` and `env` in scope. */
function rendered(build: (vars: Record<string, TerraformVariable>) => unknown): unknown {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    const vars = Object.fromEntries(["name", "size", "list", "env"].map((n) => [n, new TerraformVariable(stack, n, {})]));
    new TerraformOutput(stack, "out", { value: build(vars) });
    return JSON.parse(Testing.synth(stack)).output.out.value;
  });
}

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
