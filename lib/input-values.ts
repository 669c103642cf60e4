import { INPUTS, InputName, InputSpec } from "./inputs";
import type { ClusterModeConfig, ElastiCacheRedisProps } from "./props";

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

function terraformClusterMode(clusterMode: unknown): unknown {
  if (!Array.isArray(clusterMode)) return clusterMode;
  return clusterMode.map((c: ClusterModeConfig) => ({
    num_node_groups: c.numNodeGroups,
    replicas_per_node_group: c.replicasPerNodeGroup,
  }));
}

function fromProps(props: ElastiCacheRedisProps, name: InputName): unknown {
  const value: unknown = new Map(Object.entries(props)).get(propName(name));
  return name === "cluster_mode" ? terraformClusterMode(value) : value;
}

/** The inputs in the one shape, with the module's defaults; null takes the default too, as in the module. */
export function inputValues(props: ElastiCacheRedisProps | TerraformInputs): InputValues {
  const given = (name: InputName) => (props instanceof TerraformInputs ? props.values[name] : fromProps(props, name));
  return Object.fromEntries(
    (INPUTS as readonly InputSpec[]).map((input) => {
      const value = given(input.name as InputName);
      return [input.name, value != null || input.required ? value : (input.default ?? undefined)];
    }),
  ) as InputValues;
}
