/**
 * What the snapshot export derives from its inputs (docs/spec/snapshot-export.md), each a
 * TypeScript function paired with the Terraform expression of the same.
 */
import { createHash } from "node:crypto";
import type { Derivation } from "./derive";
import { hcl } from "./hcl";

/**
 * Whether the job takes snapshots itself: when the group keeps no automatic ones
 * (snapshot_retention_limit 0). A string, as the function's environment holds it.
 */
export const takeOwnSnapshots: Derivation<[retention: number], "true" | "false"> = {
  kind: "string",
  literal: (retention) => (retention === 0 ? "true" : "false"),
  expression: (retention) => hcl`${retention} == 0 ? "true" : "false"`,
};

/** The region of an ARN (`arn:partition:service:region:account:...`): the group's, where the export happens. */
export const regionOf: Derivation<[arn: string], string> = {
  kind: "string",
  local: "region",
  literal: (arn) => arn.split(":")[3],
  expression: (arn) => hcl`split(":", ${arn})[3]`,
};

/** The account of an ARN: the group's, whose snapshots are exported. */
export const accountOf: Derivation<[arn: string], string> = {
  kind: "string",
  local: "account_id",
  literal: (arn) => arn.split(":")[4],
  expression: (arn) => hcl`split(":", ${arn})[4]`,
};

/**
 * The export bucket's name: the group's name (40 characters at most), then 12 hex digits of a
 * hash of the account and region, since bucket names are global and group names only regional:
 * 63 characters at most, S3's limit.
 */
export const exportBucketName: Derivation<[name: string, account: string, region: string], string> = {
  kind: "string",
  literal: (name, account, region) => `${name}-snapshots-${createHash("sha256").update(`${account}:${region}`).digest("hex").slice(0, 12)}`,
  expression: (name, account, region) => hcl`format("%s-snapshots-%s", ${name}, substr(sha256(format("%s:%s", ${account}, ${region})), 0, 12))`,
};

/** The partition of an ARN: aws, aws-cn, aws-us-gov. */
export const partitionOf: Derivation<[arn: string], string> = {
  kind: "string",
  local: "partition",
  literal: (arn) => arn.split(":")[1],
  expression: (arn) => hcl`split(":", ${arn})[1]`,
};
