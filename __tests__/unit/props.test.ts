/**
 * The props interface users read in their editor (lib/inputs/props.ts) is generated from the input
 * table; here it is checked against the table at the type level (by `npm run typecheck`, which the
 * typecheck test runs), and against the generator.
 */
import type { IResolvable } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { renderProps } from "../../tools/docs";
import { CLUSTER_MODE_TYPE, ClosedSet, INPUTS, LOG_DELIVERY_TYPE, LogDeliverySet } from "../../lib/inputs/table";
import type { TerraformClusterMode, TerraformLogDelivery } from "../../lib/inputs/values";
import type { ClusterModeConfig, ElastiCacheRedisProps, LogDeliveryConfig } from "../../lib/inputs/props";
import { EXPECTED_VARIABLES, LATER_GRUNTWORK_VARIABLES, MODULE_ONLY_VARIABLES } from "../helpers/spec";

type Input = (typeof INPUTS)[number];
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
interface TypeScriptTypes {
  string: string;
  number: number;
  bool: boolean | IResolvable;
  "list(string)": string[];
  "map(string)": Record<string, string>;
  [CLUSTER_MODE_TYPE]: ClusterModeConfig[] | IResolvable;
  [LOG_DELIVERY_TYPE]: LogDeliveryConfig | IResolvable;
}
/** A closed set of strings is the union of its literals; any other input takes its Terraform type's TypeScript type. */
type PropOf<I extends Input> = [ClosedSet<I["name"]>] extends [never] ? TypeScriptTypes[I["type"]] : ClosedSet<I["name"]>;

/** One object type from an intersection, so that it compares equal to an interface. */
type Flat<T> = { [K in keyof T]: T[K] };

/** The props the table implies: required inputs required, optional ones optional, by camelCase name. */
type PropsFromTable = Flat<
  {
    readonly [I in Extract<Input, { required: true }> as CamelCase<I["name"]>]: PropOf<I>;
  } & {
    readonly [I in Extract<Input, { required: false }> as CamelCase<I["name"]>]?: PropOf<I>;
  }
>;

/** An object type with its Terraform attribute names in camelCase, as props hold it. */
type CamelKeys<T> = { readonly [K in keyof T & string as CamelCase<K>]: T[K] };

/** docs/spec/later-inputs.md §1: the release that added each later input. */
const LATER_SINCE: Record<string, string> = {
  alarm_treat_missing_data: "0.96.3",
  alarm_low_memory_available_threshold: "0.104.5",
  num_node_groups: "0.105.0",
  replicas_per_node_group: "0.105.0",
  auto_minor_version_upgrade: "0.111.6",
  engine_log_delivery_configuration: "0.111.6",
  slow_log_delivery_configuration: "0.111.6",
  alarm_high_cpu_utilization_treat_missing_data: "0.146.0",
  alarm_low_memory_available_treat_missing_data: "0.146.0",
};

describe("the construct's props", () => {
  it("are exactly the table's inputs, with the table's types and optionality", () => {
    expectTypeOf<Flat<ElastiCacheRedisProps>>().toEqualTypeOf<PropsFromTable>();
  });

  it("take objects of the Terraform shapes, attribute names in camelCase, closed sets as unions", () => {
    expectTypeOf<Flat<ClusterModeConfig>>().toEqualTypeOf<CamelKeys<TerraformClusterMode>>();
    expectTypeOf<Flat<LogDeliveryConfig>>().toEqualTypeOf<CamelKeys<TerraformLogDelivery>>();
    expectTypeOf<LogDeliveryConfig["destinationType"]>().toEqualTypeOf<LogDeliverySet<"destination_type">>();
    expectTypeOf<LogDeliveryConfig["logFormat"]>().toEqualTypeOf<LogDeliverySet<"log_format">>();
  });

  it("are what npm run docs generates from the table", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "lib", "inputs", "props.ts"), "utf8");
    expect(committed, "lib/inputs/props.ts is out of date: run npm run docs").toBe(renderProps());
  });

  it("document every prop, and give every optional one its default", () => {
    const text = renderProps();
    const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const origins: [Record<string, [string, unknown]>, (name: string) => string][] = [
      [EXPECTED_VARIABLES, () => "Gruntwork v0.85.0"],
      [LATER_GRUNTWORK_VARIABLES, (name) => `Gruntwork v${LATER_SINCE[name]}`],
      [MODULE_ONLY_VARIABLES, () => "this module's own, not in Gruntwork's"],
    ];
    const props = origins.flatMap(([variables, origin]) =>
      Object.entries(variables).map(([name, [, defaultValue]]) => ({ name, defaultValue, origin: origin(name) })),
    );
    expect(props).toHaveLength(59);
    for (const { name, defaultValue, origin } of props) {
      const declaration = new RegExp(`/\\*\\*\\n((?:   \\*.*\\n)+)   \\*/\\n  readonly ${camel(name)}(\\?)?: `).exec(text);
      expect(declaration, name).not.toBeNull();
      const [, wrapped, optional] = declaration!;
      // The comment as one line: a long name wraps it.
      const doc = wrapped.replace(/\n? {3}\* ?/g, " ");
      expect(doc, name).toContain(`Terraform variable: \`${name}\` (${origin}).`);
      if (typeof defaultValue === "symbol") {
        expect(optional, name).toBeUndefined();
        expect(doc, name).not.toContain("@default");
      } else {
        expect(optional, name).toBe("?");
        expect(doc, name).toContain(defaultValue === null ? "@default - not set" : `@default ${JSON.stringify(defaultValue)}`);
      }
    }
  });
});
