/**
 * The inputs' values in the one shape the construct reads (InputValues), and the two ways they are
 * given: camelCase props (props.ts) or, as the drop-in module's variables give them, Terraform
 * names (TerraformInputs). The types follow the input table: each input's Terraform type, a literal
 * union where its rules allow a closed set, optional where its default is null.
 */
import { IResolvable, Token, Tokenization } from "cdktf";
import {
  CLUSTER_MODE_TYPE,
  ClosedSet,
  InputName,
  InputOf,
  INPUTS,
  InputSpec,
  LOG_DELIVERY_TYPE,
  LogDeliverySet,
  NullableInputName,
  RequiredInputName,
  TerraformType,
} from "./table";
import type { ElastiCacheRedisProps } from "./props";

const OBJECT_TYPES: readonly TerraformType[] = [CLUSTER_MODE_TYPE, LOG_DELIVERY_TYPE];

/** One cluster mode object as Terraform holds it. */
export interface TerraformClusterMode {
  readonly num_node_groups: number;
  readonly replicas_per_node_group: number;
}

/** One log delivery configuration as Terraform holds it. */
export interface TerraformLogDelivery {
  readonly destination: string;
  readonly destination_type: LogDeliverySet<"destination_type">;
  readonly log_format: LogDeliverySet<"log_format">;
}

declare const stringToken: unique symbol;

/**
 * A token cdktf encodes in a string (Token.asString, a variable's stringValue). Plain `string`
 * covers it everywhere but in a closed set's union, which it would widen back to `string`.
 */
export type StringToken = string & { readonly [stringToken]: true };

/**
 * A value of each Terraform type, literal or token: cdktf encodes tokens of strings, numbers, and
 * lists and maps of strings as values of those types; a token of any other type is an IResolvable.
 */
interface TerraformTypes {
  string: string;
  number: number;
  bool: boolean | IResolvable;
  "list(string)": string[];
  "map(string)": Record<string, string>;
  [CLUSTER_MODE_TYPE]: readonly TerraformClusterMode[] | IResolvable;
  [LOG_DELIVERY_TYPE]: TerraformLogDelivery | IResolvable;
}

type TypeOf<N extends InputName> = TerraformTypes[InputOf<N>["type"]];

/** A member of the closed set its rules allow, or a token; else any value of its Terraform type. */
type ValueOf<N extends InputName> = [ClosedSet<N>] extends [never] ? TypeOf<N> : ClosedSet<N> | StringToken;

/**
 * Input values by Terraform name, in the shape Terraform gives them (objects with their Terraform
 * attribute names), defaults applied; an input whose default is null and that is not set is
 * undefined. Each value is a literal or a token. Rules, warnings, derivations and messages all
 * read this one shape, which props are turned into here and nowhere else.
 */
export type InputValues = {
  readonly [N in InputName]: ValueOf<N> | (N extends NullableInputName ? undefined : never);
};

/**
 * The values as a rule's literal test reads them, once the inputs it names hold no token: no
 * IResolvable, and a closed set's string is one of its members.
 */
export type LiteralValues = {
  readonly [N in InputName]: Exclude<InputValues[N], IResolvable | StringToken>;
};

/**
 * The inputs by Terraform name as TerraformInputs takes them: the required ones must be given.
 * A value is typed as the module's variable is, by its Terraform type alone, so any string token
 * fits; the rules check the closed sets, at synth for literals and at plan for tokens.
 */
export type TerraformInputValues = {
  readonly [N in RequiredInputName]: TypeOf<N>;
} & {
  readonly [N in Exclude<InputName, RequiredInputName>]?: TypeOf<N>;
};

/**
 * The inputs by their Terraform names, as the drop-in module's variables (or a Terragrunt
 * `inputs` block) give them: the construct's alternative to camelCase props.
 */
export class TerraformInputs {
  // Private, so that no object literal passes for TerraformInputs, and TypeScript's `private`
  // rather than `#`: editors leave it out of completion in a props object literal, where they
  // would offer `#values`.
  constructor(private readonly values: TerraformInputValues) {}

  /** The values as given. */
  static valuesOf(inputs: TerraformInputs): TerraformInputValues {
    return inputs.values;
  }
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

/**
 * A token given as an IResolvable (a variable's `value`, typed any) for an input of a type cdktf
 * encodes tokens in, encoded so: a value is then what InputValues says it is.
 */
function encoded(value: unknown, type: TerraformType): unknown {
  if (!Tokenization.isResolvable(value)) return value;
  switch (type) {
    case "string":
      return Token.asString(value);
    case "number":
      return Token.asNumber(value);
    case "list(string)":
      return Token.asList(value);
    case "map(string)":
      return Token.asStringMap(value);
    default:
      return value;
  }
}

function fromProps(props: ElastiCacheRedisProps, input: InputSpec): unknown {
  const value: unknown = new Map(Object.entries(props)).get(propName(input.name));
  return OBJECT_TYPES.includes(input.type) ? terraformObject(value) : value;
}

/**
 * The inputs in the one shape, with the module's defaults; null takes the default too, as in the
 * module. The result is typed as valid values: a literal outside a closed set (from JavaScript, or
 * a string in TerraformInputs) is refused by checkLiterals before anything else reads it.
 */
export function inputValues(props: ElastiCacheRedisProps | TerraformInputs): InputValues {
  const given = (input: InputSpec): unknown =>
    props instanceof TerraformInputs ? TerraformInputs.valuesOf(props)[input.name as InputName] : fromProps(props, input);
  return Object.fromEntries(
    (INPUTS as readonly InputSpec[]).map((input) => {
      const value = encoded(given(input), input.type);
      return [input.name, value != null || input.required ? value : (input.default ?? undefined)];
    }),
  ) as InputValues;
}
