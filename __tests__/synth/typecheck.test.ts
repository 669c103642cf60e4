import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);

// vitest strips types without checking them; this keeps tests, scripts and library honest to tsc.
it("type-checks the library, the scripts and the tests (npm run typecheck)", async () => {
  const root = join(__dirname, "..", "..");
  const result = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.check.json"], {
    cwd: root,
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
  expect(result.stdout).toBe("");
  expect(result).not.toHaveProperty("failed");
});
