/**
 * What makes a bucket of snapshot copies private, encrypted and versioned (replication needs
 * versioning on both sides), with every object its owner's: shared by the export bucket and the
 * destination bucket, each resource named `<prefix>_<role>`.
 */
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { TerraformCount } from "cdktf";
import type { Construct } from "constructs";

/** @returns the versioning, which replication and lifecycle rules must wait for. */
export function privateVersionedBucket(scope: Construct, prefix: string, bucket: string, count?: TerraformCount): S3BucketVersioningA {
  const versioning = new S3BucketVersioningA(scope, `${prefix}_versioning`, {
    count,
    bucket,
    versioningConfiguration: { status: "Enabled" },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${prefix}_encryption`, {
    count,
    bucket,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  new S3BucketPublicAccessBlock(scope, `${prefix}_public_access`, {
    count,
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  // ACLs off: every object, replicated copies included, belongs to the bucket's account.
  new S3BucketOwnershipControls(scope, `${prefix}_ownership`, {
    count,
    bucket,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  return versioning;
}
