import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { synthModule, synthModuleText, withTempDir } from "./helpers/synth";

const run = promisify(execFile);
const root = join(__dirname, "..");
const CLUSTER_MODE = "list(object({ num_node_groups = number, replicas_per_node_group = number }))";

// The HCL module's interface (module-interface.md §1): [type, default]; `required` has no default.
const required = Symbol("required");
const EXPECTED_VARIABLES: Record<string, [string, unknown]> = {
  name: ["string", required],
  instance_type: ["string", required],
  replication_group_size: ["number", required],
  enable_automatic_failover: ["bool", required],
  enable_multi_az: ["bool", required],
  vpc_id: ["string", required],
  subnet_ids: ["list(string)", required],
  redis_version: ["string", "5.0.6"],
  port: ["number", 6379],
  auth_token: ["string", null],
  enable_at_rest_encryption: ["bool", true],
  enable_transit_encryption: ["bool", true],
  snapshot_window: ["string", "06:00-07:00"],
  snapshot_retention_limit: ["number", 15],
  snapshot_name: ["string", null],
  snapshot_arn: ["string", null],
  maintenance_window: ["string", "sat:07:00-sat:08:00"],
  parameter_group_name: ["string", null],
  apply_immediately: ["bool", false],
  cluster_mode: [CLUSTER_MODE, []],
  allow_connections_from_cidr_blocks: ["list(string)", []],
  allow_connections_from_security_groups: ["list(string)", []],
  enable_cloudwatch_alarms: ["bool", true],
  alarms_sns_topic_arns: ["list(string)", []],
  sns_topic_for_notifications: ["string", ""],
  tags: ["map(string)", {}],
};

const EXPECTED_OUTPUTS = [
  "cache_cluster_ids",
  "cache_node_id",
  "cache_port",
  "configuration_endpoint",
  "primary_endpoint",
  "reader_endpoint",
];

const EXPECTED_RESOURCES: Record<string, "redis" | "redis_alarms"> = {
  "aws_elasticache_replication_group.redis": "redis",
  "aws_elasticache_subnet_group.redis": "redis",
  "aws_security_group.redis": "redis",
  "aws_security_group_rule.allow_connections_from_cidr_blocks": "redis",
  "aws_security_group_rule.allow_connections_from_security_group": "redis",
  "aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization": "redis_alarms",
  "aws_cloudwatch_metric_alarm.elasticache_high_engine_cpu_utilization": "redis_alarms",
  "aws_cloudwatch_metric_alarm.elasticache_low_memory_available": "redis_alarms",
  "aws_cloudwatch_metric_alarm.elasticache_swap_usage": "redis_alarms",
};

describe("the drop-in module's interface", () => {
  const json = synthModule();

  it("declares exactly the 22 variables of the HCL module, with their types and defaults", () => {
    expect(Object.keys(json.variable).sort()).toEqual(Object.keys(EXPECTED_VARIABLES).sort());
    for (const [name, [type, defaultValue]] of Object.entries(EXPECTED_VARIABLES)) {
      const variable = json.variable[name];
      expect(variable.type, name).toBe(type);
      if (defaultValue === required) expect(variable, name).not.toHaveProperty("default");
      else expect(variable.default, name).toEqual(defaultValue);
      expect(variable.description, name).toMatch(/\w/);
    }
  });

  it("marks auth_token, and only it, sensitive", () => {
    const sensitive = Object.keys(json.variable).filter((name) => json.variable[name].sensitive);
    expect(sensitive).toEqual(["auth_token"]);
  });

  it("declares exactly the 6 outputs", () => {
    expect(Object.keys(json.output).sort()).toEqual(EXPECTED_OUTPUTS);
    expect(json.output.cache_node_id.value).toBe("0001");
  });

  it("carries no backend, no provider block and no per-resource cdktf metadata", () => {
    expect(json).not.toHaveProperty("provider");
    expect(json.terraform).not.toHaveProperty("backend");
    expect(json["//"]).toEqual({ metadata: { stackName: "redis", version: expect.any(String) } });
    for (const byName of Object.values<object>(json.resource)) {
      for (const resource of Object.values(byName)) expect(resource).not.toHaveProperty("//");
    }
  });

  it("requires hashicorp/aws 5.x and Terraform 1.5 or later", () => {
    expect(json.terraform).toEqual({
      required_version: ">= 1.5.0",
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.0.0, < 6.0.0" } },
    });
  });

  it("puts every resource at the HCL module's address without the child-module prefix", () => {
    const addresses = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.keys(byName as object).map((name) => `${type}.${name}`),
    );
    expect(addresses.sort()).toEqual(Object.keys(EXPECTED_RESOURCES).sort());
  });

  it("moves every resource from its address in the HCL module", () => {
    const expected = Object.entries(EXPECTED_RESOURCES).map(([to, module]) => ({ from: `module.${module}.${to}`, to }));
    expect([...json.moved].sort((a, b) => a.to.localeCompare(b.to))).toEqual(
      expected.sort((a, b) => a.to.localeCompare(b.to)),
    );
  });
});

describe("deterministic output", () => {
  it("synthesizes identical bytes every time, whatever the output folder", () => {
    expect(synthModuleText()).toBe(synthModuleText());
  });

  it("holds no absolute path", () => {
    const text = synthModuleText();
    expect(text).not.toMatch(/"\/(tmp|root|home|work|usr|opt|var)\//);
    expect(text).not.toContain(root);
  });
});

describe("npm run synth and cdktf synth", () => {
  it("npm run synth writes the module and the example environment stack", async () => {
    await withTempDir(async (outdir) => {
      await run("npm", ["run", "synth"], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir } });
      const moduleText = readFileSync(join(outdir, "stacks", "redis", "cdk.tf.json"), "utf8");
      expect(moduleText).toBe(synthModuleText());
      const production = JSON.parse(readFileSync(join(outdir, "stacks", "production", "cdk.tf.json"), "utf8"));
      expect(production.terraform.backend.local.path).toBe("../../../terraform.production.tfstate");
      expect(production.variable.redis_auth_token.sensitive).toBe(true);
      expect(Object.keys(production.resource)).toContain("aws_elasticache_replication_group");
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
