/**
 * The window arithmetic exists twice, in TypeScript and as Terraform expressions (the module's
 * validation blocks, its window locals and the overlap they feed). Terraform evaluates its version over a grid
 * of windows here, and every answer must equal TypeScript's.
 */
import { App, IResolvable, ref, Testing, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hcl } from "../../lib/expressions/hcl";
import {
  dailyMeetsWeekly,
  dailyWindow,
  dailyWindowRule,
  maintenanceWindowMinutes,
  snapshotWindowMinutes,
  weeklyWindow,
  weeklyWindowRule,
  windowsOverlap,
} from "../../lib/rules/windows";
import { withTempDir } from "../../tools/synth";
import { init, knownOutputs, makeWorkRoot, plan, removeWorkRoot, requireTerraform } from "../../tools/terraform";

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
    const window = Token.asString(ref("window"));
    const each = (list: string[], expression: IResolvable) => hcl`[for window in ${list} : ${expression}]`;
    new TerraformOutput(stack, "daily_rule", { value: each(daily, dailyWindowRule.condition(window)) });
    new TerraformOutput(stack, "weekly_rule", { value: each(weekly, weeklyWindowRule.condition(window)) });
    new TerraformOutput(stack, "daily_minutes", { value: each(daily, snapshotWindowMinutes.expression(window)) });
    new TerraformOutput(stack, "weekly_minutes", { value: each(weekly, maintenanceWindowMinutes.expression(window)) });
    // The overlap reads the minutes as the module's locals hold them.
    const minutes = (expression: IResolvable) => Token.asAny(expression) as never;
    const overlap = windowsOverlap.expression(
      minutes(snapshotWindowMinutes.expression(Token.asString(ref("p[0]")))),
      minutes(maintenanceWindowMinutes.expression(Token.asString(ref("p[1]")))),
    );
    new TerraformOutput(stack, "meets", { value: hcl`[for p in ${pairs} : ${overlap}]` });
    const allPairs = new TerraformVariable(stack, "all_pairs", { type: "list(list(string))" }).value;
    new TerraformOutput(stack, "meets_all", { value: hcl`[for p in ${allPairs} : ${overlap}]` });
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
    JSON.stringify({
      daily: DAILY,
      weekly: WEEKLY,
      pairs: wellFormedPairs,
      all_pairs: DAILY.flatMap((d) => WEEKLY.map((w) => [d, w])),
    }),
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

  it("snapshot window minutes (null when malformed)", async () => {
    expect((await outputs).daily_minutes).toEqual(DAILY.map((d) => dailyWindow(d) ?? null));
    expect(DAILY.map(dailyWindow)).toContainEqual({ start: 1380, length: 120 });
  });

  it("maintenance window minutes (null when malformed)", async () => {
    expect((await outputs).weekly_minutes).toEqual(WEEKLY.map((w) => weeklyWindow(w) ?? null));
    expect(WEEKLY.map(weeklyWindow)).toContainEqual({ start: 6 * 1440 + 23 * 60 + 30, length: 60 });
  });

  it("overlap of every pair, malformed ones included (never overlapping)", async () => {
    const allPairs = DAILY.flatMap((d) => WEEKLY.map((w) => [d, w] as const));
    const expected = allPairs.map(([d, w]) => windowsOverlap.literal(dailyWindow(d), weeklyWindow(w)));
    expect((await outputs).meets_all).toEqual(expected);
  });

  it(`overlap of every well-formed pair (${wellFormedPairs.length})`, async () => {
    const expected = wellFormedPairs.map(([d, w]) => dailyMeetsWeekly(dailyWindow(d)!, weeklyWindow(w)!));
    expect(expected).toContain(true);
    expect(expected).toContain(false);
    expect((await outputs).meets).toEqual(expected);
  });
});
