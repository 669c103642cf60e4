/**
 * What the snapshot export job decides, as pure functions of what it read from AWS: which snapshot
 * to export, under which name, whether it is already in the bucket, which copies to delete, and
 * whether to take a snapshot of its own. docs/spec/snapshot-export.md gives the facts they rely on.
 */

/** A snapshot of the replication group, as DescribeSnapshots reports it. */
export interface Snapshot {
  readonly name: string;
  /** creating, available, restoring, copying, deleting, exporting, failed. */
  readonly status: string;
  /** "automated" or "manual". */
  readonly source: string;
  /** When the snapshot of its first node was taken; unknown while it is being created. */
  readonly createdAt?: Date;
}

/** An object of the export bucket. */
export interface StoredObject {
  readonly key: string;
  readonly lastModified: Date;
}

/** AWS takes at most this many manual snapshots of a node in 24 hours. */
export const MANUAL_SNAPSHOTS_PER_DAY = 20;

/** The newest snapshot that can be exported now, if any. */
export function newestAvailable(snapshots: readonly Snapshot[]): Snapshot | undefined {
  return snapshots
    .filter((s) => s.status === "available" && s.createdAt !== undefined)
    .reduce<Snapshot | undefined>((newest, s) => (newest && newest.createdAt! >= s.createdAt! ? newest : s), undefined);
}

/**
 * The name an export of the snapshot gets: ElastiCache names its objects `<name>-<shard>.rdb`.
 * Automatic snapshots are named `automatic.<group>-<date>`; a dot is no character of a snapshot
 * name, so every character but a letter, a digit or a hyphen becomes a hyphen.
 */
export function exportName(snapshotName: string): string {
  return snapshotName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

const RDB_OBJECT = /^(.+)-(\d{4})\.rdb$/;

/** The export an object belongs to: its key without the shard suffix; none for other objects. */
export function exportOf(key: string): string | undefined {
  return RDB_OBJECT.exec(key)?.[1];
}

/** Whether the bucket already holds an export of this name (one object per shard, any of them). */
export function isExported(name: string, objects: readonly StoredObject[]): boolean {
  return objects.some((o) => exportOf(o.key) === name);
}

/**
 * The objects of the exports beyond the newest `keep`, to delete. An export's age is that of its
 * newest object; objects that are no export are never touched.
 */
export function objectsToDelete(objects: readonly StoredObject[], keep: number): string[] {
  const newestOf = new Map<string, number>();
  for (const o of objects) {
    const name = exportOf(o.key);
    if (name !== undefined) newestOf.set(name, Math.max(newestOf.get(name) ?? 0, o.lastModified.getTime()));
  }
  const kept = new Set([...newestOf].sort(([a, at], [b, bt]) => bt - at || a.localeCompare(b)).slice(0, keep).map(([name]) => name));
  return objects
    .filter((o) => {
      const name = exportOf(o.key);
      return name !== undefined && !kept.has(name);
    })
    .map((o) => o.key)
    .sort();
}

/** The name of a snapshot the job takes: `<group>-export-<UTC yyyymmddhhmm>`. */
export function ownSnapshotName(group: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-T:]/g, "");
  return `${group}-export-${stamp}`;
}

/**
 * Whether to take a snapshot for the next run to export, when the group takes none itself: not
 * while one is being created, not when a newer one than the last export waits, and not past
 * AWS's daily limit of manual snapshots (counting the job's own of the last 24 hours).
 */
export function shouldTakeSnapshot(group: string, snapshots: readonly Snapshot[], newestIsExported: boolean, now: Date): boolean {
  if (snapshots.some((s) => s.status === "creating")) return false;
  if (newestAvailable(snapshots) !== undefined && !newestIsExported) return false;
  const dayAgo = now.getTime() - 24 * 3600 * 1000;
  const takenToday = snapshots.filter(
    (s) => s.source === "manual" && s.name.startsWith(`${group}-export-`) && (s.createdAt?.getTime() ?? now.getTime()) > dayAgo,
  );
  return takenToday.length < MANUAL_SNAPSHOTS_PER_DAY;
}

/** The job's own snapshots whose export is in the bucket: ElastiCache need not keep them. */
export function ownSnapshotsToDelete(group: string, snapshots: readonly Snapshot[], objects: readonly StoredObject[]): string[] {
  return snapshots
    .filter((s) => s.source === "manual" && s.status === "available" && s.name.startsWith(`${group}-export-`) && isExported(exportName(s.name), objects))
    .map((s) => s.name)
    .sort();
}
