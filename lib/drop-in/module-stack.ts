import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformElement, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct, Node } from "constructs";
import { address, ADDRESSES, hclModuleAddress, MOVED_ADDRESSES } from "./addresses";
import { CLUSTER_MODE_TYPE, INPUTS, InputSpec, LOG_DELIVERY_TYPE, TerraformType } from "../inputs/table";
import { TerraformInputs, type TerraformInputValues } from "../inputs/values";
import { OUTPUTS } from "../construct/outputs";
import { JOB_PACKAGE, packageInfo } from "./package-info";
import { JOB_PACKAGE_PATH_CONTEXT } from "../construct/snapshot-export";
import { ElastiCacheRedis } from "../construct/redis";

/**
 * The oldest Terraform the module is written for: it uses nothing newer than 1.5 (check blocks,
 * strcontains). The tests run the Terraform on PATH (1.11 here).
 */
const TERRAFORM_VERSION_RANGE = ">= 1.5.0";
/**
 * From 5.28, the first release with a working auth_token_update_strategy (added in 5.27), to the
 * last 6.x: the tests plan with 5.100.0 and check the arguments against the 6.66.0 schema.
 */
const AWS_PROVIDER_SOURCE = "hashicorp/aws";
const AWS_PROVIDER_VERSION_RANGE = ">= 5.28.0, < 7.0.0";

type TerraformJson = Record<string, any>;

/** A variable's value as a token typed for a prop of the variable's Terraform type. */
export function variableToken(variable: TerraformVariable, type: TerraformType): unknown {
  switch (type) {
    case "string":
      return variable.stringValue;
    case "number":
      return variable.numberValue;
    case "bool":
      return variable.booleanValue;
    case "list(string)":
      return variable.listValue;
    case "map(string)":
      return Token.asStringMap(variable.value);
    case CLUSTER_MODE_TYPE:
    case LOG_DELIVERY_TYPE:
      return variable.value;
  }
}

/** One variable per input, as the HCL module declares it. */
export function declare(scope: Construct, input: InputSpec): TerraformVariable {
  const variable = new TerraformVariable(scope, input.name, {
    type: input.type,
    description: input.description,
    ...(input.required || input.default === null ? {} : { default: input.default }),
    ...(input.sensitive ? { sensitive: true } : {}),
    // null stands for "not set" only where that is the default; elsewhere it means the default
    // (or, for a required input, an error naming it) instead of a failure deep in an expression.
    ...(input.required || input.default !== null ? { nullable: false } : {}),
  });
  // cdktf cannot render a null default, yet `default = null` is what makes these inputs optional.
  if (!input.required && input.default === null) variable.addOverride("default", null);
  return variable;
}

/**
 * A stack synthesized as a reusable Terraform module: its variables are its inputs, its resources
 * have exact names (their construct ids, or the address map's), and it configures neither a
 * backend nor a provider, which its caller (Terragrunt or a root module) does. cdktf adds both to
 * every stack, so toTerraform() takes them out again, together with cdktf's per-resource metadata.
 */
export abstract class DropInModuleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // A module folder ships the snapshot job's package next to its JSON, wherever it is vendored.
    this.node.setContext(JOB_PACKAGE_PATH_CONTEXT, `\${path.module}/${JOB_PACKAGE}`);
    // Declares the provider requirement (and satisfies cdktf's provider check); its block is dropped below.
    new AwsProvider(this, "aws");
  }

  /**
   * Exact names instead of cdktf's path hashes: resources get their HCL module names, everything
   * else (variables, outputs, locals, check blocks) its construct id. Names are fixed as they are
   * first referenced, so this cannot be an override applied after the construct is built.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const id = TerraformElement.isTerraformElement(element) ? element.node.id : element.id;
    return ADDRESSES.find((a) => a.id === id)?.name ?? id;
  }

  /**
   * cdktf resolves every element once before synthesis to find references to other stacks, for
   * which it adds outputs and remote state. Everything this stack refers to is its own (its only
   * inputs are its variables), so that pass, as long as the synthesis proper (25-30 ms), would
   * find nothing.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override toTerraform(): TerraformJson {
    const tf = super.toTerraform();
    // Terraform ignores "//" keys; the cdktf CLI needs the top-level one, minus the backend it
    // names. It also says which release of this package wrote the module, for vendored copies.
    const { name, version } = packageInfo();
    tf["//"] = {
      metadata: { stackName: this.node.id, version: tf["//"].metadata.version },
      generated_by: `${name} ${version}`,
    };
    delete tf.provider;
    for (const resources of Object.values<TerraformJson>(tf.resource ?? {})) {
      for (const resource of Object.values<TerraformJson>(resources)) delete resource["//"];
    }
    tf.terraform = {
      required_version: TERRAFORM_VERSION_RANGE,
      required_providers: { aws: { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_VERSION_RANGE } },
    };
    return tf;
  }
}

/**
 * The drop-in replacement of the HCL module: the construct given one variable per input, and the 6
 * outputs, each resource at the address the HCL module's resource had minus its child-module
 * prefix, and a `moved` block from every old address so existing state carries over.
 */
export class RedisModuleStack extends DropInModuleStack {
  readonly redis: ElastiCacheRedis;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Every input, each its variable's token typed for the variable's Terraform type.
    const values = Object.fromEntries(
      (INPUTS as readonly InputSpec[]).map((input) => [input.name, variableToken(declare(this, input), input.type)] as const),
    ) as TerraformInputValues;
    // The construct checks the values: its rules become these variables' validation blocks, or
    // preconditions where a rule involves several inputs or its message reads a local.
    this.redis = new ElastiCacheRedis(this, "redis", new TerraformInputs(values));

    for (const output of OUTPUTS) {
      new TerraformOutput(this, output.name, {
        value: this.redis[output.attribute],
        description: output.description,
      });
    }
  }

  override toTerraform(): TerraformJson {
    const tf = super.toTerraform();
    tf.moved = MOVED_ADDRESSES.map((a) => ({ from: hclModuleAddress(a), to: address(a) }));
    return tf;
  }
}
