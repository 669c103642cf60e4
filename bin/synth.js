#!/usr/bin/env node
// `npm run synth` (and the `app` of cdktf.json): runs the compiled app, dist/main.js (or the
// compiled app given as argument), which is several times faster than compiling on the fly;
// TypeScript is recompiled first only when a source is newer than its output.
//
// The app writes into a staging folder that replaces the output folder only when synthesis
// succeeds. When it fails, the output folder is removed too: no stack JSON is left behind that
// could be planned as if it were the result of this run.
//
// Runs started at once in the same checkout (CI jobs in parallel) take turns: each holds a lock
// folder beside the output folder while it compiles, synthesizes and swaps the output in, so
// every run succeeds and the output folder is always one run's complete result.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { compile } = require("./compile");
const { staleSources } = require("./freshness");

const root = path.resolve(__dirname, "..");

function fail(message, outdir, staging) {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  console.error(`synth failed; nothing was written to ${path.relative(process.cwd(), outdir) || "."}.\n${message}`);
  process.exit(1);
}

/**
 * The cdktf CLI prints annotations itself; run on our own, print the warnings. Written
 * synchronously: the process exits right after, and on some systems stderr to a pipe is
 * asynchronous.
 */
function printWarnings(outdir) {
  if (process.env.CDKTF_CONTEXT_JSON) return;
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const lines = Object.values(manifest.stacks).flatMap((stack) =>
    stack.annotations.map((a) => `[${a.level.toUpperCase()}] ${a.constructPath}: ${a.message}\n`),
  );
  if (lines.length > 0) fs.writeSync(2, lines.join(""));
}

/**
 * Runs the app without formatting the call stacks that cdktf captures into plain objects: one per
 * token it creates (about 150 here, some 30 frames each), kept only to be quoted should that token
 * fail to resolve. Formatting them takes 20-30 ms, a third of the app's own time. (Annotations'
 * stack traces are captured the same way; main.ts turns them off.) Errors are formatted as usual;
 * `node dist/main.js` keeps the token stacks, to debug a resolution error.
 */
function runWithoutCapturedStacks(app) {
  const previous = Error.prepareStackTrace;
  const format = previous ?? ((error, frames) => [String(error), ...frames].join("\n    at "));
  Error.prepareStackTrace = (target, frames) => (target instanceof Error ? format(target, frames) : "");
  try {
    require(app);
  } finally {
    Error.prepareStackTrace = previous;
  }
}

// The project's cdktf.out wherever the command is typed: the example stack's local state path
// is relative to it.
const outdir = path.resolve(process.env.CDKTF_OUTDIR || path.join(root, "cdktf.out"));
const staging = `${outdir}.staging-${process.pid}`;
const lock = `${outdir}.lock`;
const LOCK_WAIT_MS = 120_000;

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

const pidOfLock = () => {
  try {
    return Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    return undefined;
  }
};

/** A lock left by a run that is no longer running (killed, or crashed). */
function lockAbandoned() {
  const pid = pidOfLock();
  if (Number.isInteger(pid) && pid > 0) return !isRunning(pid);
  // A lock whose owner has not written its pid yet is a few milliseconds old.
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > 10_000;
  } catch {
    return false;
  }
}

function acquireLock() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      process.on("exit", () => {
        if (pidOfLock() === process.pid) fs.rmSync(lock, { recursive: true, force: true });
      });
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (lockAbandoned()) fs.rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) {
      console.error(`synth failed: another synth has held ${lock} for ${LOCK_WAIT_MS / 1000} s; remove it if none is running.`);
      process.exit(1);
    } else Atomics.wait(pause, 0, 0, 50);
  }
}

/** Staging folders of runs that died before swapping them in. */
function removeAbandonedStaging() {
  const prefix = `${path.basename(outdir)}.staging-`;
  for (const name of fs.readdirSync(path.dirname(outdir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!isRunning(pid)) fs.rmSync(path.join(path.dirname(outdir), name), { recursive: true, force: true });
  }
}

acquireLock();
removeAbandonedStaging();

if (staleSources().length > 0) {
  const failure = compile();
  if (failure) fail(`dist/ is out of date and did not compile: ${failure}`, outdir, staging);
}

process.env.CDKTF_OUTDIR = staging;
try {
  runWithoutCapturedStacks(path.resolve(process.argv[2] || path.join(root, "dist", "main.js")));
} catch (error) {
  // Bad input is reported by its message alone; anything else keeps its stack for debugging.
  fail(error?.name === "InvalidInputsError" ? error.message : (error?.stack ?? String(error)), outdir, staging);
}
fs.rmSync(outdir, { recursive: true, force: true });
fs.renameSync(staging, outdir);
printWarnings(outdir);
// The synth ends with a garbage collection under way (its heap has grown past the point where V8
// starts one); a normal exit would wait 10-15 ms for it to finish, with nothing left to run.
process.exit();
