import { AnnotationMetadataEntryType, App, TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { withTempDir } from "../../tools/synth";
import { CASES, QUIET } from "../helpers/warning-cases";
import { propsOf } from "../../tools/scenarios";

/** The construct's warning annotations; a token is given as a sensitive variable, as users must. */
function constructWarnings(inputs: Record<string, unknown>): string[] {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    const token = new TerraformVariable(stack, "auth_token", { type: "string", sensitive: true });
    const props = { ...propsOf(inputs), ...(inputs.auth_token ? { authToken: token.stringValue } : {}) };
    const redis = new ElastiCacheRedis(stack, "cache", props);
    return redis.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
  });
}

describe("warnings: the construct's annotations say the same", () => {
  // A token is unknown at synth, so warnings about its value are Terraform's alone.
  const aboutTheToken = (warning: string) => warning.startsWith("auth_token");
  it.each(CASES)("%s", (_label, overrides, warnings) => {
    const inputs = { ...QUIET, ...overrides };
    const expected = inputs.auth_token ? warnings.filter((w) => !aboutTheToken(w)) : warnings;
    expect(constructWarnings(inputs).sort()).toEqual([...expected].sort());
  });
});
