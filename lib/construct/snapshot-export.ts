/**
 * The cross-account snapshot export (docs/snapshot-export.md): on a schedule, a Lambda function
 * exports the group's newest snapshot to a bucket of this account and region, which S3 replicates
 * to a bucket of the destination account. The construct exists only when sharing may be on; when
 * the switch is a token, every resource is counted by it.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { AssetType, Fn, IResolvable, ITerraformDependable, ref, TerraformAsset, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { countWhen } from "../expressions/derive";
import { hcl } from "../expressions/hcl";
import { jobPackage } from "../drop-in/package-info";
import { privateVersionedBucket } from "./private-bucket";
import { jobPolicy, REPLICATION_ROLE_PREFIX, replicationPolicy, snapshotBucketPolicy, trustPolicy } from "./snapshot-export-policies";

/**
 * Context under which a stack gives the job package's path as its Terraform JSON should name it;
 * the drop-in module gives `${path.module}/...`, so that the module folder is self-contained.
 * Without it the construct ships the package as a cdktf asset.
 */
export const JOB_PACKAGE_PATH_CONTEXT = "redis-cdktf:snapshot-job-package-path";

/** The namespace of the metric the job reports success with. */
export const METRIC_NAMESPACE = "RedisSnapshotExport";
const SUCCESS_METRIC = "SnapshotExported";

