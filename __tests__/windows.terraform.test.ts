import { App, ref, Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hcl } from "../lib/hcl";
import { dailyMeetsWeekly, dailyMeetsWeeklyExpression, dailyWindow, dailyWindowRule, weeklyWindow, weeklyWindowRule } from "../lib/windows";
import { withTempDir } from "./helpers/synth";
import { init, knownOutputs, makeWorkRoot, plan, removeWorkRoot, requireTerraform } from "./helpers/terraform";

/**
 * The window arithmetic exists twice, in TypeScript and as Terraform expressions (the module's
 * validation blocks and the overlap precondition). Terraform evaluates its version over a grid
 * of windows here, and every answer must equal TypeScript's.
 */

const DAILY = [
  "",
  "00:00-01:00",
  "06:00-07:00",
  "07:30-08:30",
  "08:00-09:00",
  "12:00-12:59",
  "23:00-01:00",
  "23:30-00:30",
  "05:00-05:00",
  "5:00-6:00",
  "24:00-01:00",
];
const WEEKLY = [
  "sat:07:00-sat:08:00",
  "sat:23:30-sun:00:30",
  "sun:00:00-sun:00:30",
  "tue:23:30-wed:00:30",
  "mon:10:00-tue:10:00",
  "wed:00:00-wed:01:00",
  "fri:07:59-fri:09:00",
  "Sat:07:00-Sat:08:00",
  "sat:07:00-sat:08",
];

const wellFormedPairs = DAILY.flatMap((d) => WEEKLY.map((w) => [d, w] as const)).filter(
  ([d, w]) => dailyWindow(d) && weeklyWindow(w),
);

function windowsModule(): string {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "windows");
    const daily = new TerraformVariable(stack, "daily", { type: "list(string)" }).listValue;
    const weekly = new TerraformVariable(stack, "weekly", { type: "list(string)" }).listValue;
    const pairs = new TerraformVariable(stack, "pairs", { type: "list(list(string))" }).value;
    const w = ref("w");
    new TerraformOutput(stack, "daily_rule", { value: hcl`[for w in ${daily} : ${dailyWindowRule.condition(w)}]` });
    new TerraformOutput(stack, "weekly_rule", { value: hcl`[for w in ${weekly} : ${weeklyWindowRule.condition(w)}]` });
    new TerraformOutput(stack, "meets", {
      value: hcl`[for p in ${pairs} : ${dailyMeetsWeeklyExpression(ref("p[0]"), ref("p[1]"))}]`,
    });
    return Testing.synth(stack);
  });
}

let workRoot: string | undefined;
let outputs: Promise<Record<string, unknown>>;

beforeAll(async () => {
  requireTerraform();
  workRoot = await makeWorkRoot();
  const dir = join(workRoot, "windows");
  await mkdir(dir);
  await writeFile(join(dir, "main.tf.json"), windowsModule());
  await writeFile(
    join(dir, "terraform.tfvars.json"),
    JSON.stringify({ daily: DAILY, weekly: WEEKLY, pairs: wellFormedPairs }),
  );
  outputs = init(dir).then(() => plan(dir)).then(knownOutputs);
  await outputs.catch(() => undefined);
});

afterAll(() => removeWorkRoot(workRoot));

describe("windows: Terraform's expressions equal the TypeScript functions", () => {
  it("snapshot_window rule", async () => {
    expect((await outputs).daily_rule).toEqual(DAILY.map(dailyWindowRule.test));
  });

  it("maintenance_window rule", async () => {
    expect((await outputs).weekly_rule).toEqual(WEEKLY.map(weeklyWindowRule.test));
  });

  it(`overlap of every well-formed pair (${wellFormedPairs.length})`, async () => {
    const expected = wellFormedPairs.map(([d, w]) => dailyMeetsWeekly(dailyWindow(d)!, weeklyWindow(w)!));
    expect(expected).toContain(true);
    expect(expected).toContain(false);
    expect((await outputs).meets).toEqual(expected);
  });
});
