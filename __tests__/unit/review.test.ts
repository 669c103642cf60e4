import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classify, parsePlan, PlanError, renderReview, reviewPlanJson, MARKER, type Refusal, type Review, type ReviewedChange } from "../../lib/review";
import { engineChange, kindOf, refusalsOf, versionBelow } from "../../lib/review/classify";
import { logDeliveryChanges, logDeliveryDiffers } from "../../lib/review/logs";
import { parseJson } from "../../lib/review/plan";
import { code, escapeCell } from "../../lib/text/markdown";
import { ReviewTooLongError } from "../../lib/review/render/render";
import { addressPattern, withCount } from "../../lib/review/render/change-sections";
import { DANGER_HEADING } from "../../lib/review/render/danger-section";
import { MAX_VALUE_CHARS } from "../../lib/review/render/limits";
import { IRREVERSIBLE_HEADING, REFUSED_HEADING, UNREFRESHED_HEADING } from "../../lib/review/render/notice-sections";
import { clipped, reasonText, shown as shownMarkdown } from "../../lib/review/render/values";
import {
  deepEqual,
  diffArguments,
  formatPath,
  pathsOverlap,
  setArguments,
  showAt,
  showValue,
} from "../../lib/review/values";
import {
  alarm,
  AUTH_TOKEN,
  type ChangeSpec,
  clusterCreatedWithSlowLog,
  clusterModeGroup,
  clusterUpdate,
  encryptionReplacement,
  encryptionReplacementWithSlowLog,
  ENGINE_LOG_TO_FIREHOSE,
  groupCounts,
  groupUnchanged,
  type Json,
  KMS_KEY_A,
  KMS_KEY_B,
  kmsKeyReplacement,
  noOp,
  planDoc,
  planText,
  redisFromValkeyInPlace,
  redisFromValkeyReplacement,
  replacedAfter,
  REPLICAS_DIMENSION,
  replicationGroup,
  RG_SENSITIVE,
  RG_UNKNOWN,
  SHARDS_DIMENSION,
  SLOW_LOG_TO_CLOUDWATCH,
  slowLogAdded,
  TARGET,
  targetCreated,
  targetDestroyed,
  targetUpdated,
  valkeyUpgrade,
  valkeyUpgradeWithSlowLog,
} from "../helpers/review-fixtures";

const review = (changes: ChangeSpec[]): Review => classify(parsePlan(planText(changes)));
const markdown = (changes: ChangeSpec[]) => reviewPlanJson(planText(changes)).markdown;

const planError = (text: string): string => {
  try {
    parsePlan(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as Error).message;
  }
  throw new Error("expected a PlanError");
};

