/**
 * The plans of __tests__/fixtures/plans/, made by real Terraform runs (`npm run fixtures`,
 * tools/review-fixtures.ts, says how): `terraform show -json` of each saved plan, gzipped, the
 * `Plan: ...` line `terraform plan` printed for it, and manifest.json (the module, Terraform and
 * provider each was made with).
 *
 *   const { text, plan, summary } = readPlanFixture("replace-port-60");
 *   reviewPlanJson(text) ... expect(...).toContain(summary) ...
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

export const PLANS_DIR = join(__dirname, "..", "fixtures", "plans");

export const PLAN_FIXTURES = ["replace-port-60", "create-60", "ingress-cidr-change"] as const;
export type PlanFixture = (typeof PLAN_FIXTURES)[number];

/** What every fixture's top-level "timestamp" is set to (the one value that differs between runs). */
export const FIXED_TIMESTAMP = "2026-01-01T00:00:00Z";

export interface FixtureRecord {
  /** sha256 of the synthesized module (cdk.tf.json) the plan was made with; see moduleDigest. */
  module_sha256: string;
  terraform: string;
  aws_provider: string;
  /** Size and sha256 of the plan JSON (uncompressed). */
  bytes: number;
  sha256: string;
}

export type FixtureManifest = Record<string, FixtureRecord>;

export const MANIFEST = join(PLANS_DIR, "manifest.json");

export const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** The digest manifest.json records for a module's text. */
export const moduleDigest = (moduleText: string) => sha256(moduleText);

export function readManifest(): FixtureManifest {
  return JSON.parse(readFileSync(MANIFEST, "utf8")) as FixtureManifest;
}

export interface PlanJson {
  format_version: string;
  terraform_version: string;
  timestamp?: string;
  resource_changes?: {
    address: string;
    module_address?: string;
    type: string;
    name: string;
    index?: number | string;
    action_reason?: string;
    change: {
      actions: string[];
      before: Record<string, any> | null;
      after: Record<string, any> | null;
      replace_paths?: unknown[][];
    };
  }[];
  output_changes?: Record<string, { actions: string[]; before: unknown; after: unknown }>;
  relevant_attributes?: unknown[];
  [key: string]: unknown;
}

export interface LoadedFixture {
  /** The plan JSON exactly as the review command reads it from a file. */
  text: string;
  plan: PlanJson;
  /** Terraform's line, e.g. "Plan: 119 to add, 0 to change, 119 to destroy." */
  summary: string;
}

const cache = new Map<PlanFixture, LoadedFixture>();

export function readPlanFixture(name: PlanFixture): LoadedFixture {
  let loaded = cache.get(name);
  if (!loaded) {
    const text = gunzipSync(readFileSync(join(PLANS_DIR, `${name}.json.gz`))).toString("utf8");
    const summary = readFileSync(join(PLANS_DIR, `${name}.summary.txt`), "utf8").trim();
    loaded = { text, plan: JSON.parse(text) as PlanJson, summary };
    cache.set(name, loaded);
  }
  return loaded;
}

export interface TerraformCounts {
  add: number;
  change: number;
  destroy: number;
}

/**
 * The counts of Terraform's `Plan:` line, from the plan's resource changes: a create adds, an
 * update changes, a delete destroys, and a replacement both adds and destroys.
 */
export function terraformCounts(plan: PlanJson): TerraformCounts {
  const counts = { add: 0, change: 0, destroy: 0 };
  for (const { change } of plan.resource_changes ?? []) {
    if (change.actions.includes("create")) counts.add++;
    if (change.actions.includes("update")) counts.change++;
    if (change.actions.includes("delete")) counts.destroy++;
  }
  return counts;
}

/** Terraform's line for the counts. */
export const summaryLine = (c: TerraformCounts) => `Plan: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy.`;
