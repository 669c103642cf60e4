/**
 * A JSON Schema (draft 2020-12) of the module's inputs, from the input table: the types, defaults
 * and descriptions, plus what each input's rules can say in JSON Schema. Editors and Terragrunt
 * users validate `inputs` files against it; rules between inputs remain Terraform's to check.
 */
import { CLUSTER_MODE_TYPE, INPUTS, InputSpec, LOG_DELIVERY_TYPE, TerraformType } from "./table";

type Schema = Record<string, any>;

const TYPES: Record<TerraformType, Schema> = {
  string: { type: "string" },
  number: { type: "number" },
  bool: { type: "boolean" },
  "list(string)": { type: "array", items: { type: "string" } },
  "map(string)": { type: "object", additionalProperties: { type: "string" } },
  [CLUSTER_MODE_TYPE]: {
    type: "array",
    items: {
      type: "object",
      required: ["num_node_groups", "replicas_per_node_group"],
      additionalProperties: false,
      properties: { num_node_groups: { type: "number" }, replicas_per_node_group: { type: "number" } },
    },
  },
  [LOG_DELIVERY_TYPE]: {
    type: "object",
    required: ["destination", "destination_type", "log_format"],
    additionalProperties: false,
    properties: { destination: { type: "string" }, destination_type: { type: "string" }, log_format: { type: "string" } },
  },
};

const isObject = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Merges schema keywords; nested keyword objects (items, properties...) merge recursively. */
function merge(base: Schema, extra: Schema): Schema {
  const merged: Schema = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    merged[key] = isObject(value) && isObject(merged[key]) ? merge(merged[key], value) : value;
  }
  return merged;
}

function inputSchema(input: InputSpec): Schema {
  let schema = merge({ description: input.description }, TYPES[input.type]);
  for (const rule of input.rules ?? []) if (rule.schema) schema = merge(schema, rule.schema);
  if (!input.required) {
    schema.default = input.default;
    if (input.default === null) {
      schema.type = [schema.type, "null"];
      // enum is not limited by type: null must be one of its values too.
      if (schema.enum) schema.enum = [...schema.enum, null];
    }
  }
  if (input.sensitive) schema.writeOnly = true;
  return schema;
}

export function inputsSchema(): Schema {
  const inputs = INPUTS as readonly InputSpec[];
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Inputs of the Amazon ElastiCache for Redis module (data-stores/redis)",
    type: "object",
    additionalProperties: false,
    required: inputs.filter((input) => input.required).map((input) => input.name),
    properties: Object.fromEntries(inputs.map((input) => [input.name, inputSchema(input)])),
  };
}