interface SnapshotExportProps {
  readonly enabled: boolean | IResolvable;
  readonly alarmEnabled: boolean | IResolvable;
  readonly groupName: string;
  /** The export bucket's name: known at plan once the group exists, so that its policies read in the plan. */
  readonly bucketName: string;
  /** The group's region and account, where the export happens. */
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly accountId: string;
  readonly destinationBucketArn: string;
  readonly schedule: string;
  readonly maxSnapshots: number;
  /** Whether the group takes no automatic snapshots (a retention of 0), so the job takes its own. */
  readonly takeSnapshots: string;
  readonly alarmPeriod: number;
  readonly snsTopicArns: string[];
  /** What the job waits for: the group exists before the first run. */
  readonly group: ITerraformDependable;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The job's package as one asset of the stack, whatever the number of clusters in it. */
function stackAsset(stack: TerraformStack, path: string): TerraformAsset {
  const id = "redis-snapshot-job-package";
  return (stack.node.tryFindChild(id) as TerraformAsset | undefined) ?? new TerraformAsset(stack, id, { path, type: AssetType.FILE });
}

/** A number as text: a template literal would print a number token's placeholder value. */
const text = (n: number) => (Token.isUnresolved(n) ? Token.asString(n) : String(n));

export class SnapshotExport extends Construct {
  readonly bucket: S3Bucket;
  readonly function: LambdaFunction;
  readonly alarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: SnapshotExportProps) {
    super(scope, id);
    const count = countWhen(props.enabled);
    // Under count, a resource's attributes are read at index 0 (the only one when it exists).
    const stack = TerraformStack.of(this);
    const first = <R extends TerraformResource, A extends keyof R & string>(resource: R, attribute: A) =>
      count ? Token.asString(ref(`${resource.fqn}[0].${snakeCase(attribute)}`, stack)) : (resource[attribute] as string);
    const { region, account } = props;
    const name = props.groupName;

    this.bucket = new S3Bucket(this, "snapshot_export_bucket", {
      count,
      bucket: props.bucketName,
      forceDestroy: false,
    });
    // Sub-resources name the bucket through the resource, which orders them after it; policies and
    // the job by its name, known at plan once the group exists, so that a review reads them.
    const bucketId = first(this.bucket, "id");
    const bucketArn = `arn:${props.partition}:s3:::${props.bucketName}`;
    const versioning = privateVersionedBucket(this, "snapshot_export", bucketId, count);
    new S3BucketPolicy(this, "snapshot_export_bucket_policy", {
      count,
      bucket: bucketId,
      policy: Fn.jsonencode(snapshotBucketPolicy(bucketArn, region, "export")),
    });
    new S3BucketLifecycleConfiguration(this, "snapshot_export_lifecycle", {
      count,
      bucket: bucketId,
      dependsOn: [versioning],
      rule: [
        {
          id: "expire-deleted-copies",
          status: "Enabled",
          filter: [{ prefix: "" }],
          // The job deletes copies beyond the limit; versioning (which replication needs) keeps them a week more.
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });

    const replicationRole = new IamRole(this, "snapshot_replication_role", {
      count,
      // The destination's policy admits the source account's roles of this prefix.
      namePrefix: REPLICATION_ROLE_PREFIX,
      description: `Replicates the snapshot exports of ElastiCache replication group ${name} to account ${props.accountId}`,
      assumeRolePolicy: Fn.jsonencode(trustPolicy("s3.amazonaws.com")),
    });
    new IamRolePolicy(this, "snapshot_replication_policy", {
      count,
      role: first(replicationRole, "id"),
      policy: Fn.jsonencode(replicationPolicy(bucketArn, props.destinationBucketArn)),
    });
    new S3BucketReplicationConfigurationA(this, "snapshot_export_replication", {
      count,
      bucket: bucketId,
      role: first(replicationRole, "arn"),
      dependsOn: [versioning],
      rule: [
        {
          id: "to-destination-account",
          status: "Enabled",
          priority: 1,
          filter: { prefix: "" },
          // Deletions beyond the limit reach the destination as delete markers; the copies stay there as versions.
          deleteMarkerReplication: { status: "Enabled" },
          destination: {
            bucket: props.destinationBucketArn,
            account: props.accountId,
            accessControlTranslation: { owner: "Destination" },
          },
        },
      ],
    });

    const logGroupName = `/aws/lambda/${name}-snapshot-export`;
    const logGroup = new CloudwatchLogGroup(this, "snapshot_export_logs", {
      count,
      name: logGroupName,
      retentionInDays: 30,
    });
    const jobRole = new IamRole(this, "snapshot_export_role", {
      count,
      namePrefix: `${Token.asString(hcl`substr(${name}, 0, 24)`)}-snapshot-export-`,
      assumeRolePolicy: Fn.jsonencode(trustPolicy("lambda.amazonaws.com")),
    });
    new IamRolePolicy(this, "snapshot_export_policy", {
      count,
      role: first(jobRole, "id"),
      policy: Fn.jsonencode(
        jobPolicy({ group: name, partition: props.partition, region, account, bucketArn, logGroupArn: `arn:${props.partition}:logs:${region}:${account}:log-group:${logGroupName}`, metricNamespace: METRIC_NAMESPACE }),
      ),
    });
    const job = jobPackage();
    const path: string = this.node.tryGetContext(JOB_PACKAGE_PATH_CONTEXT) ?? stackAsset(TerraformStack.of(this), job.path).path;
    this.function = new LambdaFunction(this, "snapshot_export_function", {
      count,
      functionName: `${name}-snapshot-export`,
      description: `Exports the newest snapshot of ElastiCache replication group ${name} for account ${props.accountId}`,
      role: first(jobRole, "arn"),
      runtime: "nodejs22.x",
      handler: "index.handler",
      filename: path,
      sourceCodeHash: job.sha256,
      timeout: 300,
      memorySize: 256,
      environment: {
        variables: {
          REPLICATION_GROUP_ID: name,
          EXPORT_BUCKET: props.bucketName,
          MAX_SNAPSHOTS: text(props.maxSnapshots),
          TAKE_SNAPSHOTS: props.takeSnapshots,
          METRIC_NAMESPACE,
        },
      },
      dependsOn: [logGroup, props.group],
    });
    const rule = new CloudwatchEventRule(this, "snapshot_export_schedule", {
      count,
      name: `${name}-snapshot-export`,
      description: `Runs the snapshot export of ElastiCache replication group ${name}`,
      scheduleExpression: props.schedule,
    });
    new CloudwatchEventTarget(this, "snapshot_export_target", {
      count,
      rule: first(rule, "name"),
      arn: first(this.function, "arn"),
    });
    new LambdaPermission(this, "snapshot_export_invoke", {
      count,
      statementId: "schedule",
      action: "lambda:InvokeFunction",
      functionName: first(this.function, "functionName"),
      principal: "events.amazonaws.com",
      sourceArn: first(rule, "arn"),
    });

    if (props.alarmEnabled !== false) {
      this.alarm = new CloudwatchMetricAlarm(this, "snapshot_export_alarm", {
        count: countWhen(props.alarmEnabled),
        alarmName: `${name}-snapshot-export-failed`,
        alarmDescription: `No snapshot of ElastiCache replication group ${name} was exported for account ${props.accountId} in the last ${text(props.alarmPeriod)} seconds`,
        namespace: METRIC_NAMESPACE,
        metricName: SUCCESS_METRIC,
        dimensions: { ReplicationGroupId: name },
        statistic: "Sum",
        period: props.alarmPeriod,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        // A run that fails reports nothing: missing data is the failure this alarm is for.
        treatMissingData: "breaching",
        alarmActions: props.snsTopicArns,
        okActions: props.snsTopicArns,
        insufficientDataActions: props.snsTopicArns,
      });
    }
  }
}
