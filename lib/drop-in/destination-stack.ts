import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { declare, DropInModuleStack, variableToken } from "./module-stack";
import { DESTINATION_INPUTS, SnapshotDestinationProps } from "../inputs/destination";
import type { InputSpec } from "../inputs/table";
import { SnapshotDestination } from "../construct/snapshot-destination";

/**
 * The `redis-snapshot-destination` module, synthesized next to `redis`: the receiving account
 * applies it, then gives its `bucket_arn` output to the source cluster's
 * share_snapshot_destination_bucket_arn. Each input is a variable whose rules are its validation.
 */
export class SnapshotDestinationStack extends DropInModuleStack {
  readonly destination: SnapshotDestination;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const values = Object.fromEntries(
      (DESTINATION_INPUTS as readonly InputSpec[]).map((input) => {
        const variable = declare(this, input);
        for (const rule of input.rules ?? []) {
          variable.addValidation({
            condition: rule.condition(variable.value),
            errorMessage: `Invalid ${input.name} \${jsonencode(var.${input.name})}: must ${rule.text}.`,
          });
        }
        return [input.name, variableToken(variable, input.type)] as const;
      }),
    ) as unknown as SnapshotDestinationProps;
    this.destination = new SnapshotDestination(this, "destination", values);

    new TerraformOutput(this, "bucket_arn", {
      value: this.destination.bucket.arn,
      description: "The bucket's ARN: the source cluster's share_snapshot_destination_bucket_arn.",
    });
    // Named apart from the bucket_name variable: a module's variables and outputs share construct ids here.
    new TerraformOutput(this, "bucket", {
      value: this.destination.bucket.bucket,
      description: "The bucket's name: restore a copy with snapshot_arn = arn:aws:s3:::<bucket>/<export>-0001.rdb.",
    });
  }
}