describe("reading the plan JSON", () => {
  it("reads resource changes and their masks", () => {
    const plan = parsePlan(planText([encryptionReplacement()]));
    expect(plan.formatVersion).toBe("1.2");
    expect(plan.terraformVersion).toBe("1.11.4");
    const [rc] = plan.resourceChanges;
    expect(rc).toMatchObject({
      address: "aws_elasticache_replication_group.redis",
      type: "aws_elasticache_replication_group",
      mode: "managed",
      actions: ["delete", "create"],
      replacePaths: [["at_rest_encryption_enabled"]],
      actionReason: "replace_because_cannot_update",
      importing: false,
    });
    expect(rc.beforeSensitive).toEqual(RG_SENSITIVE);
  });

  it("treats a plan of an empty configuration (no resource_changes) as no changes", () => {
    expect(parsePlan(JSON.stringify({ format_version: "1.2", planned_values: {} })).resourceChanges).toEqual([]);
  });

  it("says the JSON is truncated when it ends early", () => {
    const text = planText([encryptionReplacement()]);
    expect(planError(text.slice(0, 1000))).toMatch(/^the plan JSON is truncated \(it ends after 1000 characters, inside an unfinished /);
    // Wherever the cut falls: inside a string, after a key, between values.
    for (let cut = 1; cut < text.length - 1; cut += 37) {
      expect(planError(text.slice(0, cut))).toMatch(/^the plan JSON is truncated/);
    }
  });

  it("says what is wrong with other invalid JSON", () => {
    expect(planError("{ format_version: 1 }")).toMatch(/^the plan is not valid JSON \(/);
    expect(planError("   \n")).toMatch(/^the plan file is empty/);
  });

  it("reads UTF-8 with a byte order mark, and says so when the file is UTF-16", () => {
    expect(parsePlan(`\uFEFF${planText([])}`).resourceChanges).toEqual([]);
    const utf16 = Buffer.from(`\uFEFF${planText([])}`, "utf16le").toString("utf8");
    expect(planError(utf16)).toMatch(/not UTF-8 \(UTF-16/);
  });

  it("recognises the usual wrong files: a binary plan, the plan -json log, a state", () => {
    expect(planError("PK\u0003\u0004binary")).toMatch(/binary plan file.*terraform show -json/);
    const log = [
      { "@level": "info", "@message": "Terraform 1.11.4", type: "version" },
      { "@level": "info", "@message": "Plan: 1 to add", type: "change_summary" },
    ]
      .map((line) => JSON.stringify(line))
      .join("\n");
    expect(planError(log)).toMatch(/log stream of `terraform plan -json`/);
    const state = { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } };
    expect(planError(JSON.stringify(state))).toMatch(/is a state, not a plan/);
  });

  it("rejects documents that are not a plan, naming the place", () => {
    expect(planError("[]")).toMatch(/must be an object/);
    expect(planError(JSON.stringify({ resource_changes: [] }))).toMatch(/no format_version/);
    expect(planError(JSON.stringify({ format_version: "2.0", resource_changes: [] }))).toMatch(/2\.0 is not supported/);
    const doc = planDoc([encryptionReplacement()]) as { resource_changes: Record<string, any>[] };
    doc.resource_changes[0].change.actions = ["explode"];
    expect(planError(JSON.stringify(doc))).toMatch(
      /resource_changes\[0\] \(aws_elasticache_replication_group\.redis\)\.change\.actions holds an unknown action "explode"/,
    );
    doc.resource_changes[0].change.actions = ["update"];
    doc.resource_changes[0].change.replace_paths = "port";
    expect(planError(JSON.stringify(doc))).toMatch(/replace_paths must be a list/);
    delete doc.resource_changes[0].address;
    expect(planError(JSON.stringify(doc))).toMatch(/resource_changes\[0\]\.address must be a non-empty string/);
  });
});

describe("values", () => {
  it("writes attribute paths as Terraform does", () => {
    expect(formatPath(["port"])).toBe("port");
    expect(formatPath(["tags", "team"])).toBe("tags.team");
    expect(formatPath(["tags", "kubernetes.io/role"])).toBe('tags["kubernetes.io/role"]');
    expect(formatPath(["snapshot_arns", 0])).toBe("snapshot_arns[0]");
  });

  it("masks sensitive values at any depth and marks unknown ones", () => {
    expect(showValue("secret", { sensitive: true, unknown: undefined })).toEqual({ kind: "sensitive" });
    expect(showValue(null, { sensitive: undefined, unknown: true })).toEqual({ kind: "unknown" });
    expect(
      showValue({ a: "x", b: ["y", "secret"] }, { sensitive: { b: [false, true] }, unknown: { a: false } }),
    ).toEqual({ kind: "value", text: '{ a = "x", b = ["y", (sensitive)] }' });
    expect(showValue(["sg-1", null], { sensitive: [], unknown: [false, true] })).toEqual({
      kind: "value",
      text: '["sg-1", (known after apply)]',
    });
  });

  it("keeps long values whole, and the rendering cuts them", () => {
    const long = showValue("x".repeat(500), { sensitive: false, unknown: false });
    expect(long).toEqual({ kind: "value", text: `"${"x".repeat(500)}"` });
    // 502 characters with the quotes.
    expect(shownMarkdown(long)).toBe(`\`"${"x".repeat(MAX_VALUE_CHARS - 1)}… (${502 - MAX_VALUE_CHARS} more characters)\``);
  });

  it("reads the value at a path, stopping at a mask that covers it", () => {
    const masks = { sensitive: { auth_token: true }, unknown: { id: true } };
    const value = { port: 6379, auth_token: "secret", tags: { team: "orders" } };
    expect(showAt(value, masks, ["port"])).toEqual({ kind: "value", text: "6379" });
    expect(showAt(value, masks, ["tags", "team"])).toEqual({ kind: "value", text: '"orders"' });
    expect(showAt(value, masks, ["auth_token"])).toEqual({ kind: "sensitive" });
    expect(showAt(value, masks, ["id"])).toEqual({ kind: "unknown" });
    expect(showAt(null, masks, ["port"])).toEqual({ kind: "value", text: "null" });
  });

  it("compares values as Terraform does: absent and null are the same", () => {
    expect(deepEqual({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: { b: [1] } }, { a: { b: [1] } })).toBe(true);
  });

  it("lists only the arguments that change, into maps but not into lists", () => {
    const diff = diffArguments({
      before: { port: 6379, name: "a", tags: { team: "orders", env: "prod" }, ids: ["sg-1"], token: "old" },
      after: { port: 6380, name: "a", tags: { team: "payments", env: "prod" }, ids: ["sg-1", "sg-2"], token: "new" },
      beforeSensitive: { token: true },
      afterSensitive: { token: true },
      afterUnknown: { arn: true },
    });
    expect(diff.changed.map((c) => [formatPath(c.path), c.before, c.after])).toEqual([
      ["ids", { kind: "value", text: '["sg-1"]' }, { kind: "value", text: '["sg-1", "sg-2"]' }],
      ["port", { kind: "value", text: "6379" }, { kind: "value", text: "6380" }],
      ["tags.team", { kind: "value", text: '"orders"' }, { kind: "value", text: '"payments"' }],
      ["token", { kind: "sensitive" }, { kind: "sensitive" }],
    ]);
    expect(diff.unknown).toEqual([["arn"]]);
  });

  it("lists a created object's set arguments, skipping empty ones", () => {
    const created = setArguments({
      before: null,
      after: { name: "x", description: null, ids: [], tags: {}, token: "t" },
      beforeSensitive: false,
      afterSensitive: { token: true },
      afterUnknown: { id: true, arn: true },
    });
    expect(created.values.map((v) => [formatPath(v.path), v.value])).toEqual([
      ["name", { kind: "value", text: '"x"' }],
      ["token", { kind: "sensitive" }],
    ]);
    expect(created.unknown).toEqual([["arn"], ["id"]]);
  });

  it("matches a forcing path to the argument it lies on", () => {
    expect(pathsOverlap(["snapshot_arns", 0], ["snapshot_arns"])).toBe(true);
    expect(pathsOverlap(["port"], ["port"])).toBe(true);
    expect(pathsOverlap(["port"], ["ports"])).toBe(false);
  });
});

describe("classifying changes", () => {
  it("turns action lists into one kind each", () => {
    expect(kindOf(["no-op"])).toBe("no-op");
    expect(kindOf(["create"])).toBe("create");
    expect(kindOf(["update"])).toBe("update");
    expect(kindOf(["delete"])).toBe("delete");
    expect(kindOf(["delete", "create"])).toBe("replace");
    expect(kindOf(["create", "delete"])).toBe("replace");
    expect(() => kindOf(["update", "delete"])).toThrow(PlanError);
  });

  it("counts adds, changes, replacements, destroys and moves; a replacement is not an add plus a destroy", () => {
    const r = review([
      encryptionReplacement(),
      { address: "aws_security_group_rule.allow_connections_from_cidr_blocks[0]", actions: ["create"], after: { cidr_blocks: ["10.0.0.0/16"] } },
      { address: "aws_cloudwatch_metric_alarm.elasticache_swap_usage[1]", actions: ["delete"], before: alarm(1, "orders-prod-002") },
      {
        address: "aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]",
        previous_address: "module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]",
        actions: ["update"],
        before: { threshold: 50000000 },
        after: { threshold: 60000000 },
      },
      { ...noOp("aws_security_group.redis"), previous_address: "module.redis.aws_security_group.redis" },
      noOp("aws_elasticache_subnet_group.redis"),
      { address: "data.aws_region.current", mode: "data", actions: ["read"], after: {} },
    ]);
    expect(r.summary).toEqual({ add: 1, change: 1, replace: 1, destroy: 1, move: 2, import: 0, forget: 0 });
    // The plain no-op and the data source read are not listed.
    expect(r.changes.map((c) => c.address)).toEqual([
      "aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]",
      "aws_cloudwatch_metric_alarm.elasticache_swap_usage[1]",
      "aws_elasticache_replication_group.redis",
      "aws_security_group.redis",
      "aws_security_group_rule.allow_connections_from_cidr_blocks[0]",
    ]);
  });

  it("flags a replication group replaced in either order, or destroyed, with the forcing arguments", () => {
    for (const actions of [
      ["delete", "create"],
      ["create", "delete"],
    ]) {
      const [danger] = review([{ ...encryptionReplacement(), actions }]).dangers;
      expect(danger).toMatchObject({ role: "cluster", kind: "replace", actionReason: "replace_because_cannot_update" });
      expect(danger.forcedBy).toEqual([
        { path: ["at_rest_encryption_enabled"], before: { kind: "value", text: '"false"' }, after: { kind: "value", text: '"true"' } },
      ]);
    }
    const [destroyed] = review([
      { address: "aws_elasticache_replication_group.redis", actions: ["delete"], before: replicationGroup(), action_reason: "delete_because_no_resource_config" },
    ]).dangers;
    // Data, not words: the rendering says what the code and each loss mean.
    expect(destroyed).toMatchObject({ kind: "delete", forcedBy: [], actionReason: "delete_because_no_resource_config" });
    expect(destroyed.losses).toEqual(["data", "snapshots", "endpoints"]);
  });

  it("recognises the cluster by type, at any address", () => {
    for (const address of [
      "module.cache.aws_elasticache_replication_group.redis",
      'module.caches["orders"].aws_elasticache_replication_group.redis',
      "aws_elasticache_replication_group.orders-cache_replication_group_ABE1F117",
    ]) {
      expect(review([encryptionReplacement(address)]).dangers.map((d) => d.address)).toEqual([address]);
    }
  });

  it("does not flag updates, or destroys of alarms and rules", () => {
    const r = review([
      { address: "aws_elasticache_replication_group.redis", actions: ["update"], before: replicationGroup(), after: replicationGroup({ maintenance_window: "sun:05:00-sun:06:00" }) },
      { address: "aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]", actions: ["delete"], before: alarm(0, "orders-prod-001") },
      { address: "aws_security_group_rule.allow_connections_from_security_group[0]", actions: ["delete", "create"], before: {}, after: {}, replace_paths: [["source_security_group_id"]] },
    ]);
    expect(r.dangers).toEqual([]);
  });

  it("flags the subnet group and security group the cluster depends on", () => {
    const r = review([
      noOp("module.cache.aws_elasticache_replication_group.redis"),
      {
        address: "module.cache.aws_security_group.redis",
        module_address: "module.cache",
        actions: ["delete", "create"],
        before: { name: "orders-prod" },
        after: { name: "orders-prod-2" },
        replace_paths: [["name"]],
      },
      { address: "module.cache.aws_elasticache_subnet_group.redis", module_address: "module.cache", actions: ["delete"], before: { name: "x" } },
    ].map((c, i) => (i === 0 ? { ...c, module_address: "module.cache" } : c)));
    expect(r.dangers.map((d) => [d.address, d.role, d.kind])).toEqual([
      ["module.cache.aws_elasticache_subnet_group.redis", "subnet group", "delete"],
      ["module.cache.aws_security_group.redis", "security group", "replace"],
    ]);
    expect(r.dangers[1].forcedBy.map((f) => f.path)).toEqual([["name"]]);
    const md = renderReview(r);
    expect(md).toContain(`## ⛔ DANGER: this plan destroys the Redis cluster's subnet group and replaces the Redis cluster's security group`);
    expect(md).toContain("- `name`: `\"orders-prod\"` -> `\"orders-prod-2\"`");
    expect(md).toContain("At risk when this plan is applied:");
    expect(md).not.toContain("Lost when this plan is applied:");
  });

  it("leaves alone a security group in another module than every cluster", () => {
    const r = review([
      { ...noOp("module.cache.aws_elasticache_replication_group.redis"), module_address: "module.cache" },
      { address: "module.app.aws_security_group.web", module_address: "module.app", actions: ["delete"], before: { name: "web" } },
    ]);
    expect(r.dangers).toEqual([]);
    // Without any cluster in the plan (a -target plan), it could still be the cluster's: flagged.
    expect(review([{ address: "aws_security_group.web", actions: ["delete"], before: {} }]).dangers).toHaveLength(1);
  });

  it("explains a replacement no argument forces", () => {
    const [danger] = review([
      { ...encryptionReplacement(), replace_paths: undefined, action_reason: "replace_because_tainted" },
    ]).dangers;
    expect(danger.forcedBy).toEqual([]);
    expect(danger.actionReason).toBe("replace_because_tainted");
    expect(renderReview(review([{ ...encryptionReplacement(), replace_paths: undefined, action_reason: "replace_because_tainted" }]))).toContain(
      "Why: the object is tainted (a failed apply or `terraform taint` marked it).",
    );
  });
});

describe("rendering", () => {
  it("cuts a long value where the comment prints it, while the review's data keeps it whole", () => {
    const policy = "p".repeat(500);
    const name = "n".repeat(300);
    const result = reviewPlanJson(
      planText([
        { address: "aws_iam_policy.x", actions: ["create"], after: { policy } },
        { address: "aws_elasticache_subnet_group.redis", actions: ["delete"], before: { name } },
      ]),
    );
    expect(result.review.changes.find((c) => c.address === "aws_iam_policy.x")?.created?.values).toEqual([
      { path: ["policy"], value: { kind: "value", text: `"${policy}"` } },
    ]);
    expect(result.review.dangers[0].name).toEqual({ kind: "value", text: name });
    // The policy with its quotes is 502 characters; the name, a string in a sentence, has none.
    expect(result.markdown).toContain(`\`"${"p".repeat(MAX_VALUE_CHARS - 1)}… (${502 - MAX_VALUE_CHARS} more characters)\``);
    expect(result.markdown).toContain(`\`${"n".repeat(MAX_VALUE_CHARS)}… (${300 - MAX_VALUE_CHARS} more characters)\``);
    expect(result.markdown).not.toContain("p".repeat(MAX_VALUE_CHARS));
    expect(result.markdown).not.toContain("n".repeat(MAX_VALUE_CHARS + 1));
  });

  const replaced = () =>
    markdown([
      encryptionReplacement(),
      { address: "aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]", actions: ["update"], before: { threshold: 90 }, after: { threshold: 80 } },
      noOp("aws_security_group.redis"),
    ]);

  it("puts the danger section first, naming the forcing argument and what is lost", () => {
    const md = replaced();
    const lines = md.split("\n");
    expect(lines[0]).toBe(MARKER);
    expect(lines[1]).toBe(`## ⛔ DANGER: this plan replaces the Redis cluster`);
    expect(md.indexOf("## ⛔ DANGER")).toBeLessThan(md.indexOf("**Plan:**"));
    expect(md).toContain("### The Redis cluster `orders-prod` (`aws_elasticache_replication_group.redis`) is replaced");
    expect(md).toContain("The old cluster is destroyed before the new one exists: **downtime starts with the apply**");
    expect(md).toContain("Its endpoints now: primary `master.orders-prod.abc123.use1.cache.amazonaws.com`, reader `replica.orders-prod.abc123.use1.cache.amazonaws.com`.");
    expect(md).toContain('- `at_rest_encryption_enabled`: `"false"` -> `"true"`');
    expect(md).toMatch(/All data in the cache/);
    expect(md).toMatch(/primary, reader and configuration endpoints/);
  });

  it("has no danger section when nothing is lost", () => {
    const md = markdown([
      { address: "aws_elasticache_replication_group.redis", actions: ["update"], before: replicationGroup(), after: replicationGroup({ maintenance_window: "sun:05:00-sun:06:00" }), before_sensitive: RG_SENSITIVE, after_sensitive: RG_SENSITIVE },
    ]);
    expect(md).not.toContain("DANGER");
    expect(md).toContain("**Plan:** 0 to add, 1 to change, 0 to destroy.\n\n| Action |");
    expect(md).toContain('| `maintenance_window` | `"sat:07:00-sat:08:00"` | `"sun:05:00-sun:06:00"` |');
    // Only the changed argument is listed.
    expect(md).not.toContain("`port`");
  });

  it("lists every change in a table with its action and the forcing arguments", () => {
    const md = replaced();
    // Terraform's own counts: the replacement is one to add and one to destroy.
    expect(md).toContain("**Plan:** 1 to add, 1 to change, 1 to destroy.\n\nOf these, 1 is a replacement (destroyed and created again, counted in both).");
    expect(md).toContain(
      "| Action | Resource | Why |\n| --- | --- | --- |\n| **replace** (destroy, then create) | `aws_elasticache_replication_group.redis` | forced by `at_rest_encryption_enabled` |\n",
    );
    expect(md).toContain("| update in place | `aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]` |  |");
    expect(md).toContain('| `at_rest_encryption_enabled` **(forces replacement)** | `"false"` | `"true"` |');
    expect(md).toContain("Known after apply: `arn`, `id`, `primary_endpoint_address`, `reader_endpoint_address`.");
    expect(md).not.toContain("aws_security_group.redis");
    expect(md.endsWith("|\n") || md.endsWith(".\n") || md.endsWith(">\n")).toBe(true);
    expect(md.endsWith("\n\n")).toBe(false);
  });

  it("never prints a sensitive value", () => {
    const md = markdown([
      { ...encryptionReplacement(), after: { ...(encryptionReplacement().after as object), auth_token: "Another-Token-0123456789abcdef" } },
      { address: "aws_elasticache_replication_group.other", actions: ["create"], after: replicationGroup(), after_sensitive: RG_SENSITIVE },
    ]);
    expect(md).not.toContain(AUTH_TOKEN);
    expect(md).not.toContain("Another-Token");
    expect(md).toContain("| `auth_token` | (sensitive) | (sensitive) |");
    expect(md).toContain("| `auth_token` | (sensitive) |");
  });

  it("shows moves as moves, with any in-place change, never as add plus destroy", () => {
    const md = markdown([
      { ...noOp("aws_elasticache_replication_group.redis"), previous_address: "module.redis.aws_elasticache_replication_group.redis" },
      {
        address: "aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]",
        previous_address: "module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]",
        actions: ["update"],
        before: { alarm_actions: [] },
        after: { alarm_actions: ["arn:aws:sns:us-east-1:111122223333:ops"] },
      },
    ]);
    expect(md).toContain("**Plan:** 0 to add, 1 to change, 0 to destroy.\n\nOf these, 2 resources move to a new address.");
    // The table: new addresses only, and no row for a move that changes nothing else.
    expect(md).toContain("| Action | Resource |\n| --- | --- |\n| update in place, moved | `aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]` |\n\n");
    expect(md).toContain(
      "### 2 moved\n\n- `module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]` -> `aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]`\n- `module.redis.aws_elasticache_replication_group.redis` -> `aws_elasticache_replication_group.redis`\n",
    );
    expect(md).toContain('| `alarm_actions` | `[]` | added `"arn:aws:sns:us-east-1:111122223333:ops"` |');
    expect(md).not.toContain("DANGER");
  });

  it("folds a long list of attributes known only after apply", () => {
    const unknown = Object.fromEntries(["a", "b", "c", "d", "e", "f", "g"].map((k) => [k, true]));
    const md = markdown([{ address: "aws_elasticache_replication_group.redis", actions: ["update"], before: { port: 1 }, after: { port: 2 }, after_unknown: unknown }]);
    expect(md).toContain("<details><summary>Known after apply: 7 attributes</summary>");
    expect(md).toContain("`a`, `b`, `c`, `d`, `e`, `f`, `g`.");
  });

  it("says when there is nothing to do", () => {
    const md = markdown([noOp("aws_elasticache_replication_group.redis"), noOp("aws_security_group.redis")]);
    expect(md).toContain("**Plan:** 0 to add, 0 to change, 0 to destroy.\n");
    expect(md).toContain("No changes: the infrastructure matches the configuration.");
    expect(md).not.toContain("| Resource |");
  });

  it("gives the reason of a destroy and keeps created objects' arguments folded", () => {
    const md = markdown([
      { address: "aws_cloudwatch_metric_alarm.elasticache_swap_usage[2]", actions: ["delete"], before: alarm(2, "x-003"), action_reason: "delete_because_count_index" },
      { address: "aws_security_group_rule.allow_connections_from_cidr_blocks[0]", actions: ["create"], after: { cidr_blocks: ["10.0.0.0/16"], from_port: 6379 }, after_unknown: { id: true } },
    ]);
    expect(md).toContain("| **destroy** | `aws_cloudwatch_metric_alarm.elasticache_swap_usage[2]` | `count` no longer reaches this index |");
    // Creates under their own heading, arguments folded.
    expect(md).toContain("### Created\n\n#### `aws_security_group_rule.allow_connections_from_cidr_blocks[0]`: create\n\n<details><summary>Arguments</summary>");
    expect(md).not.toContain("### Changed arguments");
    expect(md).toContain('| `cidr_blocks` | `["10.0.0.0/16"]` |');
    expect(md).toContain("Known after apply: `id`.");
  });

  it("keeps table cells intact whatever the values hold", () => {
    expect(escapeCell("a|b\nc")).toBe("a\\|b c");
    expect(code("a`b")).toBe("`` a`b ``");
    expect(code("x|y", true)).toBe("`x\\|y`");
    const md = markdown([{ address: "aws_security_group.redis", actions: ["update"], before: { description: "a" }, after: { description: "b|c" } }]);
    expect(md).toContain('| `description` | `"a"` | `"b\\|c"` |');
  });

  it("is the same whatever order the plan lists resources in", () => {
    const changes: ChangeSpec[] = [
      encryptionReplacement(),
      { address: "aws_cloudwatch_metric_alarm.b[0]", actions: ["delete"], before: {} },
      { address: "aws_cloudwatch_metric_alarm.a[0]", actions: ["delete"], before: {} },
      { address: "aws_security_group.redis", actions: ["delete"], before: {} },
    ];
    expect(markdown([...changes].reverse())).toBe(markdown(changes));
    const md = markdown(changes);
    // The cluster's danger comes before its security group's.
    expect(md.indexOf("### The Redis cluster `aws_elasticache_replication_group.redis`")).toBeLessThan(
      md.indexOf("### The Redis cluster's security group `aws_security_group.redis`"),
    );
    expect(md).toContain(`## ⛔ DANGER: this plan replaces the Redis cluster and destroys the Redis cluster's security group`);
  });

  it("stays within a pull-request comment, keeping the danger section and the table", () => {
    const many: ChangeSpec[] = Array.from({ length: 40 }, (_, i) => ({
      address: `aws_cloudwatch_metric_alarm.a[${String(i).padStart(2, "0")}]`,
      actions: ["update"],
      before: { description: `${"x".repeat(150)}${i}` },
      after: { description: `${"y".repeat(150)}${i}` },
    }));
    const r = review([encryptionReplacement(), ...many]);
    const md = renderReview(r, { maxChars: 6000 });
    expect(md.length).toBeLessThan(8000);
    expect(md).toContain("## ⛔ DANGER: this plan");
    expect(md).toContain("| update in place ×40 | `aws_cloudwatch_metric_alarm.a[*]` |");
    expect(md).toMatch(/_Not shown, for room: the changed arguments of \d+ resource\(s\) \(\d+ `aws_cloudwatch_metric_alarm`\)\. `terraform show tfplan` shows them\._/);
  });
});

describe("the DANGER matrix: every resource the cluster stands on, every way of losing it", () => {
  const ROLES = [
    { type: "aws_elasticache_replication_group", name: "the Redis cluster", forcing: "port", before: 6379, after: 6380 },
    { type: "aws_elasticache_subnet_group", name: "the Redis cluster's subnet group", forcing: "name", before: "a-subnet-group", after: "b-subnet-group" },
    { type: "aws_security_group", name: "the Redis cluster's security group", forcing: "vpc_id", before: "vpc-0a", after: "vpc-0b" },
  ] as const;

  /** How the plan loses the object: the actions, Terraform's reason code, and the words the review must use. */
  const WAYS = [
    { label: "replaced, forced by an argument", actions: ["delete", "create"], reason: "replace_because_cannot_update", forced: true, verb: "replaces", is: "replaced", why: undefined },
    { label: "replaced by -replace", actions: ["delete", "create"], reason: "replace_by_request", forced: false, verb: "replaces", is: "replaced", why: "Why: requested with `-replace`." },
    { label: "replaced, tainted", actions: ["create", "delete"], reason: "replace_because_tainted", forced: false, verb: "replaces", is: "replaced", why: "Why: the object is tainted (a failed apply or `terraform taint` marked it)." },
    { label: "destroyed, its block removed", actions: ["delete"], reason: "delete_because_no_resource_config", forced: false, verb: "destroys", is: "destroyed", why: "Why: its resource block is no longer in the configuration." },
    { label: "destroyed by a destroy plan", actions: ["delete"], reason: undefined, forced: false, verb: "destroys", is: "destroyed", why: "Why: the plan destroys it (a destroy plan, or its configuration was removed)." },
  ] as const;

  for (const role of ROLES)
    for (const way of WAYS)
      it(`${role.type} ${way.label}`, () => {
        const address = `${role.type}.redis`;
        const deleted = way.actions.length === 1;
        const change: ChangeSpec = {
          address,
          actions: [...way.actions],
          before: { id: "x", [role.forcing]: role.before },
          after: deleted ? null : { [role.forcing]: way.forced ? role.after : role.before },
          after_unknown: deleted ? {} : { id: true },
          ...(way.forced ? { replace_paths: [[role.forcing]] } : {}),
          ...(way.reason ? { action_reason: way.reason } : {}),
        };
        const result = reviewPlanJson(planText([change]));
        expect(result.dangerous).toBe(true);
        const lines = result.markdown.split("\n");
        expect(lines[1]).toBe(`## ⛔ DANGER: this plan ${way.verb} ${role.name}`);
        const title = `${role.name[0].toUpperCase()}${role.name.slice(1)}`;
        // Named as AWS knows it where the plan has the name (a subnet group's), else by address.
        const named = role.forcing === "name" ? `\`${role.before}\` (\`${address}\`)` : `\`${address}\``;
        expect(result.markdown).toContain(`### ${title} ${named} is ${way.is}`);
        if (way.forced) {
          expect(result.markdown).toContain(
            `- \`${role.forcing}\`: \`${JSON.stringify(role.before)}\` -> \`${JSON.stringify(role.after)}\``,
          );
        } else {
          expect(result.markdown).toContain(way.why);
          expect(result.markdown).not.toContain("Forced by");
        }
      });

  it("masks the values on a Forced by line when they are sensitive", () => {
    const md = markdown([
      {
        address: "aws_elasticache_subnet_group.redis",
        actions: ["delete", "create"],
        before: { id: "x", name: "secret-before-name" },
        after: { name: "secret-after-name" },
        before_sensitive: { name: true },
        after_sensitive: { name: true },
        replace_paths: [["name"]],
        action_reason: "replace_because_cannot_update",
      },
    ]);
    expect(md).toContain("- `name`: (sensitive) -> (sensitive)");
    expect(md).not.toContain("secret-before-name");
    expect(md).not.toContain("secret-after-name");
  });

  it("is no danger when a subnet or security group is only updated, or the cluster only changes in place", () => {
    for (const type of ROLES.map((r) => r.type)) {
      const result = reviewPlanJson(
        planText([{ address: `${type}.redis`, actions: ["update"], before: { id: "x", tags: {} }, after: { id: "x", tags: { a: "b" } } }]),
      );
      expect(result.dangerous, type).toBe(false);
      expect(result.markdown, type).not.toContain("DANGER");
    }
  });
});

describe("every malformed plan is refused, naming the place and the problem", () => {
  const AT = "resource_changes[0] (aws_x.y)";
  /** A plan with one resource change, the change's fields overridden (undefined removes one). */
  function withChange(entry: Record<string, unknown>, change: Record<string, unknown> = {}): string {
    const base: Record<string, unknown> = {
      address: "aws_x.y",
      mode: "managed",
      type: "aws_x",
      name: "y",
      change: { actions: ["update"], before: { a: 1 }, after: { a: 2 }, ...change },
      ...entry,
    };
    for (const [key, value] of Object.entries(base)) if (value === undefined) delete base[key];
    const changeObject = base.change as Record<string, unknown> | undefined;
    if (changeObject) for (const [key, value] of Object.entries(changeObject)) if (value === undefined) delete changeObject[key];
    return JSON.stringify({ format_version: "1.2", resource_changes: [base] });
  }

  const MASK = "must hold only objects, lists and booleans";
  const CASES: [label: string, text: string, message: string][] = [
    ["a list, not an object", "[]", "the plan JSON must be an object, as `terraform show -json <planfile>` writes it"],
    ["null", "null", "the plan JSON must be an object, as `terraform show -json <planfile>` writes it"],
    ["no format_version", '{"resource_changes": []}', "the JSON has no format_version; expected the output of `terraform show -json <planfile>`"],
    ["a numeric format_version", '{"format_version": 1, "resource_changes": []}', "the JSON has no format_version; expected the output of `terraform show -json <planfile>`"],
    ["format 2.0", '{"format_version": "2.0", "resource_changes": []}', "plan format_version 2.0 is not supported (expected 0.x or 1.x)"],
    ["a state", '{"format_version": "1.0", "values": {}}', "this JSON is a state, not a plan (it has no planned_values or resource_changes); run `terraform show -json <planfile>`"],
    [
      "a terraform.tfstate",
      '{"version": 4, "terraform_version": "1.11.4", "serial": 12, "lineage": "3f1c0e2a-4b5d-6e7f-8091-a2b3c4d5e6f7", "outputs": {}, "resources": []}',
      "this JSON is a Terraform state file (terraform.tfstate), not a plan; save a plan with `terraform plan -out=tfplan` and give `terraform show -json tfplan`",
    ],
    ["resource_changes an object", '{"format_version": "1.2", "resource_changes": {}}', "resource_changes must be a list"],
    ["a change that is a number", '{"format_version": "1.2", "resource_changes": [1]}', "resource_changes[0] must be an object"],
    ["no address", withChange({ address: undefined }), "resource_changes[0].address must be a non-empty string"],
    ["an empty address", withChange({ address: "" }), "resource_changes[0].address must be a non-empty string"],
    ["no change", withChange({ change: undefined }), `${AT}.change must be an object`],
    ["a change that is a list", withChange({ change: [] }), `${AT}.change must be an object`],
    ["an unknown mode", withChange({ mode: "remote" }), `${AT}.mode must be "managed" or "data"`],
    ["a numeric previous_address", withChange({ previous_address: 3 }), `${AT}.previous_address must be a non-empty string`],
    ["an empty module_address", withChange({ module_address: "" }), `${AT}.module_address must be a non-empty string`],
    ["no type", withChange({ type: undefined }), "resource_changes[0].type must be a non-empty string"],
    ["no name", withChange({ name: undefined }), "resource_changes[0].name must be a non-empty string"],
    ["a numeric action_reason", withChange({ action_reason: 5 }), `${AT}.action_reason must be a non-empty string`],
    ["no actions", withChange({}, { actions: [] }), `${AT}.change.actions must be a non-empty list`],
    ["actions as a string", withChange({}, { actions: "update" }), `${AT}.change.actions must be a non-empty list`],
    ["an unknown action", withChange({}, { actions: ["update", "explode"] }), `${AT}.change.actions holds an unknown action "explode" (known: no-op, create, read, update, delete, forget)`],
    ["a string after_unknown", withChange({}, { after_unknown: "yes" }), `${AT}.change.after_unknown ${MASK}`],
    ["a nested number in before_sensitive", withChange({}, { before_sensitive: { a: [true, 1] } }), `${AT}.change.before_sensitive.a[1] ${MASK}`],
    ["a string in after_sensitive", withChange({}, { after_sensitive: { tags: { k: "v" } } }), `${AT}.change.after_sensitive.tags.k ${MASK}`],
    ["replace_paths a string", withChange({}, { replace_paths: "port" }), `${AT}.change.replace_paths must be a list of attribute paths`],
    ["a replace path that is a string", withChange({}, { replace_paths: [["port"], "port"] }), `${AT}.change.replace_paths[1] must be a list of attribute names and list indexes`],
    ["a fractional list index", withChange({}, { replace_paths: [["a", 1.5]] }), `${AT}.change.replace_paths[0] must be a list of attribute names and list indexes`],
    ["a boolean path step", withChange({}, { replace_paths: [[true]] }), `${AT}.change.replace_paths[0] must be a list of attribute names and list indexes`],
  ];

  it.each(CASES)("%s", (_label, text, message) => {
    expect(planError(text)).toBe(message);
  });

  it("names the error PlanError, so the command prints its message alone", () => {
    expect(() => parsePlan("[]")).toThrow(expect.objectContaining({ name: "PlanError" }));
  });

  it("reads what may be absent: mode, before and after, masks, reasons, import and the Terraform version", () => {
    const plan = parsePlan(
      withChange(
        { mode: undefined, previous_address: null, module_address: null, action_reason: null },
        { before: undefined, after: undefined, importing: null, replace_paths: null },
      ),
    );
    expect(plan.terraformVersion).toBeUndefined();
    expect(plan.resourceChanges[0]).toEqual({
      address: "aws_x.y",
      previousAddress: undefined,
      moduleAddress: undefined,
      mode: "managed",
      type: "aws_x",
      name: "y",
      actions: ["update"],
      actionReason: undefined,
      before: null,
      after: null,
      afterUnknown: undefined,
      beforeSensitive: undefined,
      afterSensitive: undefined,
      replacePaths: [],
      importing: false,
    });
  });

  it("reads data sources, nested masks, list-index paths and imports", () => {
    const [rc] = parsePlan(
      withChange(
        { mode: "data", module_address: "module.cache", previous_address: "aws_x.old" },
        {
          after_unknown: { list: [false, true], map: { k: true } },
          before_sensitive: false,
          after_sensitive: null,
          replace_paths: [["list", 0], ["name"]],
          importing: { id: "x" },
        },
      ),
    ).resourceChanges;
    expect(rc).toMatchObject({
      mode: "data",
      moduleAddress: "module.cache",
      previousAddress: "aws_x.old",
      afterUnknown: { list: [false, true], map: { k: true } },
      beforeSensitive: false,
      afterSensitive: null,
      replacePaths: [["list", 0], ["name"]],
      importing: true,
    });
  });

  it("reads format 0.x, and keeps the Terraform version when it is a string", () => {
    const plan = parsePlan('{"format_version": "0.2", "terraform_version": "0.15.5", "planned_values": {}}');
    expect(plan).toEqual({ formatVersion: "0.2", terraformVersion: "0.15.5", resourceChanges: [], outputChanges: [] });
    expect(parsePlan('{"format_version": "1.2", "terraform_version": 1, "planned_values": {}}').terraformVersion).toBeUndefined();
  });

  it("says where a truncated document ends: in a string, an object or a list", () => {
    const truncated = (text: string, inside: string) =>
      `the plan JSON is truncated (it ends after ${text.length} characters, inside an unfinished ${inside}); regenerate it with \`terraform show -json <planfile>\``;
    for (const [text, inside] of [
      ['{"a": "abc', "string"],
      ['{"a": "ab\\"c', "string"],
      ['{"a": "ab\\\\"', "object"],
      ['{"a": [1, 2', "list"],
      ['{"a": {"b": 1}', "object"],
      ['[{"a": 1}', "list"],
      ['{"a": "]}"', "object"],
    ]) {
      expect(planError(text), text).toBe(truncated(text, inside));
    }
  });

  it("tells invalid JSON from truncated JSON and from a plan -json log", () => {
    expect(planError('{"a": 1}}')).toMatch(/^the plan is not valid JSON \(.+\)$/);
    // One line with log keys is no stream; a stream whose first line is no object is no log either.
    expect(planError('{"@level": "info", "@message": "x"}')).toBe(
      "the JSON has no format_version; expected the output of `terraform show -json <planfile>`",
    );
    expect(planError('"@level" info\n{"@message": "x"}')).toMatch(/^the plan is not valid JSON/);
    expect(planError('{"a": 1}\n{"b": 2}')).toMatch(/^the plan is not valid JSON/);
    expect(planError('{"type": "version", "@message": "Terraform"}\n{"@level": "info"}')).toMatch(/^this is the log stream/);
  });

  it("drops only a leading byte order mark", () => {
    const parsed = parseJson(`\uFEFF{"format_version": "1.2", "note": "a\uFEFFb"}`) as Record<string, string>;
    expect(parsed.note).toBe("a\uFEFFb");
  });
});

describe("a plan of provider 3.x state made without refresh", () => {
  const update = (before: Record<string, unknown> | null, after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
    address: "aws_elasticache_replication_group.redis",
    actions: ["update"],
    before,
    after,
    ...extra,
  });

  it.each([
    ["num_cache_clusters from null", update({ num_cache_clusters: null }, { num_cache_clusters: 2 }), true],
    ["num_node_groups from null", update({ num_node_groups: null }, { num_node_groups: 3 }), true],
    ["replicas_per_node_group from absent", update({}, { replicas_per_node_group: 1 }), true],
    ["a count that changes", update({ num_cache_clusters: 2 }, { num_cache_clusters: 3 }), false],
    ["a count that stays null", update({ num_cache_clusters: null }, { num_cache_clusters: null }), false],
    ["another attribute from null", update({ description: null }, { description: "x" }), false],
    ["a create", { ...update(null, { num_cache_clusters: 2 }), actions: ["create"] }, false],
    ["a replacement", { ...update({ num_cache_clusters: null }, { num_cache_clusters: 2 }), actions: ["delete", "create"] }, false],
    ["a data source", update({ num_cache_clusters: null }, { num_cache_clusters: 2 }, { mode: "data" }), false],
    [
      "another resource type",
      update({ num_cache_clusters: null }, { num_cache_clusters: 2 }, { address: "aws_elasticache_cluster.redis" }),
      false,
    ],
  ] as [string, ChangeSpec, boolean][])("%s", (_label, change, expected) => {
    expect(review([change]).unrefreshed).toEqual(expected ? [change.address] : []);
  });

  it("lists every such cluster, sorted, and says so above the summary", () => {
    const at = (address: string) => update({ num_cache_clusters: null }, { num_cache_clusters: 2 }, { address });
    const changes = [at("module.b.aws_elasticache_replication_group.redis"), at("module.a.aws_elasticache_replication_group.redis")];
    expect(review(changes).unrefreshed).toEqual([
      "module.a.aws_elasticache_replication_group.redis",
      "module.b.aws_elasticache_replication_group.redis",
    ]);
    const md = markdown(changes);
    expect(md.split("\n").slice(0, 3)).toEqual([MARKER, "## ⚠️ Plan again with refresh before applying", ""]);
    expect(md).toContain(
      "`module.a.aws_elasticache_replication_group.redis`, `module.b.aws_elasticache_replication_group.redis` have node or shard counts that go from null to a value.",
    );
    expect(markdown([changes[0]])).toContain("`module.b.aws_elasticache_replication_group.redis` has node or shard counts");
    expect(md.indexOf("Plan again with refresh")).toBeLessThan(md.indexOf("**Plan:**"));
    expect(markdown([update({ num_cache_clusters: 2 }, { num_cache_clusters: 3 })])).not.toContain("Plan again with refresh");
  });
});

describe("what the DANGER section says is lost", () => {
  const lost = (type: string, actions: string[]) =>
    markdown([{ address: `${type}.redis`, actions, before: { id: "x" }, after: actions.length > 1 ? { id: "x" } : null, action_reason: "replace_by_request" }])
      .split("\n")
      .filter((line) => line.startsWith("- **"));

  it("the cluster replaced: its data, its snapshots, its endpoints", () => {
    expect(lost("aws_elasticache_replication_group", ["delete", "create"])).toEqual([
      "- **All data in the cache.** The new cluster starts empty unless it is restored from a snapshot (`snapshot_name` or `snapshot_arn`).",
      "- **Its automatic snapshots**, which AWS deletes with the cluster: take a manual snapshot first if the data matters.",
      "- **The endpoint addresses.** The primary, reader and configuration endpoints go away with the old cluster and are only known after apply for the new one: clients are cut off until it is up, and must be given the new addresses where they differ.",
    ]);
  });

  it("the cluster destroyed: its data, its snapshots, its endpoints", () => {
    expect(lost("aws_elasticache_replication_group", ["delete"])).toEqual([
      "- **All data in the cache.** Nothing of it remains after the apply.",
      "- **Its automatic snapshots**, which AWS deletes with the cluster: take a manual snapshot first if the data matters.",
      "- **The endpoint addresses.** The primary, reader and configuration endpoints stop resolving.",
    ]);
  });

  it("the subnet group: possibly the cluster, and a clean apply", () => {
    expect(lost("aws_elasticache_subnet_group", ["delete", "create"])).toEqual([
      "- **Possibly the cluster itself.** A cluster cannot move to another subnet group in place: a new subnet group name replaces the cluster, losing its data and endpoint addresses.",
      "- **A clean apply.** AWS refuses to delete a subnet group a cluster still uses, so the apply can fail halfway.",
    ]);
  });

  it("the security group: client connectivity, and a clean apply", () => {
    expect(lost("aws_security_group", ["delete"])).toEqual([
      "- **Client connectivity.** Clients reach the cluster through this group: until the cluster uses the new group and its rules exist, connections are refused.",
      "- **A clean apply.** AWS refuses to delete a security group the cluster's network interfaces still use, so the apply can fail or hang halfway.",
    ]);
  });

  it("flags a security group in the module of any one of several clusters", () => {
    const md = markdown([
      { ...noOp("module.a.aws_elasticache_replication_group.redis"), module_address: "module.a" },
      { ...noOp("module.b.aws_elasticache_replication_group.redis"), module_address: "module.b" },
      { address: "module.b.aws_security_group.redis", module_address: "module.b", actions: ["delete"], before: { id: "sg" } },
    ]);
    expect(md).toContain("## ⛔ DANGER: this plan destroys the Redis cluster's security group");
  });
});

describe("values, case by case", () => {
  const plain = { sensitive: undefined, unknown: undefined };

  it("writes every kind of value in Terraform notation", () => {
    const text = (value: unknown) => showValue(value, plain);
    expect(text(null)).toEqual({ kind: "value", text: "null" });
    expect(text(undefined)).toEqual({ kind: "value", text: "null" });
    expect(text({})).toEqual({ kind: "value", text: "{}" });
    expect(text([])).toEqual({ kind: "value", text: "[]" });
    expect(text({ b: 1, a: [true, null], "x.y": "z" })).toEqual({ kind: "value", text: '{ a = [true, null], b = 1, "x.y" = "z" }' });
    expect(text("x".repeat(MAX_VALUE_CHARS))).toEqual({ kind: "value", text: `"${"x".repeat(MAX_VALUE_CHARS)}"` });
  });

  it("cuts a value's text past MAX_VALUE_CHARS only, saying how much is left out", () => {
    expect(clipped("x".repeat(MAX_VALUE_CHARS))).toBe("x".repeat(MAX_VALUE_CHARS));
    expect(clipped("x".repeat(MAX_VALUE_CHARS + 2))).toBe(`${"x".repeat(MAX_VALUE_CHARS)}… (2 more characters)`);
    expect(shownMarkdown({ kind: "value", text: "y".repeat(MAX_VALUE_CHARS + 1) }, true)).toBe(`\`${"y".repeat(MAX_VALUE_CHARS)}… (1 more characters)\``);
    // Masked values have no text to cut.
    expect(shownMarkdown({ kind: "sensitive" })).toBe("(sensitive)");
    expect(shownMarkdown({ kind: "unknown" })).toBe("(known after apply)");
  });

  it("writes path steps that are numbers as indexes, even first", () => {
    expect(formatPath([0, "a"])).toBe("[0].a");
    expect(formatPath(["a", "b-c", "1x"])).toBe('a.b-c["1x"]');
  });

  it("follows masks into lists by index only, and into objects by key", () => {
    const value = { list: ["a", "b"], map: { k: "v", "0": "w" } };
    const masks = { sensitive: { list: [false, true], map: { "0": true } }, unknown: undefined };
    expect(showAt(value, masks, ["list", 1])).toEqual({ kind: "sensitive" });
    expect(showAt(value, masks, ["list", 0])).toEqual({ kind: "value", text: '"a"' });
    expect(showAt(value, masks, ["map", "0"])).toEqual({ kind: "sensitive" });
    expect(showAt(value, masks, ["map", "k"])).toEqual({ kind: "value", text: '"v"' });
    // A mask over the whole list covers every element; a string step into a list mask marks nothing.
    expect(showAt(value, { sensitive: { list: true }, unknown: undefined }, ["list", 0])).toEqual({ kind: "sensitive" });
    expect(showAt({ list: { x: "y" } }, { sensitive: { list: [true] }, unknown: undefined }, ["list", "x"])).toEqual({
      kind: "value",
      text: '"y"',
    });
    expect(showAt(value, { sensitive: undefined, unknown: { map: true } }, ["map", "k"])).toEqual({ kind: "unknown" });
    expect(showAt("scalar", plain, ["a", "b"])).toEqual({ kind: "value", text: "null" });
  });

  it("compares lists by length and every element, objects by every set key", () => {
    expect(deepEqual([1, 2], [1, 2])).toBe(true);
    expect(deepEqual([1, 2], [1])).toBe(false);
    expect(deepEqual([1], [1, 2])).toBe(false);
    expect(deepEqual([1, 2], [1, 3])).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1, c: null })).toBe(true);
    expect(deepEqual({ a: 1 }, [1])).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, undefined)).toBe(true);
    expect(deepEqual(0, null)).toBe(false);
    expect(deepEqual("", null)).toBe(false);
    expect(deepEqual(false, undefined)).toBe(false);
  });

  it("does not descend into a masked object, and lists a change that is only unknown", () => {
    const masked = diffArguments({
      before: { conf: { a: 1 } },
      after: { conf: { a: 2 } },
      beforeSensitive: { conf: true },
      afterSensitive: {},
      afterUnknown: {},
    });
    expect(masked.changed).toEqual([{ path: ["conf"], before: { kind: "sensitive" }, after: { kind: "value", text: "{ a = 2 }" } }]);
    const afterMasked = diffArguments({
      before: { conf: { a: 1, b: 1 } },
      after: { conf: { a: 2, b: 1 } },
      beforeSensitive: {},
      afterSensitive: { conf: true },
      afterUnknown: {},
    });
    expect(afterMasked.changed).toEqual([
      { path: ["conf"], before: { kind: "value", text: "{ a = 1, b = 1 }" }, after: { kind: "sensitive" } },
    ]);
    const partlyUnknown = diffArguments({
      before: { ids: ["a", null] },
      after: { ids: ["a", null] },
      beforeSensitive: {},
      afterSensitive: {},
      afterUnknown: { ids: [false, true] },
    });
    expect(partlyUnknown.changed).toEqual([
      { path: ["ids"], before: { kind: "value", text: '["a", null]' }, after: { kind: "value", text: '["a", (known after apply)]' } },
    ]);
    const listToObject = diffArguments({ before: { x: [1] }, after: { x: { a: 1 } }, beforeSensitive: {}, afterSensitive: {}, afterUnknown: {} });
    expect(listToObject.changed.map((c) => formatPath(c.path))).toEqual(["x"]);
    const unknownKeyOnly = diffArguments({ before: {}, after: {}, beforeSensitive: {}, afterSensitive: {}, afterUnknown: { endpoint: true } });
    expect(unknownKeyOnly).toEqual({ changed: [], unknown: [["endpoint"]] });
  });

  it("skips only empty arguments of a created object; a scalar after has none", () => {
    const created = setArguments({
      before: null,
      after: { zero: 0, no: false, blank: "", absent: undefined, list: [0], map: { k: "v" } },
      beforeSensitive: false,
      afterSensitive: {},
      afterUnknown: {},
    });
    expect(created.values.map((v) => formatPath(v.path))).toEqual(["blank", "list", "map", "no", "zero"]);
    expect(setArguments({ before: null, after: "x", beforeSensitive: false, afterSensitive: false, afterUnknown: false })).toEqual({
      values: [],
      unknown: [],
    });
  });

  it("matches paths only where every shared step is equal", () => {
    expect(pathsOverlap(["a", 0], ["a", 1])).toBe(false);
    expect(pathsOverlap([], ["a"])).toBe(true);
    expect(pathsOverlap(["a", "b"], ["a", "b", "c"])).toBe(true);
  });
});

