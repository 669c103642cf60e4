/**
 * The package as its users get it without the public registry: installed by npm from a git URL
 * (`git+file://` of a repository holding exactly what a push of this tree would hold), which builds
 * it on install through its `prepare` script. That install is a repository that only reviews plans
 * (no peers at all); the package it built is then installed, as npm packs it, by two TypeScript
 * projects: one on CDK for Terraform with this project's peers, one on CDK Terrain under Node 22
 * (__tests__/fixtures/cdktn-project). Each type-checks, synthesizes and plans a strict stack that
 * uses the construct; the two stacks are compared; the review command reviews the plan.
 *
 * Everything runs offline (inside `unshare -n` where it works), outside this project's folder. The
 * git install reads npm's cache, which `npm ci` filled. The two CDK projects start as `npm ci`
 * leaves them, copied (as hard links where the file system allows) from installs already on the
 * machine: this project's node_modules (its peers, at their locked versions), and the CDK Terrain
 * project that `pretest` installs into .test-work/. The package goes into the first
 * with `--legacy-peer-deps`, since the cache lacks the registry documents npm would read to list
 * the versions of its peers.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { init, makeWorkRoot, offlineCommand, plan, prepareStackDir, removeWorkRoot, requireTerraform, started } from "../../tools/terraform";
import { readPlanFixture } from "../helpers/plan-fixtures";
import { synthModuleText, type TerraformJson } from "../../tools/synth";

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
/** A CDK Terrain project before it adds this package: its manifest and lock. */
const CDKTN_PROJECT = join(__dirname, "..", "fixtures", "cdktn-project");

/** The packages a stack imports, CDK for Terraform's or CDK Terrain's (docs/cdk-terrain.md), and how it is compiled. */
interface Cdk {
  readonly core: string;
  readonly aws: string;
  readonly construct: string;
  readonly compilerOptions: Record<string, unknown>;
}
const CDKTF: Cdk = {
  core: "cdktf",
  aws: "@cdktf/provider-aws",
  construct: "redis-cdktf",
  // Strict, typings included, resolved as Node does (package.json "exports").
  compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, types: [] },
};
const CDKTN: Cdk = {
  core: "cdktn",
  aws: "@cdktn/provider-aws",
  construct: "redis-cdktf/cdktn",
  // As `cdktn init` writes it: CommonJS, so TypeScript's older node10 resolution, which finds a
  // subpath's typings through package.json "typesVersions", not "exports".
  compilerOptions: { target: "ES2018", lib: ["es2018"], module: "CommonJS", strict: true, noUnusedLocals: true, skipLibCheck: true },
};

/** One consumer's stack: the construct with the export job on, and the drop-in module stack. */
const consumerStack = (cdk: Cdk) => `
import { AwsProvider } from "${cdk.aws}/lib/provider";
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "${cdk.core}";
import { Construct } from "constructs";
import { ElastiCacheRedis, InvalidInputsError, type ElastiCacheRedisProps } from "${cdk.construct}";
import { RedisModuleStack } from "${cdk.construct}/module-stack";
import { reviewPlanJson } from "redis-cdktf/review";

class Cache extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "cache.tfstate" });
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

const app = new App({ stackTraces: false });
new Cache(app, "cache");
new RedisModuleStack(app, "redis");
app.synth();
`;

/** The cdktf.json of a CDKTF project, as `cdktf init` writes it for TypeScript (the app compiled beforehand). */
const CDKTF_JSON = { language: "typescript", app: "node out/main.js", terraformProviders: [], terraformModules: [], context: {} };

interface Consumer {
  dir: string;
  /** The stack that uses the construct, as synthesized. */
  stack: TerraformJson;
  plan: Awaited<ReturnType<typeof plan>>;
  planFile: string;
}

let workRoot: string | undefined;
/** A repository that only reviews plans (Terraform or Terragrunt, no TypeScript): the package alone, from git. */
let reviewOnly: Promise<{ dir: string; bytes: number; packages: string[]; installed: string[] }>;
let cdktfConsumer: Promise<Consumer>;
let cdktnConsumer: Promise<Consumer>;

const git = (cwd: string, ...args: string[]) =>
  run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd });

/** A command with no network at all where `unshare -n` works. */
async function offline(cwd: string, file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const [command, argv] = await offlineCommand(file, args);
  return (await run(command, argv, { cwd, env, maxBuffer: 16 << 20 })).stdout;
}

