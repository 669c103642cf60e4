// The compile that `npm run build` (tools/build.js, and npm's `prepare` and `prepack`) and
// bin/synth.js run: TypeScript into dist/ (the cdktf target, dist/lib/), then the CDK Terrain
// target (dist/cdktn/) from it, then the stamp that tells later runs dist/ is fresh.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { writeCdktnTarget } = require("./cdktn-target");
const { markCompiled } = require("./freshness");

const root = path.resolve(__dirname, "..");

/**
 * Removes the outputs of TypeScript files that no longer exist. tsc never deletes an output, so a
 * moved or deleted module would otherwise stay in dist/ and be packed by `npm pack`.
 */
function pruneOrphans(dist) {
  for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
    // parentPath from Node 20.12; path, its older name, before (package.json allows Node 20.0).
    const output = path.join(entry.parentPath ?? entry.path, entry.name);
    const match = /^(.*)\.(js|d\.ts)$/.exec(path.relative(dist, output));
    if (entry.isFile() && match && !match[1].startsWith(`cdktn${path.sep}`) && !fs.existsSync(path.join(root, `${match[1]}.ts`))) {
      fs.rmSync(output);
    }
  }
}

/** Compiles both targets; returns why it failed (the compiler's own errors are on stderr), or undefined. */
function compile() {
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  } catch {
    return "TypeScript is not installed: run npm ci (with dev dependencies).";
  }
  const startedAt = new Date();
  try {
    execFileSync(process.execPath, [tsc, "-p", root], { stdio: "inherit" });
  } catch {
    return "TypeScript did not compile (errors above).";
  }
  pruneOrphans(path.join(root, "dist"));
  writeCdktnTarget(path.join(root, "dist"));
  markCompiled(startedAt);
  return undefined;
}

module.exports = { compile };