describe("classifying, case by case", () => {
  it("refuses action lists Terraform does not write", () => {
    expect(kindOf(["create", "delete"])).toBe("replace");
    expect(() => kindOf(["update", "delete"])).toThrow('unsupported combination of actions: ["update","delete"]');
    expect(() => kindOf(["create", "create"])).toThrow("unsupported combination of actions");
  });

  it("words Terraform's reasons, and keeps an unknown one as it is", () => {
    expect(reasonText(undefined)).toBeUndefined();
    expect(reasonText("replace_by_triggers")).toBe("a `replace_triggered_by` reference changed");
    expect(reasonText("some_new_reason")).toBe("some_new_reason");
    // A code that is also the name of an object's built-in property is a code like any other.
    expect(reasonText("constructor")).toBe("constructor");
  });

  it("sorts changes by address in code-point order, and dangers by what they lose, then address", () => {
    const r = review([
      { address: "aws_x.b", actions: ["create"], after: {} },
      { address: "aws_x.B", actions: ["create"], after: {} },
      { address: "aws_x.a", actions: ["create"], after: {} },
      { address: "aws_security_group.a", actions: ["delete"], before: { id: "1" } },
      { address: "aws_elasticache_subnet_group.z", actions: ["delete"], before: { id: "2" } },
      { address: "aws_elasticache_replication_group.y", actions: ["delete"], before: { id: "3" } },
      { address: "aws_elasticache_replication_group.x", actions: ["delete"], before: { id: "4" } },
    ]);
    expect(r.changes.filter((c) => c.type === "aws_x").map((c) => c.address)).toEqual(["aws_x.B", "aws_x.a", "aws_x.b"]);
    expect(r.dangers.map((d) => d.address)).toEqual([
      "aws_elasticache_replication_group.x",
      "aws_elasticache_replication_group.y",
      "aws_elasticache_subnet_group.z",
      "aws_security_group.a",
    ]);
  });

  it("is no move when the previous address is the address itself; a replacement records its order", () => {
    const [same] = review([{ address: "aws_x.y", previous_address: "aws_x.y", actions: ["update"], before: { a: 1 }, after: { a: 2 } }]).changes;
    expect(same.previousAddress).toBeUndefined();
    const [createFirst] = review([{ address: "aws_x.y", actions: ["create", "delete"], before: { a: 1 }, after: { a: 2 } }]).changes;
    expect(createFirst.deleteFirst).toBe(false);
    expect(createFirst.created).toBeUndefined();
  });

  it("sees a danger in managed resources only, and a cluster only in a managed one", () => {
    const dataCluster = { address: "data.aws_elasticache_replication_group.redis", mode: "data" as const, actions: ["read"], after: { id: "x" } };
    expect(review([{ ...dataCluster, actions: ["delete"], before: { id: "x" }, after: null }]).dangers).toEqual([]);
    // A security group in a module of its own, next to a cluster read as data: no managed cluster depends on it.
    const sg = { address: "module.net.aws_security_group.redis", module_address: "module.net", actions: ["delete"], before: { id: "sg" } };
    expect(review([sg]).dangers.map((d) => d.address)).toEqual(["module.net.aws_security_group.redis"]);
    expect(review([sg, { ...noOp("aws_elasticache_replication_group.redis") }]).dangers).toEqual([]);
    expect(review([sg, dataCluster]).dangers.map((d) => d.address)).toEqual(["module.net.aws_security_group.redis"]);
    // At the root, next to a root cluster, it counts.
    const rootSg = { address: "aws_security_group.redis", actions: ["delete"], before: { id: "sg" } };
    expect(review([rootSg, noOp("aws_elasticache_replication_group.redis")]).dangers.map((d) => d.address)).toEqual([
      "aws_security_group.redis",
    ]);
  });

  it("reads the forcing values only for a replacement, masking the sensitive ones", () => {
    const [danger] = review([
      {
        address: "aws_elasticache_replication_group.redis",
        actions: ["delete", "create"],
        before: { auth_token: "a", port: 1 },
        after: { auth_token: "b", port: 2 },
        before_sensitive: { auth_token: true },
        after_sensitive: { auth_token: true },
        replace_paths: [["port"], ["auth_token"]],
      },
    ]).dangers;
    expect(danger.forcedBy).toEqual([
      { path: ["port"], before: { kind: "value", text: "1" }, after: { kind: "value", text: "2" } },
      { path: ["auth_token"], before: { kind: "sensitive" }, after: { kind: "sensitive" } },
    ]);
    const [deleted] = review([
      { address: "aws_elasticache_replication_group.redis", actions: ["delete"], before: { port: 1 }, replace_paths: [["port"]] },
    ]).dangers;
    expect(deleted.forcedBy).toEqual([]);
    expect(deleted.actionReason).toBeUndefined();
    expect(renderReview(review([{ address: "aws_elasticache_replication_group.redis", actions: ["delete"], before: { port: 1 }, replace_paths: [["port"]] }]))).toContain(
      "Why: the plan destroys it (a destroy plan, or its configuration was removed).",
    );
    const [replaced] = review([{ address: "aws_elasticache_replication_group.redis", actions: ["delete", "create"], before: {}, after: {} }]).dangers;
    expect(replaced.actionReason).toBeUndefined();
    expect(renderReview(review([{ address: "aws_elasticache_replication_group.redis", actions: ["delete", "create"], before: {}, after: {} }]))).toContain(
      "Why: the provider requires it.",
    );
  });
});

