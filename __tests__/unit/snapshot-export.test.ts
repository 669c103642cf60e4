/**
 * The snapshot export job against the AWS SDK's own command classes, with a client that answers
 * like AWS from a small in-memory account: snapshots of the group, objects of the bucket.
 */
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CopySnapshotCommand,
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeSnapshotsCommand,
  SnapshotAlreadyExistsFault,
  SnapshotNotFoundFault,
  SnapshotQuotaExceededFault,
} from "@aws-sdk/client-elasticache";
import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { Clients, run, Settings, settingsFrom } from "../../lib/snapshot-export/handler";
import { exportName, objectsToDelete, ownSnapshotName, shouldTakeSnapshot } from "../../lib/snapshot-export/decide";
import { App, TerraformStack } from "cdktf";
import { withTempDir } from "../../tools/synth";
import { destinationBucketPolicy, jobPolicy } from "../../lib/construct/snapshot-export-policies";
import { destinationViolations, SnapshotDestination } from "../../lib/construct/snapshot-destination";
import { InvalidInputsError } from "../../lib/rules/literal-checks";

const NOW = new Date("2026-12-07T03:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

interface FakeSnapshot {
  SnapshotName: string;
  SnapshotStatus: string;
  SnapshotSource: string;
  NodeSnapshots?: { SnapshotCreateTime?: Date }[];
}

const automatic = (date: string, status = "available"): FakeSnapshot => ({
  SnapshotName: `automatic.orders-${date}`,
  SnapshotStatus: status,
  SnapshotSource: "automated",
  NodeSnapshots: [{ SnapshotCreateTime: new Date(`${date.slice(0, 10)}T${date.slice(11, 13)}:00:00Z`) }],
});

/** An account holding `snapshots` and the bucket's `objects`, recording every command sent. */
function account(snapshots: FakeSnapshot[], objects: { Key: string; LastModified: Date }[], failWith?: Partial<Record<string, Error>>) {
  const sent: object[] = [];
  const answer = (command: object): unknown => {
    sent.push(command);
    const name = command.constructor.name;
    if (failWith?.[name]) throw failWith[name];
    if (command instanceof DescribeSnapshotsCommand) {
      // Two pages, to prove the job follows Marker.
      const first = command.input.Marker === undefined;
      const half = Math.ceil(snapshots.length / 2);
      return first ? { Snapshots: snapshots.slice(0, half), Marker: snapshots.length > half ? "next" : undefined } : { Snapshots: snapshots.slice(half) };
    }
    if (command instanceof ListObjectsV2Command) return { Contents: objects, IsTruncated: false };
    if (command instanceof CopySnapshotCommand || command instanceof CreateSnapshotCommand || command instanceof DeleteSnapshotCommand) return {};
    if (command instanceof DeleteObjectsCommand || command instanceof PutMetricDataCommand) return {};
    throw new Error(`unexpected command ${name}`);
  };
  const client = { send: async (command: object) => answer(command) } as unknown as Clients["s3"];
  const clients: Clients = { elasticache: client as unknown as Clients["elasticache"], s3: client, cloudwatch: client as unknown as Clients["cloudwatch"] };
  const ofType = <T extends object>(type: new (...args: never[]) => T) => sent.filter((c): c is T => c instanceof type);
  return { clients, sent, ofType };
}

const SETTINGS: Settings = { group: "orders", bucket: "orders-export-1a2b", keep: 2, takeSnapshots: false, metricNamespace: "ElastiCache/SnapshotExport" };

describe("choosing and naming", () => {
  it("names an export after the snapshot, with only letters, digits and single hyphens", () => {
    expect(exportName("automatic.orders-2026-12-07-03-00")).toBe("automatic-orders-2026-12-07-03-00");
    expect(exportName("Orders--Export_1.")).toBe("orders-export-1");
  });

  it("names its own snapshots by the group and the UTC minute", () => {
    expect(ownSnapshotName("orders", NOW)).toBe("orders-export-202612070300");
  });

  it("keeps the newest exports whole (every shard's object) and deletes the rest, never other objects", () => {
    const at = (h: number) => hoursAgo(h);
    const objects = [
      { key: "a-0001.rdb", lastModified: at(50) },
      { key: "a-0002.rdb", lastModified: at(49) },
      { key: "b-0001.rdb", lastModified: at(26) },
      { key: "b-0002.rdb", lastModified: at(25) },
      { key: "c-0001.rdb", lastModified: at(2) },
      { key: "c-0002.rdb", lastModified: at(1) },
      { key: "notes.txt", lastModified: at(100) },
    ];
    expect(objectsToDelete(objects, 2)).toEqual(["a-0001.rdb", "a-0002.rdb"]);
    expect(objectsToDelete(objects, 3)).toEqual([]);
  });

  it("takes no snapshot while one is being created, while a newer one waits, or past 20 of its own in a day", () => {
    const own = (h: number) => ({ name: `orders-export-${h}`, status: "available", source: "manual", createdAt: hoursAgo(h) });
    expect(shouldTakeSnapshot("orders", [], true, NOW)).toBe(true);
    expect(shouldTakeSnapshot("orders", [{ name: "x", status: "creating", source: "manual" }], true, NOW)).toBe(false);
    expect(shouldTakeSnapshot("orders", [own(1)], false, NOW)).toBe(false);
    const day = Array.from({ length: 20 }, (_, i) => own(i + 1));
    expect(shouldTakeSnapshot("orders", day, true, NOW)).toBe(false);
    expect(shouldTakeSnapshot("orders", [...day.slice(1), own(25)], true, NOW)).toBe(true);
  });
});

describe("a run", () => {
  it("exports the newest available snapshot, follows every page, and reports success", async () => {
    const a = account([automatic("2026-12-05-03"), automatic("2026-12-06-03"), automatic("2026-12-07-02", "creating")], []);
    const outcome = await run(SETTINGS, a.clients, NOW);
    expect(a.ofType(DescribeSnapshotsCommand).map((c) => c.input)).toEqual([
      { ReplicationGroupId: "orders", Marker: undefined },
      { ReplicationGroupId: "orders", Marker: "next" },
    ]);
    expect(a.ofType(CopySnapshotCommand).map((c) => c.input)).toEqual([
      { SourceSnapshotName: "automatic.orders-2026-12-06-03", TargetSnapshotName: "automatic-orders-2026-12-06-03", TargetBucket: "orders-export-1a2b" },
    ]);
    expect(a.ofType(PutMetricDataCommand).map((c) => c.input.MetricData)).toEqual([
      [{ MetricName: "SnapshotExported", Dimensions: [{ Name: "ReplicationGroupId", Value: "orders" }], Value: 1, Unit: "Count", Timestamp: NOW }],
    ]);
    expect(outcome).toMatchObject({ exported: "automatic-orders-2026-12-06-03", succeeded: true });
  });

  it("does nothing twice: a snapshot whose objects are in the bucket is not exported again (cluster mode: one object per shard)", async () => {
    const objects = [
      { Key: "automatic-orders-2026-12-06-03-0001.rdb", LastModified: hoursAgo(20) },
      { Key: "automatic-orders-2026-12-06-03-0002.rdb", LastModified: hoursAgo(20) },
    ];
    const a = account([automatic("2026-12-06-03")], objects);
    const outcome = await run(SETTINGS, a.clients, NOW);
    expect(a.ofType(CopySnapshotCommand)).toEqual([]);
    expect(a.ofType(DeleteObjectsCommand)).toEqual([]);
    expect(outcome).toMatchObject({ alreadyExported: "automatic-orders-2026-12-06-03", succeeded: true });
  });

  it("takes an export already under way for done (AWS answers that the target exists)", async () => {
    const a = account([automatic("2026-12-06-03")], [], { CopySnapshotCommand: new SnapshotAlreadyExistsFault({ message: "exists", $metadata: {} }) });
    expect(await run(SETTINGS, a.clients, NOW)).toMatchObject({ alreadyExported: "automatic-orders-2026-12-06-03", succeeded: true });
  });

  it("deletes the copies beyond the limit in one request", async () => {
    const objects = ["2026-12-03-03", "2026-12-04-03", "2026-12-05-03"].map((d, i) => ({ Key: `automatic-orders-${d}-0001.rdb`, LastModified: hoursAgo(96 - 24 * i) }));
    const a = account([automatic("2026-12-06-03")], objects);
    await run(SETTINGS, a.clients, NOW);
    expect(a.ofType(DeleteObjectsCommand).map((c) => c.input.Delete?.Objects)).toEqual([
      [{ Key: "automatic-orders-2026-12-03-03-0001.rdb" }, { Key: "automatic-orders-2026-12-04-03-0001.rdb" }],
    ]);
  });

  it("with no automatic snapshots, takes one for the next run and deletes its own snapshots already exported", async () => {
    const own = { SnapshotName: "orders-export-202612060300", SnapshotStatus: "available", SnapshotSource: "manual", NodeSnapshots: [{ SnapshotCreateTime: hoursAgo(24) }] };
    const a = account([own], [{ Key: "orders-export-202612060300-0001.rdb", LastModified: hoursAgo(23) }]);
    const outcome = await run({ ...SETTINGS, takeSnapshots: true }, a.clients, NOW);
    expect(a.ofType(CreateSnapshotCommand).map((c) => c.input)).toEqual([{ ReplicationGroupId: "orders", SnapshotName: "orders-export-202612070300" }]);
    expect(a.ofType(DeleteSnapshotCommand).map((c) => c.input)).toEqual([{ SnapshotName: "orders-export-202612060300" }]);
    expect(outcome).toMatchObject({ taken: "orders-export-202612070300", succeeded: true });
  });

  it("reports no success when there is nothing to export yet", async () => {
    const a = account([], []);
    expect(await run({ ...SETTINGS, takeSnapshots: true }, a.clients, NOW)).toMatchObject({ succeeded: false, taken: "orders-export-202612070300" });
    expect(a.ofType(PutMetricDataCommand)).toEqual([]);
  });

  it("fails loudly, with no success reported, on an error it does not expect (the daily snapshot limit, a refused export)", async () => {
    const quota = account([], [], { CreateSnapshotCommand: new SnapshotQuotaExceededFault({ message: "quota", $metadata: {} }) });
    await expect(run({ ...SETTINGS, takeSnapshots: true }, quota.clients, NOW)).rejects.toBeInstanceOf(SnapshotQuotaExceededFault);
    const refused = account([automatic("2026-12-06-03")], [], { CopySnapshotCommand: new Error("Access Denied") });
    await expect(run(SETTINGS, refused.clients, NOW)).rejects.toThrow("Access Denied");
    expect([...quota.ofType(PutMetricDataCommand), ...refused.ofType(PutMetricDataCommand)]).toEqual([]);
  });

  it("survives its own snapshot deleted meanwhile, and reports copies S3 would not delete", async () => {
    const own = { SnapshotName: "orders-export-202612060300", SnapshotStatus: "available", SnapshotSource: "manual", NodeSnapshots: [{ SnapshotCreateTime: hoursAgo(24) }] };
    const exported = [{ Key: "orders-export-202612060300-0001.rdb", LastModified: hoursAgo(23) }];
    const gone = account([own], exported, { DeleteSnapshotCommand: new SnapshotNotFoundFault({ message: "gone", $metadata: {} }) });
    expect(await run({ ...SETTINGS, takeSnapshots: true }, gone.clients, NOW)).toMatchObject({ deletedSnapshots: [], succeeded: true });

    const stale = ["2026-12-01-03", "2026-12-02-03", "2026-12-03-03"].map((d, i) => ({ Key: `automatic-orders-${d}-0001.rdb`, LastModified: hoursAgo(150 - 24 * i) }));
    const refusing = account([automatic("2026-12-06-03")], stale);
    const send = refusing.clients.s3.send.bind(refusing.clients.s3);
    (refusing.clients as { s3: unknown }).s3 = {
      send: async (command: object) =>
        command instanceof DeleteObjectsCommand ? { Errors: [{ Key: stale[0].Key, Code: "AccessDenied" }] } : send(command as never),
    };
    await expect(run(SETTINGS, refusing.clients, NOW)).rejects.toThrow(`S3 refused to delete 1 old copies, the first ${stale[0].Key}: AccessDenied`);
    expect(refusing.ofType(PutMetricDataCommand)).toEqual([]);
  });

  it("reads its settings from the environment, naming what is missing", () => {
    const env = { REPLICATION_GROUP_ID: "orders", EXPORT_BUCKET: "b", MAX_SNAPSHOTS: "30", TAKE_SNAPSHOTS: "true", METRIC_NAMESPACE: "N" };
    expect(settingsFrom(env)).toEqual({ group: "orders", bucket: "b", keep: 30, takeSnapshots: true, metricNamespace: "N" });
    expect(() => settingsFrom({ ...env, EXPORT_BUCKET: undefined })).toThrow("the function's environment lacks EXPORT_BUCKET");
  });
});

describe("the policies and the destination's checks", () => {
  const names = { group: "orders", partition: "aws", region: "eu-west-1", account: "111122223333", bucketArn: "arn:aws:s3:::orders-x", logGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-snapshot-export", metricNamespace: "N" };

  it("lets the source account replicate into the destination only through roles named as the export names its own", () => {
    const statements = destinationBucketPolicy("arn:aws:s3:::dr", "eu-west-1", "aws", "111122223333").Statement as Record<string, any>[];
    const replication = statements.filter((s) => s.Principal?.AWS);
    expect(replication.map((s) => s.Sid)).toEqual(["SourceReplicationBucket", "SourceReplicationObjects"]);
    for (const s of replication) {
      expect(s.Principal).toEqual({ AWS: "arn:aws:iam::111122223333:root" });
      expect(s.Condition).toEqual({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/redis-snapshot-replication-*" } });
    }
    // ElastiCache of the bucket's region may read copies, and only read them.
    const restore = statements.filter((s) => s.Principal?.Service);
    expect(restore.flatMap((s) => s.Action)).toEqual(["s3:ListBucket", "s3:GetBucketAcl", "s3:GetObject"]);
    expect(restore[0].Principal).toEqual({ Service: "eu-west-1.elasticache-snapshot.amazonaws.com" });
  });

  it("names the source account's principals in the bucket's partition", () => {
    const statements = destinationBucketPolicy("arn:aws-us-gov:s3:::dr", "us-gov-west-1", "aws-us-gov", "111122223333").Statement as Record<string, any>[];
    const replication = statements.filter((s) => s.Principal?.AWS);
    expect(replication.map((s) => s.Principal.AWS)).toEqual(["arn:aws-us-gov:iam::111122223333:root", "arn:aws-us-gov:iam::111122223333:root"]);
    expect(replication[0].Condition.ArnLike["aws:PrincipalArn"]).toBe("arn:aws-us-gov:iam::111122223333:role/redis-snapshot-replication-*");
  });

  it("gives the job write access to its own bucket and the group's snapshots only", () => {
    const statements = jobPolicy(names).Statement as { Action: string | string[]; Resource: string | string[] }[];
    const writes = statements.filter((s) => [s.Action].flat().some((a) => /Create|Copy|Delete|Put/.test(a)) && s.Resource !== "*");
    expect(writes.flatMap((s) => [s.Resource].flat()).every((r) => r.includes("orders"))).toBe(true);
    expect(statements.find((s) => s.Action === "cloudwatch:PutMetricData")).toMatchObject({ Condition: { StringEquals: { "cloudwatch:namespace": "N" } } });
  });

  it("refuses literal props of the destination that break its rules, all at once", () => {
    withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "d");
      expect(() => new SnapshotDestination(stack, "dr", { bucket_name: "DR_Bucket", source_account_id: "12345", noncurrent_version_days: 0 })).toThrow(InvalidInputsError);
    });
    expect(destinationViolations({ bucket_name: "DR_Bucket", source_account_id: "12345", noncurrent_version_days: 0 })).toEqual([
      'Invalid bucket_name "DR_Bucket": must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
      'Invalid source_account_id "12345": must be a 12-digit AWS account id.',
      "Invalid noncurrent_version_days 0: must be a whole number from 1 to 3650.",
    ]);
    expect(destinationViolations({ bucket_name: "orders-dr", source_account_id: "111122223333" })).toEqual([]);
  });
});
