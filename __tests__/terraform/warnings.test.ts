/**
 * Warnings (docs/spec/aws-constraints.md): advice that never stops a synth or a plan. The construct reports
 * them as cdktf annotations; the module as `check` blocks, which plan prints as warnings. Both must
 * say the same for the same inputs.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Diagnostics, planDiagnostics, prepareHarness } from "../helpers/rules-harness";
import { synthModule } from "../../tools/synth";
import { makeWorkRoot, removeWorkRoot, requireTerraform } from "../../tools/terraform";
import { CASES, QUIET } from "../helpers/warning-cases";

let workRoot: string | undefined;
const planned = new Map<string, Promise<Diagnostics>>();

beforeAll(async () => {
  requireTerraform();
  workRoot = await makeWorkRoot();
  const dir = join(workRoot, "harness");
  await prepareHarness(dir, synthModule());
  for (const [i, [label, overrides]] of CASES.entries()) {
    planned.set(label, planDiagnostics(dir, `case-${i}`, { ...QUIET, ...overrides }));
  }
  await Promise.allSettled(planned.values());
});

afterAll(() => removeWorkRoot(workRoot));

describe("warnings: terraform plan's check blocks", () => {
  it.each(CASES)("%s", async (label, _overrides, warnings) => {
    const diagnostics = await planned.get(label)!;
    expect(diagnostics.errors).toEqual([]);
    expect(diagnostics.warnings.sort()).toEqual([...warnings].sort());
  });
});