/** npm, offline in any case. */
const npm = (cwd: string, [command, ...args]: string[]) => offline(cwd, "npm", [command, "--offline", "--no-audit", "--no-fund", ...args]);

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
function peerLock(): { manifest: object; lock: object; paths: string[] } {
  const locked = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages;
  const cdktfPeers = Object.keys(PACKAGE.peerDependencies).filter((name) => !name.includes("cdktn"));
  const dependencies = Object.fromEntries(cdktfPeers.map((name) => [name, locked[`node_modules/${name}`].version]));
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
  const paths = Object.keys(packages).filter((path) => path.lastIndexOf("node_modules/") === 0);
  return { manifest, lock: { name: "consumer", version: "0.0.0", lockfileVersion: 3, requires: true, packages }, paths };
}

/**
 * Copies installed packages as hard links (a plain copy where the file system refuses): an install
 * of hundreds of megabytes in a second, identical to what npm extracts, and npm replaces files
 * rather than writing into them, so the copy cannot change the original.
 */
async function copyInstalled(from: string, to: string): Promise<void> {
  mkdirSync(dirname(to), { recursive: true });
  await run("cp", ["-al", from, to]).catch(() => run("cp", ["-a", from, to]));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Type-checks the consumer's stack in dir, whose node_modules is installed, with the Node at
 * nodeBin, synthesizes it with `synth`, and plans it. The stack's own provider requirement is
 * overridden the way its provider configuration is: only hashicorp/aws 5.100.0 is in this
 * machine's mirror.
 */
async function synthAndPlan(work: string, dir: string, cdk: Cdk, nodeBin: string, synth: () => Promise<unknown>): Promise<Consumer> {
  writeFileSync(join(dir, "main.ts"), consumerStack(cdk));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...cdk.compilerOptions, outDir: "out" }, files: ["main.ts"] }));
  await run(nodeBin, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd: dir }).catch((error: { stdout?: string }) => {
    throw new Error(`tsc failed in ${dir}:\n${error.stdout}`);
  });
  await synth();
  const stackText = readFileSync(join(dir, "cdktf.out", "stacks", "cache", "cdk.tf.json"), "utf8");
  const stackDir = await prepareStackDir(join(work, `plan-${cdk.core}`), stackText);
  writeFileSync(join(stackDir, "versions_override.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.28.0" } } } }));
  await init(stackDir);
  const planned = await plan(stackDir, { env: { TF_VAR_auth_token: "consumer-token-0123456789" } });
  const planFile = join(dir, "plan.json");
  writeFileSync(planFile, JSON.stringify(planned));
  return { dir, stack: JSON.parse(stackText), plan: planned, planFile };
}

beforeAll(async () => {
  requireTerraform();
  // Outside the project, so that no consumer finds this project's node_modules (its cdktf) by
  // walking up from its own.
  const work = (workRoot = await makeWorkRoot());
  reviewOnly = started(
    (async () => {
      const repo = await repository(work);
      const dir = join(work, "review-only");
      mkdirSync(dir);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "infrastructure-live", version: "0.0.0", private: true }));
      await npm(dir, ["install", `git+file://${repo}#${TAG}`]);
      const modules = join(dir, "node_modules");
      const bytes = filesUnder(modules).reduce((sum, file) => sum + statSync(join(modules, file)).size, 0);
      const packages = readdirSync(modules).filter((name) => !name.startsWith("."));
      return { dir, bytes, packages, installed: filesUnder(join(modules, "redis-cdktf")) };
    })(),
  );
  // The package as the git install built it, for the two CDK projects to install in turn.
  const tarball = started(
    (async () => {
      const { dir } = await reviewOnly;
      const name = (await npm(work, ["pack", "--ignore-scripts", "--pack-destination", work, join(dir, "node_modules", "redis-cdktf")])).trim();
      return join(work, name.split("\n").at(-1)!);
    })(),
  );
  // Each CDK project is set up as `npm ci` would leave it, from installed copies: this project's
  // peers, and the CDK Terrain project that `pretest` installed (tools/test-prerequisites.js).
  cdktfConsumer = started(
    (async () => {
      const dir = join(work, "cdktf-consumer");
      mkdirSync(dir);
      const { manifest, lock, paths } = peerLock();
      writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
      writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock));
      await Promise.all(paths.map((path) => copyInstalled(join(root, path), join(dir, path))));
      await npm(dir, ["install", "--legacy-peer-deps", await tarball]);
      return synthAndPlan(work, dir, CDKTF, process.execPath, () => run(process.execPath, ["out/main.js"], { cwd: dir }));
    })(),
  );
  cdktnConsumer = started(
    (async () => {
      const dir = join(work, "cdktn-consumer");
      mkdirSync(dir);
      for (const file of ["package.json", "package-lock.json"]) cpSync(join(CDKTN_PROJECT, file), join(dir, file));
      const installed = join(root, ".test-work", "cdktn-project", "node_modules");
      const entries = readdirSync(installed).filter((name) => name !== ".package-lock.json");
      await Promise.all(entries.map((name) => copyInstalled(join(installed, name), join(dir, "node_modules", name))));
      await npm(dir, ["install", await tarball]);
      // Through CDK Terrain's CLI, reading the cdktf.json a CDKTF project has (docs/cdk-terrain.md),
      // with the project's Node 22 first on PATH for the app it starts.
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(CDKTF_JSON));
      const bin = join(dir, "node_modules", ".bin");
      const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHECKPOINT_DISABLE: "1" };
      return synthAndPlan(work, dir, CDKTN, join(bin, "node"), () => offline(dir, join(bin, "cdktn"), ["synth"], env));
    })(),
  );
  await Promise.allSettled([cdktfConsumer, cdktnConsumer]);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

