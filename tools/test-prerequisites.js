#!/usr/bin/env node
// `pretest`: what `npm test` needs besides Terraform, fetched when it is missing, so that the
// README's test command passes on a fresh machine with nothing installed by hand:
// - the locked packages (`npm ci`), when node_modules has none;
// - cmark-gfm, which renders the plan review as GitHub does (tools/gfm.ts): Debian's package,
//   installed with apt-get as root or through passwordless sudo;
// - the CDK Terrain project that the package-consumer test adds the package to, whose AWS
//   bindings (provider 6.66.0) the provider 6 check also reads (__tests__/fixtures/cdktn-project:
//   cdktn, cdktn-cli, @cdktn/provider-aws and Node 22), installed into .test-work/.
// Terraform cannot be fetched that way: its absence is reported here, and tools/terraform.ts says
// how to provide the provider mirror the Terraform-backed tests plan with.
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function fail(message) {
  console.error(`npm test: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, "node_modules", "vitest", "package.json"))) {
  console.error("npm test: node_modules has no vitest: running npm ci");
  try {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  } catch {
    fail("npm ci failed (output above)");
  }
}

if (!onPath("cmark-gfm")) {
  const apt = process.getuid?.() === 0 ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  if (apt[0] === "sudo" && !onPath("sudo")) {
    fail("cmark-gfm is missing and this user cannot install it: run `apt-get install cmark-gfm` as root (the review tests render Markdown with it).");
  }
  console.error("npm test: cmark-gfm not found: installing the Debian package cmark-gfm");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "cmark-gfm"]]) {
    const result = spawnSync(apt[0], [...apt.slice(1), ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      encoding: "utf8",
    });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`.split("\n").slice(-20).join("\n"));
      fail(`apt-get ${args.join(" ")} failed: install cmark-gfm by hand (the review tests render Markdown with it).`);
    }
  }
  if (!onPath("cmark-gfm")) fail("apt-get installed cmark-gfm but it is not on PATH.");
}

const terraform = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
/** Terraform's version as [major, minor]; [0, 0] when it is missing or too old to answer in JSON. */
function terraformVersion() {
  try {
    return JSON.parse(terraform.stdout).terraform_version.split(".").map(Number);
  } catch {
    return [0, 0];
  }
}
const [major, minor] = terraform.status === 0 ? terraformVersion() : [0, 0];
if (major < 1 || (major === 1 && minor < 5)) {
  fail("the Terraform-backed tests need Terraform 1.5 or later on PATH (docs/development.md says how to run them offline).");
}

{
  // Installed once, and again when its lock changes (a stamp written after a complete install
  // holds the lock it installed); the test copies it (hard links) rather than installing it anew.
  const fixture = path.join(root, "__tests__", "fixtures", "cdktn-project");
  const installed = path.join(root, ".test-work", "cdktn-project");
  const stamp = path.join(installed, ".installed-lock.json");
  const lock = fs.readFileSync(path.join(fixture, "package-lock.json"), "utf8");
  const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  if (read(stamp) !== lock) {
    console.error("npm test: installing the CDK Terrain project of the package consumer test (__tests__/fixtures/cdktn-project) into .test-work/");
    fs.rmSync(installed, { recursive: true, force: true });
    fs.mkdirSync(installed, { recursive: true });
    for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(fixture, file), path.join(installed, file));
    // Its dev dependencies (the CLI, Node 22) and the `node` package's install script are needed
    // whatever the environment's npm settings say (NODE_ENV=production, omit, ignore-scripts).
    const args = ["ci", "--prefer-offline", "--include=dev", "--ignore-scripts=false", "--no-audit", "--no-fund", "--loglevel=error"];
    const result = spawnSync("npm", args, { cwd: installed, stdio: ["ignore", "ignore", "inherit"] });
    const missing = ["node", "cdktn"].filter((bin) => !fs.existsSync(path.join(installed, "node_modules", ".bin", bin)));
    if (result.status !== 0 || missing.length > 0) {
      fs.rmSync(installed, { recursive: true, force: true });
      fail(`npm ci of __tests__/fixtures/cdktn-project failed${missing.length > 0 ? ` (no ${missing.join(", ")} in node_modules/.bin)` : " (output above)"}: the CDK Terrain consumer test and the provider 6 check need it.`);
    }
    fs.writeFileSync(stamp, lock);
  }
}
