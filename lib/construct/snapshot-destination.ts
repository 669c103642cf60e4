/**
 * The destination side of the snapshot export (docs/snapshot-export.md), applied in the account
 * that receives the copies: a versioned, private bucket that the source account's replication
 * role may write to, owned by this account, and readable by ElastiCache of its region so that a
 * cluster here can be created from a copy (`snapshot_arn`).
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { derive, isKnown } from "../expressions/derive";
import { partitionOf } from "../expressions/snapshot-export";
import { DESTINATION_INPUTS, DESTINATION_RULES, SnapshotDestinationProps } from "../inputs/destination";
import { jsonencode } from "../rules/messages";
import { InvalidInputsError } from "../rules/literal-checks";
import { privateVersionedBucket } from "./private-bucket";
import { destinationBucketPolicy } from "./snapshot-export-policies";

/** Each literal prop's broken rules, as messages naming the input, the value and the rule. */
export function destinationViolations(props: SnapshotDestinationProps): string[] {
  return DESTINATION_INPUTS.flatMap((input) => {
    const value = (props as Record<string, unknown>)[input.name] ?? ("default" in input ? input.default : undefined);
    if (value === undefined || !isKnown(value)) return [];
    return (DESTINATION_RULES.get(input.name) ?? []).filter((rule) => !rule.test(value)).map((rule) => `Invalid ${input.name} ${jsonencode(value)}: must ${rule.text}.`);
  });
}

export class SnapshotDestination extends Construct {
  readonly bucket: S3Bucket;

  /** @throws InvalidInputsError listing every rule that literal props break. */
  constructor(scope: Construct, id: string, props: SnapshotDestinationProps) {
    super(scope, id);
    const violations = destinationViolations(props);
    if (violations.length > 0) throw new InvalidInputsError(this.node.path, violations);

    this.bucket = new S3Bucket(this, "snapshot_destination_bucket", {
      bucket: props.bucket_name,
      forceDestroy: false,
      tags: props.tags,
    });
    const bucket = this.bucket.id;
    const versioning = privateVersionedBucket(this, "snapshot_destination", bucket);
    new S3BucketPolicy(this, "snapshot_destination_bucket_policy", {
      bucket,
      policy: Fn.jsonencode(
        destinationBucketPolicy(this.bucket.arn, this.bucket.region, derive(partitionOf, this.bucket.arn), props.source_account_id),
      ),
    });
    new S3BucketLifecycleConfiguration(this, "snapshot_destination_lifecycle", {
      bucket,
      dependsOn: [versioning],
      rule: [
        {
          id: "expire-deleted-copies",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrent_version_days ?? 30 }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
    });
  }
}
