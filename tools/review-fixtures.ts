/**
 * `npm run fixtures` (`npx tsx tools/review-fixtures.ts [--out DIR] [--only NAME,...] [--no-check]`):
 * the large plans the review is proven on (issue 14), made by real Terraform runs and written to
 * __tests__/fixtures/plans/ as `<name>.json.gz` (`terraform show -json` of the saved plan) and
 * `<name>.summary.txt` (the `Plan: N to add, N to change, N to destroy.` line `terraform plan`
 * printed, which the review's counts must match), and records in manifest.json the module (its
 * sha256), Terraform and provider each was made with: __tests__/unit/plan-fixtures.test.ts fails
 * when the module has changed since, until this script is run again.
 * __tests__/helpers/plan-fixtures.ts reads them.
 *
 *   replace-port-60       60 calls of the synthesized module in one root module (cache_01 ...
 *                         cache_60), state the module wrote for them with port 6379, planned with
 *                         port 6380: every replication group and every ingress rule replaced
 *   create-60             the same 60 calls without state: everything created
 *   ingress-cidr-change   one call whose allow_connections_from_cidr_blocks goes from
 *                         10.0.0.0/16 + 10.1.0.0/16 to 10.0.0.0/16 + 10.2.0.0/16: the CIDR rule replaced
 *
 * Terraform runs offline through tools/terraform.ts (provider mirror, fake credentials,
 * `-refresh=false`), the states come from tools/state.ts (`addresses: "root"`, nested
 * under the calls with nestedStates) and the module is synthesized from this checkout. Before
 * planning a change, each state is planned against the inputs it was written for and must give
 * "No changes." (`--no-check` skips that), so a fixture's changes are exactly the intended ones.
 *
 * The output is deterministic: what differs between two runs of the same plan (the top-level
 * "timestamp", the order of "relevant_attributes") is normalized (see normalized()), and the gzip
 * header carries no time. Running the script twice gives the same bytes (with the same Terraform,
 * provider, Node and zlib).
 *
 * Not part of the package build (tsconfig.json excludes it: it imports the tests' helpers);
 * `npm run typecheck` checks it.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  FIXED_TIMESTAMP,
  type FixtureManifest,
  moduleDigest,
  PLAN_FIXTURES,
  type PlanFixture,
  PLANS_DIR,
  sha256,
} from "../__tests__/helpers/plan-fixtures";
import { hclModuleState, nestedStates, resourceSchemas, writeState } from "./state";
import { synthModuleText } from "./synth";
import { scenario, VALID_INPUTS } from "./scenarios";
import {
  init,
  makeWorkRoot,
  prepareCallerDir,
  providerVersionsInMirror,
  removeWorkRoot,
  requireTerraform,
  terraform,
  terraformVersion,
} from "./terraform";

const REGION = "eu-west-1";
const OLD_PORT = 6379;
const NEW_PORT = 6380;
const FIXTURES = PLAN_FIXTURES;
type FixtureName = PlanFixture;

type Inputs = Record<string, unknown>;
type Calls = Record<string, Inputs>;

// ---- the 60 clusters ---------------------------------------------------------------------------

/** 20 teams x 3 environments: cluster names `<team>-<environment>`, calls cache_01 ... cache_60. */
const TEAMS = [
  "orders",
  "payments",
  "catalog",
  "search",
  "sessions",
  "checkout",
  "inventory",
  "pricing",
  "accounts",
  "notifications",
  "shipping",
  "reviews",
  "recommendations",
  "carts",
  "identity",
  "billing",
  "analytics",
  "media",
  "geo",
  "chat",
];
const ENVIRONMENTS = ["prod", "staging", "dev"] as const;
/** Teams whose production cache runs in cluster mode (2 shards x 1 replica). */
const CLUSTER_MODE_TEAMS = ["sessions", "recommendations"];

const hex = (seed: string, length: number) => sha256(seed).slice(0, length);
const sg = (seed: string) => `sg-0${hex(`sg:${seed}`, 16)}`;
const pick = <T>(values: readonly T[], i: number) => values[i % values.length];

