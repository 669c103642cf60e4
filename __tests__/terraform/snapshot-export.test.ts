/**
 * The cross-account snapshot export against real `terraform plan -refresh=false`, on the state of
 * clusters the module applied before sharing was switched on: switching it on creates the export
 * bucket, replication, the job and its schedule and alarm, and touches nothing else; left off, the
 * module plans no change (docs/spec/snapshot-export.md).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewPlanJson } from "../../lib/review";
import { hclModuleState, nestedStates, StateResource, writeState } from "../../tools/state";
import { VALID_INPUTS } from "../../tools/scenarios";
import { moduleForTerraform, synthDestinationText } from "../../tools/synth";
import { callView, init, makeWorkRoot, plan, Plan, prepareCallerDir, removeWorkRoot, started, writeFiles } from "../../tools/terraform";

const REGION = "eu-west-1";
const DESTINATION = "arn:aws:s3:::orders-snapshots-dr";
/** The group's name, then 12 hex digits of the sha256 of "<account>:<region>" (S3 names are global, group names regional). */
const BUCKET = `orders-snapshots-${createHash("sha256").update("111122223333:eu-west-1").digest("hex").slice(0, 12)}`;

const base = (name: string) => ({
  ...VALID_INPUTS,
  name,
  instance_type: "cache.r6g.large",
  snapshot_retention_limit: 7,
  alarms_sns_topic_arns: ["arn:aws:sns:eu-west-1:111122223333:ops-alarms"],
});
const sharing = {
  share_snapshot_with_another_account: true,
  share_snapshot_with_account_id: "444455556666",
  share_snapshot_destination_bucket_arn: DESTINATION,
};

const CALLS: Record<string, Record<string, unknown>> = {
  shared: { ...base("orders"), ...sharing, share_snapshot_schedule_expression: "cron(30 5 * * ? *)" },
  // No automatic snapshots, so the job takes its own; no alarm.
  shared_cluster: {
    ...base("carts"),
    ...sharing,
    replication_group_size: 1,
    cluster_mode: [{ num_node_groups: 3, replicas_per_node_group: 1 }],
    snapshot_retention_limit: 0,
    share_snapshot_max_snapshots: 7,
    enable_share_snapshot_cloudwatch_alarms: false,
  },
  off: base("sessions"),
  // Sharing was on when the state was written; now it is off.
  switched_off: base("carts-archive"),
};

/** The export bucket as an apply with sharing on leaves it in state (hashicorp/aws 5.100, schema 0). */
function exportBucketInState(bucket: string): StateResource {
  return {
    mode: "managed",
    type: "aws_s3_bucket",
    name: "snapshot_export_bucket",
    each: "list",
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        index_key: 0,
        schema_version: 0,
        attributes: { id: bucket, bucket, arn: `arn:aws:s3:::${bucket}`, region: REGION, force_destroy: false, tags: null, tags_all: {} },
        sensitive_attributes: [],
        dependencies: [`aws_elasticache_replication_group.redis`],
      },
    ],
  };
}

/** Every resource switching sharing on creates (docs/snapshot-export.md lists them). */
const EXPORT_RESOURCES = [
  "aws_cloudwatch_event_rule.snapshot_export_schedule[0]",
  "aws_cloudwatch_event_target.snapshot_export_target[0]",
  "aws_cloudwatch_log_group.snapshot_export_logs[0]",
  "aws_cloudwatch_metric_alarm.snapshot_export_alarm[0]",
  "aws_iam_role.snapshot_export_role[0]",
  "aws_iam_role.snapshot_replication_role[0]",
  "aws_iam_role_policy.snapshot_export_policy[0]",
  "aws_iam_role_policy.snapshot_replication_policy[0]",
  "aws_lambda_function.snapshot_export_function[0]",
  "aws_lambda_permission.snapshot_export_invoke[0]",
  "aws_s3_bucket.snapshot_export_bucket[0]",
  "aws_s3_bucket_lifecycle_configuration.snapshot_export_lifecycle[0]",
  "aws_s3_bucket_ownership_controls.snapshot_export_ownership[0]",
  "aws_s3_bucket_policy.snapshot_export_bucket_policy[0]",
  "aws_s3_bucket_public_access_block.snapshot_export_public_access[0]",
  "aws_s3_bucket_replication_configuration.snapshot_export_replication[0]",
  "aws_s3_bucket_server_side_encryption_configuration.snapshot_export_encryption[0]",
  "aws_s3_bucket_versioning.snapshot_export_versioning[0]",
];

