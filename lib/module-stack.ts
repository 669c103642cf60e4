import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformElement, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct, Node } from "constructs";
import { address, ADDRESSES, hclModuleAddress } from "./addresses";
import {
  camelCase,
  CLUSTER_MODE_TYPE,
  INPUTS,
  InputSpec,
  InputValues,
  TerraformType,
  WARNINGS,
} from "./inputs";
import { OUTPUTS } from "./outputs";
import type { ElastiCacheRedisProps } from "./props";
import { ElastiCacheRedis } from "./redis";
import { combinedConditions, inputConditions, isValidatedByItsVariable } from "./validation";

/**
 * The oldest Terraform the module is written for: it uses nothing newer than 1.5 (check blocks,
 * strcontains). The tests run the Terraform on PATH (1.11 here).
 */
const TERRAFORM_VERSION_RANGE = ">= 1.5.0";
/** The provider bindings are generated for hashicorp/aws 5.100.0; the arguments used all exist across 5.x. */
const AWS_PROVIDER_SOURCE = "hashicorp/aws";
const AWS_PROVIDER_VERSION_RANGE = ">= 5.0.0, < 6.0.0";

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
      return variable.value;
  }
}

/**
 * The drop-in replacement of the HCL module: the construct wired to one variable per input and the 6
 * outputs, each resource at the address the HCL module's resource had minus its child-module
 * prefix, and a `moved` block from every old address so existing state carries over.
 *
 * A reusable module configures neither a backend nor a provider: its caller (Terragrunt or a root
 * module) does. cdktf adds both to every stack, so toTerraform() takes them out again, together
 * with cdktf's per-resource metadata.
 */
export class RedisModuleStack extends TerraformStack {
  readonly redis: ElastiCacheRedis;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Declares the provider requirement (and satisfies cdktf's provider check); its block is dropped below.
    new AwsProvider(this, "aws");

    const props: Record<string, unknown> = {};
    const operands: Record<string, unknown> = {};
    for (const input of INPUTS as readonly InputSpec[]) {
      const variable = new TerraformVariable(this, input.name, {
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
      const value = variableToken(variable, input.type);
      const name = input.name as keyof InputValues;
      if (isValidatedByItsVariable(name)) {
        for (const validation of inputConditions(name, value)) variable.addValidation(validation);
      }
      props[camelCase(input.name)] = value;
      operands[input.name] = value;
    }

    // Warnings, not errors: a failed check assertion is reported by plan and apply without stopping them.
    for (const [i, check] of combinedConditions(WARNINGS, operands as InputValues, "").entries()) {
      this.addOverride(`check.${WARNINGS[i].id}.assert`, [
        { condition: check.condition, error_message: check.errorMessage },
      ]);
    }

    this.redis = new ElastiCacheRedis(this, "redis", props as unknown as ElastiCacheRedisProps, {
      inputsAreValidatedVariables: true,
    });

    for (const output of OUTPUTS) {
      new TerraformOutput(this, output.name, {
        value: this.redis[output.attribute],
        description: output.description,
      });
    }
  }

  /**
   * Exact names instead of cdktf's path hashes: resources get their HCL module names, everything
   * else (variables, outputs, the member-ids local) its construct id. Names are fixed as they are
   * first referenced, so this cannot be an override applied after the construct is built.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const id = TerraformElement.isTerraformElement(element) ? element.node.id : element.id;
    return ADDRESSES.find((a) => a.id === id)?.name ?? id;
  }

  override toTerraform(): TerraformJson {
    const tf = super.toTerraform();
    // Terraform ignores "//" keys; the cdktf CLI needs the top-level one, minus the backend it names.
    tf["//"] = { metadata: { stackName: this.node.id, version: tf["//"].metadata.version } };
    delete tf.provider;
    for (const resources of Object.values<TerraformJson>(tf.resource ?? {})) {
      for (const resource of Object.values<TerraformJson>(resources)) delete resource["//"];
    }
    tf.terraform = {
      required_version: TERRAFORM_VERSION_RANGE,
      required_providers: { aws: { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_VERSION_RANGE } },
    };
    tf.moved = ADDRESSES.map((a) => ({ from: hclModuleAddress(a), to: address(a) }));
    return tf;
  }
}