describe("the refresh notice, word for word", () => {
  it("explains the cause and what to do", () => {
    const md = markdown([
      { address: "aws_elasticache_replication_group.redis", actions: ["update"], before: { num_cache_clusters: null }, after: { num_cache_clusters: 2 } },
    ]);
    expect(md).toContain(
      [
        "## ⚠️ Plan again with refresh before applying",
        "",
        "`aws_elasticache_replication_group.redis` has node or shard counts that go from null to a value. That is the mark of state written by AWS provider 3.x (the HCL module's) and planned with `-refresh=false`: the provider upgrade dropped the 3.x attribute names, and only a refresh reads the counts back from AWS.",
        "",
        "Do not apply this plan: it would send modify calls for values that did not change. Run `terraform plan` again with refresh (the default) and review that plan; it should show moves only.",
        "",
        "## Terraform plan review",
      ].join("\n"),
    );
  });
});

describe("engine changes: Redis OSS to Valkey has no way back, and AWS refuses what has no path", () => {
  const engineChanges = (changes: ChangeSpec[]) => review(changes).engineChanges;
  const value = (text: string) => ({ kind: "value", text });

  it.each([
    ["4.0.10", true],
    ["5.0.5", true],
    ["5.0.0", true],
    ["3.2.10", true],
    ["5.0.6", false],
    // Numbers, not strings: "5.0.10" sorts before "5.0.6" as text.
    ["5.0.10", false],
    ["5.1.0", false],
    ["6.x", false],
    ["6.2", false],
    ["7.1", false],
    ["10.0", false],
    // Not certain: a missing or unreadable part could be anything.
    ["5.0", false],
    ["5", false],
    ["5.x", false],
    ["", false],
    ["null", false],
  ])("versionBelow(%j, 5.0.6) is %s", (version, below) => {
    expect(versionBelow(version, "5.0.6")).toBe(below);
  });

  it("reads an in-place upgrade to Valkey: the cluster's name and both engines with their versions", () => {
    const expected = {
      address: "aws_elasticache_replication_group.redis",
      clusterId: value("orders-prod"),
      before: { engine: "redis", version: value("5.0.6") },
      after: { engine: "valkey", version: value("8.0") },
      refusal: undefined,
    };
    expect(engineChange(parsePlan(planText([valkeyUpgrade("5.0.6")])).resourceChanges[0])).toEqual(expected);
    expect(engineChanges([valkeyUpgrade("5.0.6")])).toEqual([expected]);
  });

  it.each([
    ["from Redis OSS 4.0.10", valkeyUpgrade("4.0.10", "default.redis4.0"), "source-version"],
    ["from Redis OSS 5.0.5", valkeyUpgrade("5.0.5"), "source-version"],
    ["from Redis OSS 5.0.6", valkeyUpgrade("5.0.6"), undefined],
    ["from Redis OSS 6.x", valkeyUpgrade("6.x", "default.redis6.x"), undefined],
    ["from Valkey back to Redis OSS, in place", redisFromValkeyInPlace(), "no-way-back"],
  ] as [string, ChangeSpec, string | undefined][])("%s: AWS refuses it for %s", (_label, change, refusal) => {
    const [e] = engineChanges([change]);
    expect(e.refusal).toBe(refusal);
  });

  it("sees no engine change where the engine stays, where it is not known yet, or outside an in-place update of a replication group", () => {
    const upgrade = valkeyUpgrade("5.0.6");
    expect(engineChanges([clusterUpdate({}, { maintenance_window: "sun:05:00-sun:06:00" })])).toEqual([]);
    expect(engineChanges([{ ...upgrade, after: { ...(upgrade.after as object), engine: null }, after_unknown: { engine: true } }])).toEqual([]);
    // Provider 5.100 replaces a Valkey cluster sent back to Redis OSS: a DANGER, not a refusal.
    expect(engineChanges([redisFromValkeyReplacement()])).toEqual([]);
    expect(engineChanges([{ ...upgrade, actions: ["create", "delete"] }])).toEqual([]);
    expect(engineChanges([{ ...upgrade, address: "aws_elasticache_cluster.redis" }])).toEqual([]);
    expect(engineChanges([{ ...upgrade, address: "data.aws_elasticache_replication_group.redis", mode: "data" }])).toEqual([]);
    // An engine the provider does not know is no upgrade path to judge.
    expect(engineChanges([{ ...upgrade, after: { ...(upgrade.after as object), engine: "memcached" } }])).toEqual([]);
  });

  it("masks a sensitive cluster name, and marks a version known only after apply", () => {
    const upgrade = valkeyUpgrade("5.0.6");
    const [e] = engineChanges([
      {
        ...upgrade,
        before_sensitive: { ...RG_SENSITIVE, replication_group_id: true },
        after: { ...(upgrade.after as object), engine_version: null },
        after_unknown: { engine_version: true },
      },
    ]);
    expect(e.clusterId).toEqual({ kind: "sensitive" });
    expect(e.after.version).toEqual({ kind: "unknown" });
  });

  it("says in a section of its own, word for word, that the upgrade to Valkey cannot be undone; no danger, no refusal", () => {
    const result = reviewPlanJson(planText([valkeyUpgrade("5.0.6")]));
    expect(result.dangerous).toBe(false);
    expect(result.refused).toBe(false);
    expect(result.markdown).toContain(
      [
        MARKER,
        "## ⚠️ Irreversible: Redis OSS to Valkey",
        "",
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`) changes in place from Redis OSS `5.0.6` to Valkey `8.0`.",
        "",
        'ElastiCache has no way back from Valkey to Redis OSS: once this is applied, the cluster stays on Valkey. Setting `engine` back to `"redis"` later replaces the cluster, with the loss of its data and endpoints.',
        "",
        "## Terraform plan review",
      ].join("\n"),
    );
    expect(result.markdown).not.toContain("DANGER");
    expect(result.markdown).not.toContain(REFUSED_HEADING);
  });

  it("says word for word that AWS will refuse an upgrade from Redis OSS older than 5.0.6, and does not call it irreversible", () => {
    const result = reviewPlanJson(planText([valkeyUpgrade("4.0.10", "default.redis4.0")]));
    expect(result.refused).toBe(true);
    expect(result.dangerous).toBe(false);
    expect(result.markdown).toContain(
      [
        MARKER,
        "## ❌ AWS will refuse this apply",
        "",
        "> [!WARNING]",
        "> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.",
        "",
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`): Valkey needs a Redis OSS source at 5.0.6 or later, and this cluster runs Redis OSS `4.0.10`. Upgrade it to Redis OSS 5.0.6 or later in a plan of its own first, then change the engine.",
        "",
        "## Terraform plan review",
      ].join("\n"),
    );
    expect(result.markdown).not.toContain(IRREVERSIBLE_HEADING);
  });

  it("says AWS will refuse Valkey back to Redis OSS in place", () => {
    const result = reviewPlanJson(planText([redisFromValkeyInPlace()]));
    expect(result.refused).toBe(true);
    expect(result.markdown).toContain(
      '- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`): ElastiCache has no way back from Valkey to Redis OSS, and this plan changes the cluster from Valkey `8.0` to Redis OSS `7.1`. Keep `engine = "valkey"`.\n',
    );
    expect(result.markdown).not.toContain(IRREVERSIBLE_HEADING);
  });

  it("shows Valkey back to Redis OSS as provider 5.100 plans it, a replacement: DANGER forced by both arguments", () => {
    const result = reviewPlanJson(planText([redisFromValkeyReplacement()]));
    expect(result.dangerous).toBe(true);
    expect(result.refused).toBe(false);
    expect(result.markdown).toContain('- `engine_version`: `"8.0"` -> `"7.1"`\n- `engine`: `"valkey"` -> `"redis"`\n');
    expect(result.markdown).not.toContain(REFUSED_HEADING);
    expect(result.markdown).not.toContain(IRREVERSIBLE_HEADING);
  });

  it("puts each cluster in its section, sorted, and the sections in order: danger, refusals, refresh, irreversible, review", () => {
    const md = markdown([
      valkeyUpgrade("5.0.6", "default.redis5.0", "module.b.aws_elasticache_replication_group.redis"),
      valkeyUpgrade("6.x", "default.redis6.x", "module.a.aws_elasticache_replication_group.redis"),
      valkeyUpgrade("5.0.5", "default.redis5.0", "module.d.aws_elasticache_replication_group.redis"),
      redisFromValkeyInPlace(),
      { ...encryptionReplacement("module.e.aws_elasticache_replication_group.redis"), module_address: "module.e" },
      { address: "module.c.aws_elasticache_replication_group.redis", actions: ["update"], before: { num_cache_clusters: null }, after: { num_cache_clusters: 2 } },
    ]);
    const at = (text: string) => {
      expect(md).toContain(text);
      return md.indexOf(text);
    };
    const order = [DANGER_HEADING, REFUSED_HEADING, UNREFRESHED_HEADING, IRREVERSIBLE_HEADING, "## Terraform plan review"].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const refused = md.slice(at(REFUSED_HEADING), at(UNREFRESHED_HEADING));
    expect(refused.match(/^- .*$/gm)).toEqual([
      expect.stringMatching(/^- The cluster `orders-prod` \(`aws_elasticache_replication_group\.redis`\): ElastiCache has no way back/),
      expect.stringMatching(/^- The cluster `orders-prod` \(`module\.d\.aws_elasticache_replication_group\.redis`\): Valkey needs .* runs Redis OSS `5\.0\.5`\./),
    ]);
    const irreversible = md.slice(at(IRREVERSIBLE_HEADING), at("## Terraform plan review"));
    expect(irreversible.match(/^- .*$/gm)).toEqual([
      "- The cluster `orders-prod` (`module.a.aws_elasticache_replication_group.redis`) changes in place from Redis OSS `6.x` to Valkey `8.0`.",
      "- The cluster `orders-prod` (`module.b.aws_elasticache_replication_group.redis`) changes in place from Redis OSS `5.0.6` to Valkey `8.0`.",
    ]);
  });
});

