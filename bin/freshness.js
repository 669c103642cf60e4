// Whether dist/ is older than the TypeScript it is compiled from, for bin/synth.js (which compiles
// then) and tools/bench.js (which flags runs that compiled).
//
// Sources are compared with a stamp written after each compile, not with the outputs: incremental
// tsc leaves an output untouched when its content does not change, so comparing with the outputs
// would make every later run recompile.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const STAMP = path.join(root, "dist", ".synth-stamp");

function sources(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** The inputs of the compile that are newer than its last run (all of them when dist/ is missing). */
function staleSources() {
  // The compile (bin/compile.js) also prunes outputs and writes the CDK Terrain target (bin/cdktn-target.js).
  const inputs = ["tsconfig.json", "main.ts", "bin/compile.js", "bin/cdktn-target.js", ...sources("lib"), ...sources("bin")];
  if (mtime(path.join(root, "dist", "main.js")) === -Infinity) return inputs;
  const built = mtime(STAMP);
  return inputs.filter((src) => mtime(path.join(root, src)) > built);
}

/** Records a successful compile that started at startedAt: a source saved during it stays stale. */
function markCompiled(startedAt) {
  fs.writeFileSync(STAMP, "");
  fs.utimesSync(STAMP, startedAt, startedAt);
}

module.exports = { staleSources, markCompiled };
