/**
 * What an editor offers in an empty props object, asked of TypeScript's language service as an
 * editor asks it: the props, and nothing of TerraformInputs, the other member of the union.
 */
import { join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { INPUTS } from "../../lib/inputs/table";
import { propName } from "../../lib/inputs/values";

const ROOT = join(__dirname, "..", "..");

it("offers exactly the props in an empty props object", () => {
  const file = join(ROOT, "completion-probe.ts");
  const text = [
    'import type { TerraformStack } from "cdktf";',
    'import { ElastiCacheRedis } from "./lib/construct/redis";',
    "declare const stack: TerraformStack;",
    'new ElastiCacheRedis(stack, "cache", {  });',
    "",
  ].join("\n");
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true };
  const read = (path: string) => (path === file ? text : ts.sys.readFile(path));
  const service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (path) => {
      const content = read(path);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (path) => path === file || ts.sys.fileExists(path),
    readFile: read,
  });
  const completions = service.getCompletionsAtPosition(file, text.indexOf("{  }") + 2, {});
  const offered = completions?.entries.map((entry) => entry.name).sort();
  expect(offered).toEqual(INPUTS.map((input) => propName(input.name)).sort());
});
