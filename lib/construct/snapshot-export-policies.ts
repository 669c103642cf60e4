/**
 * The IAM documents of the snapshot export (docs/spec/snapshot-export.md §4), as pure functions of
 * the names they grant on. Each grants what one actor needs on the resources it needs; the three
 * actions on `*` say why, as AWS allows them no narrower resource.
 */

export interface ExportNames {
  /** The replication group's id. */
  readonly group: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The export bucket's ARN. */
  readonly bucketArn: string;
  readonly logGroupArn: string;
  readonly metricNamespace: string;
}

type Statement = Record<string, unknown>;
const policy = (statements: Statement[]) => ({ Version: "2012-10-17", Statement: statements });

/** Who may assume a role: the one AWS service. */
export const trustPolicy = (service: string) =>
  policy([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);

const elastiCacheArn = (n: ExportNames, type: string) => `arn:${n.partition}:elasticache:${n.region}:${n.account}:${type}`;

/** The job's own snapshots, and the names ElastiCache gives the group's automatic ones. */
function snapshotArns(n: ExportNames) {
  const arn = (name: string) => `${elastiCacheArn(n, "snapshot")}:${name}`;
  return { automatic: arn(`automatic.${n.group}-*`), own: arn(`${n.group}-export-*`), exported: arn(`automatic-${n.group}-*`) };
}

/** What the export job's function may do. */
export function jobPolicy(n: ExportNames) {
  const snapshots = snapshotArns(n);
  return policy([
    {
      Sid: "ListSnapshots",
      Effect: "Allow",
      // DescribeSnapshots lists snapshots by group; ElastiCache checks it on no resource it could name in advance.
      Action: "elasticache:DescribeSnapshots",
      Resource: "*",
    },
    {
      Sid: "ExportSnapshots",
      Effect: "Allow",
      Action: "elasticache:CopySnapshot",
      Resource: [snapshots.automatic, snapshots.own, snapshots.exported],
    },
    {
      Sid: "TakeOwnSnapshots",
      Effect: "Allow",
      Action: "elasticache:CreateSnapshot",
      Resource: [`${elastiCacheArn(n, "replicationgroup")}:${n.group}`, `${elastiCacheArn(n, "cluster")}:${n.group}-*`, snapshots.own],
    },
    { Sid: "DeleteOwnSnapshots", Effect: "Allow", Action: "elasticache:DeleteSnapshot", Resource: snapshots.own },
    {
      Sid: "FindExportBucket",
      Effect: "Allow",
      // An export to S3 makes ElastiCache look the bucket up among the caller's buckets: AWS requires it on *.
      Action: "s3:ListAllMyBuckets",
      Resource: "*",
    },
    { Sid: "ReadExportBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketAcl"], Resource: n.bucketArn },
    { Sid: "WriteExports", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], Resource: `${n.bucketArn}/*` },
    {
      Sid: "ReportSuccess",
      Effect: "Allow",
      // PutMetricData has no resource; the condition holds it to the job's namespace.
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": n.metricNamespace } },
    },
    { Sid: "Log", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${n.logGroupArn}:*` },
  ]);
}

/** The roles of the source account that replicate exports: the export's replication role is named so. */
export const REPLICATION_ROLE_PREFIX = "redis-snapshot-replication-";

/** What S3 may do to replicate the export bucket to the destination bucket. */
export function replicationPolicy(bucketArn: string, destinationBucketArn: string) {
  return policy([
    { Sid: "ReadConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: bucketArn },
    {
      Sid: "ReadVersions",
      Effect: "Allow",
      Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
      Resource: `${bucketArn}/*`,
    },
    {
      Sid: "Replicate",
      Effect: "Allow",
      Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
      Resource: `${destinationBucketArn}/*`,
    },
  ]);
}

/** The principal ElastiCache exports and restores snapshots as, in a region. */
export const elastiCacheSnapshotPrincipal = (region: string) => `${region}.elasticache-snapshot.amazonaws.com`;

/**
 * What ElastiCache may do on a bucket of snapshots: write exports (source) or read them to restore
 * (destination); and no access without TLS.
 */
export function snapshotBucketPolicy(bucketArn: string, region: string, access: "export" | "restore") {
  const objectActions = access === "export" ? ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts"] : ["s3:GetObject"];
  const bucketActions = access === "export" ? ["s3:ListBucket", "s3:GetBucketAcl", "s3:ListBucketMultipartUploads"] : ["s3:ListBucket", "s3:GetBucketAcl"];
  const elastiCache = { Service: elastiCacheSnapshotPrincipal(region) };
  return policy([
    { Sid: "ElastiCacheBucket", Effect: "Allow", Principal: elastiCache, Action: bucketActions, Resource: bucketArn },
    { Sid: "ElastiCacheObjects", Effect: "Allow", Principal: elastiCache, Action: objectActions, Resource: `${bucketArn}/*` },
    {
      Sid: "TlsOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}

/**
 * The destination bucket's policy: the source account's replication roles may replicate into it
 * (and nothing else: the account's other principals cannot); ElastiCache of the bucket's region
 * may read copies to restore them; and no access without TLS. The source account's ARNs are in the
 * bucket's partition (aws, aws-cn, aws-us-gov): replication does not cross partitions.
 */
export function destinationBucketPolicy(bucketArn: string, region: string, partition: string, sourceAccount: string) {
  const restore = snapshotBucketPolicy(bucketArn, region, "restore").Statement;
  const source = { AWS: `arn:${partition}:iam::${sourceAccount}:root` };
  const fromReplicationRoles = { ArnLike: { "aws:PrincipalArn": `arn:${partition}:iam::${sourceAccount}:role/${REPLICATION_ROLE_PREFIX}*` } };
  return policy([
    {
      Sid: "SourceReplicationBucket",
      Effect: "Allow",
      Principal: source,
      Action: ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:List*"],
      Resource: bucketArn,
      Condition: fromReplicationRoles,
    },
    {
      Sid: "SourceReplicationObjects",
      Effect: "Allow",
      Principal: source,
      Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
      Resource: `${bucketArn}/*`,
      Condition: fromReplicationRoles,
    },
    ...restore,
  ]);
}
