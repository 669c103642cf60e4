#!/usr/bin/env node
// `npm run synth` (and the `app` of cdktf.json): runs the compiled app, dist/main.js (or the
// compiled app given as argument), which is several times faster than compiling on the fly;
// TypeScript is recompiled first only when a source is newer than its output.
//
// The app writes into a staging folder that replaces the output folder only when synthesis
// succeeds. When it fails, the output folder is removed too: no stack JSON is left behind that
// could be planned as if it were the result of this run.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { markCompiled, staleSources } = require("./freshness");

const root = path.resolve(__dirname, "..");

function fail(message, outdir, staging) {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  console.error(`synth failed; nothing was written to ${path.relative(process.cwd(), outdir) || "."}.\n${message}`);
  process.exit(1);
}

/** The cdktf CLI prints annotations itself; run on our own, print the warnings. */
function printWarnings(outdir) {
  if (process.env.CDKTF_CONTEXT_JSON) return;
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  for (const stack of Object.values(manifest.stacks)) {
    for (const annotation of stack.annotations) {
      console.error(`[${annotation.level.toUpperCase()}] ${annotation.constructPath}: ${annotation.message}`);
    }
  }
}

// The project's cdktf.out wherever the command is typed: the example stack's local state path
// is relative to it.
const outdir = path.resolve(process.env.CDKTF_OUTDIR || path.join(root, "cdktf.out"));
const staging = `${outdir}.staging-${process.pid}`;

if (staleSources().length > 0) {
  const startedAt = new Date();
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc");
  } catch {
    fail("dist/ is out of date and TypeScript is not installed: run npm ci (with dev dependencies).", outdir, staging);
  }
  try {
    execFileSync(process.execPath, [tsc, "-p", root], { stdio: "inherit" });
  } catch {
    fail("TypeScript did not compile (errors above).", outdir, staging);
  }
  markCompiled(startedAt);
}

process.env.CDKTF_OUTDIR = staging;
try {
  require(path.resolve(process.argv[2] || path.join(root, "dist", "main.js")));
} catch (error) {
  // Bad input is reported by its message alone; anything else keeps its stack for debugging.
  fail(error?.name === "InvalidInputsError" ? error.message : (error?.stack ?? String(error)), outdir, staging);
}
fs.rmSync(outdir, { recursive: true, force: true });
fs.renameSync(staging, outdir);
printWarnings(outdir);