describe("log delivery, by log", () => {
  const withLogs = (before: unknown[], after: unknown[]) =>
    clusterUpdate({ log_delivery_configuration: before }, { log_delivery_configuration: after });
  const reviewed = (change: ChangeSpec): ReviewedChange => review([change]).changes[0];
  const plain = (text: string) => ({ kind: "value", text });
  const CLOUDWATCH_SLOW = { type: plain("cloudwatch-logs"), destination: plain("orders-prod-slow"), format: plain("text") };

  it("lists a log whose delivery is added, changed or removed, and leaves out the ones that stay", () => {
    expect(reviewed(withLogs([SLOW_LOG_TO_CLOUDWATCH], [ENGINE_LOG_TO_FIREHOSE, SLOW_LOG_TO_CLOUDWATCH])).logDelivery).toEqual([
      {
        log: "engine-log",
        before: undefined,
        after: { type: plain("kinesis-firehose"), destination: plain("orders-prod-engine"), format: plain("json") },
      },
    ]);
    expect(reviewed(withLogs([SLOW_LOG_TO_CLOUDWATCH], [{ ...SLOW_LOG_TO_CLOUDWATCH, log_format: "json" }])).logDelivery).toEqual([
      { log: "slow-log", before: CLOUDWATCH_SLOW, after: { ...CLOUDWATCH_SLOW, format: plain("json") } },
    ]);
    expect(reviewed(withLogs([SLOW_LOG_TO_CLOUDWATCH], [])).logDelivery).toEqual([{ log: "slow-log", before: CLOUDWATCH_SLOW, after: undefined }]);
  });

  it("is not read when log delivery does not change, or cannot be matched by log type", () => {
    expect(reviewed(clusterUpdate({}, { maintenance_window: "sun:05:00-sun:06:00" })).logDelivery).toBeUndefined();
    const twice = withLogs([], [SLOW_LOG_TO_CLOUDWATCH, { ...SLOW_LOG_TO_CLOUDWATCH, destination: "other" }]);
    expect(reviewed(twice).logDelivery).toBeUndefined();
    const unknownType = { ...withLogs([], [{ ...SLOW_LOG_TO_CLOUDWATCH, log_type: null }]), after_unknown: { log_delivery_configuration: [{ log_type: true }] } };
    expect(reviewed(unknownType).logDelivery).toBeUndefined();
    const masked = { ...withLogs([SLOW_LOG_TO_CLOUDWATCH], []), before_sensitive: { log_delivery_configuration: true } };
    expect(reviewed(masked).logDelivery).toBeUndefined();
  });

  it("reads each side as the plan has it: a missing list is no log, a part known only after apply stays unknown, a whole list too", () => {
    const values = (before: unknown, after: unknown, afterUnknown: unknown = {}) =>
      logDeliveryChanges({ before, after, beforeSensitive: {}, afterSensitive: {}, afterUnknown: afterUnknown as never });
    expect(values({}, { log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] })?.map((l) => l.log)).toEqual(["slow-log"]);
    expect(values({ log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] }, { log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] })).toBeUndefined();
    const pending = values({}, { log_delivery_configuration: [{ ...SLOW_LOG_TO_CLOUDWATCH, destination: null }] }, { log_delivery_configuration: [{ destination: true }] });
    expect(pending?.[0].after?.destination).toEqual({ kind: "unknown" });
    // A list known only after apply is not an empty one: nothing can be said of its logs yet.
    expect(values({ log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] }, { log_delivery_configuration: null }, { log_delivery_configuration: true })).toBeUndefined();
  });

  it("says in the resource's details which log goes where, in what format, instead of the blocks", () => {
    const md = markdown([
      clusterUpdate(
        { log_delivery_configuration: [{ ...ENGINE_LOG_TO_FIREHOSE, log_format: "text" }, SLOW_LOG_TO_CLOUDWATCH] },
        { log_delivery_configuration: [ENGINE_LOG_TO_FIREHOSE], maintenance_window: "sun:05:00-sun:06:00" },
      ),
    ]);
    expect(md).toContain(
      [
        "| `maintenance_window` | `\"sat:07:00-sat:08:00\"` | `\"sun:05:00-sun:06:00\"` |",
        "",
        "Log delivery (`log_delivery_configuration`):",
        "",
        "- engine log: Kinesis Data Firehose stream `orders-prod-engine`, text -> Kinesis Data Firehose stream `orders-prod-engine`, JSON",
        "- slow log: CloudWatch Logs group `orders-prod-slow`, text -> not delivered",
        "",
      ].join("\n"),
    );
    expect(md).not.toContain("| `log_delivery_configuration` |");
  });

  it("writes values it has no words for as values, and keeps the blocks when the logs cannot be matched", () => {
    const odd = { destination: "bucket", destination_type: "s3", log_format: "yaml", log_type: "audit-log" };
    const md = markdown([withLogs([], [odd])]);
    expect(md).toContain("#### `aws_elasticache_replication_group.redis`: update in place\n\nLog delivery (`log_delivery_configuration`):\n\n");
    expect(md).toContain("- `audit-log`: not delivered -> `s3` `bucket`, `yaml`\n");
    const pending = markdown([
      { ...withLogs([], [{ ...SLOW_LOG_TO_CLOUDWATCH, destination: null }]), after_unknown: { log_delivery_configuration: [{ destination: true }] } },
    ]);
    expect(pending).toContain("- slow log: not delivered -> CloudWatch Logs group (known after apply), text\n");
    const twice = markdown([withLogs([], [SLOW_LOG_TO_CLOUDWATCH, { ...SLOW_LOG_TO_CLOUDWATCH, destination: "other" }])]);
    expect(twice).toContain("| `log_delivery_configuration` | `[]` | `[{ destination = ");
    expect(twice).not.toContain("Log delivery (");
  });
});

describe("a new KMS key", () => {
  it("replaces the cluster: DANGER forced by `kms_key_id`, with both keys", () => {
    const result = reviewPlanJson(planText([kmsKeyReplacement()]));
    expect(result.dangerous).toBe(true);
    const md = result.markdown;
    expect(md.split("\n")[1]).toBe("## ⛔ DANGER: this plan replaces the Redis cluster");
    expect(md).toContain(`Forced by this argument, which cannot change in place:\n\n- \`kms_key_id\`: \`"${KMS_KEY_A}"\` -> \`"${KMS_KEY_B}"\`\n`);
    expect(md).toContain("| **replace** (destroy, then create) | `aws_elasticache_replication_group.redis` | forced by `kms_key_id` |");
    expect(md).toContain(`| \`kms_key_id\` **(forces replacement)** | \`"${KMS_KEY_A}"\` | \`"${KMS_KEY_B}"\` |`);
    expect(md).not.toContain(REFUSED_HEADING);
  });
});

