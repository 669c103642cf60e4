/**
 * One review read whole: every section and every kind of change in one plan, compared with the
 * comment a reviewer approved line by line. Any change to what the review says shows up here as a
 * diff to read and approve again.
 */
import { describe, expect, it } from "vitest";
import { reviewPlanJson } from "../../lib/review";
import {
  alarm,
  clusterUpdate,
  encryptionReplacement,
  ENGINE_LOG_TO_FIREHOSE,
  noOp,
  planText,
  SLOW_LOG_TO_CLOUDWATCH,
} from "../helpers/review-fixtures";

const PLAN = planText([
  {
    ...encryptionReplacement(),
    replace_paths: [["at_rest_encryption_enabled"], ["port"]],
    after: { ...(encryptionReplacement().after as object), port: 6380 },
  },
  {
    address: "aws_elasticache_subnet_group.redis",
    actions: ["delete"],
    before: { id: "orders-prod-subnet-group", name: "orders-prod-subnet-group" },
    action_reason: "delete_because_no_resource_config",
  },
  {
    address: "aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]",
    previous_address: "module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]",
    actions: ["update"],
    before: alarm(0, "orders-prod-001"),
    after: { ...alarm(0, "orders-prod-001"), threshold: 80 },
  },
  {
    address: "aws_security_group_rule.allow_connections_from_security_group[0]",
    actions: ["create"],
    after: {
      type: "ingress",
      from_port: 6379,
      to_port: 6379,
      protocol: "tcp",
      source_security_group_id: "sg-0bbbbbbbbbbbbbbbb",
      self: false,
      cidr_blocks: null,
    },
    after_unknown: { id: true, security_group_id: true, security_group_rule_id: true },
  },
  {
    address: "aws_security_group.redis",
    actions: ["no-op"],
    importing: { id: "sg-0aaaaaaaaaaaaaaaa" },
    before: { id: "sg-0aaaaaaaaaaaaaaaa" },
    after: { id: "sg-0aaaaaaaaaaaaaaaa" },
  },
  noOp("aws_security_group_rule.allow_connections_from_cidr_blocks[0]"),
  { address: "aws_elasticache_replication_group.other", actions: ["forget"], before: { id: "other" } },
  {
    // Redis OSS 6.x to Valkey, which AWS accepts alone, with the slow log turned to JSON and the engine log added in the
    // same apply and apply_immediately false: AWS refuses the log delivery change twice over.
    ...clusterUpdate(
      {
        id: "orders-eu",
        replication_group_id: "orders-eu",
        engine_version: "6.x",
        engine_version_actual: "6.2.6",
        parameter_group_name: "default.redis6.x",
        log_delivery_configuration: [SLOW_LOG_TO_CLOUDWATCH],
      },
      {
        id: "orders-eu",
        replication_group_id: "orders-eu",
        engine: "valkey",
        engine_version: "8.0",
        engine_version_actual: "6.2.6",
        parameter_group_name: "default.valkey8",
        log_delivery_configuration: [ENGINE_LOG_TO_FIREHOSE, { ...SLOW_LOG_TO_CLOUDWATCH, log_format: "json" }],
      },
      "module.cache_eu.aws_elasticache_replication_group.redis",
    ),
    module_address: "module.cache_eu",
  },
  {
    // Redis OSS 4.0.10 to Valkey: AWS refuses it.
    ...clusterUpdate(
      { id: "orders-legacy", replication_group_id: "orders-legacy", engine_version: "4.0.10", parameter_group_name: "default.redis4.0" },
      { id: "orders-legacy", replication_group_id: "orders-legacy", engine: "valkey", engine_version: "8.0", parameter_group_name: "default.valkey8" },
      "module.cache_legacy.aws_elasticache_replication_group.redis",
    ),
    module_address: "module.cache_legacy",
  },
]);