/**
 * Realistic, varied inputs for one cluster, from the production scenario (production) and
 * VALID_INPUTS (staging, dev): node types, sizes, versions, cluster mode, auth tokens, alarms,
 * CIDR and security-group ingress, tags. `port` is left to the caller.
 */
function clusterInputs(team: string, t: number, environment: (typeof ENVIRONMENTS)[number]): Inputs {
  const name = `${team}-${environment}`;
  const tags = { team, environment: environment === "prod" ? "production" : environment };
  if (environment === "prod") {
    const production = scenario("production").inputs;
    const clusterMode = CLUSTER_MODE_TEAMS.includes(team);
    return {
      ...production,
      name,
      instance_type: pick(["cache.r6g.large", "cache.r7g.large", "cache.m6g.large", "cache.r6g.xlarge"], t),
      redis_version: pick(["7.1", "7.0", "6.2"], t),
      replication_group_size: clusterMode ? 1 : t % 3 === 0 ? 3 : 2,
      ...(clusterMode ? { cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] } : {}),
      allow_connections_from_cidr_blocks:
        t % 4 === 0 ? [`10.${t}.0.0/16`, `10.${t + 100}.0.0/16`] : t % 2 === 0 ? [`10.${t}.0.0/16`] : [],
      allow_connections_from_security_groups: t % 3 === 1 ? [] : [sg(`${team}-app`), ...(t % 3 === 2 ? [sg(`${team}-worker`)] : [])],
      tags,
    };
  }
  if (environment === "staging") {
    return {
      ...VALID_INPUTS,
      name,
      instance_type: pick(["cache.t4g.medium", "cache.t3.small", "cache.m6g.large"], t),
      redis_version: pick(["7.1", "7.0"], t),
      enable_multi_az: t % 2 === 0,
      allow_connections_from_cidr_blocks: t % 3 === 0 ? ["10.100.0.0/16"] : [],
      allow_connections_from_security_groups: t % 3 === 0 ? [] : [sg(`${team}-staging-app`)],
      alarms_sns_topic_arns: [`arn:aws:sns:${REGION}:111122223333:staging-alarms`],
      tags,
    };
  }
  return {
    ...VALID_INPUTS,
    name,
    replication_group_size: 1,
    enable_automatic_failover: false,
    enable_multi_az: false,
    snapshot_retention_limit: 0,
    snapshot_window: "",
    enable_cloudwatch_alarms: false,
    allow_connections_from_security_groups: t % 2 === 0 ? [sg(`${team}-dev-app`)] : [],
    tags,
  };
}

/** The 60 calls, cache_01 ... cache_60, all with the given port. */
function sixtyCalls(port: number): Calls {
  const calls: Calls = {};
  TEAMS.forEach((team, t) =>
    ENVIRONMENTS.forEach((environment, e) => {
      const n = t * ENVIRONMENTS.length + e + 1;
      calls[`cache_${String(n).padStart(2, "0")}`] = { ...clusterInputs(team, t, environment), port };
    }),
  );
  return calls;
}

/** The one cluster of ingress-cidr-change: the production scenario with the given CIDR blocks. */
const cidrCall = (cidrs: string[]): Calls => ({
  cache: { ...scenario("production").inputs, allow_connections_from_cidr_blocks: cidrs },
});

// ---- planning ----------------------------------------------------------------------------------

const PLAN_ARGS = ["plan", "-no-color", "-input=false", "-refresh=false", "-lock=false", "-out=tfplan"];
const SUMMARY = /^Plan: \d+ to add, \d+ to change, \d+ to destroy\.$/;

interface Planned {
  /** `terraform show -json tfplan`, normalized. */
  json: string;
  /** The `Plan: ...` line of `terraform plan`. */
  summary: string;
}

/** Plans dir; returns the plan's JSON (normalized) and the summary line Terraform printed. */
async function planned(dir: string): Promise<Planned> {
  const stdout = await terraform(dir, PLAN_ARGS);
  const lines = stdout.split("\n").filter((line) => SUMMARY.test(line));
  if (lines.length !== 1) throw new Error(`terraform plan in ${dir} printed ${lines.length} "Plan:" lines:\n${stdout.slice(-2000)}`);
  return { json: normalized(await terraform(dir, ["show", "-no-color", "-json", "tfplan"])), summary: lines[0] };
}

