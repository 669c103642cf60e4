#!/usr/bin/env node
// `npm run bench`: wall-clock timings of synthesis, type-checking, Terraform and the test suite,
// each as child processes timed with process.hrtime, one warm-up run (not counted) and then
// --runs measured runs (default 5); prints median and spread per figure, the ratios against their
// budgets (PASS/MISS), and runs the test suite once against its budget. See docs/benchmarks.md.
//
//   npm run bench                       everything, 5 runs per figure, test suite once
//   npm run bench -- --runs 9           more runs
//   npm run bench -- --no-tests         skip the test suite (the slowest part, ~1.5 min)
//   npm run bench -- --only synth,tsc   some groups: synth, clusters, tsc, terraform, review, tests
//   npm run bench -- --json out.json    also write every sample as JSON
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { staleSources } = require("../bin/freshness");

const root = path.resolve(__dirname, "..");
const GROUPS = ["synth", "clusters", "tsc", "terraform", "review", "tests"];
const CLUSTER_COUNTS = [1, 10, 100];
const BUDGETS = {
  synthOverFloor: 1.5, // `npm run synth` path (node bin/synth.js) within 1.5x of the floor
  clusters100Over1: 10, // one stack of 100 constructs within 10x of one construct
  testSuiteSeconds: 180, // `npm test` under 3 minutes on 2 cores
  reviewSeconds: 0.5, // the compiled review of a multi-megabyte plan "well under a second": half of one
};
/** The run-all the review is timed on: this many copies of one plan, each a unit. */
const RUN_ALL = { units: 50, plan: "create-60" };
/** Plans the review is timed on: real Terraform plans of 60 clusters (npm run fixtures). */
const REVIEW_PLANS = ["replace-port-60", "create-60"];

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = { runs: 5, tests: true, only: new Set(GROUPS), json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--runs" || arg.startsWith("--runs=")) {
      options.runs = Number(value());
      if (!Number.isInteger(options.runs) || options.runs < 1) usage("--runs takes a whole number >= 1");
    } else if (arg === "--no-tests") {
      options.tests = false;
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const names = value().split(",").filter(Boolean);
      const unknown = names.filter((n) => !GROUPS.includes(n));
      if (unknown.length) usage(`unknown group(s) ${unknown.join(", ")}; groups: ${GROUPS.join(", ")}`);
      options.only = new Set(names);
    } else if (arg === "--json" || arg.startsWith("--json=")) {
      options.json = path.resolve(value());
    } else if (arg === "-h" || arg === "--help") {
      usage();
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  if (!options.tests) options.only.delete("tests");
  return options;
}