describe("the package, installed from a git URL for the plan review alone", () => {
  it("is built on install, and holds compiled JavaScript and typings, the module, the license and the changelog: nothing else", async () => {
    const { installed } = await reviewOnly;
    const other = installed.filter((path) => !/^dist\/(lib\/.*|cdktn\/.*|bin\/review)\.(js|d\.ts)$/.test(path));
    expect(other).toEqual(NOT_COMPILED);
    expect(installed).toContain("dist/lib/index.d.ts");
    expect(installed).toContain("dist/cdktn/index.d.ts");
    expect(installed).toContain("dist/bin/review.js");
    expect(installed.some((path) => path.startsWith("dist/") && path.endsWith(".ts") && !path.endsWith(".d.ts"))).toBe(false);
  });

  it("has a CDK Terrain target that imports CDK Terrain's packages and its own modules only", async () => {
    const { dir, installed } = await reviewOnly;
    const pkg = join(dir, "node_modules", "redis-cdktf");
    const outside: string[] = [];
    const unresolved: string[] = [];
    for (const file of installed.filter((path) => path.startsWith("dist/cdktn/"))) {
      for (const [, , specifier] of readFileSync(join(pkg, file), "utf8").matchAll(/(?:\brequire\(|\bfrom |\bimport\()(["'])([^"']+)\1/g)) {
        if (specifier.startsWith(".")) {
          const target = join(pkg, dirname(file), specifier);
          const ext = file.endsWith(".d.ts") ? ".d.ts" : ".js";
          if (![`${target}${ext}`, join(target, `index${ext}`)].some((path) => installed.includes(relative(pkg, path)))) unresolved.push(`${file}: ${specifier}`);
        } else if (!/^(cdktn|constructs|@cdktn\/provider-aws\/lib\/[a-z0-9-]+|node:[a-z]+)$/.test(specifier)) outside.push(`${file}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    expect(unresolved).toEqual([]);
    expect(installed.filter((path) => path.startsWith("dist/cdktn/")).length).toBeGreaterThan(40);
  });

  it("brings neither CDK nor any provider bindings: its peers are optional", async () => {
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

  it("ships the module as this release synthesizes it, naming the release", async () => {
    const { dir } = await reviewOnly;
    const shipped = readFileSync(join(dir, "node_modules", "redis-cdktf", "module", "cdk.tf.json"), "utf8");
    expect(shipped).toBe(synthModuleText());
    expect(JSON.parse(shipped)["//"].generated_by).toBe(`redis-cdktf ${PACKAGE.version}`);
  });
});

describe("the package in a CDK for Terraform project", () => {
  it("type-checks a strict stack against its typings, synthesizes it, and Terraform plans it", async () => {
    const { plan: p, dir } = await cdktfConsumer;
    const created = (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() === "create");
    expect(created.filter((rc) => rc.type === "aws_elasticache_replication_group")).toHaveLength(1);
    // The cluster, its subnet group and security group, four alarms on each of its two nodes, and
    // the 18 resources of the snapshot export.
    expect(created).toHaveLength(29);
    // The job's package, shipped in the package, becomes an asset of the stack.
    const job = (p.resource_changes ?? []).find((rc) => rc.type === "aws_lambda_function")!.change.after as { filename: string };
    const asset = readFileSync(join(dir, "cdktf.out", "stacks", "cache", job.filename));
    expect(asset.equals(readFileSync(join(root, "module", "snapshot-export.zip")))).toBe(true);
    const module = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "redis", "cdk.tf.json"), "utf8"));
    expect(module["//"].generated_by).toBe(`redis-cdktf ${PACKAGE.version}`);
  });

  it("runs the review command from node_modules/.bin, and with npx", async () => {
    const { dir, planFile } = await cdktfConsumer;
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

describe("the package in a CDK Terrain project (cdktn 0.24, @cdktn/provider-aws, Node 22, no cdktf)", () => {
  it("runs under Node 22, with CDK Terrain's packages and no CDK for Terraform package installed", async () => {
    const { dir } = await cdktnConsumer;
    const version = await run(join(dir, "node_modules", ".bin", "node"), ["--version"]);
    expect(version.stdout).toMatch(/^v22\./);
    const installed = (name: string) => JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version;
    expect(installed("cdktn")).toBe("0.24.0");
    expect(installed("cdktn-cli")).toBe("0.24.0");
    expect(installed("@cdktn/provider-aws")).toMatch(/^25\./);
    const modules = readdirSync(join(dir, "node_modules"));
    expect(modules).toContain("redis-cdktf");
    expect(modules.filter((name) => ["cdktf", "cdktf-cli", "@cdktf"].includes(name))).toEqual([]);
    // Nor anywhere Node would look from the project: a cdktf import left in the package would fail.
    const resolve = createRequire(join(dir, "package.json")).resolve;
    for (const name of ["cdktf", "@cdktf/provider-aws/lib/provider"]) expect(() => resolve(name), name).toThrow(/Cannot find module/);
  });

  it("synthesizes the same stack as CDK for Terraform: only the CDK's version and the provider bindings' requirement differ", async () => {
    const cdktf = (await cdktfConsumer).stack;
    const cdktn = (await cdktnConsumer).stack;
    expect(cdktn["//"].metadata.version).toBe("0.24.0");
    expect(cdktf["//"].metadata.version).toBe("0.21.0");
    // Each bindings release pins the provider it was generated from (hashicorp/aws 6.66.0 and
    // 5.x), and the older one names it by its short source address.
    expect(cdktn.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "6.66.0" });
    expect(cdktf.terraform.required_providers.aws).toEqual({ source: "aws", version: expect.stringMatching(/^5\.\d+\.\d+$/) });
    const without = (stack: TerraformJson) => {
      const copy = structuredClone(stack);
      delete copy["//"].metadata.version;
      delete copy.terraform.required_providers;
      return copy;
    };
    expect(without(cdktn)).toEqual(without(cdktf));
    expect(Object.keys(cdktn.resource).length).toBeGreaterThan(10);
  });

  it("type-checks the construct's stack, synthesizes it with `cdktn synth` from a cdktf.json, and plans it with Terraform", async () => {
    const { plan: p, dir } = await cdktnConsumer;
    const manifest = JSON.parse(readFileSync(join(dir, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["cache", "redis"]);
    const created = (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() === "create");
    expect(created).toHaveLength(29);
    // Four on each of the two nodes, and the export job's.
    expect(created.filter((rc) => rc.type === "aws_cloudwatch_metric_alarm")).toHaveLength(9);
    const job = (p.resource_changes ?? []).find((rc) => rc.type === "aws_lambda_function")!.change.after as { filename: string };
    expect(readFileSync(join(dir, "cdktf.out", "stacks", "cache", job.filename)).equals(readFileSync(join(root, "module", "snapshot-export.zip")))).toBe(true);
    const review = await run(join(dir, "node_modules", ".bin", "redis-plan-review"), [(await cdktnConsumer).planFile], { cwd: dir });
    expect(review.stdout).toContain("29 to add");
  });

  it("synthesizes the drop-in module from redis-cdktf/cdktn/module-stack as the package ships it", async () => {
    const { dir } = await cdktnConsumer;
    const synthesized = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "redis", "cdk.tf.json"), "utf8"));
    const shipped = JSON.parse(synthModuleText());
    expect(synthesized["//"].metadata.version).toBe("0.24.0");
    delete synthesized["//"].metadata.version;
    delete shipped["//"].metadata.version;
    expect(synthesized).toEqual(shipped);
  });
});