const APPROVED = `<!-- redis-plan-review -->
## ⛔ DANGER: this plan replaces the Redis cluster and destroys the Redis cluster's subnet group

> [!CAUTION]
> Applying this plan loses data or breaks the cache's clients. Do not apply it unless that is intended and a snapshot has been taken.

### The Redis cluster \`orders-prod\` (\`aws_elasticache_replication_group.redis\`) is replaced

Forced by these arguments, which cannot change in place:

- \`at_rest_encryption_enabled\`: \`"false"\` -> \`"true"\`
- \`port\`: \`6379\` -> \`6380\`

The old cluster is destroyed before the new one exists: **downtime starts with the apply** and lasts until the new cluster is available.

Lost when this plan is applied:

- **All data in the cache.** The new cluster starts empty unless it is restored from a snapshot (\`snapshot_name\` or \`snapshot_arn\`).
- **Its automatic snapshots**, which AWS deletes with the cluster: take a manual snapshot first if the data matters.
- **The endpoint addresses.** The primary, reader and configuration endpoints go away with the old cluster and are only known after apply for the new one: clients are cut off until it is up, and must be given the new addresses where they differ.

Its endpoints now: primary \`master.orders-prod.abc123.use1.cache.amazonaws.com\`, reader \`replica.orders-prod.abc123.use1.cache.amazonaws.com\`.

### The Redis cluster's subnet group \`orders-prod-subnet-group\` (\`aws_elasticache_subnet_group.redis\`) is destroyed

Why: its resource block is no longer in the configuration.

At risk when this plan is applied:

- **Possibly the cluster itself.** A cluster cannot move to another subnet group in place: a new subnet group name replaces the cluster, losing its data and endpoint addresses.
- **A clean apply.** AWS refuses to delete a subnet group a cluster still uses, so the apply can fail halfway.

## ❌ AWS will refuse this apply

> [!WARNING]
> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.

- The cluster \`orders-eu\` (\`module.cache_eu.aws_elasticache_replication_group.redis\`): This plan changes \`log_delivery_configuration\` in the same apply as the engine, from Redis OSS \`6.x\` to Valkey \`8.0\`. The AWS provider sends both in one modification, and AWS checks the log delivery against the engine the cluster still runs (adding the slow log fails with \`InvalidParameterValue: slow-log log delivery is not available for this redis engine version\`). Apply the engine upgrade first, with \`log_delivery_configuration\` as it is now, then change log delivery in a second plan.
- The cluster \`orders-eu\` (\`module.cache_eu.aws_elasticache_replication_group.redis\`): This plan changes \`log_delivery_configuration\` with \`apply_immediately\` \`false\`, and AWS changes log delivery only when the change is applied immediately (\`InvalidParameterValue: To modify the log delivery configuration, set the apply-immediately parameter to true\`). Set \`apply_immediately = true\` for the apply that changes log delivery: the other changes of the cluster in that apply are then made at once too, not in the next maintenance window.
- The cluster \`orders-legacy\` (\`module.cache_legacy.aws_elasticache_replication_group.redis\`): Valkey needs a Redis OSS source at 5.0.6 or later, and this cluster runs Redis OSS \`4.0.10\`. Upgrade it to Redis OSS 5.0.6 or later in a plan of its own first, then change the engine.

## ⚠️ Irreversible: Redis OSS to Valkey

- The cluster \`orders-eu\` (\`module.cache_eu.aws_elasticache_replication_group.redis\`) changes in place from Redis OSS \`6.x\` to Valkey \`8.0\`.

ElastiCache has no way back from Valkey to Redis OSS: once this is applied, the cluster stays on Valkey. Setting \`engine\` back to \`"redis"\` later replaces the cluster, with the loss of its data and endpoints.

## Terraform plan review

**Plan:** 1 to import, 2 to add, 3 to change, 2 to destroy, 1 to forget.

Of these, 1 is a replacement (destroyed and created again, counted in both); 1 resource moves to a new address.

| Action | Resource | Why |
| --- | --- | --- |
| **replace** (destroy, then create) | \`aws_elasticache_replication_group.redis\` | forced by \`at_rest_encryption_enabled\`, \`port\` |
| **destroy** | \`aws_elasticache_subnet_group.redis\` | its resource block is no longer in the configuration |
| update in place, moved | \`aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]\` |  |
| update in place ×2 | \`module.*.aws_elasticache_replication_group.redis\` |  |
| create | \`aws_security_group_rule.allow_connections_from_security_group[0]\` |  |
| forget (leave the object, drop it from state) | \`aws_elasticache_replication_group.other\` |  |
| import | \`aws_security_group.redis\` |  |

### 1 moved

- \`module.redis_alarms.aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]\` -> \`aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]\`

### Changed arguments

#### \`aws_elasticache_replication_group.redis\`: replace (destroy, then create)

| Argument | Before | After |
| --- | --- | --- |
| \`at_rest_encryption_enabled\` **(forces replacement)** | \`"false"\` | \`"true"\` |
| \`port\` **(forces replacement)** | \`6379\` | \`6380\` |

Known after apply: \`arn\`, \`id\`, \`primary_endpoint_address\`, \`reader_endpoint_address\`.

#### \`aws_cloudwatch_metric_alarm.elasticache_high_cpu_utilization[0]\`: update in place, moved

| Argument | Before | After |
| --- | --- | --- |
| \`threshold\` | \`90\` | \`80\` |

#### \`module.cache_eu.aws_elasticache_replication_group.redis\`: update in place

| Argument | Before | After |
| --- | --- | --- |
| \`engine\` | \`"redis"\` | \`"valkey"\` |
| \`engine_version\` | \`"6.x"\` | \`"8.0"\` |
| \`parameter_group_name\` | \`"default.redis6.x"\` | \`"default.valkey8"\` |

Log delivery (\`log_delivery_configuration\`):

- engine log: not delivered -> Kinesis Data Firehose stream \`orders-prod-engine\`, JSON
- slow log: CloudWatch Logs group \`orders-prod-slow\`, text -> CloudWatch Logs group \`orders-prod-slow\`, JSON

#### \`module.cache_legacy.aws_elasticache_replication_group.redis\`: update in place

| Argument | Before | After |
| --- | --- | --- |
| \`engine\` | \`"redis"\` | \`"valkey"\` |
| \`engine_version\` | \`"4.0.10"\` | \`"8.0"\` |
| \`parameter_group_name\` | \`"default.redis4.0"\` | \`"default.valkey8"\` |

### Created

#### \`aws_security_group_rule.allow_connections_from_security_group[0]\`: create

<details><summary>Arguments</summary>

| Argument | Value |
| --- | --- |
| \`from_port\` | \`6379\` |
| \`protocol\` | \`"tcp"\` |
| \`self\` | \`false\` |
| \`source_security_group_id\` | \`"sg-0bbbbbbbbbbbbbbbb"\` |
| \`to_port\` | \`6379\` |
| \`type\` | \`"ingress"\` |

Known after apply: \`id\`, \`security_group_id\`, \`security_group_rule_id\`.

</details>
`;

