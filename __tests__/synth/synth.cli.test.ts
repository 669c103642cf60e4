/**
 * The synth commands as users run them, in child processes: `npm run synth` (bin/synth.js) and
 * `cdktf synth`. (A mutant of lib/ cannot reach a child process, so mutation testing leaves these
 * out: see vitest.mutation.config.mts.)
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { resourcesOf, synthDestinationText, synthModuleText, withTempDir } from "../../tools/synth";
import { propsOf, SAMPLE_AUTH_TOKEN, SCENARIOS } from "../../tools/scenarios";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");

/** Every file below dir, with its text. */
function filesBelow(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => [path, readFileSync(path, "utf8")]);
}

/** Synthesizes a scenario through the construct, the token coming from a sensitive variable as documented. */
function synthScenario(outdir: string, inputs: Record<string, unknown>): void {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "scenario");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const token = new TerraformVariable(stack, "redis_auth_token", { type: "string", sensitive: true });
  new ElastiCacheRedis(stack, "cache", {
    ...propsOf(inputs),
    ...(inputs.auth_token ? { authToken: token.stringValue } : {}),
  });
  app.synth();
}

describe("the auth token never reaches synthesized files", () => {
  it("is in no file written by npm run synth, the module, or any scenario, with the token in the environment", async () => {
    // The token is where CI has it while synthesizing: in TF_VAR_ variables of the environment.
    const secretEnv = { TF_VAR_auth_token: SAMPLE_AUTH_TOKEN, TF_VAR_redis_auth_token: SAMPLE_AUTH_TOKEN };
    await withTempDir(async (dir) => {
      await run("npm", ["run", "synth"], { cwd: root, env: { ...process.env, ...secretEnv, CDKTF_OUTDIR: join(dir, "app") } });
      const saved = { ...process.env };
      Object.assign(process.env, secretEnv);
      try {
        writeFileSync(join(dir, "module.tf.json"), synthModuleText());
        for (const s of SCENARIOS) synthScenario(join(dir, s.id), s.inputs);
      } finally {
        for (const key of Object.keys(secretEnv)) if (!(key in saved)) delete process.env[key];
      }
      const files = filesBelow(dir);
      expect(files.length).toBeGreaterThan(SCENARIOS.length);
      for (const [path, text] of files) expect(text, path).not.toContain(SAMPLE_AUTH_TOKEN);
      // The scenario with a token does wire it, as a reference to the sensitive variable.
      const production = JSON.parse(readFileSync(join(dir, "production", "stacks", "scenario", "cdk.tf.json"), "utf8"));
      expect(resourcesOf(production, "aws_elasticache_replication_group")[0].auth_token).toBe("${var.redis_auth_token}");
    });
  });
});


