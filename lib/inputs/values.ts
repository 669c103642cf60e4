import { Tokenization } from "cdktf";
import { CLUSTER_MODE_TYPE, INPUTS, InputName, InputSpec, LOG_DELIVERY_TYPE, TerraformType } from "./table";
import type { ElastiCacheRedisProps } from "./props";

const OBJECT_TYPES: readonly TerraformType[] = [CLUSTER_MODE_TYPE, LOG_DELIVERY_TYPE];

/**
 * Input values by Terraform name, in the shape Terraform gives them (cluster_mode objects with
 * their Terraform attribute names), defaults applied; an input whose default is null and that is
 * not set is undefined. Each value is a literal or a token. Rules, warnings, derivations and
 * messages all read this one shape, which props are turned into here and nowhere else.
 */
export type InputValues = Readonly<Record<InputName, any>>;

/** One cluster mode object as Terraform holds it. */
export interface TerraformClusterMode {
  readonly num_node_groups: number;
  readonly replicas_per_node_group: number;
}

/**
 * The inputs by their Terraform names, as the drop-in module's variables (or a Terragrunt
 * `inputs` block) give them: the construct's alternative to camelCase props.
 */
export class TerraformInputs {
  constructor(readonly values: Readonly<Partial<Record<InputName, unknown>>>) {}
}

/** The construct's prop for an input: its Terraform name in camelCase. */
export function propName(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

const attributeName = (prop: string) => prop.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** An object prop (cluster mode, log delivery) with its Terraform attribute names; tokens as they are. */
function terraformObject(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(terraformObject);
  if (value === null || typeof value !== "object" || Tokenization.isResolvable(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [attributeName(key), v]));
}

function fromProps(props: ElastiCacheRedisProps, input: InputSpec): unknown {
  const value: unknown = new Map(Object.entries(props)).get(propName(input.name));
  return OBJECT_TYPES.includes(input.type) ? terraformObject(value) : value;
}

/** The inputs in the one shape, with the module's defaults; null takes the default too, as in the module. */
export function inputValues(props: ElastiCacheRedisProps | TerraformInputs): InputValues {
  const given = (input: InputSpec) =>
    props instanceof TerraformInputs ? props.values[input.name as InputName] : fromProps(props, input);
  return Object.fromEntries(
    (INPUTS as readonly InputSpec[]).map((input) => {
      const value = given(input);
      return [input.name, value != null || input.required ? value : (input.default ?? undefined)];
    }),
  ) as InputValues;
}
