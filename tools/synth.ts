import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElastiCacheRedisProps } from "../lib/inputs/props";
import { SnapshotDestinationStack } from "../lib/drop-in/destination-stack";
import { RedisModuleStack } from "../lib/drop-in/module-stack";
import { ElastiCacheRedis } from "../lib/construct/redis";
import { requireTerraform, started } from "./terraform";

export type TerraformJson = Record<string, any>;

/** Runs fn with a fresh temporary folder and removes it once fn (or the promise it returns) is done. */
export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "redis-cdktf-"));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    result = fn(dir);
  } catch (error) {
    cleanUp();
    throw error;
  }
  if (result instanceof Promise) return result.finally(cleanUp) as T;
  cleanUp();
  return result;
}

/** The cdk.tf.json of one drop-in module stack, synthesized alone as `npm run synth` writes it. */
function stackText(id: string, addStack: (app: App, id: string) => unknown): string {
  return withTempDir((outdir) => {
    const app = new App({ outdir });
    addStack(app, id);
    app.synth();
    return readFileSync(join(outdir, "stacks", id, "cdk.tf.json"), "utf8");
  });
}

/** The drop-in module's cdk.tf.json exactly as `npm run synth` writes it. */
export const synthModuleText = (): string => stackText("redis", (app, id) => new RedisModuleStack(app, id));

/** The redis-snapshot-destination module's text, as this tree synthesizes it. */
export const synthDestinationText = (): string => stackText("redis-snapshot-destination", (app, id) => new SnapshotDestinationStack(app, id));

/**
 * The synthesized module's text, once terraform is known to be there: a missing terraform or
 * mirror rejects it, so every test that awaits it fails with the install instructions.
 */
export function moduleForTerraform(): Promise<string> {
  return started(
    Promise.resolve().then(() => {
      requireTerraform();
      return synthModuleText();
    }),
  );
}

export function synthModule(): TerraformJson {
  return JSON.parse(synthModuleText());
}

/**
 * What a value synthesizes to as a Terraform output, with variables of the given names in scope
 * (`var.<name>`): how a test reads the HCL an expression or a rule writes.
 */
export function renderedValue(
  build: (vars: Record<string, TerraformVariable>) => unknown,
  variables: readonly string[] = [],
): unknown {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    const vars = Object.fromEntries(variables.map((n) => [n, new TerraformVariable(stack, n, {})]));
    new TerraformOutput(stack, "out", { value: build(vars) });
    return JSON.parse(Testing.synth(stack)).output.out.value;
  });
}

/** One stack holding the construct with the given literal props, synthesized to JSON. */
export function synthRedis(props: ElastiCacheRedisProps): TerraformJson {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new ElastiCacheRedis(stack, "cache", props);
    return JSON.parse(Testing.synth(stack, true));
  });
}

/** The bodies of all resources of one type, in logical-id order. */
export function resourcesOf(json: TerraformJson, type: string): TerraformJson[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): TerraformJson {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
