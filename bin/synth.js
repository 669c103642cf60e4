#!/usr/bin/env node
// `npm run synth`: runs the compiled app (dist/main.js), which is several times faster than
// compiling on the fly. TypeScript is recompiled first only when a source is newer than its output.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function sources(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

function mtime(rel) {
  try {
    return fs.statSync(path.join(root, rel)).mtimeMs;
  } catch {
    return -Infinity;
  }
}

const outputOf = (src) => path.join("dist", src.replace(/\.ts$/, ".js"));
const stale =
  mtime("tsconfig.json") > mtime("dist/main.js") ||
  ["main.ts", ...sources("lib")].some((src) => mtime(src) > mtime(outputOf(src)));
if (stale) {
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", root], { stdio: "inherit" });
  } catch {
    console.error("synth: TypeScript did not compile (errors above); nothing was synthesized.");
    process.exit(1);
  }
}
require(path.join(root, "dist", "main.js"));