describe("log delivery AWS refuses: not applied immediately, or with the upgrade to Valkey", () => {
  const refusals = (changes: ChangeSpec[]) => review(changes).refusals;
  const kinds = (changes: ChangeSpec[]) => refusals(changes).map((r) => `${r.address} ${r.kind}`);
  const value = (text: string) => ({ kind: "value", text });
  const CLUSTER = "aws_elasticache_replication_group.redis";
  const DEFERRED_TEXT =
    "This plan changes `log_delivery_configuration` with `apply_immediately` `false`, and AWS changes log delivery only when the change is applied immediately " +
    "(`InvalidParameterValue: To modify the log delivery configuration, set the apply-immediately parameter to true`). " +
    "Set `apply_immediately = true` for the apply that changes log delivery: the other changes of the cluster in that apply are then made at once too, not in the next maintenance window.";
  const WITH_ENGINE_TEXT =
    "This plan changes `log_delivery_configuration` in the same apply as the engine, from Redis OSS `5.0.6` to Valkey `8.0`. " +
    "The AWS provider sends both in one modification, and AWS checks the log delivery against the engine the cluster still runs " +
    "(adding the slow log fails with `InvalidParameterValue: slow-log log delivery is not available for this redis engine version`). " +
    "Apply the engine upgrade first, with `log_delivery_configuration` as it is now, then change log delivery in a second plan.";

  describe("whether log delivery changes", () => {
    const differs = (before: unknown, after: unknown, afterUnknown: unknown = {}) =>
      logDeliveryDiffers({ before, after, beforeSensitive: {}, afterSensitive: {}, afterUnknown: afterUnknown as never });
    const logs = (...blocks: unknown[]) => ({ log_delivery_configuration: blocks });

    it("sees a log added, removed or changed in any part", () => {
      expect(differs(logs(), logs(SLOW_LOG_TO_CLOUDWATCH))).toBe(true);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), logs())).toBe(true);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), logs(ENGINE_LOG_TO_FIREHOSE))).toBe(true);
      for (const part of ["destination", "destination_type", "log_format"]) {
        expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), logs({ ...SLOW_LOG_TO_CLOUDWATCH, [part]: "other" })), part).toBe(true);
      }
      // One block kept and one added, or one kept and one changed: each side is compared with the other.
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), logs(SLOW_LOG_TO_CLOUDWATCH, ENGINE_LOG_TO_FIREHOSE))).toBe(true);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH, ENGINE_LOG_TO_FIREHOSE), logs(SLOW_LOG_TO_CLOUDWATCH))).toBe(true);
      const json = { ...SLOW_LOG_TO_CLOUDWATCH, log_format: "json" };
      expect(differs(logs(ENGINE_LOG_TO_FIREHOSE, SLOW_LOG_TO_CLOUDWATCH), logs(ENGINE_LOG_TO_FIREHOSE, json))).toBe(true);
      // A missing list is no log; a part known only after apply is a new destination.
      expect(differs({}, logs(SLOW_LOG_TO_CLOUDWATCH))).toBe(true);
      expect(differs(null, logs(SLOW_LOG_TO_CLOUDWATCH))).toBe(true);
      const pending = logs({ ...SLOW_LOG_TO_CLOUDWATCH, destination: null });
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), pending, { log_delivery_configuration: [{ destination: true }] })).toBe(true);
    });

    it("sees no change in the same blocks, in any order, nor in a list known only after apply", () => {
      expect(differs(logs(), logs())).toBe(false);
      expect(differs({}, { log_delivery_configuration: null })).toBe(false);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), logs(SLOW_LOG_TO_CLOUDWATCH))).toBe(false);
      expect(differs(logs(ENGINE_LOG_TO_FIREHOSE, SLOW_LOG_TO_CLOUDWATCH), logs(SLOW_LOG_TO_CLOUDWATCH, ENGINE_LOG_TO_FIREHOSE))).toBe(false);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), { log_delivery_configuration: null }, { log_delivery_configuration: true })).toBe(false);
      expect(differs(logs(SLOW_LOG_TO_CLOUDWATCH), null, true)).toBe(false);
    });
  });

  it("refuses a log delivery change with apply_immediately false, naming the cluster", () => {
    const expected: Refusal = { address: CLUSTER, clusterId: value("orders-prod"), kind: "log-delivery-deferred", applyImmediately: value("false") } as Refusal;
    expect(refusalsOf(parsePlan(planText([slowLogAdded(false)])).resourceChanges[0])).toEqual([expected]);
    expect(refusals([slowLogAdded(false)])).toEqual([expected]);
  });

  it("refuses it with apply_immediately unset (null), which the provider sends as false", () => {
    const [r] = refusals([slowLogAdded(null)]);
    expect(r).toMatchObject({ kind: "log-delivery-deferred", applyImmediately: value("null") });
    expect(markdown([slowLogAdded(null)])).toContain("changes `log_delivery_configuration` with `apply_immediately` unset, and AWS changes");
    // Absent from the plan altogether reads as null too.
    const absent = slowLogAdded(false);
    delete (absent.after as Record<string, unknown>).apply_immediately;
    expect(kinds([absent])).toEqual([`${CLUSTER} log-delivery-deferred`]);
  });

  it("refuses a log removed or changed as well as one added", () => {
    const removed = clusterUpdate({ log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] }, { log_delivery_configuration: [] });
    const changed = clusterUpdate(
      { log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH] },
      { log_delivery_configuration: [{ ...SLOW_LOG_TO_CLOUDWATCH, log_format: "json" }] },
    );
    expect(kinds([removed])).toEqual([`${CLUSTER} log-delivery-deferred`]);
    expect(kinds([changed])).toEqual([`${CLUSTER} log-delivery-deferred`]);
  });

  it("says so word for word in the refusal section; no danger, and the plan is refused", () => {
    const result = reviewPlanJson(planText([slowLogAdded(false)]));
    expect(result.refused).toBe(true);
    expect(result.dangerous).toBe(false);
    expect(result.markdown).toContain(
      [
        MARKER,
        "## ❌ AWS will refuse this apply",
        "",
        "> [!WARNING]",
        "> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.",
        "",
        `- The cluster \`orders-prod\` (\`${CLUSTER}\`): ${DEFERRED_TEXT}`,
        "",
        "## Terraform plan review",
      ].join("\n"),
    );
    expect(result.markdown).not.toContain(IRREVERSIBLE_HEADING);
  });

  it("does not refuse it with apply_immediately true, nor when it is only known after apply", () => {
    const result = reviewPlanJson(planText([slowLogAdded(true)]));
    expect(result.review.refusals).toEqual([]);
    expect(result.refused).toBe(false);
    expect(result.markdown).not.toContain(REFUSED_HEADING);
    // The log change is still shown, by log.
    expect(result.markdown).toContain("- slow log: not delivered -> CloudWatch Logs group `orders-prod-slow`, text\n");
    const pending = slowLogAdded(false);
    delete (pending.after as Record<string, unknown>).apply_immediately;
    expect(refusals([{ ...pending, after_unknown: { apply_immediately: true } }])).toEqual([]);
    expect(refusals([{ ...pending, after_unknown: true }])).toEqual([]);
  });

  it("does not refuse a new cluster created with its logs, nor a replacement that changes them (DANGER says it)", () => {
    const created = reviewPlanJson(planText([clusterCreatedWithSlowLog()]));
    expect(created.review.refusals).toEqual([]);
    expect(created.refused).toBe(false);
    expect(created.markdown).not.toContain(REFUSED_HEADING);
    const replaced = reviewPlanJson(planText([encryptionReplacementWithSlowLog()]));
    expect(replaced.review.refusals).toEqual([]);
    expect(replaced.refused).toBe(false);
    expect(replaced.dangerous).toBe(true);
    expect(replaced.markdown).not.toContain(REFUSED_HEADING);
    // In either order of the replacement.
    expect(refusals([{ ...encryptionReplacementWithSlowLog(), actions: ["create", "delete"] }])).toEqual([]);
  });

  it("does not refuse an update whose logs stay, whatever else it changes or apply_immediately is", () => {
    expect(refusals([clusterUpdate({}, { maintenance_window: "sun:05:00-sun:06:00" })])).toEqual([]);
    const same = { log_delivery_configuration: [ENGINE_LOG_TO_FIREHOSE, SLOW_LOG_TO_CLOUDWATCH] };
    expect(refusals([clusterUpdate(same, { ...same, node_type: "cache.r6g.xlarge" })])).toEqual([]);
    expect(refusals([clusterUpdate(same, { log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH, ENGINE_LOG_TO_FIREHOSE] })])).toEqual([]);
    // The upgrade to Valkey alone, logs unchanged: AWS accepts it (the notice says it is irreversible).
    expect(refusals([valkeyUpgrade("5.0.6")])).toEqual([]);
  });

  it("looks only at managed replication groups", () => {
    const change = slowLogAdded(false);
    expect(refusals([{ ...change, address: "aws_elasticache_cluster.redis" }])).toEqual([]);
    expect(refusals([{ ...change, address: "data.aws_elasticache_replication_group.redis", mode: "data" }])).toEqual([]);
    expect(refusals([{ ...change, actions: ["no-op"] }])).toEqual([]);
    expect(refusals([{ ...change, actions: ["delete"], after: null }])).toEqual([]);
  });

  it("masks a sensitive cluster name", () => {
    const [r] = refusals([{ ...slowLogAdded(false), before_sensitive: { ...RG_SENSITIVE, replication_group_id: true } }]);
    expect(r.clusterId).toEqual({ kind: "sensitive" });
    expect(markdown([{ ...slowLogAdded(false), before_sensitive: { ...RG_SENSITIVE, replication_group_id: true } }])).toContain(
      `- The cluster (sensitive) (\`${CLUSTER}\`): This plan changes`,
    );
  });

  it("refuses log delivery changed with the upgrade to Valkey even with apply_immediately true, and still calls the upgrade irreversible", () => {
    const result = reviewPlanJson(planText([valkeyUpgradeWithSlowLog("5.0.6", true)]));
    expect(result.review.refusals.map((r) => r.kind)).toEqual(["log-delivery-with-engine"]);
    expect(result.review.refusals[0]).toMatchObject({
      address: CLUSTER,
      clusterId: value("orders-prod"),
      engineChange: { before: { engine: "redis", version: value("5.0.6") }, after: { engine: "valkey", version: value("8.0") } },
    });
    expect(result.refused).toBe(true);
    expect(result.dangerous).toBe(false);
    expect(result.markdown).toContain(
      [
        "> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.",
        "",
        `- The cluster \`orders-prod\` (\`${CLUSTER}\`): ${WITH_ENGINE_TEXT}`,
        "",
        IRREVERSIBLE_HEADING,
      ].join("\n"),
    );
  });

  it("gives both refusals, the engine one first, when apply_immediately is false too", () => {
    const md = markdown([valkeyUpgradeWithSlowLog("5.0.6", false)]);
    expect(md.slice(md.indexOf(REFUSED_HEADING), md.indexOf(IRREVERSIBLE_HEADING)).match(/^- .*$/gm)).toEqual([
      `- The cluster \`orders-prod\` (\`${CLUSTER}\`): ${WITH_ENGINE_TEXT}`,
      `- The cluster \`orders-prod\` (\`${CLUSTER}\`): ${DEFERRED_TEXT}`,
    ]);
  });

  it("reports a refused engine change as such, without the log delivery one it makes moot", () => {
    expect(kinds([valkeyUpgradeWithSlowLog("4.0.10", true)])).toEqual([`${CLUSTER} source-version`]);
    expect(kinds([valkeyUpgradeWithSlowLog("4.0.10", false)])).toEqual([`${CLUSTER} source-version`, `${CLUSTER} log-delivery-deferred`]);
    const back = redisFromValkeyInPlace();
    const withLogs = { ...back, after: { ...(back.after as object), log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH], apply_immediately: true } };
    expect(kinds([withLogs])).toEqual([`${CLUSTER} no-way-back`]);
  });

  it("lists every cluster's refusals by address, then in a fixed order of kinds", () => {
    const r = refusals([
      slowLogAdded(false, "module.c.aws_elasticache_replication_group.redis"),
      valkeyUpgradeWithSlowLog("5.0.6", false, "module.a.aws_elasticache_replication_group.redis"),
      valkeyUpgrade("5.0.5", "default.redis5.0", "module.b.aws_elasticache_replication_group.redis"),
      slowLogAdded(true, "module.d.aws_elasticache_replication_group.redis"),
    ]);
    expect(r.map((x) => `${x.address} ${x.kind}`)).toEqual([
      "module.a.aws_elasticache_replication_group.redis log-delivery-with-engine",
      "module.a.aws_elasticache_replication_group.redis log-delivery-deferred",
      "module.b.aws_elasticache_replication_group.redis source-version",
      "module.c.aws_elasticache_replication_group.redis log-delivery-deferred",
    ]);
  });
});

