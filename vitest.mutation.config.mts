import { defineConfig } from "vitest/config";

/**
 * The test files StrykerJS runs against each mutant (npm run mutation): the fast ones, which load
 * lib/ in the test process, where Stryker switches mutants on. Files that run lib/ in a child
 * process (the CLI, npm run synth, tsc) cannot see a mutant and are left out.
 *
 * MUTATION_WITH_TERRAFORM=1 adds the Terraform-backed files: they kill more mutants (derivations
 * and conditions evaluated by Terraform itself) but take hours on two cores.
 */
const FAST = [
  "__tests__/synth/construct.test.ts",
  "__tests__/unit/docs.test.ts",
  "__tests__/unit/expressions.test.ts",
  "__tests__/synth/module-code.test.ts",
  "__tests__/synth/module.test.ts",
  "__tests__/unit/derivations.test.ts",
  "__tests__/unit/props.test.ts",
  "__tests__/unit/review.golden.test.ts",
  "__tests__/unit/review.scale.test.ts",
  "__tests__/unit/review.test.ts",
  "__tests__/unit/rules.test.ts",
  "__tests__/unit/security.test.ts",
  "__tests__/unit/types.test.ts",
  "__tests__/unit/warnings.test.ts",
  "__tests__/unit/windows.test.ts",
];

export default defineConfig({
  test: {
    include: process.env.MUTATION_WITH_TERRAFORM ? [...FAST, "__tests__/terraform/*.test.ts"] : FAST,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Mutants are switched on at run time, so the modules can stay loaded from one mutant's run
    // to the next: without isolation a run costs the tests' time, not cdktf's import time.
    isolate: false,
  },
});