describe("the review of a plan with every kind of change", () => {
  it("is the approved comment, to the character", () => {
    expect(reviewPlanJson(PLAN).markdown).toBe(APPROVED);
  });
});

describe("the review's wording in the cases the full plan does not have", () => {
  const md = (changes: Parameters<typeof planText>[0], maxChars?: number) =>
    reviewPlanJson(planText(changes), maxChars === undefined ? undefined : { maxChars }).markdown;

  it("says 'this argument' for one forcing argument, and names the whole object for an empty path", () => {
    const one = md([{ ...encryptionReplacement(), replace_paths: [["at_rest_encryption_enabled"]] }]);
    expect(one).toContain("\nForced by this argument, which cannot change in place:\n\n- `at_rest_encryption_enabled`: `\"false\"` -> `\"true\"`\n");
    const whole = md([{ ...encryptionReplacement(), replace_paths: [[]] }]);
    expect(whole).toContain("\n- (the whole object): ");
    expect(whole).toContain("| **replace** (destroy, then create) | `aws_elasticache_replication_group.redis` | forced by (the whole object) |");
  });

  it("lists three kinds of loss in the heading with commas and a final 'and'", () => {
    const heading = md([
      encryptionReplacement(),
      { address: "aws_elasticache_subnet_group.redis", actions: ["delete"], before: { id: "s" } },
      { address: "aws_security_group.redis", actions: ["create", "delete"], before: { id: "g" }, after: { id: "g" }, action_reason: "replace_by_request" },
    ]).split("\n")[1];
    expect(heading).toBe(
      "## ⛔ DANGER: this plan replaces the Redis cluster, destroys the Redis cluster's subnet group and replaces the Redis cluster's security group",
    );
  });

  it("orders a replacement that creates first, and folds a long list of unknown attributes", () => {
    const text = md([
      {
        address: "aws_security_group.redis",
        actions: ["create", "delete"],
        before: { id: "g" },
        after: {},
        after_unknown: { a: true, b: true, c: true, d: true, e: true, f: true, g: true },
        action_reason: "replace_by_request",
      },
    ]);
    expect(text).toContain("| **replace** (create, then destroy) | `aws_security_group.redis` | requested with `-replace` |");
    expect(text).toContain(
      "\n\n<details><summary>Known after apply: 7 attributes</summary>\n\n`a`, `b`, `c`, `d`, `e`, `f`, `g`.\n\n</details>",
    );
    const six = md([{ address: "aws_x.y", actions: ["update"], before: {}, after: {}, after_unknown: { a: true, b: true, c: true, d: true, e: true, f: true } }]);
    expect(six).toContain("\nKnown after apply: `a`, `b`, `c`, `d`, `e`, `f`.\n");
  });

  it("says a forcing value is known only after apply, and shows no details for an update with nothing to show", () => {
    const text = md([
      {
        address: "aws_elasticache_replication_group.redis",
        actions: ["delete", "create"],
        before: { subnet_group_name: "a" },
        after: {},
        after_unknown: { subnet_group_name: true },
        replace_paths: [["subnet_group_name"]],
      },
      { address: "aws_x.same", actions: ["update"], before: { a: 1 }, after: { a: 1 }, before_sensitive: {}, after_sensitive: { a: true } },
    ]);
    expect(text).toContain('- `subnet_group_name`: `"a"` -> (known after apply)');
    expect(text).toContain("| update in place | `aws_x.same` |  |");
    expect(text).not.toContain("#### `aws_x.same`");
  });

  it("shows an update whose only change is unknown, and no details for a plain move", () => {
    const text = md([
      { address: "aws_x.y", actions: ["update"], before: { a: 1 }, after: { a: 1 }, after_unknown: { b: true } },
      { address: "aws_x.z", previous_address: "aws_x.old", actions: ["no-op"], before: { a: 1 }, after: { a: 1 } },
    ]);
    expect(text).toContain("#### `aws_x.y`: update in place\n\nKnown after apply: `b`.\n");
    expect(text).toContain("### 1 moved\n\n- `aws_x.old` -> `aws_x.z`\n");
    expect(text).not.toContain("| `aws_x.z`");
    expect(text).not.toContain("#### `aws_x.z`");
  });

  it("says there is nothing to do, and counts nothing it does not see", () => {
    expect(md([noOp("aws_x.y")])).toBe(
      "<!-- redis-plan-review -->\n## Terraform plan review\n\n**Plan:** 0 to add, 0 to change, 0 to destroy.\n\nNo changes: the infrastructure matches the configuration.\n",
    );
    const onlyMove = md([{ address: "aws_x.z", previous_address: "aws_x.old", actions: ["no-op"], before: { a: 1 }, after: { a: 1 } }]);
    expect(onlyMove.endsWith("Of these, 1 resource moves to a new address.\n\n### 1 moved\n\n- `aws_x.old` -> `aws_x.z`\n")).toBe(true);
    expect(onlyMove).not.toContain("| Action |");
  });

  it("escapes pipes in table cells, even inside code, and fences values that hold backticks", () => {
    const text = md([
      { address: 'aws_x.y["a|b"]', actions: ["update"], before: { v: "x`y" }, after: { v: " padded " } },
    ]);
    expect(text).toContain('| update in place | `aws_x.y["a\\|b"]` |\n');
    expect(text).toContain('| `v` | `` "x`y" `` | `" padded "` |');
  });

  it("cuts the details at the limit, saying how many it left out", () => {
    const changes = Array.from({ length: 5 }, (_, i) => ({
      address: `aws_x.r${i}`,
      actions: ["update"],
      before: { v: "a".repeat(100) },
      after: { v: "b".repeat(100) },
    }));
    const full = md(changes);
    const cut = md(changes, full.length - 1);
    expect(cut.length).toBeLessThan(full.length);
    expect(cut).toContain("#### `aws_x.r3`");
    expect(cut).not.toContain("#### `aws_x.r4`");
    expect(cut.endsWith("_Not shown, for room: the changed arguments of 1 resource(s) (1 `aws_x`). `terraform show tfplan` shows them._\n")).toBe(true);
    expect(md(changes, full.length)).toBe(full);
  });
});