function usage(problem) {
  if (problem) console.error(`bench: ${problem}`);
  console.error(
    "usage: npm run bench -- [--runs N] [--no-tests] [--only synth,clusters,tsc,terraform,review,tests] [--json FILE]",
  );
  process.exit(problem ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Timing

const now = () => process.hrtime.bigint();
const msSince = (start) => Number(now() - start) / 1e6;

/** Environment of every synth and tsc child: no telemetry, the offline CLI config, local state. */
function baseEnv(extra = {}) {
  const env = { ...process.env };
  // Inherited settings that would change what is synthesized or where.
  for (const key of ["REDIS_STATE_BUCKET", "CDKTF_OUTDIR", "CDKTF_CONTEXT_JSON"]) delete env[key];
  return {
    ...env,
    CHECKPOINT_DISABLE: "1",
    // The machine's default TF_CLI_CONFIG_FILE may point at a missing file, and cdktf may run
    // `terraform version` during synth (stacks that use its resource-move API).
    TF_CLI_CONFIG_FILE: path.join(root, "tools", "mirror.tfrc"),
    ...extra,
  };
}

/**
 * CPU time (user + system, ms) of this process's waited-for children and their descendants, from
 * /proc/self/stat (cutime, cstime); NaN where there is no /proc. Coarse (10 ms ticks) but, unlike
 * wall time, barely moved by other work on the machine: shown beside the wall times.
 */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
  } catch {
    return 100;
  }
})();
function childCpuMs() {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Times fn (which runs child processes and waits for them): { ms: wall, cpu: children's CPU }. */
async function timed(fn) {
  const [start, cpuStart] = [now(), childCpuMs()];
  const result = await fn();
  return { ms: msSince(start), cpu: childCpuMs() - cpuStart, result };
}

/** Runs one child process to completion; returns its wall and CPU time in ms, throws when it fails. */
function timeProcess(file, args, options = {}) {
  const [start, cpuStart] = [now(), childCpuMs()];
  const result = spawnSync(file, args, {
    cwd: root,
    env: options.env ?? baseEnv(),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [ms, cpu] = [msSince(start), childCpuMs() - cpuStart];
  if (result.error || result.status !== 0) {
    const output = `${result.stderr ?? ""}\n${result.stdout ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(
      `${file} ${args.join(" ")} failed (${result.error ?? `exit ${result.status ?? result.signal}`}):\n${output}`,
    );
  }
  return { ms, cpu, stdout: result.stdout };
}

/**
 * One warm-up call (not counted), then `runs` calls; `sample(i)` returns a sample ({ ms, cpu }),
 * or an object of named samples (one figure each) when one run yields several.
 */
async function measure(runs, sample) {
  await sample(0);
  const samples = [];
  for (let i = 1; i <= runs; i++) samples.push(await sample(i));
  return samples;
}

/**
 * Round-robin over several figures: one warm-up round, then `runs` rounds that each sample every
 * figure once, so a change in the machine's load during the benchmark hits all of them alike
 * (their ratios are what the budgets judge). Returns the measured samples by figure.
 */
async function measureRounds(runs, samplers) {
  const samples = Object.fromEntries(Object.keys(samplers).map((name) => [name, []]));
  for (let i = 0; i <= runs; i++) {
    for (const [name, sample] of Object.entries(samplers)) {
      const value = await sample(i);
      if (i > 0) samples[name].push(value);
    }
  }
  return samples;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Samples ({ ms, cpu? } or plain ms) to their median, min and max wall time and median CPU. */
function stats(samples) {
  const wall = samples.map((s) => (typeof s === "number" ? s : s.ms));
  const cpu = samples.map((s) => (typeof s === "number" ? NaN : s.cpu ?? NaN));
  return {
    runs: wall.length,
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpu: cpu.some(Number.isNaN) ? undefined : median(cpu),
    samples: wall,
    cpuSamples: cpu.some(Number.isNaN) ? undefined : cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function formatMs(ms) {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(0)} ms`;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

function figureTable(figures) {
  return table(
    ["figure", "runs", "median", "min–max", "spread", "CPU (median)"],
    figures.map(({ name, s }) => [
      name,
      s.runs,
      formatMs(s.median),
      `${formatMs(s.min)} – ${formatMs(s.max)}`,
      `±${(((s.max - s.min) / 2 / s.median) * 100).toFixed(0)}%`,
      s.cpu === undefined ? "–" : formatMs(s.cpu),
    ]),
  );
}

function ratioTable(ratios) {
  return table(
    ["ratio (of wall-time medians)", "value", "budget", "verdict", "CPU ratio"],
    ratios.map((r) => [
      r.name,
      `${r.value.toFixed(2)}x`,
      r.budget === undefined ? "–" : `≤ ${r.budget}x`,
      r.budget === undefined ? "info" : r.value <= r.budget ? "PASS" : "MISS",
      r.cpu === undefined || !Number.isFinite(r.cpu) ? "–" : `${r.cpu.toFixed(2)}x`,
    ]),
  );
}

const report = { figures: {}, ratios: [], notes: [] };

/** a / b of the medians (wall, and CPU where known); judged against budget when one is given. */
function ratio(name, a, b, budget) {
  const cpu = a.cpu !== undefined && b.cpu !== undefined && b.cpu > 0 ? a.cpu / b.cpu : undefined;
  return { name, value: a.median / b.median, cpu, budget };
}

function print(title, figures, ratios = [], notes = []) {
  console.log(`\n## ${title}\n`);
  console.log(figureTable(figures));
  if (ratios.length) console.log(`\n${ratioTable(ratios)}`);
  for (const note of notes) console.log(`\n${note}`);
  for (const { name, s } of figures) report.figures[`${title}: ${name}`] = s;
  report.ratios.push(...ratios);
  report.notes.push(...notes);
}

// ---------------------------------------------------------------------------------------------
// Runs of bin/synth.js that found stale sources included a tsc compile (bin/freshness.js).

// ---------------------------------------------------------------------------------------------
// Groups

const node = process.execPath;
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

async function benchSynth(work, runs) {
  // Flat: cdktf creates the outdir without its parents.
  const outdir = (name, i) => path.join(work, `synth-${name}-${i}`);
  // Runs whose sources looked stale by bin/synth.js's rule included a tsc compile.
  const compiled = new Set();
  const synthIn = (name, i) => ({ env: baseEnv({ CDKTF_OUTDIR: outdir(name, i) }) });
  const samples = await measureRounds(runs, {
    floor: () => timeProcess(node, [path.join(root, "tools", "bench", "floor.js")]),
    synthJs: (i) => {
      if (i > 0) for (const src of staleSources()) compiled.add(src);
      return timeProcess(node, ["bin/synth.js"], synthIn("synth-js", i));
    },
    mainJs: (i) => timeProcess(node, ["dist/main.js"], synthIn("main-js", i)),
    npmSynth: (i) => timeProcess(npm, ["run", "--silent", "synth"], synthIn("npm", i)),
    cdktfSynth: (i) => timeProcess(npx, ["--no-install", "cdktf", "synth", "--output", outdir("cdktf", i)]),
  });
  const [floor, synthJs, mainJs, npmSynth, cdktfSynth] = [
    samples.floor,
    samples.synthJs,
    samples.mainJs,
    samples.npmSynth,
    samples.cdktfSynth,
  ].map(stats);
  const stale = [...compiled];
  for (const name of ["synth-js-0", "main-js-0", "npm-0", "cdktf-0"]) {
    const file = path.join(work, `synth-${name}`, "stacks", "redis", "cdk.tf.json");
    if (!fs.existsSync(file)) throw new Error(`synth wrote no ${file}`);
  }
  const notes = [];
  if (stale.length) {
    notes.push(
      `Note: measured runs of bin/synth.js ran tsc: ${stale.join(", ")} looked newer than their ` +
        "output in dist/ (after a type-only edit or a touch, tsc --incremental leaves the output " +
        "untouched, so the source looks stale on every run until its output changes). " +
        "`node dist/main.js` is the same synth without the compile.",
    );
  }
  print(
    "Synthesis (the drop-in module and the example environment)",
    [
      { name: "floor: node tools/bench/floor.js (cdktf + provider modules)", s: floor },
      { name: "npm run synth path: node bin/synth.js", s: synthJs },
      { name: "compiled app alone: node dist/main.js", s: mainJs },
      { name: "npm run synth (with npm's own startup)", s: npmSynth },
      { name: "cdktf synth (npx cdktf synth --output)", s: cdktfSynth },
    ],
    [
      ratio("node bin/synth.js / floor", synthJs, floor, BUDGETS.synthOverFloor),
      ratio("node dist/main.js / floor", mainJs, floor),
      ratio("npm run synth / floor", npmSynth, floor),
      ratio("cdktf synth / floor", cdktfSynth, floor),
    ],
    notes,
  );
  return path.join(work, "synth-synth-js-0", "stacks", "redis", "cdk.tf.json");
}

async function benchClusters(work, runs) {
  const phases = Object.fromEntries(CLUSTER_COUNTS.map((count) => [count, []]));
  const samplers = Object.fromEntries(
    CLUSTER_COUNTS.map((count) => [
      count,
      (i) => {
        const script = path.join(root, "tools", "bench", "clusters.js");
        const sample = timeProcess(node, [script, String(count), path.join(work, `clusters-${count}-${i}`)]);
        if (i > 0) phases[count].push(JSON.parse(sample.stdout.trim().split("\n").pop()));
        return sample;
      },
    ]),
  );
  const samples = await measureRounds(runs, samplers);
  const plural = (count) => `${count} cluster${count > 1 ? "s" : ""}`;
  const figures = CLUSTER_COUNTS.map((count) => ({
    name: `${plural(count)} (${phases[count][0].resources} resources), process`,
    s: stats(samples[count]),
  }));
  const inner = Object.fromEntries(
    CLUSTER_COUNTS.map((count) => [
      count,
      {
        load: stats(phases[count].map((p) => p.load)),
        buildSynth: stats(phases[count].map((p) => p.build + p.synth)),
      },
    ]),
  );
  for (const count of CLUSTER_COUNTS) {
    figures.push({ name: `${plural(count)}: build + app.synth() in-process`, s: inner[count].buildSynth });
  }
  const [one, ten, hundred] = CLUSTER_COUNTS.map((c) => figures[CLUSTER_COUNTS.indexOf(c)].s);
  const [one_, ten_, hundred_] = CLUSTER_COUNTS.map((c) => inner[c].buildSynth);
  print(
    "One stack with 1, 10 and 100 constructs (tools/bench/clusters.js, compiled dist/)",
    figures,
    [
      ratio("10 / 1 clusters, process", ten, one),
      ratio("100 / 1 clusters, process", hundred, one, BUDGETS.clusters100Over1),
      ratio("10 / 1 clusters, in-process build + synth", ten_, one_),
      ratio("100 / 1 clusters, in-process build + synth", hundred_, one_),
      ratio("100 / 10 clusters, in-process (10 = linear)", hundred_, ten_),
    ],
    [
      `Marginal cost per construct (in-process, 10 → 100): ${((hundred_.median - ten_.median) / 90).toFixed(2)} ms; ` +
        `module loading in each process: ${formatMs(inner[1].load.median)}.`,
    ],
  );
}

async function benchTsc(work, runs) {
  // A fresh build-info file per run: a full check every time, and dist/.tsbuildinfo (which
  // bin/synth.js's incremental compile relies on) stays untouched.
  const s = stats(
    await measure(runs, (i) =>
      timeProcess(node, [tsc, "--noEmit", "-p", ".", "--tsBuildInfoFile", path.join(work, `tsc-${i}.tsbuildinfo`)]),
    ),
  );
  const figures = [{ name: "tsc --noEmit -p . (full check)", s }];
  // `npm run typecheck`, where the project has one: the same check plus the tests.
  if (fs.existsSync(path.join(root, "tsconfig.check.json"))) {
    const withTests = stats(await measure(runs, () => timeProcess(node, [tsc, "-p", "tsconfig.check.json"])));
    figures.push({ name: "tsc -p tsconfig.check.json (npm run typecheck: + tests)", s: withTests });
  }
  print("Type-check", figures);
}

function loadTypeScriptHelpers() {
  // The terraform runner the tests use too (offline env, fake credentials, unshare -n,
  // mirror.tfrc) and their scenarios, loaded through tsx so the benchmark plans exactly as the
  // tests do.
  const { register } = require("tsx/cjs/api");
  register();
  return {
    tf: require(path.join(root, "tools", "terraform.ts")),
    scenarios: require(path.join(root, "tools", "scenarios.ts")),
  };
}

async function benchTerraform(work, runs, moduleFile) {
  if (!moduleFile) throw new Error("no synthesized module to run terraform on (synth failed)");
  const { tf, scenarios } = loadTypeScriptHelpers();
  tf.requireTerraform();
  const moduleText = fs.readFileSync(moduleFile, "utf8");
  const run = (dir, args) => timed(() => tf.terraform(dir, args));
  const initArgs = ["init", "-no-color", "-input=false", "-lock=false"];

  // init + validate of the module alone, in a fresh directory each run.
  const moduleSamples = await measure(runs, async (i) => {
    const dir = await tf.prepareModuleDir(path.join(work, "terraform", `module-${i}`), moduleText);
    const init = await run(dir, initArgs);
    const validate = await run(dir, ["validate", "-no-color", "-json"]);
    if (!JSON.parse(validate.result).valid) throw new Error(`terraform validate: module invalid\n${validate.result}`);
    return { init, validate, both: { ms: init.ms + validate.ms, cpu: init.cpu + validate.cpu } };
  });

  // plan of the 2-node production scenario: a root module calling the module, initialized once.
  const production = scenarios.scenario("production");
  const caller = await tf.prepareCallerDir(path.join(work, "terraform", "plan"), moduleText, {
    inputs: production.inputs,
  });
  await tf.init(caller);
  const planArgs = ["plan", "-no-color", "-input=false", "-refresh=false", "-lock=false", "-out=tfplan"];
  const planSamples = await measure(runs, () => run(caller, planArgs));
  const shown = JSON.parse(await tf.terraform(caller, ["show", "-no-color", "-json", "tfplan"]));
  const creates = (shown.resource_changes ?? []).filter((c) => c.change.actions.includes("create")).length;

  const pick = (key) => stats(moduleSamples.map((s) => s[key]));
  print(
    "Terraform (offline, the tests' runner: mirror.tfrc, fake credentials, unshare -n)",
    [
      { name: "module: terraform init (fresh dir)", s: pick("init") },
      { name: "module: terraform validate", s: pick("validate") },
      { name: "module: init + validate", s: pick("both") },
      { name: `plan, production scenario (2 nodes, ${creates} resources to create)`, s: stats(planSamples) },
    ],
  );
}

async function benchReview(work, runs) {
  // The compiled command, as the package installs it: dist/ compiled first when out of date (by
  // bin/synth.js, which stamps the compile as npm run synth does).
  const stale = staleSources();
  if (stale.length || !fs.existsSync(path.join(root, "dist", "bin", "review.js"))) {
    timeProcess(node, ["bin/synth.js"], { env: baseEnv({ CDKTF_OUTDIR: path.join(work, "review-synth") }) });
  }
  const zlib = require("node:zlib");
  const plans = REVIEW_PLANS.map((name) => {
    const gz = path.join(root, "__tests__", "fixtures", "plans", `${name}.json.gz`);
    if (!fs.existsSync(gz)) throw new Error(`${path.relative(root, gz)} is missing: npm run fixtures makes it`);
    const file = path.join(work, `${name}.json`);
    fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(gz)));
    return { name, file, bytes: fs.statSync(file).size, output: path.join(work, `${name}.review.md`) };
  });
  const samplers = {};
  for (const plan of plans) {
    // The same arguments as the workflow's step: the plan file and --output.
    const args = [plan.file, "--output", plan.output];
    samplers[`compiled ${plan.name}`] = () => timeProcess(node, ["dist/bin/review.js", ...args]);
    samplers[`tsx ${plan.name}`] = () => timeProcess(npx, ["--no-install", "tsx", "bin/review.ts", ...args]);
  }
  // A Terragrunt run-all: 50 units of the 60-cluster size in one comment, the budget per
  // megabyte the same as one plan's.
  const unitPlan = plans.find((p) => p.name === RUN_ALL.plan);
  const unitFiles = Array.from({ length: RUN_ALL.units }, (_, i) => {
    const file = path.join(work, "run-all", `unit-${String(i + 1).padStart(2, "0")}`, "plan.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(unitPlan.file, file);
    return file;
  });
  const runAllOutput = path.join(work, "run-all.review.md");
  samplers["compiled run-all"] = () => timeProcess(node, ["dist/bin/review.js", ...unitFiles, "--output", runAllOutput]);
  const samples = await measureRounds(runs, samplers);
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const figures = [];
  const ratios = [];
  const notes = [];
  for (const plan of plans) {
    const compiled = stats(samples[`compiled ${plan.name}`]);
    const tsx = stats(samples[`tsx ${plan.name}`]);
    figures.push(
      { name: `compiled: node dist/bin/review.js, ${plan.name} (${mib(plan.bytes)})`, s: compiled },
      { name: `before: npx tsx bin/review.ts, ${plan.name}`, s: tsx },
    );
    ratios.push(
      {
        name: `node dist/bin/review.js, ${plan.name} / ${BUDGETS.reviewSeconds} s`,
        value: compiled.median / 1000 / BUDGETS.reviewSeconds,
        budget: 1,
      },
      ratio(`npx tsx bin/review.ts / node dist/bin/review.js, ${plan.name}`, tsx, compiled),
    );
    const review = fs.readFileSync(plan.output, "utf8");
    notes.push(`Review of ${plan.name}: ${[...review].length} characters (GitHub's comment limit: 65,536).`);
  }
  const runAll = stats(samples["compiled run-all"]);
  const runAllBytes = unitPlan.bytes * RUN_ALL.units;
  figures.push({ name: `compiled: ${RUN_ALL.units} units of ${RUN_ALL.plan} in one comment (${mib(runAllBytes)})`, s: runAll });
  ratios.push({
    name: `${RUN_ALL.units} units / (${BUDGETS.reviewSeconds} s per ${mib(unitPlan.bytes)})`,
    value: runAll.median / 1000 / (BUDGETS.reviewSeconds * RUN_ALL.units),
    budget: 1,
  });
  notes.push(`Review of ${RUN_ALL.units} units: ${[...fs.readFileSync(runAllOutput, "utf8")].length} characters.`);
  print("Plan review (redis-plan-review on real plans of 60 clusters, __tests__/fixtures/plans)", figures, ratios, notes);
}

function benchTests() {
  // Once, not 5 times: the suite is minutes long and itself runs terraform in parallel.
  const log = path.join(root, ".test-work", "bench-npm-test.log");
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, "w");
  const [start, cpuStart] = [now(), childCpuMs()];
  const result = spawnSync(npm, ["test"], { cwd: root, env: process.env, stdio: ["ignore", fd, fd] });
  const [ms, cpu] = [msSince(start), childCpuMs() - cpuStart];
  fs.closeSync(fd);
  let counts = "";
  try {
    const reportFile = path.join(root, ".test-work", "vitest-report.json");
    if (fs.statSync(reportFile).mtimeMs < Date.now() - ms) throw new Error("report left by an earlier run");
    const r = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
  } catch {
    counts = "no vitest report";
  }
  const s = stats([{ ms, cpu }]);
  print(
    "Test suite (run once, after the figures above)",
    [{ name: `npm test (${counts}${result.status === 0 ? "" : `, exit ${result.status}`})`, s }],
    [
      {
        name: `npm test wall time / ${BUDGETS.testSuiteSeconds} s`,
        value: ms / 1000 / BUDGETS.testSuiteSeconds,
        budget: 1,
      },
    ],
    [`Output of npm test: ${path.relative(root, log)}`],
  );
}

// ---------------------------------------------------------------------------------------------

function machine() {
  let terraform = "not found";
  try {
    terraform = JSON.parse(
      execFileSync("terraform", ["version", "-json"], { env: baseEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    ).terraform_version;
  } catch {
    /* reported as not found */
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpus: `${os.availableParallelism?.() ?? cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    terraform,
    load: os.loadavg().map((l) => l.toFixed(2)).join(" "),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const info = machine();
  console.log(`# npm run bench — ${info.date}`);
  console.log(
    `\n${info.cpus}; ${info.memory}; node ${info.node}; terraform ${info.terraform}; ` +
      `load average at start ${info.load}; ${options.runs} measured runs per figure after 1 warm-up.`,
  );
  if (options.runs < 5) console.log("(fewer than 5 runs: the figures are indicative only)");

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "redis-bench-"));
  const failed = [];
  // A group that fails is reported and the others still run.
  const group = async (name, fn) => {
    if (!options.only.has(name)) return undefined;
    try {
      return await fn();
    } catch (error) {
      failed.push(name);
      const message = error instanceof Error ? error.message : String(error);
      console.log(`\n## ${name}: FAILED\n\n${message.split("\n").slice(0, 20).join("\n")}`);
      return undefined;
    }
  };
  try {
    let moduleFile = await group("synth", () => benchSynth(work, options.runs));
    if (!moduleFile && (options.only.has("clusters") || options.only.has("terraform"))) {
      // clusters.js loads dist/; one bin/synth.js run compiles it if out of date (and gives the module).
      const outdir = path.join(work, "synth-prepare");
      try {
        timeProcess(node, ["bin/synth.js"], { env: baseEnv({ CDKTF_OUTDIR: outdir }) });
        moduleFile = path.join(outdir, "stacks", "redis", "cdk.tf.json");
      } catch (error) {
        failed.push("synth (preparation)");
        console.log(`\n## synth (preparation): FAILED\n\n${error instanceof Error ? error.message : error}`);
      }
    }
    await group("clusters", () => benchClusters(work, options.runs));
    await group("tsc", () => benchTsc(work, options.runs));
    await group("terraform", () => benchTerraform(work, options.runs, moduleFile));
    await group("review", () => benchReview(work, options.runs));
    await group("tests", () => benchTests());
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const judged = report.ratios.filter((r) => r.budget !== undefined);
  const missed = judged.filter((r) => r.value > r.budget);
  console.log(`\nload average at end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(
    `budgets: ${judged.length - missed.length} PASS, ${missed.length} MISS` +
      (missed.length ? ` (${missed.map((r) => r.name).join("; ")})` : "") +
      (failed.length ? `; groups that failed: ${failed.join(", ")}` : ""),
  );
  if (options.json) {
    fs.writeFileSync(options.json, `${JSON.stringify({ machine: info, runs: options.runs, failed, ...report }, null, 2)}\n`);
    console.log(`samples written to ${options.json}`);
  }
  // Budgets missed are reported, not an error; a measurement that could not run is.
  if (failed.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