describe("at scale: 60 clusters in one plan", () => {
  const names = Array.from({ length: 60 }, (_, i) => `cache-${String(i + 1).padStart(2, "0")}`);
  const cluster = (name: string, overrides: Record<string, unknown> = {}) =>
    replicationGroup({
      id: name,
      replication_group_id: name,
      primary_endpoint_address: `master.${name}.abc123.use1.cache.amazonaws.com`,
      reader_endpoint_address: `replica.${name}.abc123.use1.cache.amazonaws.com`,
      ...overrides,
    });
  const portReplacement = (name: string): ChangeSpec => ({
    address: `module.${name.replace("-", "_")}.aws_elasticache_replication_group.redis`,
    module_address: `module.${name.replace("-", "_")}`,
    actions: ["delete", "create"],
    before: cluster(name),
    after: replacedAfter({ id: name, replication_group_id: name, port: 6380 }),
    after_unknown: RG_UNKNOWN,
    before_sensitive: RG_SENSITIVE,
    after_sensitive: RG_SENSITIVE,
    replace_paths: [["port"]],
    action_reason: "replace_because_cannot_update",
  });
  const replaced = () => reviewPlanJson(planText(names.map(portReplacement)));

  it("merges identical dangers into one block that names every cluster and its endpoints", () => {
    const { markdown, review: r } = replaced();
    expect(r.dangers).toHaveLength(60);
    expect(markdown.split("\n")[1]).toBe("## ⛔ DANGER: this plan replaces 60 Redis clusters");
    const dangerSection = markdown.slice(0, markdown.indexOf("## Terraform plan review"));
    expect(dangerSection.match(/^### /gm)).toHaveLength(1);
    expect(markdown).toContain("### 60 Redis clusters are replaced\n\nForced by this argument, which cannot change in place:\n\n- `port`: `6379` -> `6380`\n");
    expect(markdown).toContain("**downtime starts with the apply**");
    expect(markdown).toContain("<details><summary>The 60 clusters</summary>");
    for (const name of names) {
      expect(markdown).toContain(
        `- \`${name}\` (\`module.${name.replace("-", "_")}.aws_elasticache_replication_group.redis\`): primary \`master.${name}.abc123.use1.cache.amazonaws.com\`, reader \`replica.${name}.abc123.use1.cache.amazonaws.com\``,
      );
    }
  });

  it("counts as Terraform does, and folds the 60 rows and details that read alike into one", () => {
    const { markdown } = replaced();
    expect(markdown).toContain("**Plan:** 60 to add, 0 to change, 60 to destroy.\n\nOf these, 60 are replacements (destroyed and created again, counted in both).");
    expect(markdown).toContain("| **replace** ×60 (destroy, then create) | `module.*.aws_elasticache_replication_group.redis` | forced by `port` |\n");
    expect(markdown).toContain("#### `module.*.aws_elasticache_replication_group.redis` ×60: replace (destroy, then create)\n");
    expect(markdown.length).toBeLessThan(20_000);
  });

  it("keeps a 60-cluster create within a comment, saying exactly what it left out", () => {
    const creates: ChangeSpec[] = names.flatMap((name) => [
      { address: `module.${name}.aws_elasticache_replication_group.redis`, actions: ["create"], after: cluster(name), after_sensitive: RG_SENSITIVE, after_unknown: RG_UNKNOWN },
      ...Array.from({ length: 12 }, (_, i) => ({
        address: `module.${name}.aws_cloudwatch_metric_alarm.elasticache_swap_usage[${i}]`,
        actions: ["create"],
        after: alarm(i, `${name}-00${i}`),
        after_unknown: { id: true, arn: true },
      })),
    ]);
    const { markdown } = reviewPlanJson(planText(creates));
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(markdown).toContain("**Plan:** 780 to add, 0 to change, 0 to destroy.");
    expect(markdown).toContain(
      "| Action | Resource |\n| --- | --- |\n| create ×720 | `module.*.aws_cloudwatch_metric_alarm.elasticache_swap_usage[*]` |\n| create ×60 | `module.*.aws_elasticache_replication_group.redis` |\n\n",
    );
    expect(markdown).toMatch(/\n_Not shown, for room: the arguments of \d+ resource\(s\) \(\d+ `aws_cloudwatch_metric_alarm`(, \d+ `aws_elasticache_replication_group`)?\)\. `terraform show tfplan` shows them\._\n$/);
    expect(markdown).not.toContain("### Changed arguments");
  });

  it("refuses, rather than cut, when even the danger section cannot fit a comment", () => {
    // 3,000 clusters each replaced by a different change cannot be merged into a few dangers.
    const distinct = Array.from({ length: 3000 }, (_, i) => ({ ...portReplacement(`c-${i}`), after: replacedAfter({ port: 7000 + i }) }));
    expect(() => renderReview(review(distinct))).toThrow(ReviewTooLongError);
    expect(() => renderReview(review(distinct))).toThrow(/over GitHub's 65536/);
  });
});

describe("less noise", () => {
  it("hides tags_all where it repeats tags, and shows it where it says more", () => {
    const withTags = (tags: object, tagsAll: object): ChangeSpec => ({
      address: "aws_security_group.redis",
      actions: ["update"],
      before: { tags: { team: "a" }, tags_all: { team: "a" } },
      after: { tags, tags_all: tagsAll },
    });
    const mirrored = reviewPlanJson(planText([withTags({ team: "b" }, { team: "b" })])).markdown;
    expect(mirrored).toContain('| `tags.team` | `"a"` | `"b"` |');
    expect(mirrored).not.toContain("tags_all");
    const more = reviewPlanJson(planText([withTags({ team: "b" }, { team: "b", owner: "platform" })])).markdown;
    expect(more).toContain("tags_all");
  });

  it("lists the arguments that force a replacement before the others", () => {
    const { markdown } = reviewPlanJson(
      planText([{ ...encryptionReplacement(), after: replacedAfter({ at_rest_encryption_enabled: "true", apply_immediately: true }) }]),
    );
    const rows = markdown.slice(markdown.indexOf("| Argument | Before | After |")).split("\n").slice(2, 4);
    expect(rows).toEqual(['| `at_rest_encryption_enabled` **(forces replacement)** | `"false"` | `"true"` |', "| `apply_immediately` | `false` | `true` |"]);
  });
});

describe("ingress rules and lists", () => {
  const rule = (cidrs: string[]) => ({
    type: "ingress",
    from_port: 6379,
    to_port: 6379,
    protocol: "tcp",
    cidr_blocks: cidrs,
    security_group_id: "sg-0a",
    self: false,
    source_security_group_id: null,
  });
  const cidrChange = (): ChangeSpec => ({
    address: "aws_security_group_rule.allow_connections_from_cidr_blocks[0]",
    actions: ["delete", "create"],
    before: { ...rule(["10.0.0.0/16", "10.1.0.0/16"]), id: "sgrule-1" },
    after: rule(["10.0.0.0/16", "10.2.0.0/16"]),
    after_unknown: { id: true },
    replace_paths: [["cidr_blocks"]],
    action_reason: "replace_because_cannot_update",
  });

  it("flags a replaced ingress rule in its own section: clients that stay allowed are cut off meanwhile; no danger", () => {
    const result = reviewPlanJson(planText([cidrChange()]));
    expect(result.dangerous).toBe(false);
    expect(result.refused).toBe(false);
    expect(result.markdown).not.toContain("DANGER");
    expect(result.markdown.split("\n").slice(1, 3)).toEqual(["## ⚠️ Clients may lose connectivity", ""]);
    expect(result.markdown).toContain(
      '- `aws_security_group_rule.allow_connections_from_cidr_blocks[0]` is replaced: the old rule is deleted before the new one exists. `"10.0.0.0/16"` stays allowed but cannot connect until the new rule exists. `"10.1.0.0/16"` loses access.\n',
    );
  });

  it("flags a destroyed ingress rule, and leaves egress rules, updates and creates alone", () => {
    const destroyed = reviewPlanJson(
      planText([{ address: "aws_security_group_rule.allow_connections_from_security_group[1]", actions: ["delete"], before: { ...rule([]), cidr_blocks: null, source_security_group_id: "sg-0b" } }]),
    ).markdown;
    expect(destroyed).toContain('- `aws_security_group_rule.allow_connections_from_security_group[1]` is destroyed: `"sg-0b"` can no longer connect.\n');
    const quiet = reviewPlanJson(
      planText([
        { ...cidrChange(), address: "aws_security_group_rule.egress", before: { ...rule(["0.0.0.0/0"]), type: "egress" } },
        { address: "aws_security_group_rule.new", actions: ["create"], after: rule(["10.3.0.0/16"]), after_unknown: { id: true } },
      ]),
    ).markdown;
    expect(quiet).not.toContain("Clients may lose connectivity");
  });

  it("shows the elements a list gains and loses, not two whole lists", () => {
    const { markdown } = reviewPlanJson(planText([cidrChange()]));
    expect(markdown).toContain('| `cidr_blocks` **(forces replacement)** | `["10.0.0.0/16", "10.1.0.0/16"]` | added `"10.2.0.0/16"`; removed `"10.1.0.0/16"` |');
    const reordered = reviewPlanJson(
      planText([{ ...cidrChange(), actions: ["update"], after: { ...rule(["10.1.0.0/16", "10.0.0.0/16"]), id: "sgrule-1" }, replace_paths: [] }]),
    ).markdown;
    expect(reordered).toContain("| the same elements, reordered |");
  });
});

describe("outputs", () => {
  const withOutputs = (outputChanges: Record<string, unknown>, changes: ChangeSpec[] = []) =>
    reviewPlanJson(JSON.stringify({ ...planDoc(changes), output_changes: outputChanges })).markdown;

  it("shows the outputs that change, masking sensitive ones, and none that stay", () => {
    const md = withOutputs({
      cache_port: { actions: ["update"], before: 6379, after: 6380, after_unknown: false, before_sensitive: false, after_sensitive: false },
      security_group_id: { actions: ["create"], before: null, after: "sg-0a", after_unknown: false, before_sensitive: false, after_sensitive: false },
      token: { actions: ["update"], before: "old-secret", after: "new-secret", after_unknown: false, before_sensitive: true, after_sensitive: true },
      primary_endpoint: { actions: ["update"], before: "a.cache.amazonaws.com", after: null, after_unknown: true, before_sensitive: false, after_sensitive: false },
      cache_node_id: { actions: ["no-op"], before: "0001", after: "0001", after_unknown: false, before_sensitive: false, after_sensitive: false },
    });
    expect(md).toContain(
      [
        "### 4 outputs change",
        "",
        "| Output | Change | Before | After |",
        "| --- | --- | --- | --- |",
        "| `cache_port` | changes | `6379` | `6380` |",
        '| `primary_endpoint` | changes | `"a.cache.amazonaws.com"` | (known after apply) |',
        '| `security_group_id` | added | – | `"sg-0a"` |',
        "| `token` | changes | (sensitive) | (sensitive) |",
        "",
      ].join("\n"),
    );
    expect(md).not.toContain("secret");
    expect(md).not.toContain("cache_node_id");
  });

  it("folds many outputs, and lists 40 of them at most", () => {
    const many = Object.fromEntries(
      Array.from({ length: 45 }, (_, i) => [
        `c${String(i).padStart(2, "0")}__cache_port`,
        { actions: ["update"], before: 6379, after: 6380, after_unknown: false, before_sensitive: false, after_sensitive: false },
      ]),
    );
    const md = withOutputs(many);
    expect(md).toContain("### 45 outputs change\n\n<details><summary>Outputs</summary>\n\n| Output | Change | Before | After |");
    expect(md.match(/^\| `c\d\d__cache_port` \|/gm)).toHaveLength(40);
    expect(md).toContain("_… and 5 more outputs change (`terraform show tfplan` lists them all)._\n\n</details>\n");
  });
});

describe("long lists", () => {
  it("lists 40 of 100 moves, folded, and says how many more", () => {
    const moves: ChangeSpec[] = Array.from({ length: 100 }, (_, i) => ({
      ...noOp(`module.c${String(i).padStart(3, "0")}.aws_security_group.redis`),
      previous_address: `module.c${String(i).padStart(3, "0")}.module.redis.aws_security_group.redis`,
    }));
    const md = markdown(moves);
    expect(md).toContain("### 100 moved\n\n<details><summary>100 resources at new addresses</summary>\n\n");
    expect(md.match(/^- `module\.c\d{3}\.module\.redis/gm)).toHaveLength(40);
    expect(md).toContain("\n- … and 60 more moves (`terraform show tfplan` lists them all)\n");
  });

  it("names at most 150 clusters of one danger, and counts the rest", () => {
    const replaced = Array.from({ length: 200 }, (_, i) =>
      encryptionReplacement(`module.c${String(i).padStart(3, "0")}.aws_elasticache_replication_group.redis`),
    );
    const md = markdown(replaced);
    expect(md.split("\n")[1]).toBe("## ⛔ DANGER: this plan replaces 200 Redis clusters");
    expect(md.match(/^- `orders-prod` \(`module\.c\d{3}\./gm)).toHaveLength(150);
    expect(md).toContain("\n- … and 50 more clusters (`terraform show tfplan` lists them all)\n");
    expect(md.length).toBeLessThanOrEqual(60_000);
  });
});

describe("counts in the action cell", () => {
  it("come right after the action's word, before what qualifies it", () => {
    expect(withCount("**replace** (destroy, then create)", 60)).toBe("**replace** ×60 (destroy, then create)");
    expect(withCount("update in place, moved", 3)).toBe("update in place ×3, moved");
    expect(withCount("import, update in place", 2)).toBe("import ×2, update in place");
    expect(withCount("create", 60)).toBe("create ×60");
    expect(withCount("create", 1)).toBe("create");
  });
});

describe("address patterns of grouped rows", () => {
  it("stars the module instances and indexes that differ, and keeps what is common", () => {
    expect(addressPattern(["module.cache_01.aws_x.y[0]", "module.cache_02.aws_x.y[1]"])).toBe("module.*.aws_x.y[*]");
    expect(addressPattern(['module.redis["a"].aws_x.y', 'module.redis["b"].aws_x.y'])).toBe("module.redis[*].aws_x.y");
    expect(addressPattern(["aws_x.y[0]", "aws_x.y[3]"])).toBe("aws_x.y[*]");
    expect(addressPattern(["aws_x.y", "aws_x.y"])).toBe("aws_x.y");
  });
});

describe("the comment always fits", () => {
  it("leaves out a table too long for the comment, saying so, and keeps the danger", () => {
    // Resources of different names: no two rows can be grouped.
    const long = (i: number) => `aws_x.${"n".repeat(900)}${i}`;
    const changes: ChangeSpec[] = [
      encryptionReplacement(),
      ...Array.from({ length: 90 }, (_, i) => ({ address: long(i), actions: ["create"], after: { v: i }, after_unknown: {} })),
      ...Array.from({ length: 90 }, (_, i) => ({ address: `${long(i)}_z`, actions: ["delete"], before: { v: i }, action_reason: "delete_because_no_resource_config" })),
    ];
    const md = markdown(changes);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md.split("\n")[1]).toBe("## ⛔ DANGER: this plan replaces the Redis cluster");
    expect(md).toContain("_The table of 181 changes is left out for room; `terraform show tfplan` lists them._");
  });
});

describe("capacity changes: shards and replicas added or removed, never a danger", () => {
  const GROUP = "aws_elasticache_replication_group.redis";
  const ORDERS = { kind: "value", text: "orders-prod" };
  const capacity = (changes: ChangeSpec[]) => review(changes).capacity;
  const sectionOf = (md: string) => {
    const start = md.indexOf("## ⚠️ Capacity changes");
    return start < 0 ? "" : md.slice(start, md.indexOf("\n## ", start + 1) + 1);
  };

  describe("a scalable target whose range leaves out the group's count", () => {
    it("names the scale-in AWS makes as soon as the policy exists: a new target whose maximum is below the count", () => {
      const plan = [groupUnchanged("orders-prod", 5, 1), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3)];
      expect(capacity(plan)).toEqual([
        { address: GROUP, clusterId: ORDERS, kind: "range", dimension: "shards", before: 5, after: 3, targetAddress: TARGET, targetKind: "create", min: 2, max: 3 },
      ]);
      const result = reviewPlanJson(planText(plan));
      expect(result.dangerous).toBe(false);
      expect(result.refused).toBe(false);
      expect(sectionOf(result.markdown)).toBe(
        [
          "## ⚠️ Capacity changes",
          "",
          "These changes add or remove nodes of a cluster. None loses data, but the counts decide the cluster's memory (shards), its read capacity (replicas) and its cost: check that each is the one you mean.",
          "",
          "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), shards 5 -> 3: the new scalable target `aws_appautoscaling_target.redis[0]` allows 2 to 3 shards, so AWS scales the cluster in to 3 as soon as the scaling policy exists, right after the apply. No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data.",
          "",
          "",
        ].join("\n"),
      );
    });

    it("names the scale-out to a minimum above the count", () => {
      const plan = [groupUnchanged("orders-prod", 1, 1), targetCreated("orders-prod", SHARDS_DIMENSION, 3, 6)];
      expect(capacity(plan)).toMatchObject([{ kind: "range", dimension: "shards", before: 1, after: 3, min: 3, max: 6 }]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), shards 1 -> 3: the new scalable target `aws_appautoscaling_target.redis[0]` allows 3 to 6 shards, so AWS scales the cluster out to 3 as soon as the scaling policy exists, right after the apply. AWS adds the shards and moves slots to them: more memory, and more nodes to pay for.\n",
      );
    });

    it("names a range that changes in place, for replicas per shard", () => {
      const plan = [groupUnchanged("orders-prod", 2, 4), targetUpdated("orders-prod", REPLICAS_DIMENSION, [1, 5], [1, 2])];
      expect(capacity(plan)).toMatchObject([{ kind: "range", dimension: "replicas", before: 4, after: 2, targetKind: "update" }]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), replicas per shard 4 -> 2: its scalable target `aws_appautoscaling_target.redis[0]` changes to allow 1 to 2 replicas per shard, so AWS scales the cluster in to 2 as soon as the scaling policy exists, right after the apply. No data is lost: every shard keeps its primary and its data, and serves reads from fewer replicas.\n",
      );
      const out = [groupUnchanged("orders-prod", 2, 1), targetUpdated("orders-prod", REPLICAS_DIMENSION, [1, 5], [3, 5])];
      expect(markdown(out)).toContain(
        "replicas per shard 1 -> 3: its scalable target `aws_appautoscaling_target.redis[0]` changes to allow 3 to 5 replicas per shard, so AWS scales the cluster out to 3 as soon as the scaling policy exists, right after the apply. AWS adds the replicas to every shard: more read capacity, and more nodes to pay for.\n",
      );
    });

    it("names a replaced target's range as a new one", () => {
      const replaced: ChangeSpec = { ...targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2), actions: ["delete", "create"], before: targetDestroyed("orders-prod", REPLICAS_DIMENSION, 1, 5).before };
      expect(capacity([groupUnchanged("orders-prod", 4, 1), replaced])).toMatchObject([{ kind: "range", before: 4, after: 2, targetKind: "replace" }]);
    });

    it("matches the target to its group by resource id and type, at any address", () => {
      const plan = [
        groupUnchanged("sessions", 4, 1, "module.sessions.aws_elasticache_replication_group.cache"),
        groupUnchanged("orders-prod", 4, 1, "aws_elasticache_replication_group.ElastiCacheRedis_replication_group_1A2B3C4D"),
        targetCreated("sessions", SHARDS_DIMENSION, 4, 8, "module.sessions.aws_appautoscaling_target.scaling"),
        targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2, "aws_appautoscaling_target.ElastiCacheRedis_auto_scaling_target_5E6F7A8B"),
      ];
      expect(capacity(plan).map((c) => [c.address, c.kind === "range" && c.targetAddress, c.before, c.after])).toEqual([
        ["aws_elasticache_replication_group.ElastiCacheRedis_replication_group_1A2B3C4D", "aws_appautoscaling_target.ElastiCacheRedis_auto_scaling_target_5E6F7A8B", 4, 2],
      ]);
    });

    it("names a known bound alone when the other is known only after apply", () => {
      const maxOnly: ChangeSpec = { ...targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3) };
      maxOnly.after = { ...(maxOnly.after as Json), min_capacity: null };
      maxOnly.after_unknown = { ...(maxOnly.after_unknown as Json), min_capacity: true };
      const plan = [groupUnchanged("orders-prod", 5, 1), maxOnly];
      expect(capacity(plan)).toEqual([
        { address: GROUP, clusterId: ORDERS, kind: "range", dimension: "shards", before: 5, after: 3, targetAddress: TARGET, targetKind: "create", max: 3 },
      ]);
      expect(markdown(plan)).toContain("allows at most 3 shards, so AWS scales the cluster in to 3");
      const minOnly: ChangeSpec = { ...targetCreated("orders-prod", SHARDS_DIMENSION, 4, 6) };
      minOnly.after = { ...(minOnly.after as Json), max_capacity: null };
      minOnly.after_unknown = { ...(minOnly.after_unknown as Json), max_capacity: true };
      expect(markdown([groupUnchanged("orders-prod", 2, 1), minOnly])).toContain("allows at least 4 shards, so AWS scales the cluster out to 4");
    });

    it("judges the range against the count the group has once this plan changed it", () => {
      // The target's resource id refers to the group: the group's update is applied first.
      const plan = [groupCounts("orders-prod", [6, 1], [4, 1]), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 4)];
      expect(capacity(plan).map((c) => [c.kind, c.before, c.after])).toEqual([["lowered", 6, 4]]);
      const further = [groupCounts("orders-prod", [6, 1], [4, 1]), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3)];
      expect(capacity(further).map((c) => [c.kind, c.before, c.after])).toEqual([
        ["lowered", 6, 4],
        ["range", 4, 3],
      ]);
    });
  });

  describe("a replication group whose counts change in place", () => {
    it("names shards removed: no data is lost", () => {
      const plan = [groupCounts("orders-prod", [4, 1], [3, 1])];
      expect(capacity(plan)).toEqual([{ address: GROUP, clusterId: ORDERS, kind: "lowered", dimension: "shards", before: 4, after: 3 }]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), shards 4 -> 3: this plan lowers `num_node_groups` in place. No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data.\n",
      );
    });

    it("names replicas removed: read capacity", () => {
      const plan = [groupCounts("orders-prod", [2, 2], [2, 1])];
      expect(capacity(plan)).toEqual([{ address: GROUP, clusterId: ORDERS, kind: "lowered", dimension: "replicas", before: 2, after: 1 }]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), replicas per shard 2 -> 1: this plan lowers `replicas_per_node_group` in place. No data is lost: every shard keeps its primary and its data, and serves reads from fewer replicas.\n",
      );
    });

    it("names both counts of one cluster, shards first, and clusters by address", () => {
      const plan = [
        groupCounts("zeta", [3, 2], [2, 1], "module.b.aws_elasticache_replication_group.redis"),
        groupCounts("alpha", [5, 1], [4, 1], "module.a.aws_elasticache_replication_group.redis"),
      ];
      expect(capacity(plan).map((c) => [c.address, c.dimension])).toEqual([
        ["module.a.aws_elasticache_replication_group.redis", "shards"],
        ["module.b.aws_elasticache_replication_group.redis", "shards"],
        ["module.b.aws_elasticache_replication_group.redis", "replicas"],
      ]);
    });

    it("says nothing of counts that grow while automatic scaling stays as it is", () => {
      expect(capacity([groupCounts("orders-prod", [2, 1], [4, 2])])).toEqual([]);
    });
  });

  describe("automatic scaling switched off: the count AWS scaled to goes back to the inputs'", () => {
    it("names the shards set back, and the ids provider 5.x guesses", () => {
      const plan = [targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6), groupCounts("orders-prod", [4, 1], [2, 1])];
      expect(capacity(plan)).toEqual([
        { address: GROUP, clusterId: ORDERS, kind: "scaling-off", dimension: "shards", before: 4, after: 2, targetAddress: TARGET },
      ]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), shards 4 -> 2: this plan switches automatic scaling off (it destroys `aws_appautoscaling_target.redis[0]`) and sets the shards back from 4 (AWS's count) to 2 (the inputs'). No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data. AWS provider 5.x can fail this change with `InvalidParameterValue: The following node group ids are invalid`: it guesses the ids of the shards to remove (provider issue 43884, fixed in 6.31.0). To keep 4, set `num_node_groups` to 4 in the inputs before applying.\n",
      );
    });

    it("names a count set back up as well", () => {
      const plan = [targetDestroyed("orders-prod", SHARDS_DIMENSION, 1, 6), groupCounts("orders-prod", [1, 1], [3, 1])];
      expect(capacity(plan)).toMatchObject([{ kind: "scaling-off", dimension: "shards", before: 1, after: 3 }]);
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), shards 1 -> 3: this plan switches automatic scaling off (it destroys `aws_appautoscaling_target.redis[0]`) and sets the shards back from 1 (AWS's count) to 3 (the inputs'). AWS adds the shards and moves slots to them: more memory, and more nodes to pay for. To keep 1, set `num_node_groups` to 1 in the inputs before applying.\n",
      );
    });

    it("names replicas per shard set back, without the shard ids note", () => {
      const plan = [targetDestroyed("orders-prod", REPLICAS_DIMENSION, 1, 5), groupCounts("orders-prod", [2, 4], [2, 1])];
      expect(markdown(plan)).toContain(
        "- The cluster `orders-prod` (`aws_elasticache_replication_group.redis`), replicas per shard 4 -> 1: this plan switches automatic scaling off (it destroys `aws_appautoscaling_target.redis[0]`) and sets the replicas per shard back from 4 (AWS's count) to 1 (the inputs'). No data is lost: every shard keeps its primary and its data, and serves reads from fewer replicas. To keep 4, set `replicas_per_node_group` to 4 in the inputs before applying.\n",
      );
    });

    it("sets back only the dimension the destroyed target scaled; the other count is judged alone", () => {
      const plan = [targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6), groupCounts("orders-prod", [4, 2], [2, 1])];
      expect(capacity(plan).map((c) => [c.kind, c.dimension])).toEqual([
        ["scaling-off", "shards"],
        ["lowered", "replicas"],
      ]);
      const grown = [targetDestroyed("orders-prod", REPLICAS_DIMENSION, 1, 5), groupCounts("orders-prod", [2, 1], [3, 1])];
      expect(capacity(grown)).toEqual([]);
    });

    it("says nothing when the count already is the inputs', or the target of another cluster is destroyed", () => {
      expect(capacity([targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6), groupUnchanged("orders-prod", 2, 1)])).toEqual([]);
      expect(capacity([targetDestroyed("sessions", SHARDS_DIMENSION, 1, 6), groupCounts("orders-prod", [1, 1], [3, 1])])).toEqual([]);
    });
  });

  describe("no claim without certainty", () => {
    it("a range around the count, and a plan without automatic scaling", () => {
      expect(capacity([groupUnchanged("orders-prod", 4, 1), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 6)])).toEqual([]);
      expect(capacity([groupUnchanged("orders-prod", 2, 1), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 2)])).toEqual([]);
      expect(capacity([groupUnchanged("orders-prod", 2, 3), targetUpdated("orders-prod", REPLICAS_DIMENSION, [1, 5], [1, 3])])).toEqual([]);
      for (const plan of [[encryptionReplacement()], [valkeyUpgrade("6.2")], [slowLogAdded(false)], [clusterCreatedWithSlowLog()], []]) {
        expect(capacity(plan)).toEqual([]);
        expect(markdown(plan)).not.toContain("Capacity changes");
      }
    });

    it("counts known only after apply", () => {
      const unknownCount = (spec: ChangeSpec, key: string): ChangeSpec => ({
        ...spec,
        after: { ...(spec.after as Json), [key]: null },
        after_unknown: { ...(spec.after_unknown as Json), [key]: true },
      });
      expect(capacity([unknownCount(groupCounts("orders-prod", [4, 1], [3, 1]), "num_node_groups")])).toEqual([]);
      expect(capacity([unknownCount(groupCounts("orders-prod", [2, 2], [2, 1]), "replicas_per_node_group")])).toEqual([]);
      // The count the target meets, known only after apply.
      expect(capacity([unknownCount(groupCounts("orders-prod", [6, 1], [5, 1]), "num_node_groups"), targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3)])).toEqual([]);
      // Both bounds of the range.
      const both = unknownCount(unknownCount(targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3), "min_capacity"), "max_capacity");
      expect(capacity([groupUnchanged("orders-prod", 5, 1), both])).toEqual([]);
      // The group the target scales: a resource id known only after apply.
      expect(capacity([groupUnchanged("orders-prod", 5, 1), unknownCount(targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3), "resource_id")])).toEqual([]);
      // Switched off, the inputs' count known only after apply.
      expect(capacity([targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6), unknownCount(groupCounts("orders-prod", [4, 1], [2, 1]), "num_node_groups")])).toEqual([]);
    });

    it("a group without a count before: created, or a count state does not hold", () => {
      const created: ChangeSpec = { address: GROUP, actions: ["create"], after: clusterModeGroup("orders-prod", 1, 1), after_unknown: RG_UNKNOWN };
      expect(capacity([created, targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3)])).toEqual([]);
      const nullBefore = groupCounts("orders-prod", [4, 1], [3, 1]);
      nullBefore.before = { ...(nullBefore.before as Json), num_node_groups: null };
      expect(capacity([nullBefore])).toEqual([]);
    });

    it("a group replaced or destroyed: a new cluster has no count to move, and DANGER says what is lost", () => {
      const replaced: ChangeSpec = { ...groupCounts("orders-prod", [4, 1], [2, 1]), actions: ["delete", "create"], replace_paths: [["port"]] };
      expect(capacity([replaced, targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6)])).toEqual([]);
      // The new cluster's planned count (2) lies outside the range: still no count of a running cluster to move.
      expect(capacity([replaced, targetCreated("orders-prod", SHARDS_DIMENSION, 3, 4)])).toEqual([]);
      const destroyed: ChangeSpec = { address: GROUP, actions: ["delete"], before: clusterModeGroup("orders-prod", 4, 1) };
      expect(capacity([destroyed, targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6)])).toEqual([]);
    });

    it("a target whose group is not in the plan, scales another service or another dimension, or whose group's name is not unique in the plan", () => {
      expect(capacity([targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2)])).toEqual([]);
      const dynamo: ChangeSpec = {
        ...targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2),
        after: { ...(targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2).after as Json), service_namespace: "dynamodb" },
      };
      expect(capacity([groupUnchanged("orders-prod", 4, 1), dynamo])).toEqual([]);
      const other = targetCreated("orders-prod", "elasticache:replication-group:Unknown", 1, 2);
      expect(capacity([groupUnchanged("orders-prod", 4, 1), other])).toEqual([]);
      // The same name in two regions: which group the target scales is not certain.
      const twice = [
        groupUnchanged("orders-prod", 4, 1, "module.eu.aws_elasticache_replication_group.redis"),
        groupUnchanged("orders-prod", 5, 1, "module.us.aws_elasticache_replication_group.redis"),
        targetCreated("orders-prod", SHARDS_DIMENSION, 1, 2, "module.eu.aws_appautoscaling_target.redis[0]"),
      ];
      expect(capacity(twice)).toEqual([]);
    });

    it("data sources", () => {
      const read: ChangeSpec = {
        ...groupCounts("orders-prod", [4, 1], [3, 1]),
        mode: "data",
        address: "data.aws_elasticache_replication_group.redis",
        type: "aws_elasticache_replication_group",
        name: "redis",
      };
      expect(capacity([read])).toEqual([]);
      const target: ChangeSpec = { ...targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6), mode: "data", type: "aws_appautoscaling_target", name: "redis" };
      expect(capacity([target, groupCounts("orders-prod", [4, 1], [5, 1])])).toEqual([]);
    });

    it("a value the masks mark, whatever the plan writes beside them", () => {
      // Terraform writes null beside an unknown mark; the mark alone must be enough.
      const unknownMax: ChangeSpec = { ...targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3) };
      unknownMax.after_unknown = { ...(unknownMax.after_unknown as Json), max_capacity: true };
      expect(capacity([groupUnchanged("orders-prod", 5, 1), unknownMax])).toEqual([]);
      const unknownCount = groupCounts("orders-prod", [4, 1], [3, 1]);
      unknownCount.after_unknown = { num_node_groups: true };
      expect(capacity([unknownCount])).toEqual([]);
      const sensitiveCount = groupCounts("orders-prod", [4, 1], [3, 1]);
      sensitiveCount.after_sensitive = { ...RG_SENSITIVE, num_node_groups: true };
      expect(capacity([sensitiveCount])).toEqual([]);
      const unknownId = targetCreated("orders-prod", SHARDS_DIMENSION, 2, 3);
      unknownId.after_unknown = { ...(unknownId.after_unknown as Json), resource_id: true };
      expect(capacity([groupUnchanged("orders-prod", 5, 1), unknownId])).toEqual([]);
    });
  });

  describe("the section in the comment", () => {
    const lowered = (i: number, module = `c${String(i).padStart(2, "0")}`) =>
      groupCounts(`orders-${i}`, [4, 1], [3, 1], `module.${module}.aws_elasticache_replication_group.redis`);

    it("comes after the connectivity notice and before the refresh and Valkey notices and the summary", () => {
      const cidr: ChangeSpec = {
        address: "aws_security_group_rule.allow_connections_from_cidr_blocks[0]",
        actions: ["delete", "create"],
        before: { type: "ingress", cidr_blocks: ["10.0.0.0/16"], id: "sgrule-1" },
        after: { type: "ingress", cidr_blocks: ["10.2.0.0/16"] },
        after_unknown: { id: true },
        replace_paths: [["cidr_blocks"]],
      };
      const unrefreshed: ChangeSpec = { ...clusterUpdate({ num_node_groups: null }, { num_node_groups: 1 }, "module.old.aws_elasticache_replication_group.redis") };
      const md = markdown([encryptionReplacement(), cidr, lowered(1), unrefreshed, valkeyUpgrade("6.2", "default.redis6.x", "module.v.aws_elasticache_replication_group.redis")]);
      const headings = md.split("\n").filter((line) => line.startsWith("## "));
      expect(headings).toEqual([
        "## ⛔ DANGER: this plan replaces the Redis cluster",
        "## ⚠️ Clients may lose connectivity",
        "## ⚠️ Capacity changes",
        UNREFRESHED_HEADING,
        IRREVERSIBLE_HEADING,
        "## Terraform plan review",
      ]);
    });

    it("folds more than five changes, and lists 40 at most", () => {
      const six = markdown(Array.from({ length: 6 }, (_, i) => lowered(i)));
      expect(six).toContain("<details><summary>6 capacity changes</summary>\n\n- The cluster `orders-0` (");
      expect(markdown(Array.from({ length: 5 }, (_, i) => lowered(i)))).not.toContain("<details><summary>5 capacity changes");
      const many = markdown(Array.from({ length: 45 }, (_, i) => lowered(i)));
      expect(many.match(/^- The cluster `orders-\d+` \(`module\.c\d\d\./gm)).toHaveLength(40);
      expect(many).toContain("\n- … and 5 more capacity changes (`terraform show tfplan` lists them all)\n\n</details>\n");
    });

    it("gives way when the comment is too long, saying so, and is never what makes a review too long", () => {
      const plan = Array.from({ length: 45 }, (_, i) => lowered(i));
      const short = reviewPlanJson(planText(plan), { maxChars: 3_000 }).markdown;
      expect(short).not.toContain("## ⚠️ Capacity changes");
      expect(short).toContain(
        "\n_45 capacity change(s) left out for room; `terraform show tfplan` shows the replication groups and scalable targets that change._\n\n## Terraform plan review\n",
      );
      expect(short.length).toBeLessThanOrEqual(3_000);
      // Forty lines whose module names are 2,000 characters long: more than a whole comment.
      const huge = Array.from({ length: 45 }, (_, i) => lowered(i, `${"m".repeat(2_000)}${i}`));
      const result = reviewPlanJson(planText(huge));
      expect(result.markdown.length).toBeLessThanOrEqual(65_536);
      expect(result.markdown).toContain("_45 capacity change(s) left out for room;");
    });

    it("is the section docs/auto-scaling.md quotes, for the plan it describes", () => {
      const page = readFileSync(join(__dirname, "..", "..", "docs", "auto-scaling.md"), "utf8");
      const quoted = /## What the plan review shows[\s\S]*?```markdown\n([\s\S]*?)```/.exec(page)?.[1];
      const md = markdown([
        groupUnchanged("sessions-prod", 5, 1, "module.sessions.aws_elasticache_replication_group.redis"),
        targetCreated("sessions-prod", SHARDS_DIMENSION, 2, 3, "module.sessions.aws_appautoscaling_target.redis[0]"),
        targetDestroyed("orders-prod", SHARDS_DIMENSION, 2, 6, "module.orders.aws_appautoscaling_target.redis[0]"),
        groupCounts("orders-prod", [4, 1], [2, 1], "module.orders.aws_elasticache_replication_group.redis"),
      ]);
      expect(quoted).toBeDefined();
      expect(`${sectionOf(md).trimEnd()}\n`).toBe(quoted);
    });
  });
});

describe("names clients resolve (docs/service-discovery.md)", () => {
  const record = (name: string, target: string, ttl = 300) => ({ zone_id: "Z01", name, type: "CNAME", ttl, records: [target] });
  const HOST = "master.orders.abc123.euw1.cache.amazonaws.com";

  it("names a destroyed record and the target its clients lose", () => {
    const r = review([{ address: "aws_route53_record.primary_dns_record[0]", actions: ["delete"], before: record("redis.orders.internal", HOST), after: null }]);
    expect(r.dnsChanges).toEqual([
      {
        address: "aws_route53_record.primary_dns_record[0]",
        source: "record",
        kind: "delete",
        name: { kind: "value", text: "redis.orders.internal" },
        before: { kind: "value", text: HOST },
      },
    ]);
    expect(markdown([{ address: "aws_route53_record.primary_dns_record[0]", actions: ["delete"], before: record("redis.orders.internal", HOST), after: null }])).toContain(
      `- The name \`redis.orders.internal\` (\`aws_route53_record.primary_dns_record[0]\`) is destroyed: clients that use it no longer reach \`${HOST}\`.\n`,
    );
  });

  it("says nothing of a TTL changed alone", () => {
    const r = review([
      { address: "aws_route53_record.primary_dns_record[0]", actions: ["update"], before: record("redis.orders.internal", HOST), after: record("redis.orders.internal", HOST, 60) },
    ]);
    expect(r.dnsChanges).toEqual([]);
  });

  it("names a Kubernetes service the mappings drop, and one whose target changes", () => {
    const mapping = (target: string) => ({ target_dns: target, target_port: 6379, namespace: "default" });
    const doc = JSON.parse(planText([]));
    doc.output_changes = {
      service_dns_mappings: {
        actions: ["update"],
        before: { orders: mapping(HOST), "orders-reader": mapping("replica.orders") },
        after: { orders: mapping("redis.orders.internal") },
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: false,
      },
    };
    const r = classify(parsePlan(JSON.stringify(doc)));
    expect(r.dnsChanges.map((d) => [d.name, d.kind, d.before, d.after])).toEqual([
      [{ kind: "value", text: "orders" }, "update", { kind: "value", text: HOST }, { kind: "value", text: "redis.orders.internal" }],
      [{ kind: "value", text: "orders-reader" }, "delete", { kind: "value", text: "replica.orders" }, undefined],
    ]);
    expect(renderReview(r)).toContain("- The Kubernetes service `orders-reader` (`output.service_dns_mappings`) is removed: clients that use it no longer reach `replica.orders`.\n");
  });
});

describe("outputs whose value does not change", () => {
  it("are not listed when Terraform marks a type change alone (a list become a tuple) as an update", () => {
    const doc = JSON.parse(planText([]));
    const ids = ["orders-001", "orders-002"];
    doc.output_changes = {
      cache_cluster_ids: { actions: ["update"], before: ids, after: ids, after_unknown: false, before_sensitive: false, after_sensitive: false },
      cache_port: { actions: ["update"], before: 6379, after: 6380, after_unknown: false, before_sensitive: false, after_sensitive: false },
    };
    expect(classify(parsePlan(JSON.stringify(doc))).outputs.map((o) => o.name)).toEqual(["cache_port"]);
  });
});
