import type { IResolvable } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { renderProps } from "../bin/docs";
import { CLUSTER_MODE_TYPE, INPUTS, LOG_DELIVERY_TYPE } from "../lib/inputs";
import type { ClusterModeConfig, ElastiCacheRedisProps, LogDeliveryConfig } from "../lib/props";
import { EXPECTED_VARIABLES } from "./helpers/spec";

/**
 * The props interface users read in their editor (lib/props.ts) is generated from the input table;
 * here it is checked against the table at the type level (by `npm run typecheck`, which the
 * typecheck test runs), and against the generator.
 */

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
type PropOf<I extends Input> = TypeScriptTypes[I["type"]];

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

describe("the construct's props", () => {
  it("are exactly the table's inputs, with the table's types and optionality", () => {
    expectTypeOf<Flat<ElastiCacheRedisProps>>().toEqualTypeOf<PropsFromTable>();
  });

  it("are what npm run docs generates from the table", () => {
    const committed = readFileSync(join(__dirname, "..", "lib", "props.ts"), "utf8");
    expect(committed, "lib/props.ts is out of date: run npm run docs").toBe(renderProps());
  });

  it("document every prop, and give every optional one its default", () => {
    const text = renderProps();
    const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [name, [, defaultValue]] of Object.entries(EXPECTED_VARIABLES)) {
      const declaration = new RegExp(`/\\*\\*\\n((?:   \\*.*\\n)+)   \\*/\\n  readonly ${camel(name)}(\\?)?: `).exec(text);
      expect(declaration, name).not.toBeNull();
      const [, doc, optional] = declaration!;
      expect(doc, name).toContain(`Terraform variable: \`${name}\`.`);
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
