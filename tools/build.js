#!/usr/bin/env node
// `npm run build`, and `prepare`: npm runs prepare after `npm ci` here and when the package is
// installed from a git URL, where no compiled JavaScript is committed. Stamps the compile the way
// bin/synth.js does, so the next synth does not compile again.
"use strict";
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const { markCompiled } = require("../bin/freshness");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  console.error("build failed: TypeScript is not installed: run npm ci (with dev dependencies).");
  process.exit(1);
}
const startedAt = new Date();
try {
  execFileSync(process.execPath, [tsc, "-p", root], { stdio: "inherit" });
} catch {
  console.error("build failed: TypeScript did not compile (errors above).");
  process.exit(1);
}
markCompiled(startedAt);
