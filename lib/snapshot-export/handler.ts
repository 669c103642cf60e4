/**
 * The snapshot export job, run by Lambda on the schedule: exports the newest available snapshot of
 * the replication group to the export bucket (S3 replicates it to the other account), keeps the
 * newest copies, takes a snapshot for the next run when the group takes none, and reports success
 * as a metric. Any AWS error it does not expect fails the run, so that no success is reported and
 * the alarm fires. The Lambda runtime provides the AWS SDK.
 */
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CopySnapshotCommand,
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeSnapshotsCommand,
  ElastiCacheClient,
  SnapshotAlreadyExistsFault,
  SnapshotNotFoundFault,
} from "@aws-sdk/client-elasticache";
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import {
  exportName,
  isExported,
  newestAvailable,
  objectsToDelete,
  ownSnapshotName,
  ownSnapshotsToDelete,
  shouldTakeSnapshot,
  Snapshot,
  StoredObject,
} from "./decide";

/** The job's settings, from the function's environment (set by the module). */
export interface Settings {
  readonly group: string;
  readonly bucket: string;
  readonly keep: number;
  /** Whether the group takes no automatic snapshots, so the job takes its own. */
  readonly takeSnapshots: boolean;
  readonly metricNamespace: string;
}

export interface Clients {
  readonly elasticache: Pick<ElastiCacheClient, "send">;
  readonly s3: Pick<S3Client, "send">;
  readonly cloudwatch: Pick<CloudWatchClient, "send">;
}

/** What a run did, logged as one JSON line. */
export interface Outcome {
  readonly exported?: string;
  readonly alreadyExported?: string;
  readonly taken?: string;
  readonly deletedObjects: number;
  readonly deletedSnapshots: readonly string[];
  readonly succeeded: boolean;
}

/** The metric whose absence fires the job's alarm. */
export const SUCCESS_METRIC = "SnapshotExported";

export function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`the function's environment lacks ${name}`);
    return value;
  };
  return {
    group: need("REPLICATION_GROUP_ID"),
    bucket: need("EXPORT_BUCKET"),
    keep: Number(need("MAX_SNAPSHOTS")),
    takeSnapshots: need("TAKE_SNAPSHOTS") === "true",
    metricNamespace: need("METRIC_NAMESPACE"),
  };
}

async function snapshotsOf(clients: Clients, group: string): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  let marker: string | undefined;
  do {
    const page = await clients.elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: group, Marker: marker }));
    for (const s of page.Snapshots ?? []) {
      snapshots.push({
        name: s.SnapshotName ?? "",
        status: s.SnapshotStatus ?? "",
        source: s.SnapshotSource ?? "",
        createdAt: s.NodeSnapshots?.[0]?.SnapshotCreateTime,
      });
    }
    marker = page.Marker;
  } while (marker);
  return snapshots;
}

async function objectsIn(clients: Clients, bucket: string): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (o.Key && o.LastModified) objects.push({ key: o.Key, lastModified: o.LastModified });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** S3 deletes at most 1000 keys a request. */
const DELETE_BATCH = 1000;

export async function run(settings: Settings, clients: Clients, now: Date): Promise<Outcome> {
  const { group, bucket } = settings;
  const snapshots = await snapshotsOf(clients, group);
  const objects = await objectsIn(clients, bucket);
  const newest = newestAvailable(snapshots);

  let exported: string | undefined;
  let alreadyExported: string | undefined;
  if (newest) {
    const name = exportName(newest.name);
    if (isExported(name, objects)) {
      alreadyExported = name;
    } else {
      try {
        await clients.elasticache.send(new CopySnapshotCommand({ SourceSnapshotName: newest.name, TargetSnapshotName: name, TargetBucket: bucket }));
        exported = name;
      } catch (error) {
        // A run before this one started the same export, which has not written its objects yet.
        if (!(error instanceof SnapshotAlreadyExistsFault)) throw error;
        alreadyExported = name;
      }
    }
  }

  let taken: string | undefined;
  if (settings.takeSnapshots && shouldTakeSnapshot(group, snapshots, newest === undefined || exported !== undefined || alreadyExported !== undefined, now)) {
    taken = ownSnapshotName(group, now);
    await clients.elasticache.send(new CreateSnapshotCommand({ ReplicationGroupId: group, SnapshotName: taken }));
  }

  const deletedSnapshots: string[] = [];
  for (const name of ownSnapshotsToDelete(group, snapshots, objects)) {
    try {
      await clients.elasticache.send(new DeleteSnapshotCommand({ SnapshotName: name }));
      deletedSnapshots.push(name);
    } catch (error) {
      if (!(error instanceof SnapshotNotFoundFault)) throw error;
    }
  }

  // The export just started counts among the copies kept, though its objects are not there yet.
  const stale = objectsToDelete(objects, exported === undefined ? settings.keep : settings.keep - 1);
  for (let i = 0; i < stale.length; i += DELETE_BATCH) {
    const batch = stale.slice(i, i + DELETE_BATCH);
    const result = await clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    if (result.Errors?.length) {
      throw new Error(`S3 refused to delete ${result.Errors.length} old copies, the first ${result.Errors[0].Key}: ${result.Errors[0].Code}`);
    }
  }

  const succeeded = exported !== undefined || alreadyExported !== undefined;
  if (succeeded) {
    await clients.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: settings.metricNamespace,
        MetricData: [{ MetricName: SUCCESS_METRIC, Dimensions: [{ Name: "ReplicationGroupId", Value: group }], Value: 1, Unit: "Count", Timestamp: now }],
      }),
    );
  }
  return { exported, alreadyExported, taken, deletedObjects: stale.length, deletedSnapshots, succeeded };
}

/** Lambda's entry point. */
export async function handler(): Promise<Outcome> {
  const clients = { elasticache: new ElastiCacheClient({}), s3: new S3Client({}), cloudwatch: new CloudWatchClient({}) };
  const outcome = await run(settingsFrom(process.env), clients, new Date());
  console.log(JSON.stringify(outcome));
  return outcome;
}
