#!/usr/bin/env node
// `npm run module`, and `npm pack`'s prepack (after the compile): writes module/cdk.tf.json, the
// drop-in module as this tree synthesizes it. It is committed, so that a Terragrunt unit can take
// it from a git tag, and shipped in the package for vendoring.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const { App } = require("cdktf");
const { RedisModuleStack } = require(path.join(root, "dist", "lib", "drop-in", "module-stack.js"));

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "redis-cdktf-module-"));
try {
  const app = new App({ outdir, stackTraces: false });
  new RedisModuleStack(app, "redis");
  app.synth();
  fs.mkdirSync(path.join(root, "module"), { recursive: true });
  fs.copyFileSync(path.join(outdir, "stacks", "redis", "cdk.tf.json"), path.join(root, "module", "cdk.tf.json"));
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
