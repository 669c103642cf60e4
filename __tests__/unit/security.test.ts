import { App, TerraformStack } from "cdktf";
import { beforeEach, describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { InvalidInputsError } from "../../lib/rules/literal-checks";
import { jsonencode } from "../../lib/rules/messages";
import { resourcesOf, synthModule, synthRedis, TerraformJson, withTempDir } from "../../tools/synth";
import { expectNoToken, TOKEN_CASES, TokenCase } from "../helpers/bad-inputs";
import { propsOf, SAMPLE_AUTH_TOKEN, scenario, VALID_INPUTS } from "../../tools/scenarios";

const LITERAL_TOKEN =
  "Invalid auth_token (sensitive value): must be a token, such as a sensitive TerraformVariable or a Secrets " +
  "Manager or SSM Parameter Store data source, never a literal: a literal is written to the synthesized JSON in plain text.";

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
});

describe("a literal token, refused by the construct, is never shown by its messages", () => {
  /** The violations the construct reports for the token given as a literal. */
  function literalTokenViolations(c: TokenCase): readonly string[] {
    try {
      withTempDir((outdir) => {
        const stack = new TerraformStack(new App({ outdir }), "test");
        new ElastiCacheRedis(stack, "cache", { ...propsOf({ ...VALID_INPUTS, ...c.inputs }), authToken: c.token });
      });
    } catch (error) {
      if (!(error instanceof InvalidInputsError)) throw error;
      expectNoToken(c.token, error.message, "the error");
      return error.violations;
    }
    throw new Error("the construct accepted a literal token");
  }

  it.each(TOKEN_CASES.map((c) => [c.label, c] as const))("%s", (_label, c) => {
    const violations = literalTokenViolations(c);
    for (const violation of violations) expectNoToken(c.token, violation, "a violation");
    // Every rule the token breaks is reported, with "(sensitive value)" in place of the token.
    expect([...violations].sort()).toEqual([LITERAL_TOKEN, ...c.errors].sort());
  });
});

describe("security posture of the module with default inputs", () => {
  let module!: TerraformJson;
  beforeEach(() => {
    module = synthModule();
  });
  let replicationGroup!: TerraformJson;
  beforeEach(() => {
    replicationGroup = module.resource.aws_elasticache_replication_group.redis;
  });

  it("encrypts at rest and in transit by default", () => {
    expect(module.variable.enable_at_rest_encryption.default).toBe(true);
    expect(module.variable.enable_transit_encryption.default).toBe(true);
    expect(replicationGroup.at_rest_encryption_enabled).toBe("${var.enable_at_rest_encryption}");
    expect(replicationGroup.transit_encryption_enabled).toBe("${var.enable_transit_encryption}");
  });

  it("refuses a token without transit encryption at plan time", () => {
    // What Terraform does with it is in __tests__/terraform/rules.test.ts ("auth_token: transit encryption off").
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
    const rules = resourcesOf(json, "aws_security_group_rule");
    expect(rules.map((rule) => rule.count)).toEqual([0, 0]);
    for (const rule of rules) {
      expect(rule.type).toBe("ingress");
      expect(rule).not.toHaveProperty("description");
    }
  });
});

describe("values in messages, as Terraform's jsonencode writes them", () => {
  it("sorts object keys at every depth, as Terraform holds maps and objects", () => {
    expect(jsonencode({ log_format: "json", destination: "d", nested: { b: 1, a: [{ z: 1, y: 2 }] } })).toBe(
      '{"destination":"d","log_format":"json","nested":{"a":[{"y":2,"z":1}],"b":1}}',
    );
  });
});
