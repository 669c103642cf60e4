import { describe, expect, it } from "vitest";
import {
  classify,
  DANGER_HEADING,
  kindOf,
  MARKER,
  parsePlan,
  PlanError,
  renderReview,
  reviewPlanJson,
  type Review,
} from "../lib/review";
import { code, escapeCell } from "../lib/review/render";
import {
  deepEqual,
  diffArguments,
  formatPath,
  MAX_VALUE_CHARS,
  pathsOverlap,
  setArguments,
  showAt,
  showValue,
} from "../lib/review/values";
import {
  alarm,
  AUTH_TOKEN,
  type ChangeSpec,
  encryptionReplacement,
  noOp,
  planDoc,
  planText,
  replicationGroup,
  RG_SENSITIVE,
} from "./review.fixtures";

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

  it("cuts long values", () => {
    const shown = showValue("x".repeat(500), { sensitive: false, unknown: false });
    expect(shown.kind === "value" && shown.text).toMatch(/… \(302 more characters\)$/);
    expect(shown.kind === "value" && shown.text.length).toBeLessThan(MAX_VALUE_CHARS + 30);
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
      expect(danger).toMatchObject({ role: "cluster", kind: "replace", reason: undefined });
      expect(danger.forcedBy).toEqual([
        { path: ["at_rest_encryption_enabled"], before: { kind: "value", text: '"false"' }, after: { kind: "value", text: '"true"' } },
      ]);
    }
    const [destroyed] = review([
      { address: "aws_elasticache_replication_group.redis", actions: ["delete"], before: replicationGroup(), action_reason: "delete_because_no_resource_config" },
    ]).dangers;
    expect(destroyed).toMatchObject({ kind: "delete", forcedBy: [], reason: "its resource block is no longer in the configuration" });
    expect(destroyed.losses.join(" ")).toMatch(/All data in the cache/);
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
    expect(md).toContain(`${DANGER_HEADING}: this plan destroys the Redis cluster's subnet group and replaces the Redis cluster's security group`);
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
    expect(danger.reason).toMatch(/tainted/);
  });
});

describe("rendering", () => {
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
    expect(lines[1]).toBe(`${DANGER_HEADING}: this plan replaces the Redis cluster`);
    expect(md.indexOf(DANGER_HEADING)).toBeLessThan(md.indexOf("**Plan:**"));
    expect(md).toContain("### `aws_elasticache_replication_group.redis` (the Redis cluster) is replaced");
    expect(md).toContain('- `at_rest_encryption_enabled`: `"false"` -> `"true"`');
    expect(md).toMatch(/All data in the cache/);
    expect(md).toMatch(/primary, reader and configuration endpoints/);
  });

  it("has no danger section when nothing is lost", () => {
    const md = markdown([
      { address: "aws_elasticache_replication_group.redis", actions: ["update"], before: replicationGroup(), after: replicationGroup({ maintenance_window: "sun:05:00-sun:06:00" }), before_sensitive: RG_SENSITIVE, after_sensitive: RG_SENSITIVE },
    ]);
    expect(md).not.toContain("DANGER");
    expect(md).toContain("**Plan:** 0 to add, 1 to change, 0 to replace, 0 to destroy, 0 to move.");
    expect(md).toContain('| `maintenance_window` | `"sat:07:00-sat:08:00"` | `"sun:05:00-sun:06:00"` |');
    // Only the changed argument is listed.
    expect(md).not.toContain("`port`");
  });

  it("lists every change in a table with its action and the forcing arguments", () => {
    const md = replaced();
    expect(md).toContain("**Plan:** 0 to add, 1 to change, 1 to replace, 0 to destroy, 0 to move.");
    expect(md).toContain(
      "| `aws_elasticache_replication_group.redis` | **replace** (destroy, then create) | forced by `at_rest_encryption_enabled` |",
    );
    expect(md).toContain("| `aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]` | update in place |  |");
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
    expect(md).toContain("**Plan:** 0 to add, 1 to change, 0 to replace, 0 to destroy, 2 to move.");
    expect(md).toContain(
      "| `module.redis.aws_elasticache_replication_group.redis` -> `aws_elasticache_replication_group.redis` | move |  |",
    );
    expect(md).toContain(
      "| `module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]` -> `aws_cloudwatch_metric_alarm.elasticache_swap_usage[0]` | move, update in place |  |",
    );
    expect(md).toContain('| `alarm_actions` | `[]` | `["arn:aws:sns:us-east-1:111122223333:ops"]` |');
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
    expect(md).toContain("**Plan:** 0 to add, 0 to change, 0 to replace, 0 to destroy, 0 to move.");
    expect(md).toContain("No changes: the infrastructure matches the configuration.");
    expect(md).not.toContain("| Resource |");
  });

  it("gives the reason of a destroy and keeps created objects' arguments folded", () => {
    const md = markdown([
      { address: "aws_cloudwatch_metric_alarm.elasticache_swap_usage[2]", actions: ["delete"], before: alarm(2, "x-003"), action_reason: "delete_because_count_index" },
      { address: "aws_security_group_rule.allow_connections_from_cidr_blocks[0]", actions: ["create"], after: { cidr_blocks: ["10.0.0.0/16"], from_port: 6379 }, after_unknown: { id: true } },
    ]);
    expect(md).toContain("| `aws_cloudwatch_metric_alarm.elasticache_swap_usage[2]` | **destroy** | `count` no longer reaches this index |");
    expect(md).toContain("<details><summary>Arguments</summary>");
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
    expect(md.indexOf("### `aws_elasticache_replication_group.redis`")).toBeLessThan(md.indexOf("### `aws_security_group.redis`"));
    expect(md).toContain(`${DANGER_HEADING}: this plan replaces the Redis cluster and destroys the Redis cluster's security group`);
  });

  it("stays within a pull-request comment, keeping the danger section and the table", () => {
    const many: ChangeSpec[] = Array.from({ length: 40 }, (_, i) => ({
      address: `aws_cloudwatch_metric_alarm.a[${String(i).padStart(2, "0")}]`,
      actions: ["update"],
      before: { description: "x".repeat(150) },
      after: { description: "y".repeat(150) },
    }));
    const r = review([encryptionReplacement(), ...many]);
    const md = renderReview(r, { maxChars: 6000 });
    expect(md.length).toBeLessThan(8000);
    expect(md).toContain(DANGER_HEADING);
    expect(md).toContain("`aws_cloudwatch_metric_alarm.a[39]`");
    expect(md).toMatch(/_\d+ more resource\(s\) not shown/);
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
        expect(result.markdown).toContain(`### \`${address}\` (${role.name}) is ${way.is}`);
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
