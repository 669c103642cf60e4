/**
 * The node type checks exist twice, in TypeScript and as Terraform expressions (instance_type's
 * rule and the nearest types its message names, the unknown-type warning, data tiering, the auto
 * scaling pattern). Terraform evaluates its version for every type of the table and a set of odd
 * names here, and every answer must equal TypeScript's: the regular expressions mean the same in
 * RE2, and the nearest-type search ranks alike.
 */
import { App, ref, Testing, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataTieringEnabled, instanceTypeNearest, nodeTypeNames } from "../../lib/expressions/derivations";
import { deriveIn } from "../../lib/expressions/derive";
import { hcl } from "../../lib/expressions/hcl";
import { AUTO_SCALING_NODE_TYPE, NODE_TYPE_NAMES, supportsAutoScaling } from "../../lib/inputs/node-types";
import type { InputValues, LiteralValues } from "../../lib/inputs/values";
import { nodeTypeRule } from "../../lib/rules/node-types";
import { WARNINGS } from "../../lib/rules/warnings";
import { withTempDir } from "../../tools/synth";
import { init, knownOutputs, makeWorkRoot, plan, removeWorkRoot, requireTerraform } from "../../tools/terraform";

const ODD = [
  "",
  "t3.micro",
  "m5.large",
  "cache.m5.larg",
  "cache.m5.LARGE",
  "CACHE.R7G.XLARGE",
  "cache.t3.mirco",
  "cache.r6g",
  "cache.r6gd",
  "cache.r6gd.large",
  "cache.r6gd.24xlarge",
  "cache.r6gd.xlarge ",
  "xcache.r6gd.xlarge",
  "cache.r7g.48xlarge",
  "cache.m9g.large",
  "cache.m3.medium",
  "cache.m5.metal",
  "cache.m5.1xlarge",
  "cache.m5.100xlarge",
  "cache.x2iedn.99xlarge",
  "cache..large",
  "cach.m5.large",
  "cache.m5.large ",
  "cache.m5.large\n",
  "cache.m5-large",
  "cache.é5.large",
];
const NAMES = [...NODE_TYPE_NAMES, ...ODD];

const known = WARNINGS.find((warning) => warning.id === "instance_type_known")!;

function nodeTypesModule(): string {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "node-types");
    const names = new TerraformVariable(stack, "names", { type: "list(string)" }).listValue;
    // The table as the module holds it: a local of the construct's scope.
    const derive = deriveIn(stack);
    const table = derive(nodeTypeNames);
    const name = Token.asString(ref("name"));
    const each = (expression: unknown) => hcl`[for name in ${names} : ${expression}]`;
    new TerraformOutput(stack, "well_formed", { value: each(nodeTypeRule.condition(name)) });
    new TerraformOutput(stack, "known", { value: each(known.condition({ instance_type: name } as InputValues, derive)) });
    new TerraformOutput(stack, "nearest", { value: each(instanceTypeNearest.expression(name, table)) });
    new TerraformOutput(stack, "data_tiering", { value: each(dataTieringEnabled.expression(name)) });
    new TerraformOutput(stack, "auto_scaling", {
      value: each(hcl`can(regex(${`^(?:${AUTO_SCALING_NODE_TYPE})$`}, ${name}))`),
    });
    return Testing.synth(stack);
  });
}

let workRoot: string | undefined;
let outputs: Promise<Record<string, unknown>>;

beforeAll(async () => {
  requireTerraform();
  workRoot = await makeWorkRoot();
  const dir = join(workRoot, "node-types");
  await mkdir(dir);
  await writeFile(join(dir, "main.tf.json"), nodeTypesModule());
  await writeFile(join(dir, "terraform.tfvars.json"), JSON.stringify({ names: NAMES }));
  outputs = init(dir).then(() => plan(dir)).then(knownOutputs);
  await outputs.catch(() => undefined);
});

afterAll(() => removeWorkRoot(workRoot));

describe("node types: Terraform's expressions equal the TypeScript functions", () => {
  it("instance_type's rule (well formed)", async () => {
    const expected = NAMES.map(nodeTypeRule.test);
    expect(expected.filter(Boolean)).toHaveLength(NODE_TYPE_NAMES.length + 6);
    expect((await outputs).well_formed).toEqual(expected);
  });

  it("the unknown-type warning (holds for malformed names, which their rule reports)", async () => {
    const expected = NAMES.map((name) => known.test({ instance_type: name } as LiteralValues));
    expect(expected.filter((holds) => !holds)).toHaveLength(6);
    expect((await outputs).known).toEqual(expected);
  });

  it("the two known types nearest each name", async () => {
    const expected = NAMES.map((name) => instanceTypeNearest.literal(name, NODE_TYPE_NAMES));
    expect(expected.slice(0, NODE_TYPE_NAMES.length).map(([first]) => first)).toEqual(NODE_TYPE_NAMES);
    expect((await outputs).nearest).toEqual(expected);
  });

  it("data tiering (true, else null)", async () => {
    const expected = NAMES.map((name) => dataTieringEnabled.literal(name) ?? null);
    expect(expected.filter((on) => on)).toHaveLength(8);
    expect((await outputs).data_tiering).toEqual(expected);
  });

  it("the auto scaling pattern", async () => {
    const expected = NAMES.map(supportsAutoScaling);
    expect(expected.filter(Boolean)).toHaveLength(24);
    expect((await outputs).auto_scaling).toEqual(expected);
  });
});
