/**
 * The package as a new user gets it without the public registry: installed by npm from a git URL
 * (`git+file://` of a repository holding exactly what a push of this tree would hold), which builds
 * it on install through its `prepare` script, into a fresh project with its peer dependencies. Then
 * a strict TypeScript stack that uses the construct is type-checked, synthesized and planned with
 * Terraform, and the review command is run on that plan from node_modules/.bin.
 *
 * Everything runs offline from the npm cache that `npm ci` filled (inside `unshare -n` where it
 * works). That cache holds tarballs by integrity but no registry metadata, so the peers are
 * installed from a lock file made from this project's own, and the package with
 * `--legacy-peer-deps` (npm would otherwise ask the registry which peer versions exist).
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canIsolateNetwork, init, makeWorkRoot, plan, prepareStackDir, removeWorkRoot, requireTerraform, started } from "../../tools/terraform";
import { readPlanFixture } from "../helpers/plan-fixtures";
import { synthModuleText } from "../../tools/synth";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const PACKAGE = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
/** What the package holds besides compiled JavaScript and typings. */
const NOT_COMPILED = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "module-snapshot-destination/cdk.tf.json",
  "module/cdk.tf.json",
  "module/snapshot-export.zip",
  "package.json",
];
const TAG = `v${PACKAGE.version}`;

const CONSUMER_STACK = `
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ElastiCacheRedis, InvalidInputsError, type ElastiCacheRedisProps } from "redis-cdktf";
import { RedisModuleStack } from "redis-cdktf/module-stack";
import { reviewPlanJson } from "redis-cdktf/review";

class Cache extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const token = new TerraformVariable(this, "auth_token", { type: "string", sensitive: true });
    const props: ElastiCacheRedisProps = {
      name: "consumer-cache",
      instanceType: "cache.t3.micro",
      replicationGroupSize: 2,
      enableAutomaticFailover: true,
      enableMultiAz: true,
      vpcId: "vpc-0a1b2c3d",
      subnetIds: ["subnet-0a1b2c3d"],
      redisVersion: "7.1",
      authToken: token.stringValue,
      slowLogDeliveryConfiguration: { destination: "consumer-slow", destinationType: "cloudwatch-logs", logFormat: "json" },
      shareSnapshotWithAnotherAccount: true,
      shareSnapshotWithAccountId: "444455556666",
      shareSnapshotDestinationBucketArn: "arn:aws:s3:::consumer-snapshots-dr",
    };
    const cache = new ElastiCacheRedis(this, "cache", props);
    new TerraformOutput(this, "members", { value: cache.cacheClusterIds });
  }
}

let refused = "";
try {
  new ElastiCacheRedis(new TerraformStack(new App(), "bad"), "bad", { name: "Bad_Name" } as ElastiCacheRedisProps);
} catch (error) {
  if (error instanceof InvalidInputsError) refused = error.violations[0];
}
if (!refused.startsWith('Invalid name "Bad_Name"') || typeof reviewPlanJson !== "function") throw new Error(refused);

const app = new App({ outdir: "cdktf.out", stackTraces: false });
new Cache(app, "cache");
new RedisModuleStack(app, "module");
app.synth();
`;

const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, types: [], outDir: "out" },
  files: ["main.ts"],
};

interface Consumer {
  dir: string;
  installed: string[];
  plan: Awaited<ReturnType<typeof plan>>;
  planFile: string;
}

let workRoot: string | undefined;
let consumer: Promise<Consumer>;
/** A repository that only reviews plans (Terraform or Terragrunt, no TypeScript): the package alone. */
let reviewOnly: Promise<{ dir: string; bytes: number; packages: string[] }>;

const git = (cwd: string, ...args: string[]) =>
  run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd });

/** npm with no network at all where `unshare -n` works, and offline in any case. */
async function npm(cwd: string, [command, ...args]: string[]): Promise<void> {
  const argv = [command, "--offline", "--no-audit", "--no-fund", ...args];
  if (await canIsolateNetwork()) {
    await run("unshare", ["-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec npm "$@"', "npm", ...argv], { cwd, maxBuffer: 16 << 20 });
  } else await run("npm", argv, { cwd, maxBuffer: 16 << 20 });
}

/** A repository holding what a push of this tree would hold (tracked and unignored files), tagged as the release. */
async function repository(work: string): Promise<string> {
  const repo = join(work, "repo");
  const { stdout } = await git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
  for (const file of stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(root, file), join(repo, file));
  }
  await git(repo, "init", "-q");
  await git(repo, "add", "-A");
  await git(repo, "commit", "-q", "-m", "release");
  await git(repo, "tag", TAG);
  return repo;
}

/** The peers at this project's locked versions, with the lock entries of everything they bring. */
function peerLock(): { manifest: object; lock: object } {
  const locked = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages;
  const dependencies = Object.fromEntries(Object.keys(PACKAGE.peerDependencies).map((name) => [name, locked[`node_modules/${name}`].version]));
  const manifest = { name: "consumer", version: "0.0.0", private: true, dependencies };
  const packages: Record<string, unknown> = { "": manifest };
  // Where Node finds dep from the package at path: its own node_modules, then each enclosing one.
  const resolved = (path: string, dep: string): string => {
    for (let from = path; ; from = from.slice(0, from.lastIndexOf("/node_modules/"))) {
      if (`${from}/node_modules/${dep}` in locked) return `${from}/node_modules/${dep}`;
      if (!from.includes("/node_modules/")) return `node_modules/${dep}`;
    }
  };
  const add = (path: string) => {
    if (path in packages) return;
    packages[path] = locked[path];
    const entry = locked[path];
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = resolved(path, dep);
      // An optional dependency (or peer) that npm left out of this project is left out here too.
      if (found in locked) add(found);
    }
  };
  for (const name of Object.keys(dependencies)) add(`node_modules/${name}`);
  return { manifest, lock: { name: "consumer", version: "0.0.0", lockfileVersion: 3, requires: true, packages } };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(async () => {
  requireTerraform();
  const work = (workRoot = await makeWorkRoot());
  const repo = started(repository(work));
  reviewOnly = started(
    (async () => {
      const dir = join(work, "review-only");
      mkdirSync(dir);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "infrastructure-live", version: "0.0.0", private: true }));
      await npm(dir, ["install", `git+file://${await repo}#${TAG}`]);
      const modules = join(dir, "node_modules");
      const bytes = filesUnder(modules).reduce((sum, file) => sum + statSync(join(modules, file)).size, 0);
      const packages = readdirSync(modules).filter((name) => !name.startsWith("."));
      return { dir, bytes, packages };
    })(),
  );
  consumer = started(
    (async () => {
      const repoDir = await repo;
      const dir = join(work, "consumer");
      mkdirSync(dir);
      const { manifest, lock } = peerLock();
      writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
      writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock));
      await npm(dir, ["ci", "--ignore-scripts"]);
      await npm(dir, ["install", "--legacy-peer-deps", `git+file://${repoDir}#${TAG}`]);
      const installed = filesUnder(join(dir, "node_modules", "redis-cdktf"));
      writeFileSync(join(dir, "main.ts"), CONSUMER_STACK);
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
      await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd: dir });
      await run(process.execPath, ["out/main.js"], { cwd: dir });
      const stackDir = await prepareStackDir(join(work, "plan"), readFileSync(join(dir, "cdktf.out", "stacks", "cache", "cdk.tf.json"), "utf8"));
      await init(stackDir);
      const planned = await plan(stackDir, { env: { TF_VAR_auth_token: "consumer-token-0123456789" } });
      const planFile = join(dir, "plan.json");
      writeFileSync(planFile, JSON.stringify(planned));
      return { dir, installed, plan: planned, planFile };
    })(),
  );
  await consumer.catch(() => undefined);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

describe("the package, installed for the plan review alone", () => {
  it("brings neither the CDK nor the provider bindings: its peers are optional", async () => {
    const { packages } = await reviewOnly;
    expect(packages).toEqual(["redis-cdktf"]);
  });

  it("weighs under 2 MB installed, and reviews a plan", async () => {
    const { dir, bytes } = await reviewOnly;
    // docs/plan-review.md states the measured size.
    expect(bytes).toBeLessThan(2_000_000);
    writeFileSync(join(dir, "plan.json"), readPlanFixture("ingress-cidr-change").text);
    const r = await run(join(dir, "node_modules", ".bin", "redis-plan-review"), ["plan.json"], { cwd: dir });
    expect(r.stdout).toContain("## ⚠️ Clients may lose connectivity");
  });
});

describe("the package, installed by a new project from a git URL", () => {
  it("is built on install, and holds compiled JavaScript and typings, the module, the license and the changelog: nothing else", async () => {
    const { installed: packed } = await consumer;
    const other = packed.filter((path) => !/^dist\/(lib\/.*|bin\/review)\.(js|d\.ts)$/.test(path));
    expect(other).toEqual(NOT_COMPILED);
    expect(packed).toContain("dist/lib/index.d.ts");
    expect(packed).toContain("dist/bin/review.js");
    expect(packed.some((path) => path.startsWith("dist/lib/") && path.endsWith(".ts") && !path.endsWith(".d.ts"))).toBe(false);
  });

  it("ships the module as this release synthesizes it, naming the release", async () => {
    const { dir } = await consumer;
    const shipped = readFileSync(join(dir, "node_modules", "redis-cdktf", "module", "cdk.tf.json"), "utf8");
    expect(shipped).toBe(synthModuleText());
    expect(JSON.parse(shipped)["//"].generated_by).toBe(`redis-cdktf ${PACKAGE.version}`);
  });

  it("type-checks a strict stack against its typings, synthesizes it, and Terraform plans it", async () => {
    const { plan: p, dir } = await consumer;
    const created = (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() === "create");
    expect(created.filter((rc) => rc.type === "aws_elasticache_replication_group")).toHaveLength(1);
    // The cluster, its subnet group and security group, four alarms on each of its two nodes, and
    // the 18 resources of the snapshot export.
    expect(created).toHaveLength(29);
    // The job's package, shipped in the package, becomes an asset of the stack.
    const job = (p.resource_changes ?? []).find((rc) => rc.type === "aws_lambda_function")!.change.after as { filename: string };
    const asset = readFileSync(join(dir, "cdktf.out", "stacks", "cache", job.filename));
    expect(asset.equals(readFileSync(join(root, "module", "snapshot-export.zip")))).toBe(true);
    const module = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "module", "cdk.tf.json"), "utf8"));
    expect(module["//"].generated_by).toBe(`redis-cdktf ${PACKAGE.version}`);
  });

  it("runs the review command from node_modules/.bin, and with npx", async () => {
    const { dir, planFile } = await consumer;
    const bin = join(dir, "node_modules", ".bin", "redis-plan-review");
    const direct = await run(bin, [planFile, "--fail-on-danger"], { cwd: dir });
    expect(direct.stdout.startsWith("<!-- redis-plan-review -->\n")).toBe(true);
    expect(direct.stdout).toContain("29 to add");
    expect(direct.stdout).not.toContain("consumer-token-0123456789");
    const viaNpx = await run("npx", ["--no", "--", "redis-plan-review", "--help"], { cwd: dir });
    expect(viaNpx.stdout).toMatch(/^usage: redis-plan-review <plan\.json>/);
    expect(viaNpx.stdout).toContain("exit codes:");
  });
});
