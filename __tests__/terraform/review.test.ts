/**
 * The review over real plans: Terraform plans the synthesized module against a crafted state
 * (what the module, or the HCL module before the migration, holds after apply), and the "Plan"
 * and "Review" steps of examples/github-actions/plan-review.yml run exactly as written there.
 * Offline-only settings come through the environment: the provider mirror, fake credentials, and
 * TF_CLI_ARGS_plan=-refresh=false (a refresh would call AWS).
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKER, reviewPlanJson, type Review } from "../../lib/review";
import { DANGER_HEADING } from "../../lib/review/render/danger-section";
import { hclModuleState, nestedStates, writeState, type AddressLayout, stateAddresses } from "../../tools/state";
import { synthModuleText } from "../../tools/synth";
import { callView, init, offlineCommand, plan, prepareCallerDir, requireTerraform, terraformEnv } from "../../tools/terraform";
import { SAMPLE_AUTH_TOKEN, scenario } from "../../tools/scenarios";
import { readPlanFixture } from "../helpers/plan-fixtures";

const PROJECT = resolve(__dirname, "..", "..");
const WORKFLOW = join(PROJECT, "examples", "github-actions", "plan-review.yml");
const run = promisify(execFile);

// ---- the workflow's steps ------------------------------------------------------------------------

interface WorkflowStep {
  readonly run: string;
  readonly workingDirectory?: string;
}

/**
 * A step of the workflow by name. A small reader for this one file's layout (`- name:` items with
 * a `run: |` block or a one-line `run:`), so the test needs no YAML package.
 */
function workflowStep(yaml: string, name: string): WorkflowStep {
  const lines = yaml.split("\n");
  const start = lines.findIndex((line) => new RegExp(`^\\s*- name: ${name}\\s*$`).test(line));
  if (start < 0) throw new Error(`the workflow has no step named "${name}"`);
  const keyIndent = lines[start].indexOf("name:");
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && line.search(/\S/) < keyIndent) break;
    body.push(line);
  }
  const key = (k: string) => body.findIndex((line) => line.search(/\S/) === keyIndent && line.trim().startsWith(`${k}:`));
  const value = (i: number) => body[i].trim().replace(/^[\w-]+:\s*/, "");
  const wd = key("working-directory");
  const r = key("run");
  if (r < 0) throw new Error(`step "${name}" has no run`);
  let script = value(r);
  if (script === "|") {
    const block: string[] = [];
    for (const line of body.slice(r + 1)) {
      if (line.trim() !== "" && line.search(/\S/) <= keyIndent) break;
      block.push(line);
    }
    const indent = Math.min(...block.filter((l) => l.trim() !== "").map((l) => l.search(/\S/)));
    script = block.map((l) => l.slice(indent)).join("\n").trimEnd();
  }
  return { run: script, workingDirectory: wd < 0 ? undefined : value(wd) };
}

// ---- running the steps offline -------------------------------------------------------------------

/** The job's environment as the workflow sets it, with the tests' offline settings in place of AWS. */
function stepEnv(): NodeJS.ProcessEnv {
  return {
    ...terraformEnv({ TF_CLI_ARGS_plan: "-refresh=false" }),
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
  };
}

/**
 * Runs a step's script as GitHub Actions does (`bash --noprofile --norc -eo pipefail`), in a
 * private network namespace when the kernel allows, so nothing leaves the machine.
 */