let workRoot: string | undefined;
let planOf: (call: string) => Promise<Plan>;
let destination: Promise<string>;

/** The export of automatic snapshot "automatic.orders-2026-12-06-03" of a cluster-mode-off group: one object. */
const COPY = "automatic-orders-2026-12-06-03-0001.rdb";
const DESTINATION_ROOT = `
provider "aws" {
  region = "${REGION}"
}

variable "bucket_name" {
  type    = string
  default = "orders-snapshots-dr"
}

module "destination" {
  source            = "./modules/destination"
  bucket_name       = var.bucket_name
  source_account_id = "111122223333"
}

module "restored" {
  source                    = "./modules/redis"
  name                      = "orders-restored"
  instance_type             = "cache.r6g.large"
  redis_version             = "7.1"
  replication_group_size    = 2
  enable_automatic_failover = true
  enable_multi_az           = true
  vpc_id                    = "vpc-0d1e2f3a"
  subnet_ids                = ["subnet-0d1e2f3a"]
  snapshot_arn              = "arn:aws:s3:::\${var.bucket_name}/${COPY}"
}
`;

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  const states = Object.fromEntries(
    await Promise.all(Object.entries(CALLS).map(async ([call, inputs]) => [call, await hclModuleState(inputs, { addresses: "root", region: REGION })] as const)),
  );
  const switchedOff = states.switched_off;
  states.switched_off = { ...switchedOff, resources: [...switchedOff.resources, exportBucketInState("carts-archive-snapshots-0a1b2c3d4e5f")] };
  const all = started(
    moduleForTerraform().then(async (text) => {
      const dir = await prepareCallerDir(join(root, "module"), text, { calls: CALLS, region: REGION });
      await writeState(join(dir, "terraform.tfstate"), nestedStates(states));
      await init(dir);
      return plan(dir);
    }),
  );
  planOf = (call) => started(all.then((p) => callView(p, call)));

  // The other account: the destination module, and a cluster restored from a copy in its bucket.
  destination = started(
    moduleForTerraform().then(async (text) => {
      const dir = await prepareCallerDir(join(root, "destination"), text, { hcl: DESTINATION_ROOT });
      await writeFiles(dir, { "modules/destination/cdk.tf.json": synthDestinationText() });
      await init(dir);
      return dir;
    }),
  );
  await Promise.allSettled([all, destination]);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

const changed = (p: Plan) =>
  (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => `${rc.change.actions.join("+")} ${rc.address}`).sort();
const after = (p: Plan, address: string) => (p.resource_changes ?? []).find((rc) => rc.address === address)?.change.after as Record<string, any>;
const policyOf = (p: Plan, address: string) => JSON.parse(after(p, address).policy);