/**
 * The plan JSON without what differs from one run to the next, as text replacements that keep
 * Terraform's bytes (key order, escaping) everywhere else:
 * - the top-level "timestamp" (Terraform >= 1.5), set to FIXED_TIMESTAMP;
 * - the order of "relevant_attributes" (which Terraform 1.11 writes in map-iteration order, a
 *   list whose order means nothing), sorted.
 * Found by planning twice and comparing: nothing else differed.
 */
export function normalized(json: string): string {
  const plan = JSON.parse(json) as { timestamp?: unknown; relevant_attributes?: unknown[] };
  let text = json;
  const replaceOnce = (key: string, from: unknown, to: unknown) => {
    const found = `"${key}":${JSON.stringify(from)}`;
    if (text.split(found).length !== 2) throw new Error(`expected exactly one ${found.slice(0, 80)} in the plan`);
    text = text.replace(found, () => `"${key}":${JSON.stringify(to)}`);
  };
  if (typeof plan.timestamp === "string") replaceOnce("timestamp", plan.timestamp, FIXED_TIMESTAMP);
  if (Array.isArray(plan.relevant_attributes)) {
    const key = (entry: unknown) => JSON.stringify(entry);
    const sorted = [...plan.relevant_attributes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    replaceOnce("relevant_attributes", plan.relevant_attributes, sorted);
  }
  const back = JSON.parse(text) as typeof plan;
  if ("timestamp" in plan && back.timestamp !== FIXED_TIMESTAMP) throw new Error("the timestamp was not fixed");
  return text;
}

/** The state nested under the calls, as the module leaves it after an apply of each call's inputs. */
async function stateOf(calls: Calls) {
  const schemas = await resourceSchemas();
  const states = await Promise.all(
    Object.values(calls).map((inputs) => hclModuleState(inputs, { addresses: "root", region: REGION, schemas })),
  );
  return nestedStates(Object.fromEntries(Object.keys(calls).map((call, i) => [call, states[i]])));
}

/**
 * A root module of the calls in dir, with the state the module wrote for `applied` when given;
 * planned first against `applied` (must be "No changes.", unless check is off), then with `planned`.
 */
async function makePlan(
  dir: string,
  moduleText: string,
  applied: Calls | undefined,
  target: Calls,
  check: boolean,
): Promise<Planned> {
  if (applied) {
    await prepareCallerDir(dir, moduleText, { calls: applied, region: REGION });
    await writeState(join(dir, "terraform.tfstate"), await stateOf(applied));
    await init(dir);
    if (check) {
      const stdout = await terraform(dir, PLAN_ARGS);
      if (!stdout.includes("No changes.")) {
        throw new Error(`the state written for ${dir} does not plan "No changes." against its own inputs:\n${stdout.slice(-3000)}`);
      }
    }
  }
  // Same module, same calls: only main.tf.json's inputs change; init stays valid.
  await prepareCallerDir(dir, moduleText, { calls: target, region: REGION });
  if (!applied) await init(dir);
  return planned(dir);
}

interface Change {
  address: string;
  type: string;
  change: { actions: string[] };
}

/** Throws unless the plan is what the fixture promises. */
function checkShape(name: FixtureName, json: string): void {
  const changes = ((JSON.parse(json) as { resource_changes?: Change[] }).resource_changes ?? []).filter(
    (c) => c.change.actions.join() !== "no-op",
  );
  const replaced = (c: Change) => c.change.actions.length === 2 && c.change.actions.includes("create") && c.change.actions.includes("delete");
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => (ok ? undefined : problems.push(what));
  if (name === "replace-port-60") {
    const groups = changes.filter((c) => c.type === "aws_elasticache_replication_group");
    expect(groups.length === 60 && groups.every(replaced), "60 replication groups replaced");
    expect(changes.every((c) => ["aws_elasticache_replication_group", "aws_security_group_rule"].includes(c.type)), "nothing but groups and rules changes");
    expect(changes.every(replaced), "every change a replacement");
  } else if (name === "create-60") {
    expect(changes.every((c) => c.change.actions.join() === "create"), "every change a create");
    expect(changes.filter((c) => c.type === "aws_elasticache_replication_group").length === 60, "60 replication groups");
  } else {
    expect(changes.length === 1 && replaced(changes[0]), "one replacement");
    expect(changes[0]?.address === "module.cache.aws_security_group_rule.allow_connections_from_cidr_blocks[0]", "of the CIDR rule");
  }
  if (problems.length) throw new Error(`${name}: the plan is not what the fixture promises: ${problems.join("; ")}`);
}

async function makeFixture(name: FixtureName, work: string, moduleText: string, check: boolean): Promise<Planned> {
  const dir = join(work, name);
  const made =
    name === "replace-port-60"
      ? await makePlan(dir, moduleText, sixtyCalls(OLD_PORT), sixtyCalls(NEW_PORT), check)
      : name === "create-60"
        ? await makePlan(dir, moduleText, undefined, sixtyCalls(NEW_PORT), check)
        : await makePlan(dir, moduleText, cidrCall(["10.0.0.0/16", "10.1.0.0/16"]), cidrCall(["10.0.0.0/16", "10.2.0.0/16"]), check);
  checkShape(name, made.json);
  return made;
}

// ---- command -----------------------------------------------------------------------------------

interface Options {
  out: string;
  only: FixtureName[];
  check: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { out: PLANS_DIR, only: [...FIXTURES], check: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--out" || arg.startsWith("--out=")) options.out = resolve(value());
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const names = value().split(",").filter(Boolean);
      const unknown = names.filter((n) => !(FIXTURES as readonly string[]).includes(n));
      if (unknown.length) usage(`unknown fixture(s) ${unknown.join(", ")}; fixtures: ${FIXTURES.join(", ")}`);
      options.only = names as FixtureName[];
    } else if (arg === "--no-check") options.check = false;
    else if (arg === "-h" || arg === "--help") usage();
    else usage(`unknown argument ${arg}`);
  }
  return options;
}

