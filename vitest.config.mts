import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Terraform-backed tests run the provider binary (several seconds per plan).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A worker per core, not vitest's one less: the Terraform-backed files wait on terraform and
    // npm processes, so one file at a time left a core idle (a suite of 337 s took 221 s with two).
    maxWorkers: availableParallelism(),
    // .ci/run reads the JSON report to print its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: ".test-work/vitest-report.json" }]],
  },
});