describe("sharing snapshots switched on for an existing cluster", () => {
  it("creates the export and touches nothing else", async () => {
    expect(changed(await planOf("shared"))).toEqual(EXPORT_RESOURCES.map((a) => `create ${a}`));
  });

  it("without automatic snapshots the job takes its own, and without the alarm input there is no alarm", async () => {
    const p = await planOf("shared_cluster");
    expect(changed(p)).toEqual(EXPORT_RESOURCES.filter((a) => !a.includes("metric_alarm")).map((a) => `create ${a}`));
    expect(after(p, "aws_lambda_function.snapshot_export_function[0]").environment[0].variables).toMatchObject({
      REPLICATION_GROUP_ID: "carts",
      MAX_SNAPSHOTS: "7",
      TAKE_SNAPSHOTS: "true",
    });
  });

  it("runs the job from the module folder's package, on the schedule", async () => {
    const p = await planOf("shared");
    const zip = readFileSync(join(__dirname, "..", "..", "module", "snapshot-export.zip"));
    expect(after(p, "aws_lambda_function.snapshot_export_function[0]")).toMatchObject({
      function_name: "orders-snapshot-export",
      filename: "modules/redis/snapshot-export.zip",
      source_code_hash: createHash("sha256").update(zip).digest("base64"),
      handler: "index.handler",
      runtime: "nodejs22.x",
      environment: [{ variables: { REPLICATION_GROUP_ID: "orders", MAX_SNAPSHOTS: "30", TAKE_SNAPSHOTS: "false", METRIC_NAMESPACE: "RedisSnapshotExport" } }],
    });
    expect(after(p, "aws_cloudwatch_event_rule.snapshot_export_schedule[0]").schedule_expression).toBe("cron(30 5 * * ? *)");
    expect(after(p, "aws_lambda_permission.snapshot_export_invoke[0]")).toMatchObject({ principal: "events.amazonaws.com", action: "lambda:InvokeFunction" });
  });

  it("replicates the export bucket, private, encrypted and versioned, to the destination account, which owns the copies", async () => {
    const p = await planOf("shared");
    expect(after(p, "aws_s3_bucket.snapshot_export_bucket[0]").bucket).toBe(BUCKET);
    expect(after(p, "aws_s3_bucket_versioning.snapshot_export_versioning[0]").versioning_configuration).toEqual([{ status: "Enabled" }]);
    expect(after(p, "aws_s3_bucket_public_access_block.snapshot_export_public_access[0]")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(after(p, "aws_s3_bucket_server_side_encryption_configuration.snapshot_export_encryption[0]").rule[0].apply_server_side_encryption_by_default).toEqual([
      { sse_algorithm: "AES256", kms_master_key_id: "" },
    ]);
    const [rule] = after(p, "aws_s3_bucket_replication_configuration.snapshot_export_replication[0]").rule;
    expect(rule.destination[0]).toMatchObject({ bucket: DESTINATION, account: "444455556666", access_control_translation: [{ owner: "Destination" }] });
    expect(rule.delete_marker_replication).toEqual([{ status: "Enabled" }]);
  });

  it("lets ElastiCache of this region write the exports, and nothing without TLS", async () => {
    const p = await planOf("shared");
    // The group exists in state, so its ARN, and the region read from it, are known at plan.
    const statements = policyOf(p, "aws_s3_bucket_policy.snapshot_export_bucket_policy[0]").Statement;
    expect(statements.map((s: any) => [s.Sid, s.Effect, s.Principal])).toEqual([
      ["ElastiCacheBucket", "Allow", { Service: "eu-west-1.elasticache-snapshot.amazonaws.com" }],
      ["ElastiCacheObjects", "Allow", { Service: "eu-west-1.elasticache-snapshot.amazonaws.com" }],
      ["TlsOnly", "Deny", "*"],
    ]);
    expect(statements[1].Action).toEqual(["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts"]);
  });

  it("grants the job only its own group's snapshots, with three actions on * that AWS allows no narrower", async () => {
    const p = await planOf("shared");
    const statements = policyOf(p, "aws_iam_role_policy.snapshot_export_policy[0]").Statement as { Action: string | string[]; Resource: string | string[] }[];
    const onEverything = statements.filter((s) => s.Resource === "*").map((s) => s.Action);
    expect(onEverything).toEqual(["elasticache:DescribeSnapshots", "s3:ListAllMyBuckets", "cloudwatch:PutMetricData"]);
    const scoped = statements.filter((s) => s.Resource !== "*").flatMap((s) => [s.Resource].flat());
    const snapshotArn = (name: string) => `arn:aws:elasticache:eu-west-1:111122223333:snapshot:${name}`;
    expect(scoped).toContain(snapshotArn("automatic.orders-*"));
    expect(scoped).toContain(snapshotArn("orders-export-*"));
    expect(scoped.filter((r) => r.includes(":elasticache:")).every((r) => r.includes("orders"))).toBe(true);
  });

  it("alarms to the alarm topics when no success was reported within the period, a failed run included", async () => {
    const p = await planOf("shared");
    expect(after(p, "aws_cloudwatch_metric_alarm.snapshot_export_alarm[0]")).toMatchObject({
      alarm_name: "orders-snapshot-export-failed",
      namespace: "RedisSnapshotExport",
      metric_name: "SnapshotExported",
      dimensions: { ReplicationGroupId: "orders" },
      statistic: "Sum",
      period: 3600,
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      treat_missing_data: "breaching",
      alarm_actions: ["arn:aws:sns:eu-west-1:111122223333:ops-alarms"],
    });
  });
});

describe("sharing switched off", () => {
  it("destroys the export bucket, which the review names as a danger: S3 refuses while it holds copies", async () => {
    const p = await planOf("switched_off");
    expect(changed(p)).toEqual(["delete aws_s3_bucket.snapshot_export_bucket[0]"]);
    const r = reviewPlanJson(JSON.stringify(p));
    expect(r.dangerous).toBe(true);
    expect(r.markdown).toContain("## ⛔ DANGER: this plan destroys the bucket of snapshot copies");
    expect(r.markdown).toContain("### The bucket of snapshot copies `carts-archive-snapshots-0a1b2c3d4e5f` (`aws_s3_bucket.snapshot_export_bucket[0]`) is destroyed");
    expect(r.markdown).toContain("S3 refuses to delete a bucket that holds objects");
  });
});

describe("sharing left off", () => {
  it("plans no change at all for a v0.85.0 caller", async () => {
    expect(changed(await planOf("off"))).toEqual([]);
  });
});

describe("the destination account", () => {
  it("applies the destination module: a versioned, private bucket it owns, keeping deleted copies as versions for 30 days", async () => {
    const p = await plan(await destination);
    const created = (p.resource_changes ?? []).filter((rc) => rc.address.startsWith("module.destination.")).map((rc) => `${rc.change.actions.join("+")} ${rc.address}`);
    expect(created.sort()).toEqual(
      [
        "aws_s3_bucket.snapshot_destination_bucket",
        "aws_s3_bucket_lifecycle_configuration.snapshot_destination_lifecycle",
        "aws_s3_bucket_ownership_controls.snapshot_destination_ownership",
        "aws_s3_bucket_policy.snapshot_destination_bucket_policy",
        "aws_s3_bucket_public_access_block.snapshot_destination_public_access",
        "aws_s3_bucket_server_side_encryption_configuration.snapshot_destination_encryption",
        "aws_s3_bucket_versioning.snapshot_destination_versioning",
      ].map((a) => `create module.destination.${a}`),
    );
    expect(after(p, "module.destination.aws_s3_bucket.snapshot_destination_bucket").bucket).toBe("orders-snapshots-dr");
    expect(after(p, "module.destination.aws_s3_bucket_ownership_controls.snapshot_destination_ownership").rule).toEqual([{ object_ownership: "BucketOwnerEnforced" }]);
    const [rule] = after(p, "module.destination.aws_s3_bucket_lifecycle_configuration.snapshot_destination_lifecycle").rule;
    expect(rule.noncurrent_version_expiration[0].noncurrent_days).toBe(30);
  });

  it("restores a copy from its bucket into a new cluster (snapshot_arn)", async () => {
    const p = await plan(await destination);
    expect(after(p, "module.restored.aws_elasticache_replication_group.redis").snapshot_arns).toEqual([`arn:aws:s3:::orders-snapshots-dr/${COPY}`]);
  });

  it("refuses a bucket name S3 would refuse, naming the input, the value and the rule", async () => {
    const error = await plan(await destination, { env: { TF_VAR_bucket_name: "Orders_DR" } }).then(() => undefined, (e: Error) => e.message);
    // Terraform wraps the message at its terminal width.
    expect(error?.replace(/\s+/g, " ")).toContain(
      'Invalid bucket_name "Orders_DR": must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
    );
  });
});
