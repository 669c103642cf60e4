import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../lib/redis";
import { InvalidInputsError } from "../lib/validation";
import { resourcesOf, synthModule, synthModuleText, synthRedis, withTempDir } from "./helpers/synth";
import { propsOf, SAMPLE_AUTH_TOKEN, SCENARIOS, scenario } from "./scenarios";

const run = promisify(execFile);
const root = join(__dirname, "..");

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

describe("the auth token never reaches synthesized files or messages", () => {
  it("refuses a literal token, naming the input without showing the token", () => {
    const attempt = () =>
      withTempDir((outdir) => {
        const stack = new TerraformStack(new App({ outdir }), "test");
        new ElastiCacheRedis(stack, "cache", { ...propsOf(scenario("production").inputs), authToken: SAMPLE_AUTH_TOKEN });
      });
    expect(attempt).toThrow(InvalidInputsError);
    expect(attempt).toThrow(/Invalid auth_token \(sensitive value\): must be a token, .* never a literal/);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain(SAMPLE_AUTH_TOKEN);
    }
  });

  it("is in no file written by npm run synth, the module, or any scenario", async () => {
    await withTempDir(async (dir) => {
      await run("npm", ["run", "synth"], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: join(dir, "app") } });
      writeFileSync(join(dir, "module.tf.json"), synthModuleText());
      for (const s of SCENARIOS) synthScenario(join(dir, s.id), s.inputs);
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
         const { RedisModuleStack } = require(${JSON.stringify(join(root, "dist", "lib", "module-stack.js"))});
         const { ElastiCacheRedis } = require(${JSON.stringify(join(root, "dist", "lib", "redis.js"))});
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

describe("security posture of the module with default inputs", () => {
  const module = synthModule();
  const replicationGroup = module.resource.aws_elasticache_replication_group.redis;

  it("encrypts at rest and in transit by default", () => {
    expect(module.variable.enable_at_rest_encryption.default).toBe(true);
    expect(module.variable.enable_transit_encryption.default).toBe(true);
    expect(replicationGroup.at_rest_encryption_enabled).toBe("${var.enable_at_rest_encryption}");
    expect(replicationGroup.transit_encryption_enabled).toBe("${var.enable_transit_encryption}");
  });

  it("refuses a token without transit encryption at plan time", () => {
    // What Terraform does with it is in rules.terraform.test.ts ("auth_token: transit encryption off").
    const precondition = replicationGroup.lifecycle.precondition.find((p: { error_message: string }) =>
      p.error_message.includes("an auth_token needs enable_transit_encryption = true"),
    );
    expect(precondition.condition).toContain("var.auth_token");
    expect(precondition.condition).toContain("var.enable_transit_encryption");
  });

  it("describes the security group and, like the HCL module, none of its rules (a description would be a change on migration)", () => {
    expect(module.resource.aws_security_group.redis.description).toBe("Security group for the ${var.name} ElastiCache cluster");
    const rules = Object.values<Record<string, unknown>>(module.resource.aws_security_group_rule);
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule).not.toHaveProperty("description");
  });

  it("opens no ingress unless asked, never to the whole internet by default, and adds no egress", () => {
    expect(module.variable.allow_connections_from_cidr_blocks.default).toEqual([]);
    expect(module.variable.allow_connections_from_security_groups.default).toEqual([]);
    const rules = Object.values<Record<string, unknown>>(module.resource.aws_security_group_rule);
    expect(rules.map((rule) => rule.type)).toEqual(["ingress", "ingress"]);
    expect(JSON.stringify(module)).not.toMatch(/0\.0\.0\.0\/0|::\/0|ipv6_cidr_blocks/);
    expect(module.resource.aws_security_group.redis).not.toHaveProperty("ingress");
    expect(module.resource.aws_security_group.redis).not.toHaveProperty("egress");
  });

  it("gives the same posture to the construct with default props", () => {
    const json = synthRedis(propsOf(scenario("dev").inputs));
    const rg = resourcesOf(json, "aws_elasticache_replication_group")[0];
    expect(rg.at_rest_encryption_enabled).toBe("true");
    expect(rg.transit_encryption_enabled).toBe(true);
    for (const rule of resourcesOf(json, "aws_security_group_rule")) {
      expect(rule.type).toBe("ingress");
      expect(rule).not.toHaveProperty("description");
    }
  });
});