describe("a failed synth leaves nothing behind", () => {
  it("exits non-zero with the message alone and removes the output folder", async () => {
    await withTempDir(async (dir) => {
      const outdir = join(dir, "cdktf.out");
      mkdirSync(join(outdir, "stacks", "redis"), { recursive: true });
      writeFileSync(join(outdir, "stacks", "redis", "cdk.tf.json"), "{} from an earlier run");
      const app = join(dir, "bad-app.js");
      writeFileSync(
        app,
        `const { App, TerraformStack } = require(${JSON.stringify(require.resolve("cdktf"))});
         const { RedisModuleStack } = require(${JSON.stringify(join(root, "dist", "lib", "drop-in", "module-stack.js"))});
         const { ElastiCacheRedis } = require(${JSON.stringify(join(root, "dist", "lib", "construct", "redis.js"))});
         const app = new App({ stackTraces: false });
         new RedisModuleStack(app, "redis");
         new ElastiCacheRedis(new TerraformStack(app, "bad"), "cache", {
           name: "Orders_Cache", instanceType: "cache.t3.micro", replicationGroupSize: 9,
           enableAutomaticFailover: false, enableMultiAz: true, vpcId: "vpc-0a1b", subnetIds: ["subnet-0a1b"],
           authToken: ${JSON.stringify(SAMPLE_AUTH_TOKEN)},
         });
         app.synth();`,
      );
      const failure = await run("node", [join(root, "bin", "synth.js"), app], {
        cwd: dir,
        env: { ...process.env, CDKTF_OUTDIR: outdir },
      }).then(
        () => undefined,
        (error) => error as { code: number; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain("bad/cache: 4 invalid input(s)");
      expect(failure?.stderr).toContain('Invalid name "Orders_Cache"');
      expect(failure?.stderr).toContain("Invalid enable_multi_az true, enable_automatic_failover false");
      expect(failure?.stderr).not.toMatch(/^\s+at /m);
      expect(failure?.stderr).not.toContain(SAMPLE_AUTH_TOKEN);
      expect(existsSync(outdir)).toBe(false);
      expect(readdirSync(dir).filter((name) => name.includes("staging"))).toEqual([]);
    });
  });
});

describe("npm run synth and cdktf synth", () => {
  it("npm run synth writes the module and the example environment stack", async () => {
    await withTempDir(async (outdir) => {
      await run("npm", ["run", "synth"], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir } });
      const moduleText = readFileSync(join(outdir, "stacks", "redis", "cdk.tf.json"), "utf8");
      expect(moduleText).toBe(synthModuleText());
      expect(readFileSync(join(outdir, "stacks", "redis-snapshot-destination", "cdk.tf.json"), "utf8")).toBe(synthDestinationText());
      const production = JSON.parse(readFileSync(join(outdir, "stacks", "production", "cdk.tf.json"), "utf8"));
      expect(production.terraform.backend.local.path).toBe("../../../terraform.production.tfstate");
      expect(production.variable.redis_auth_token.sensitive).toBe(true);
      expect(Object.keys(production.resource)).toContain("aws_elasticache_replication_group");
    });
  });

  it("runs in parallel in one checkout: 6 at once, twice over, all succeed and leave one complete output", async () => {
    await withTempDir(async (dir) => {
      const outdir = join(dir, "cdktf.out");
      const env = { ...process.env, CDKTF_OUTDIR: outdir };
      for (let round = 0; round < 2; round++) {
        const runs = await Promise.allSettled(
          Array.from({ length: 6 }, () => run(process.execPath, [join(root, "bin", "synth.js")], { cwd: root, env })),
        );
        const failed = runs.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
        expect(failed, `round ${round}`).toEqual([]);
        expect(readdirSync(dir), `round ${round}`).toEqual(["cdktf.out"]);
        expect(readFileSync(join(outdir, "stacks", "redis", "cdk.tf.json"), "utf8")).toBe(synthModuleText());
        const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
        expect(Object.keys(manifest.stacks).sort()).toEqual(["production", "redis", "redis-snapshot-destination"]);
      }
    });
  });

  it("waits while another run holds the lock, and goes on when it is released", async () => {
    await withTempDir(async (dir) => {
      const outdir = join(dir, "cdktf.out");
      mkdirSync(`${outdir}.lock`);
      writeFileSync(join(`${outdir}.lock`, "pid"), String(process.pid));
      const started = Date.now();
      const waiting = run(process.execPath, [join(root, "bin", "synth.js")], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir } });
      await new Promise((done) => setTimeout(done, 1500));
      expect(existsSync(outdir)).toBe(false);
      rmSync(`${outdir}.lock`, { recursive: true });
      await waiting;
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      expect(readdirSync(dir)).toEqual(["cdktf.out"]);
    });
  });

  it("takes over the lock and the staging folder of a run that died", async () => {
    await withTempDir(async (dir) => {
      const outdir = join(dir, "cdktf.out");
      const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
      mkdirSync(`${outdir}.lock`);
      writeFileSync(join(`${outdir}.lock`, "pid"), String(dead));
      mkdirSync(`${outdir}.staging-${dead}`);
      await run(process.execPath, [join(root, "bin", "synth.js")], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir } });
      expect(readdirSync(dir)).toEqual(["cdktf.out"]);
    });
  });

  it("keeps the example's state in S3 when REDIS_STATE_BUCKET is set", async () => {
    await withTempDir(async (outdir) => {
      const env = { ...process.env, CDKTF_OUTDIR: outdir, REDIS_STATE_BUCKET: "acme-state" };
      await run("npm", ["run", "synth"], { cwd: root, env });
      const production = JSON.parse(readFileSync(join(outdir, "stacks", "production", "cdk.tf.json"), "utf8"));
      expect(production.terraform.backend).toEqual({
        s3: { bucket: "acme-state", key: "production/terraform.tfstate", region: "eu-west-1", encrypt: true },
      });
    });
  });

  it("cdktf synth runs the app from cdktf.json and writes the same module", async () => {
    await withTempDir(async (outdir) => {
      await run("npx", ["cdktf", "synth", "--output", outdir], {
        cwd: root,
        env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
      });
      expect(readFileSync(join(outdir, "stacks", "redis", "cdk.tf.json"), "utf8")).toBe(synthModuleText());
    });
  });
});