describe("pipes in names and values", () => {
  it("are escaped in table cells and left as they are in the danger section's list", () => {
    const text = reviewPlanJson(
      planText([
        {
          address: 'aws_elasticache_replication_group.redis["a|b"]',
          actions: ["delete", "create"],
          before: { tags: { "k|1": "x|y" } },
          after: { tags: { "k|1": "x|z" } },
          replace_paths: [["tags", "k|1"]],
        },
        { address: 'aws_x.new["c|d"]', previous_address: 'aws_x.old["c|d"]', actions: ["no-op"], before: {}, after: {} },
        { address: "aws_x.made", actions: ["create"], after: { "p|q": "r|s" }, after_unknown: {} },
      ]),
    ).markdown;
    expect(text).toContain('- `tags["k|1"]`: `"x|y"` -> `"x|z"`');
    expect(text).toContain('### The Redis cluster `aws_elasticache_replication_group.redis["a|b"]` is replaced');
    expect(text).toContain('| **replace** (destroy, then create) | `aws_elasticache_replication_group.redis["a\\|b"]` | forced by `tags["k\\|1"]` |');
    expect(text).toContain('- `aws_x.old["c|d"]` -> `aws_x.new["c|d"]`\n');
    expect(text).toContain('| `tags["k\\|1"]` **(forces replacement)** | `"x\\|y"` | `"x\\|z"` |');
    expect(text).toContain('| `["p\\|q"]` | `"r\\|s"` |');
  });

  it("shows a value known only after apply as such in a table", () => {
    const text = reviewPlanJson(
      planText([{ address: "aws_x.y", actions: ["update"], before: { ip: "1.2.3.4" }, after: {}, after_unknown: { ip: true } }]),
    ).markdown;
    expect(text).toContain("Known after apply: `ip`.");
    const listed = reviewPlanJson(
      planText([{ address: "aws_x.y", actions: ["update"], before: { ids: ["a"] }, after: { ids: ["b", null] }, after_unknown: { ids: [false, true] } }]),
    ).markdown;
    expect(listed).toContain('| `ids` | `["a"]` | `["b", (known after apply)]` |');
  });
});
