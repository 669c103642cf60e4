/**
 * The bad-input matrix (helpers/bad-inputs.ts) through `terraform plan` of the module's rules
 * (variable validations and preconditions, see rules-harness.ts): the same messages the construct
 * gives (rules.test.ts), or a clean plan.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformStack, TerraformVariable } from "cdktf";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { BASE, Case, CASES, constructErrors, invalidName, TOKEN_RULE, wholeNumber } from "../helpers/bad-inputs";
import { Diagnostics, planDiagnostics, prepareHarness } from "../helpers/rules-harness";
import { synthModule, withTempDir } from "../../tools/synth";
import { init, makeWorkRoot, prepareCallerDir, prepareStackDir, removeWorkRoot, requireTerraform } from "../../tools/terraform";
import { propsOf } from "../../tools/scenarios";

/**
 * auth_token cases (rules 11 and 12). Terraform checks them in the module; the construct never
 * sees a literal token (it refuses one, tested in security.test.ts), so only Terraform runs these.
 */
const AUTH_TOKEN_CASES: Case[] = [
  ["auth_token: 16 characters", { auth_token: "a".repeat(16) }, []],
  ["auth_token: 128 characters", { auth_token: "a".repeat(128) }, []],
  ["auth_token: 15 characters", { auth_token: "a".repeat(15) }, [TOKEN_RULE]],
  ["auth_token: 129 characters", { auth_token: "a".repeat(129) }, [TOKEN_RULE]],
  ["auth_token: with @", { auth_token: "user@example.com-secret" }, [TOKEN_RULE]],
  [
    "auth_token: transit encryption off",
    { auth_token: "a".repeat(20), enable_transit_encryption: false },
    [
      "Invalid auth_token (sensitive value), enable_transit_encryption false: an auth_token needs enable_transit_encryption = true.",
    ],
  ],
];


/** Through the whole module, called from a root module with the AWS provider: the harness is faithful. */
const MODULE_CASES: Case[] = [
  ["module: port 0", { port: 0 }, [wholeNumber("port", 0, 1, 65535)]],
  [
    "module: multi-AZ without failover",
    { enable_automatic_failover: false },
    ["Invalid enable_multi_az true, enable_automatic_failover false: multi-AZ needs enable_automatic_failover = true."],
  ],
];

/**
 * The construct with its token from a sensitive variable (as users must give it): the token's own
 * rule becomes a precondition and its warnings check blocks, so Terraform checks it at plan time.
 */
const CONSTRUCT_TOKEN_CASES: [label: string, token: string, errors: string[], warnings: string[]][] = [
  ["construct token: a good one", "a-good-token-1234567890", [], []],
  ["construct token: too short", "short", [TOKEN_RULE], []],
  [
    "construct token: undocumented characters",
    "token-with-percent-%-sign",
    [],
    [
      "auth_token (sensitive value): the auth_token has characters AWS does not document (it names letters, digits and ! & # $ ^ < > -).",
    ],
  ],
];

function constructWithTokenVariable(): string {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "env");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const token = new TerraformVariable(stack, "redis_auth_token", { type: "string", sensitive: true });
    new ElastiCacheRedis(stack, "cache", { ...propsOf({ ...BASE, redis_version: "7.1" }), authToken: token.stringValue });
    return Testing.synth(stack, true);
  });
}

let workRoot: string | undefined;
const planned = new Map<string, Promise<Diagnostics>>();

beforeAll(async () => {
  requireTerraform();
  workRoot = await makeWorkRoot();
  const dir = join(workRoot, "harness");
  const module = synthModule();
  await prepareHarness(dir, module);
  for (const [label, overrides] of MODULE_CASES) {
    const callerDir = join(workRoot, label.replace(/\W+/g, "-"));
    const result = prepareCallerDir(callerDir, JSON.stringify(module), { inputs: { ...BASE, ...overrides } }).then(
      async (d) => {
        await init(d);
        return planDiagnostics(d, "none", {});
      },
    );
    planned.set(label, result);
  }
  // A few plans at a time: each starts a terraform process, and the machine has 2 cores.
  const queue = [...CASES, ...AUTH_TOKEN_CASES].map(([label, overrides], i) => [label, i, overrides] as const);
  const workers = Array.from({ length: 4 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [label, i, overrides] = next;
      const result = planDiagnostics(dir, `case-${i}`, { ...BASE, ...overrides });
      planned.set(label, result);
      await result.catch(() => undefined);
    }
  });
  const stackDir = join(workRoot, "construct-token");
  const stackReady = prepareStackDir(stackDir, constructWithTokenVariable()).then((d) => init(d));
  planned.set("required null", planDiagnostics(dir, "required-null", { ...BASE, name: null }));
  for (const [i, [label, token]] of CONSTRUCT_TOKEN_CASES.entries()) {
    planned.set(label, stackReady.then(() => planDiagnostics(stackDir, `token-${i}`, {}, { TF_VAR_redis_auth_token: token })));
  }
  await Promise.all(workers);
  await Promise.allSettled(planned.values());
});

afterAll(() => removeWorkRoot(workRoot));

describe("bad input is refused by terraform plan with the construct's messages", () => {
  it.each(CASES)("%s", async (label, _overrides, messages) => {
    expect((await planned.get(label)!).errors.sort()).toEqual([...messages].sort());
  });
});

describe("the same messages through the whole module", () => {
  it.each(MODULE_CASES)("%s", async (label, _overrides, messages) => {
    expect((await planned.get(label)!).errors).toEqual(messages);
  });
});

describe("null for a required input", () => {
  it("is refused by both, naming the input", async () => {
    expect(constructErrors({ ...BASE, name: null })).toContain(invalidName("null").replace('"null"', "null"));
    const { errors } = await planned.get("required null")!;
    expect(errors).toEqual([expect.stringMatching(/var\.name .*required variable may not be set to null/s)]);
  });
});

describe("a token given to the construct, checked by terraform plan", () => {
  it.each(CONSTRUCT_TOKEN_CASES)("%s", async (label, _token, errors, warnings) => {
    const diagnostics = await planned.get(label)!;
    expect(diagnostics.errors).toEqual(errors);
    expect(diagnostics.warnings).toEqual(warnings);
  });
});

describe("auth_token rules, checked by terraform plan", () => {
  it.each(AUTH_TOKEN_CASES)("%s", async (label, _overrides, messages) => {
    expect((await planned.get(label)!).errors.sort()).toEqual([...messages].sort());
  });
});
