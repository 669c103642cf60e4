/**
 * The inputs of the destination side of the snapshot export (docs/snapshot-export.md): the
 * `redis-snapshot-destination` module that the receiving account applies, and the
 * SnapshotDestination construct, whose props are these names. Declared once, here.
 */
import { AWS_ACCOUNT_ID, S3_BUCKET_NAME } from "./patterns";
import { matches, Rule, tagLimits, wholeNumber } from "../rules/builders";
import type { InputSpec } from "./table";

export const DESTINATION_INPUTS = [
  {
    name: "bucket_name",
    type: "string",
    required: true,
    description: "Name of the bucket that receives the copies, in the region where restores happen (the source cluster's region).",
    rules: [matches(S3_BUCKET_NAME, "be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit")],
  },
  {
    name: "source_account_id",
    type: "string",
    required: true,
    description: "The account whose clusters export their snapshots here (their share_snapshot_with_another_account).",
    rules: [matches(AWS_ACCOUNT_ID, "be a 12-digit AWS account id")],
  },
  {
    name: "noncurrent_version_days",
    type: "number",
    required: false,
    default: 30,
    description: "Days a copy is kept after the source deleted it (its deletion arrives as a delete marker; the copy stays a previous version).",
    rules: [wholeNumber(1, 3650)],
  },
  {
    name: "tags",
    type: "map(string)",
    required: false,
    default: {},
    description: "Tags put on the bucket.",
    rules: [tagLimits(128, 256)],
  },
] as const satisfies readonly InputSpec[];

type DestinationInput = (typeof DESTINATION_INPUTS)[number];
interface Types {
  string: string;
  number: number;
  "map(string)": Record<string, string>;
}

/** The destination's props, by their Terraform names; a token wherever Terraform gives the value. */
export type SnapshotDestinationProps = {
  readonly [I in Extract<DestinationInput, { required: true }> as I["name"]]: Types[I["type"]];
} & {
  readonly [I in Extract<DestinationInput, { required: false }> as I["name"]]?: Types[I["type"]];
};

/** Each input's rules, by name. */
export const DESTINATION_RULES: ReadonlyMap<string, readonly Rule[]> = new Map(DESTINATION_INPUTS.map((i) => [i.name, i.rules]));
