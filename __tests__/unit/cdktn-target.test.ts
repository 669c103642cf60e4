/**
 * The CDK Terrain target as the build writes it (bin/cdktn-target.js), on a small compiled tree
 * whose expected copy is written out here by hand. The package-consumer test installs and runs
 * the real one under CDK Terrain.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDir } from "../../tools/synth";
// A CommonJS build script, untyped: its one function is typed here.
const { writeCdktnTarget } = require("../../bin/cdktn-target") as { writeCdktnTarget: (dist: string) => string[] };

const COMPILED: Record<string, string> = {
  "index.js": 'const redis_1 = require("./construct/redis");\nconst review_1 = require("./review/index");\n',
  "index.d.ts": 'export { Redis } from "./construct/redis";\nexport { review } from "./review/index";\n',
  "construct/redis.js":
    'const cdktf_1 = require("cdktf");\nconst s3_1 = require("@cdktf/provider-aws/lib/s3-bucket");\nconst names_1 = require("../text/names");\nconst props_1 = require("../inputs/props");\n',
  "construct/redis.d.ts": 'import { Construct } from "constructs";\nimport type { Props } from "../inputs/props";\n',
  // Type-only imports of cdktf: erased from the JavaScript, kept in the typings.
  "inputs/props.js": '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n',
  // In single quotes, as tsc keeps them in typings when the source has them.
  "inputs/props.d.ts": "import type { IResolvable } from 'cdktf';\nexport interface Props { readonly token: string | IResolvable; }\n",
  "text/names.js": 'const node_path_1 = require("node:path");\n',
  // An import cycle whose way to cdktf is through the module it was entered from.
  "cycle/first.js": 'const second_1 = require("./second");\nconst cdktf_1 = require("cdktf");\n',
  "cycle/second.js": 'const first_1 = require("./first");\n',
  "text/names.d.ts": "export declare function names(): string[];\n",
  "review/index.js": 'const names_1 = require("../text/names");\n',
  "review/index.d.ts": 'export declare function review(plan: import("../text/names").Plan): string;\n',
  "drop-in/module-stack.js": 'const cdktf_1 = require("cdktf");\nconst redis_1 = require("../construct/redis");\nconst names_1 = require("../text/names");\n',
  "drop-in/module-stack.d.ts": 'import { TerraformStack } from "cdktf";\nimport type { Second } from "../cycle/second";\n',
  // Not reachable from an entry point (a leftover of an earlier compile): not copied.
  "old/leftover.js": 'const cdktf_1 = require("cdktf");\n',
};

function compiledTree(dist: string): void {
  for (const [file, text] of Object.entries(COMPILED)) {
    mkdirSync(dirname(join(dist, "lib", file)), { recursive: true });
    writeFileSync(join(dist, "lib", file), text);
  }
}

describe("the CDK Terrain target", () => {
  it("copies the modules that reach a CDK package, through their JavaScript or their typings, and no other", () =>
    withTempDir((dist) => {
      compiledTree(dist);
      expect(writeCdktnTarget(dist)).toEqual(["construct/redis", "cycle/first", "cycle/second", "drop-in/module-stack", "index", "inputs/props"]);
      for (const file of ["text/names.js", "review/index.js", "old/leftover.js"]) expect(existsSync(join(dist, "cdktn", file))).toBe(false);
    }));

  it("renames the CDK packages, keeps relative imports among copies, and points the others back into dist/lib", () =>
    withTempDir((dist) => {
      compiledTree(dist);
      writeCdktnTarget(dist);
      const copy = (file: string) => readFileSync(join(dist, "cdktn", file), "utf8");
      expect(copy("construct/redis.js")).toBe(
        'const cdktf_1 = require("cdktn");\nconst s3_1 = require("@cdktn/provider-aws/lib/s3-bucket");\nconst names_1 = require("../../lib/text/names");\nconst props_1 = require("../inputs/props");\n',
      );
      expect(copy("construct/redis.d.ts")).toBe(COMPILED["construct/redis.d.ts"]);
      expect(copy("inputs/props.d.ts")).toBe("import type { IResolvable } from 'cdktn';\nexport interface Props { readonly token: string | IResolvable; }\n");
      expect(copy("index.js")).toBe('const redis_1 = require("./construct/redis");\nconst review_1 = require("../lib/review/index");\n');
      expect(copy("index.d.ts")).toBe('export { Redis } from "./construct/redis";\nexport { review } from "../lib/review/index";\n');
      expect(copy("drop-in/module-stack.js")).toBe(
        'const cdktf_1 = require("cdktn");\nconst redis_1 = require("../construct/redis");\nconst names_1 = require("../../lib/text/names");\n',
      );
    }));

  it("refuses a relative import it cannot resolve to a compiled module, rather than guess", () =>
    withTempDir((dist) => {
      compiledTree(dist);
      writeFileSync(join(dist, "lib", "index.js"), 'const data_1 = require("./data.json");\n');
      expect(() => writeCdktnTarget(dist)).toThrow('index: cannot resolve "./data.json" to a compiled module of dist/lib/');
    }));

  it("is written afresh: a module no longer copied does not linger", () =>
    withTempDir((dist) => {
      compiledTree(dist);
      mkdirSync(join(dist, "cdktn", "gone"), { recursive: true });
      writeFileSync(join(dist, "cdktn", "gone", "stale.js"), "");
      writeCdktnTarget(dist);
      expect(existsSync(join(dist, "cdktn", "gone"))).toBe(false);
    }));
});