async function runStep(dir: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const [file, args] = await offlineCommand("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script]);
  try {
    const { stdout, stderr } = await run(file, args, { cwd: dir, env: stepEnv(), timeout: 110_000, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/**
 * The command as a project that installed the package has it: node_modules/.bin/redis-plan-review
 * in the folder above the Terraform roots, running this checkout's compiled command (npm run synth
 * compiles whatever is out of date first). __tests__/terraform/package-consumer.test.ts installs the package from a git URL.
 */
async function installReviewCommand(dir: string): Promise<void> {
  await run(process.execPath, [join(PROJECT, "bin", "synth.js")], {
    cwd: PROJECT,
    env: { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out") },
  });
  const bin = join(dir, "node_modules", ".bin");
  await mkdir(bin, { recursive: true });
  const command = join(bin, "redis-plan-review");
  await writeFile(command, `#!/bin/sh\nexec "${process.execPath}" "${join(PROJECT, "dist", "bin", "review.js")}" "$@"\n`);
  await chmod(command, 0o755);
}

// ---- the cases -----------------------------------------------------------------------------------

const PRODUCTION = scenario("production").inputs;

const KMS_KEY = (id: string) => `arn:aws:kms:eu-west-1:111122223333:key/${id}abcd-12ab-34cd-56ef-1234567890ab`;

/** A second token: what a rotation plans. */
const ROTATED_AUTH_TOKEN = "Rotated-Auth-Token-fedcba9876543210";

interface Case {
  readonly id: string;
  /** Inputs the state was applied with (null: no state, everything is created), and where its resources sit. */
  readonly applied: Readonly<Record<string, unknown>> | null;
  readonly layout: AddressLayout;
  /** Inputs of the configuration being planned. */
  readonly planned: Readonly<Record<string, unknown>>;
  /**
   * Planned and reviewed by the workflow's own steps, in a folder of its own. The other cases are
   * calls of one root module, planned together (one provider start), each reviewed by the same
   * command on its part of the plan.
   */
  readonly workflow?: true;
}

const CASES: readonly Case[] = [
  {
    id: "in-place",
    workflow: true,
    applied: PRODUCTION,
    layout: "root",
    planned: { ...PRODUCTION, maintenance_window: "sun:05:00-sun:06:00" },
  },
  {
    id: "replace-encryption",
    applied: { ...PRODUCTION, enable_at_rest_encryption: false },
    layout: "root",
    planned: PRODUCTION,
  },
  { id: "replace-port", applied: PRODUCTION, layout: "root", planned: { ...PRODUCTION, port: 6380 } },
  {
    id: "destroy-alarms",
    workflow: true,
    applied: PRODUCTION,
    layout: "root",
    planned: { ...PRODUCTION, enable_cloudwatch_alarms: false },
  },
  { id: "migration", workflow: true, applied: PRODUCTION, layout: "hcl-module", planned: PRODUCTION },
  { id: "create", applied: null, layout: "root", planned: PRODUCTION },
  { id: "rotate-token", applied: PRODUCTION, layout: "root", planned: { ...PRODUCTION, auth_token: ROTATED_AUTH_TOKEN } },
  {
    id: "valkey-upgrade",
    workflow: true,
    applied: { ...PRODUCTION, redis_version: "5.0.6" },
    layout: "root",
    planned: { ...PRODUCTION, engine: "valkey", redis_version: "8.0" },
  },
  {
    id: "kms-key-change",
    applied: { ...PRODUCTION, kms_key_id: KMS_KEY("1111") },
    layout: "root",
    planned: { ...PRODUCTION, kms_key_id: KMS_KEY("2222") },
  },
];

/** The module as the root, as Terragrunt runs it: the caller's provider, inputs from tfvars. */
const PROVIDER = {
  provider: {
    aws: {
      region: "eu-west-1",
      access_key: "AKIAIOSFODNN7EXAMPLE",
      secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    },
  },
};

interface Result {
  readonly plan: { code: number; stdout: string; stderr: string };
  readonly review: { code: number; stderr: string };
  readonly markdown: string;
  readonly parsed: Review;
  /** Instance addresses of the crafted state. */
  readonly stateAddresses: readonly string[];
}

describe("plan review of real plans", () => {
  const results = new Map<string, Result>();
  let root: string;
  let steps: { plan: WorkflowStep; review: WorkflowStep };

  beforeAll(async () => {
    requireTerraform();
    const yaml = await readFile(WORKFLOW, "utf8");
    steps = { plan: workflowStep(yaml, "Plan"), review: workflowStep(yaml, "Review") };
    const moduleText = synthModuleText();
    await mkdir(join(PROJECT, ".test-work"), { recursive: true });
    root = await mkdtemp(join(PROJECT, ".test-work", "review-"));
    await installReviewCommand(root);
    const stateOf = (c: Case) => (c.applied === null ? null : hclModuleState(c.applied, { addresses: c.layout }));
    const workflowCases = CASES.filter((c) => c.workflow).map(async (c) => {
      const dir = join(root, c.id);
      await mkdir(dir);
      const state = await stateOf(c);
      await Promise.all([
        writeFile(join(dir, "cdk.tf.json"), moduleText),
        writeFile(join(dir, "provider.tf.json"), JSON.stringify(PROVIDER, null, 2)),
        writeFile(join(dir, "terraform.tfvars.json"), JSON.stringify(c.planned, null, 2)),
        ...(state === null ? [] : [writeState(join(dir, "terraform.tfstate"), state)]),
      ]);
      const plan = await runStep(dir, steps.plan.run);
      if (plan.code !== 0) throw new Error(`case ${c.id}: the Plan step failed (exit ${plan.code}):\n${plan.stderr}${plan.stdout}`);
      const review = await runStep(dir, steps.review.run);
      const markdown = await readFile(join(dir, "review.md"), "utf8").catch(() => "");
      const parsed = reviewPlanJson(await readFile(join(dir, "plan.json"), "utf8")).review;
      results.set(c.id, { plan, review, markdown, parsed, stateAddresses: state === null ? [] : stateAddresses(state) });
    });
    const called = CASES.filter((c) => !c.workflow);
    const calledCases = (async () => {
      const dir = join(root, "calls");
      const states = await Promise.all(called.map(stateOf));
      await prepareCallerDir(dir, moduleText, { calls: Object.fromEntries(called.map((c) => [c.id, c.planned])), region: "eu-west-1" });
      const applied = Object.fromEntries(called.flatMap((c, i) => (states[i] === null ? [] : [[c.id, states[i]!]])));
      await writeState(join(dir, "terraform.tfstate"), nestedStates(applied));
      await init(dir);
      const planned = await plan(dir);
      await Promise.all(
        called.map(async (c, i) => {
          const planFile = join(dir, `${c.id}.plan.json`);
          await writeFile(planFile, JSON.stringify(callView(planned, c.id)));
          const review = await runStep(dir, `npx --no -- redis-plan-review ${c.id}.plan.json --output ${c.id}.md --fail-on-danger`);
          const markdown = await readFile(join(dir, `${c.id}.md`), "utf8").catch(() => "");
          const parsed = reviewPlanJson(await readFile(planFile, "utf8")).review;
          const state = states[i];
          results.set(c.id, { plan: { code: 0, stdout: "", stderr: "" }, review, markdown, parsed, stateAddresses: state === null ? [] : stateAddresses(state) });
        }),
      );
    })();
    await Promise.all([...workflowCases, calledCases]);
  }, 240_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  const result = (id: string): Result => {
    const r = results.get(id);
    if (!r) throw new Error(`no result for ${id}`);
    return r;
  };

  it("runs the workflow's steps in the root module's folder", () => {
    expect(steps.plan.workingDirectory).toBe("${{ env.TF_ROOT }}");
    expect(steps.review.workingDirectory).toBe("${{ env.TF_ROOT }}");
    expect(steps.review.run).toBe("npx --no -- redis-plan-review plan.json --output review.md --fail-on-danger");
    // The step scripts run as they are: no GitHub expressions inside them.
    expect(steps.plan.run + steps.review.run).not.toContain("${{");
  });

  it("writes a review for every case, with no sensitive value in it", () => {
    for (const c of CASES) {
      const r = result(c.id);
      expect(r.markdown.startsWith(`${MARKER}\n`), c.id).toBe(true);
      expect(r.markdown, c.id).not.toContain(SAMPLE_AUTH_TOKEN);
      expect(r.markdown, c.id).not.toContain(ROTATED_AUTH_TOKEN);
      expect(r.review.stderr, c.id).not.toContain(SAMPLE_AUTH_TOKEN);
    }
  });

  it("counts as Terraform's own plan line does, in every case the workflow planned", () => {
    for (const c of CASES.filter((c) => c.workflow)) {
      const r = result(c.id);
      const terraformLine = r.plan.stdout.match(/^Plan: (.*)\.$/m)?.[1];
      const reviewLine = r.markdown.match(/^\*\*Plan:\*\* (.*)\.$/m)?.[1];
      // A plan of moves only prints no count line of its own in some Terraform versions.
      expect(reviewLine, c.id).toBe(terraformLine ?? "0 to add, 0 to change, 0 to destroy");
    }
  });

  it("create: the token is among the new cluster's arguments, masked", () => {
    const r = result("create");
    // The cluster, its subnet group, security group and three rules, and four alarms on each of its two nodes.
    expect(r.parsed.summary).toMatchObject({ add: 14, change: 0, replace: 0, destroy: 0 });
    expect(r.markdown).toContain("| `auth_token` | (sensitive) |");
    expect(r.markdown).toContain('| `replication_group_id` | `"orders-prod"` |');
  });

  it("Redis OSS 5.0.6 -> Valkey 8.0: an update in place, told irreversible, no danger, exit 0", () => {
    const r = result("valkey-upgrade");
    expect(r.review.code).toBe(0);
    expect(r.parsed.summary).toMatchObject({ add: 0, change: 1, replace: 0, destroy: 0 });
    expect(r.parsed.dangers).toEqual([]);
    expect(r.plan.stdout).toContain("# aws_elasticache_replication_group.redis will be updated in-place");
    expect(r.markdown).toContain("## ⚠️ Irreversible: Redis OSS to Valkey");
    expect(r.markdown).not.toContain("DANGER");
  });

  it("the Valkey upgrade guide quotes this plan as Terraform printed it", async () => {
    const guide = await readFile(join(PROJECT, "docs", "valkey-upgrade.md"), "utf8");
    const printed = result("valkey-upgrade").plan.stdout.split("\n");
    const quoted = [
      "  # aws_elasticache_replication_group.redis will be updated in-place",
      '      ~ engine                      = "redis" -> "valkey"',
      '      ~ engine_version              = "5.0.6" -> "8.0"',
      '      ~ parameter_group_name        = "default.redis5.0" -> "default.valkey8"',
      "Plan: 0 to add, 1 to change, 0 to destroy.",
    ];
    for (const line of quoted) {
      expect(printed, line).toContain(line);
      expect(guide, line).toContain(line);
    }
  });

  it("KMS key change: DANGER forced by kms_key_id, exit 1", () => {
    const r = result("kms-key-change");
    expect(r.review.code).toBe(1);
    expect(r.parsed.dangers.map((d) => [d.address, d.kind, d.forcedBy.map((f) => f.path.join("."))])).toEqual([
      ["aws_elasticache_replication_group.redis", "replace", ["kms_key_id"]],
    ]);
    expect(r.markdown.split("\n")[1]).toBe(`${DANGER_HEADING}: this plan replaces the Redis cluster`);
  });

  it("token rotation: an in-place update whose before and after are both masked", () => {
    const r = result("rotate-token");
    expect(r.review.code).toBe(0);
    expect(r.parsed.summary).toMatchObject({ add: 0, change: 1, replace: 0, destroy: 0 });
    expect(r.markdown).toContain("| `auth_token` | (sensitive) | (sensitive) |");
    expect(r.markdown).not.toContain("DANGER");
  });

  it("in-place change: the maintenance window, before -> after, no danger", () => {
    const r = result("in-place");
    expect(r.review.code).toBe(0);
    expect(r.parsed.summary).toMatchObject({ add: 0, change: 1, replace: 0, destroy: 0, move: 0 });
    expect(r.markdown).toContain("**Plan:** 0 to add, 1 to change, 0 to destroy.");
    expect(r.plan.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    expect(r.markdown).toContain("| Action | Resource |\n| --- | --- |\n| update in place | `aws_elasticache_replication_group.redis` |\n");
    expect(r.markdown).toContain('| `maintenance_window` | `"sat:07:00-sat:08:00"` | `"sun:05:00-sun:06:00"` |');
    expect(r.markdown).not.toContain("DANGER");
  });

  it("at-rest encryption off -> on: DANGER first, naming at_rest_encryption_enabled, exit 1", () => {
    const r = result("replace-encryption");
    expect(r.review.code).toBe(1);
    expect(r.review.stderr).toContain("review: DANGER: aws_elasticache_replication_group.redis (replaced)");
    expect(r.parsed.summary).toMatchObject({ add: 0, replace: 1, destroy: 0 });
    expect(r.parsed.dangers.map((d) => [d.address, d.kind, d.forcedBy.map((f) => f.path.join("."))])).toEqual([
      ["aws_elasticache_replication_group.redis", "replace", ["at_rest_encryption_enabled"]],
    ]);
    const lines = r.markdown.split("\n");
    expect(lines[1]).toBe(`${DANGER_HEADING}: this plan replaces the Redis cluster`);
    expect(r.markdown).toContain('- `at_rest_encryption_enabled`: `"false"` -> `"true"`');
    expect(r.markdown).toMatch(/\*\*All data in the cache\.\*\*/);
    expect(r.markdown).toMatch(/primary, reader and configuration endpoints/);
  });

  it("port change: DANGER naming port; the ingress rules are replaced too, without danger", () => {
    const r = result("replace-port");
    expect(r.review.code).toBe(1);
    expect(r.parsed.dangers.map((d) => [d.address, d.forcedBy.map((f) => f.path.join("."))])).toEqual([
      ["aws_elasticache_replication_group.redis", ["port"]],
    ]);
    expect(r.markdown).toContain("- `port`: `6379` -> `6380`");
    const rules = r.parsed.changes.filter((c) => c.type === "aws_security_group_rule");
    expect(rules.map((c) => c.kind)).toEqual(["replace", "replace", "replace"]);
    expect(r.parsed.summary).toMatchObject({ add: 0, replace: 4, destroy: 0 });
    expect(r.markdown.indexOf(DANGER_HEADING)).toBeLessThan(r.markdown.indexOf("**Plan:**"));
  });

  it("alarms turned off: the eight alarm deletions, no danger (the cluster stays)", () => {
    const r = result("destroy-alarms");
    expect(r.review.code).toBe(0);
    expect(r.parsed.summary).toEqual({ add: 0, change: 0, replace: 0, destroy: 8, move: 0, import: 0, forget: 0 });
    const deleted = r.parsed.changes.filter((c) => c.kind === "delete");
    expect(deleted.every((c) => c.type === "aws_cloudwatch_metric_alarm")).toBe(true);
    // Terraform's own count, and the two members' alarms of each kind as one row.
    expect(r.plan.stdout).toContain("Plan: 0 to add, 0 to change, 8 to destroy.");
    expect(r.markdown).toContain("**Plan:** 0 to add, 0 to change, 8 to destroy.");
    expect(r.markdown).toContain("| **destroy** ×2 | `aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[*]` | `count` no longer reaches this index |");
    expect(r.markdown).toContain("| **destroy** ×2 | `aws_cloudwatch_metric_alarm.elasticache_swap_usage[*]` | `count` no longer reaches this index |");
    expect(r.markdown).not.toContain("DANGER");
  });

  it("migration from the HCL module: every resource moves, nothing is added, replaced or destroyed", () => {
    const r = result("migration");
    expect(r.review.code).toBe(0);
    expect(r.parsed.summary).toMatchObject({ add: 0, replace: 0, destroy: 0, move: r.stateAddresses.length });
    expect(r.markdown).toContain(`### ${r.stateAddresses.length} moved\n`);
    expect(r.markdown).toContain("- `module.redis.aws_elasticache_replication_group.redis` -> `aws_elasticache_replication_group.redis`\n");
    expect(r.markdown).toContain(
      "- `module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_swap_usage[1]` -> `aws_cloudwatch_metric_alarm.elasticache_swap_usage[1]`\n",
    );
    // Nothing but moves: no table of changes.
    expect(r.markdown).not.toContain("| Action |");
    expect(r.plan.stdout).toContain("Plan: 0 to add, 0 to change, 0 to destroy.");
    expect(r.markdown).toContain("**Plan:** 0 to add, 0 to change, 0 to destroy.");
    expect(r.markdown).not.toContain("DANGER");
  });
});

describe("the Terragrunt workflow's steps (examples/github-actions/terragrunt-plan-review.yml)", () => {
  const TG_WORKFLOW = join(PROJECT, "examples", "github-actions", "terragrunt-plan-review.yml");
  /** A unit with nothing to do: Terraform's plan of a configuration that matches its state. */
  const NO_CHANGES = JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", resource_changes: [], planned_values: {} });
  let root: string;
  let perUnit: Awaited<ReturnType<typeof runStep>>;
  let review: Awaited<ReturnType<typeof runStep>>;
  let markdown: string;
  let tg: string;

  beforeAll(async () => {
    const yaml = await readFile(TG_WORKFLOW, "utf8");
    const steps = { perUnit: workflowStep(yaml, "Plan JSON per unit"), review: workflowStep(yaml, "Review") };
    expect([steps.perUnit.workingDirectory, steps.review.workingDirectory]).toEqual(["${{ env.TG_ROOT }}", "${{ env.TG_ROOT }}"]);
    await mkdir(join(PROJECT, ".test-work"), { recursive: true });
    root = await mkdtemp(join(PROJECT, ".test-work", "terragrunt-"));
    await installReviewCommand(root);
    // Terragrunt is not installed here: the stand-in answers `terragrunt show -json tfplan` with the
    // unit's saved plan, which real Terraform made (__tests__/fixtures/plans).
    const shim = join(root, "shim");
    await mkdir(shim);
    await writeFile(join(shim, "terragrunt"), '#!/bin/sh\n[ "$1" = show ] && exec cat tfplan.json\nexit 1\n');
    await chmod(join(shim, "terragrunt"), 0o755);
    tg = join(root, "live", "prod");
    const units: Record<string, string> = {
      orders: readPlanFixture("ingress-cidr-change").text,
      carts: readPlanFixture("replace-port-60").text,
      sessions: NO_CHANGES,
      // Terragrunt's own copy of a unit: the steps must leave it out.
      "sessions/.terragrunt-cache/abc/sessions": NO_CHANGES,
    };
    for (const [unit, json] of Object.entries(units)) {
      await mkdir(join(tg, unit), { recursive: true });
      await writeFile(join(tg, unit, "terragrunt.hcl"), 'terraform {\n  source = "../../../modules/redis"\n}\n');
      await writeFile(join(tg, unit, "tfplan.json"), json);
    }
    const withShim = (script: string) => `export PATH="${shim}:$PATH"\n${script}`;
    perUnit = await runStep(tg, withShim(steps.perUnit.run));
    review = await runStep(tg, withShim(steps.review.run));
    markdown = await readFile(join(tg, "review.md"), "utf8").catch(() => "");
  }, 120_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("writes each unit's plan as JSON in its folder, leaving Terragrunt's cache out", async () => {
    expect(perUnit.code).toBe(0);
    const written = (unit: string) => readFile(join(tg, unit, "plan.json"), "utf8").then(() => true, () => false);
    expect(await Promise.all(["orders", "carts", "sessions", "sessions/.terragrunt-cache/abc/sessions"].map(written))).toEqual([true, true, true, false]);
  });

  it("reviews every unit in one comment, the danger first naming its unit, and fails on it", () => {
    expect(review.code).toBe(1);
    expect(markdown.startsWith(`${MARKER}\n## ⛔ DANGER in \`carts\`: this plan replaces 60 Redis clusters\n`)).toBe(true);
    expect(markdown).toContain("## Terraform plan review: 3 units");
    expect(markdown).toContain("- No changes: `sessions`.");
    expect(markdown).toContain("## `orders`");
    expect(review.stderr).toMatch(/^review: DANGER: carts: module\.cache_01\.aws_elasticache_replication_group\.redis \(replaced\), /);
  });
});
