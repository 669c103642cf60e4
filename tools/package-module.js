#!/usr/bin/env node
// `npm run module`, and `npm pack`'s prepack (after the compile): writes module/cdk.tf.json, the
// drop-in module as this tree synthesizes it, module/snapshot-export.zip, its export job, and
// module-snapshot-destination/cdk.tf.json, the module the receiving account applies. All are
// committed, so that a Terragrunt unit can take them from a git tag, and shipped in the package
// for vendoring.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const { App } = require("cdktf");
const { RedisModuleStack } = require(path.join(root, "dist", "lib", "drop-in", "module-stack.js"));
const { SnapshotDestinationStack } = require(path.join(root, "dist", "lib", "drop-in", "destination-stack.js"));
const { JOB_PACKAGE } = require(path.join(root, "dist", "lib", "drop-in", "package-info.js"));
const { buildJobZip } = require("./snapshot-job");

const DESTINATION_STACK = "redis-snapshot-destination";
/** The destination module's folder: a Terragrunt unit takes it as `git::...//module-snapshot-destination`. */
const DESTINATION_FOLDER = "module-snapshot-destination";

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "redis-cdktf-module-"));
// The job's package first: the stack hashes it.
fs.mkdirSync(path.join(root, "module"), { recursive: true });
fs.writeFileSync(path.join(root, "module", JOB_PACKAGE), buildJobZip());
try {
  const app = new App({ outdir, stackTraces: false });
  new RedisModuleStack(app, "redis");
  new SnapshotDestinationStack(app, DESTINATION_STACK);
  app.synth();
  fs.copyFileSync(path.join(outdir, "stacks", "redis", "cdk.tf.json"), path.join(root, "module", "cdk.tf.json"));
  fs.mkdirSync(path.join(root, DESTINATION_FOLDER), { recursive: true });
  fs.copyFileSync(path.join(outdir, "stacks", DESTINATION_STACK, "cdk.tf.json"), path.join(root, DESTINATION_FOLDER, "cdk.tf.json"));
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