function usage(problem?: string): never {
  if (problem) console.error(`review-fixtures: ${problem}`);
  console.error(`usage: npm run fixtures -- [--out DIR] [--only ${FIXTURES.join(",")}] [--no-check]`);
  process.exit(problem ? 2 : 0);
}

const kib = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  requireTerraform();
  const started = Date.now();
  const moduleText = synthModuleText();
  console.log(
    `terraform ${terraformVersion()}, hashicorp/aws ${providerVersionsInMirror().join(", ")}; ` +
      `writing to ${relative(process.cwd(), options.out) || "."}`,
  );
  const work = await makeWorkRoot();
  const manifest = join(options.out, "manifest.json");
  // Fixtures not made in this run (--only) keep their records.
  const records: FixtureManifest = existsSync(manifest) ? JSON.parse(await readFile(manifest, "utf8")) : {};
  try {
    await mkdir(options.out, { recursive: true });
    await Promise.all(
      options.only.map(async (name) => {
        const start = Date.now();
        const { json, summary } = await makeFixture(name, work, moduleText, options.check);
        const gz = gzipSync(Buffer.from(json), { level: 9 });
        if (gunzipSync(gz).toString("utf8") !== json) throw new Error(`${name}: gzip round trip failed`);
        await writeFile(join(options.out, `${name}.json.gz`), gz);
        await writeFile(join(options.out, `${name}.summary.txt`), `${summary}\n`);
        records[name] = {
          module_sha256: moduleDigest(moduleText),
          terraform: terraformVersion(),
          aws_provider: providerVersionsInMirror().join(", "),
          bytes: Buffer.byteLength(json),
          sha256: sha256(json),
        };
        console.log(
          `${name}: ${summary} ${kib(Buffer.byteLength(json))} raw, ${kib(gz.length)} gzipped ` +
            `(${((Date.now() - start) / 1000).toFixed(1)} s)`,
        );
      }),
    );
    const ordered = Object.fromEntries(FIXTURES.filter((name) => records[name]).map((name) => [name, records[name]]));
    await writeFile(manifest, `${JSON.stringify(ordered, null, 2)}\n`);
  } finally {
    await removeWorkRoot(work);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`review-fixtures: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
