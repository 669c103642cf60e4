/**
 * The plans of __tests__/fixtures/plans (npm run fixtures) are what they claim to be: real plans of
 * this module, deterministic, with Terraform's own summary line. The review tests rely on them.
 */
import { describe, expect, it } from "vitest";
import {
  FIXED_TIMESTAMP,
  moduleDigest,
  PLAN_FIXTURES,
  readManifest,
  readPlanFixture,
  sha256,
  summaryLine,
  terraformCounts,
} from "../helpers/plan-fixtures";
import { synthModuleText } from "../../tools/synth";

const changed = (name: (typeof PLAN_FIXTURES)[number]) =>
  (readPlanFixture(name).plan.resource_changes ?? []).filter((c) => c.change.actions.join() !== "no-op");
const isReplace = (actions: string[]) => actions.length === 2 && actions.includes("delete") && actions.includes("create");

describe("plan fixtures", () => {
  it("were made with the module as it is now (else: npm run fixtures)", () => {
    const manifest = readManifest();
    expect(Object.keys(manifest)).toEqual([...PLAN_FIXTURES]);
    const digest = moduleDigest(synthModuleText());
    for (const name of PLAN_FIXTURES) {
      expect(manifest[name].module_sha256, `${name} was planned with another module: run npm run fixtures`).toBe(digest);
    }
  });

  it.each(PLAN_FIXTURES)("%s is the plan JSON the manifest records, in its deterministic form", (name) => {
    const { text, plan } = readPlanFixture(name);
    expect({ bytes: Buffer.byteLength(text), sha256: sha256(text) }).toEqual({
      bytes: readManifest()[name].bytes,
      sha256: readManifest()[name].sha256,
    });
    expect(plan.format_version).toMatch(/^1\./);
    expect(plan.terraform_version).toBe(readManifest()[name].terraform);
    expect(plan.timestamp).toBe(FIXED_TIMESTAMP);
    const keys = (plan.relevant_attributes ?? []).map((a) => JSON.stringify(a));
    expect(keys).toEqual([...keys].sort());
  });

  it.each(PLAN_FIXTURES)("%s has Terraform's summary line, which its resource changes add up to", (name) => {
    const { plan, summary } = readPlanFixture(name);
    expect(summary).toMatch(/^Plan: \d+ to add, \d+ to change, \d+ to destroy\.$/);
    expect(summaryLine(terraformCounts(plan))).toBe(summary);
  });

  it("replace-port-60: 60 clusters in 60 calls, each replaced for port 6379 -> 6380, with its ingress rules", () => {
    const { plan, summary } = readPlanFixture("replace-port-60");
    expect(summary).toBe("Plan: 119 to add, 0 to change, 119 to destroy.");
    const groups = changed("replace-port-60").filter((c) => c.type === "aws_elasticache_replication_group");
    expect(groups.map((c) => c.module_address)).toEqual(
      Array.from({ length: 60 }, (_, i) => `module.cache_${String(i + 1).padStart(2, "0")}`),
    );
    expect(new Set(groups.map((c) => c.change.before?.replication_group_id)).size).toBe(60);
    for (const c of groups) {
      expect(c.change.actions).toEqual(["delete", "create"]);
      expect(c.change.replace_paths).toEqual([["port"]]);
      expect([c.change.before?.port, c.change.after?.port]).toEqual([6379, 6380]);
    }
    const others = changed("replace-port-60").filter((c) => c.type !== "aws_elasticache_replication_group");
    expect(new Set(others.map((c) => c.type))).toEqual(new Set(["aws_security_group_rule"]));
    expect(others.every((c) => isReplace(c.change.actions))).toBe(true);
    // Both kinds of ingress: CIDR blocks and security groups.
    expect(others.some((c) => c.change.before?.cidr_blocks)).toBe(true);
    expect(others.some((c) => c.change.before?.source_security_group_id)).toBe(true);
    expect(plan.resource_changes!.length).toBe(599);
  });

  it("create-60: the same 60 calls, everything created", () => {
    const { plan, summary } = readPlanFixture("create-60");
    expect(summary).toBe("Plan: 599 to add, 0 to change, 0 to destroy.");
    expect(plan.resource_changes!.every((c) => c.change.actions.join() === "create")).toBe(true);
    expect(plan.resource_changes!.filter((c) => c.type === "aws_elasticache_replication_group")).toHaveLength(60);
    const addresses = (name: "create-60" | "replace-port-60") =>
      readPlanFixture(name).plan.resource_changes!.map((c) => c.address).sort();
    expect(addresses("create-60")).toEqual(addresses("replace-port-60"));
  });

  it("ingress-cidr-change: one CIDR of the rule changes, and the rule is replaced", () => {
    const { summary } = readPlanFixture("ingress-cidr-change");
    expect(summary).toBe("Plan: 1 to add, 0 to change, 1 to destroy.");
    const [rule, ...others] = changed("ingress-cidr-change");
    expect(others).toEqual([]);
    expect(rule.address).toBe("module.cache.aws_security_group_rule.allow_connections_from_cidr_blocks[0]");
    expect(rule.change.actions).toEqual(["delete", "create"]);
    expect(rule.change.replace_paths).toEqual([["cidr_blocks"]]);
    expect([rule.change.before?.cidr_blocks, rule.change.after?.cidr_blocks]).toEqual([
      ["10.0.0.0/16", "10.1.0.0/16"],
      ["10.0.0.0/16", "10.2.0.0/16"],
    ]);
  });
});
