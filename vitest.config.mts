import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Terraform-backed tests run the provider binary (several seconds per plan).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // .ci/run reads the JSON report to print its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: ".test-work/vitest-report.json" }]],
  },
});
