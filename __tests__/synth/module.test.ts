import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { EXPECTED_OUTPUTS, EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES, required } from "../helpers/spec";
import { synthDestinationText, synthModule, synthModuleText, TerraformJson } from "../../tools/synth";

const root = join(__dirname, "..", "..");

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
/** Resources of features the HCL module never had: nothing to move. */
const NEW_RESOURCES = [
  "aws_appautoscaling_policy.redis",
  "aws_appautoscaling_target.redis",
  "aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization_all_nodes",
  "aws_cloudwatch_metric_alarm.elasticache_high_engine_cpu_utilization_all_nodes",
  "aws_cloudwatch_metric_alarm.elasticache_low_memory_available_all_nodes",
  "aws_cloudwatch_metric_alarm.elasticache_swap_usage_all_nodes",
  "aws_route53_record.primary_dns_record",
  "aws_route53_record.reader_dns_record",
  "aws_cloudwatch_event_rule.snapshot_export_schedule",
  "aws_cloudwatch_event_target.snapshot_export_target",
  "aws_cloudwatch_log_group.snapshot_export_logs",
  "aws_cloudwatch_metric_alarm.snapshot_export_alarm",
  "aws_iam_role.snapshot_export_role",
  "aws_iam_role.snapshot_replication_role",
  "aws_iam_role_policy.snapshot_export_policy",
  "aws_iam_role_policy.snapshot_replication_policy",
  "aws_lambda_function.snapshot_export_function",
  "aws_lambda_permission.snapshot_export_invoke",
  "aws_s3_bucket.snapshot_export_bucket",
  "aws_s3_bucket_lifecycle_configuration.snapshot_export_lifecycle",
  "aws_s3_bucket_ownership_controls.snapshot_export_ownership",
  "aws_s3_bucket_policy.snapshot_export_bucket_policy",
  "aws_s3_bucket_public_access_block.snapshot_export_public_access",
  "aws_s3_bucket_replication_configuration.snapshot_export_replication",
  "aws_s3_bucket_server_side_encryption_configuration.snapshot_export_encryption",
  "aws_s3_bucket_versioning.snapshot_export_versioning",
];

describe("the drop-in module's interface", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthModule();
  });

  it("declares exactly the 26 variables of the HCL module, the 9 of later releases and the 24 of this module, with their types and defaults", () => {
    const expected = { ...EXPECTED_VARIABLES, ...LATER_GRUNTWORK_VARIABLES, ...MODULE_ONLY_VARIABLES };
    expect(Object.keys(EXPECTED_VARIABLES)).toHaveLength(26);
    expect(Object.keys(expected)).toHaveLength(59);
    expect(Object.keys(json.variable).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [type, defaultValue]] of Object.entries(expected)) {
      const variable = json.variable[name];
      expect(variable.type, name).toBe(type);
      if (defaultValue === required) expect(variable, name).not.toHaveProperty("default");
      else expect(variable.default, name).toEqual(defaultValue);
      // null means "not set" only where it is the default; elsewhere null is refused (or takes the default).
      if (defaultValue === null) expect(variable, name).not.toHaveProperty("nullable");
      else expect(variable.nullable, name).toBe(false);
      // A sentence a reader of the variable learns from: several words, capitalized, ending with a period.
      expect(variable.description, name).toMatch(/^[A-Z][^.]*(\.[^.]+)*\.$/);
      expect(variable.description.split(" ").length, name).toBeGreaterThanOrEqual(5);
    }
    const descriptions = Object.values<{ description: string }>(json.variable).map((v) => v.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it("marks auth_token, and only it, sensitive", () => {
    const sensitive = Object.keys(json.variable).filter((name) => json.variable[name].sensitive);
    expect(sensitive).toEqual(["auth_token"]);
  });

  it("declares exactly the 6 outputs and security_group_id", () => {
    expect(Object.keys(json.output).sort()).toEqual(EXPECTED_OUTPUTS);
    expect(json.output.cache_node_id.value).toBe("0001");
  });

  it("is committed as module/cdk.tf.json exactly as this tree synthesizes it (the git route's module)", () => {
    const committed = readFileSync(join(root, "module", "cdk.tf.json"), "utf8");
    expect(committed === synthModuleText(), "module/cdk.tf.json is out of date: run npm run module").toBe(true);
  });

  it("ships the snapshot export job's package as the job's source builds it, the same bytes on every build", () => {
    // tools/snapshot-job.js is plain JavaScript, loaded as npm run module loads it.
    const { buildJobZip } = require("../../tools/snapshot-job.js") as { buildJobZip: () => Buffer };
    const committed = readFileSync(join(root, "module", "snapshot-export.zip"));
    expect(committed.equals(buildJobZip()), "module/snapshot-export.zip is out of date: run npm run module").toBe(true);
    expect(buildJobZip().equals(buildJobZip())).toBe(true);
  });

  it("is committed as module-snapshot-destination/cdk.tf.json exactly as this tree synthesizes it", () => {
    const committed = readFileSync(join(root, "module-snapshot-destination", "cdk.tf.json"), "utf8");
    expect(committed === synthDestinationText(), "module-snapshot-destination/cdk.tf.json is out of date: run npm run module").toBe(true);
  });

  it("carries no backend, no provider block and no per-resource cdktf metadata", () => {
    expect(json).not.toHaveProperty("provider");
    expect(json.terraform).not.toHaveProperty("backend");
    const { name, version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    // Which release wrote the module: a Terraform comment key, the same on every machine.
    expect(json["//"]).toEqual({ metadata: { stackName: "redis", version: expect.any(String) }, generated_by: `${name} ${version}` });
    expect(json["//"].generated_by).toBe("redis-cdktf 1.0.0");
    const resources = Object.values<object>(json.resource).flatMap((byName) => Object.values(byName));
    expect(resources).toHaveLength(Object.keys(EXPECTED_RESOURCES).length + NEW_RESOURCES.length);
    for (const resource of resources) expect(resource).not.toHaveProperty("//");
  });

  it("requires hashicorp/aws 5.x and Terraform 1.5 or later", () => {
    expect(json.terraform).toEqual({
      required_version: ">= 1.5.0",
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.28.0, < 7.0.0" } },
    });
  });

  it("puts every resource at the HCL module's address without the child-module prefix", () => {
    const addresses = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.keys(byName as object).map((name) => `${type}.${name}`),
    );
    expect(addresses.sort()).toEqual([...Object.keys(EXPECTED_RESOURCES), ...NEW_RESOURCES].sort());
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
