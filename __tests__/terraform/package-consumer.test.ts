import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { init, makeWorkRoot, plan, prepareStackDir, removeWorkRoot, requireTerraform, started } from "../../tools/terraform";
import { synthModuleText } from "../../tools/synth";

/**
 * The package as a new user gets it: `npm pack` (its prepack compiles), installed into a fresh
 * project with its peer dependencies (offline, from the npm cache that `npm ci` filled), a strict
 * TypeScript stack that uses the construct, synthesized and planned with Terraform, and the
 * review command run on that plan from node_modules/.bin.
 */

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const PACKAGE = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
/** What the package holds besides compiled JavaScript and typings. */
const NOT_COMPILED = ["CHANGELOG.md", "LICENSE", "README.md", "module/cdk.tf.json", "package.json"];

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
  packed: string[];
  plan: Awaited<ReturnType<typeof plan>>;
  planFile: string;
}

let workRoot: string | undefined;
let consumer: Promise<Consumer>;

/** `npm pack` in a copy of the sources, so that its compile never rewrites dist/ under other tests. */
async function pack(work: string): Promise<{ tarball: string; files: string[] }> {
  const source = join(work, "source");
  mkdirSync(source);
  for (const entry of ["package.json", "tsconfig.json", "main.ts", "lib", "bin", "tools", "README.md", "LICENSE", "CHANGELOG.md"]) {
    cpSync(join(root, entry), join(source, entry), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(source, "node_modules"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: source, maxBuffer: 16 << 20 });
  const [report] = JSON.parse(stdout.slice(stdout.indexOf("[")));
  return { tarball: join(work, report.filename), files: report.files.map((f: { path: string }) => f.path).sort() };
}

beforeAll(async () => {
  requireTerraform();
  const work = (workRoot = await makeWorkRoot());
  consumer = started(
    (async () => {
      const { tarball, files } = await pack(work);
      const dir = join(work, "consumer");
      mkdirSync(dir);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "0.0.0" }));
      const peers = Object.keys(PACKAGE.peerDependencies).map((name) => `${name}@${PACKAGE.devDependencies[name]}`);
      await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...peers], { cwd: dir });
      writeFileSync(join(dir, "main.ts"), CONSUMER_STACK);
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
      await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd: dir });
      await run(process.execPath, ["out/main.js"], { cwd: dir });
      const stackDir = await prepareStackDir(join(work, "plan"), readFileSync(join(dir, "cdktf.out", "stacks", "cache", "cdk.tf.json"), "utf8"));
      await init(stackDir);
      const planned = await plan(stackDir, { env: { TF_VAR_auth_token: "consumer-token-0123456789" } });
      const planFile = join(dir, "plan.json");
      writeFileSync(planFile, JSON.stringify(planned));
      return { dir, packed: files, plan: planned, planFile };
    })(),
  );
  await consumer.catch(() => undefined);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

describe("the npm package, installed by a new project", () => {
  it("holds compiled JavaScript and typings, the module, the license and the changelog: nothing else", async () => {
    const { packed } = await consumer;
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
    // The cluster, its subnet group and security group, and four alarms on each of its two nodes.
    expect(created).toHaveLength(11);
    const module = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "module", "cdk.tf.json"), "utf8"));
    expect(module["//"].generated_by).toBe(`redis-cdktf ${PACKAGE.version}`);
  });

  it("runs the review command from node_modules/.bin, and with npx", async () => {
    const { dir, planFile } = await consumer;
    const bin = join(dir, "node_modules", ".bin", "redis-plan-review");
    const direct = await run(bin, [planFile, "--fail-on-danger"], { cwd: dir });
    expect(direct.stdout.startsWith("<!-- redis-plan-review -->\n")).toBe(true);
    expect(direct.stdout).toContain("11 to add");
    expect(direct.stdout).not.toContain("consumer-token-0123456789");
    const viaNpx = await run("npx", ["--no", "--", "redis-plan-review", "--help"], { cwd: dir });
    expect(viaNpx.stdout).toMatch(/^usage: redis-plan-review <plan\.json>/);
    expect(viaNpx.stdout).toContain("exit codes:");
  });
});
