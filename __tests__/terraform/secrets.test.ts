/**
 * No secret printed, ever (docs/spec/aws-constraints.md): every auth_token case of helpers/bad-inputs.ts goes
 * through `terraform plan` with the token in a tfvars file and in TF_VAR_, and through the synth
 * script; the token must appear in neither stdout nor stderr, in any escaping. (The construct's
 * own messages for a literal token: security.test.ts.)
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformStack, TerraformVariable } from "cdktf";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { expectNoToken, NEEDS_TLS, TOKEN_CASES, TOKEN_RULE, UNDOCUMENTED } from "../helpers/bad-inputs";
import { prepareHarness } from "../helpers/rules-harness";
import { synthModule, synthModuleText, withTempDir } from "../../tools/synth";
import {
  init,
  makeWorkRoot,
  prepareStackDir,
  prepareTerragruntDir,
  removeWorkRoot,
  requireTerraform,
  runTerraform,
  started,
  terragruntEnvValue,
  TerraformRun,
  writeFiles,
} from "../../tools/terraform";
import { propsOf, VALID_INPUTS } from "../../tools/scenarios";

const BASE = VALID_INPUTS;

/** Terraform's human output, wrapped to 80 columns, as one line per paragraph. */
const unwrapped = (text: string) => text.replace(/\n(?=\S)/g, " ").replace(/\s+/g, " ");


let workRoot: string | undefined;
const harnessRuns = new Map<string, Promise<TerraformRun>>();
let moduleRun: Promise<TerraformRun>;
let constructRun: Promise<TerraformRun>;

const PLAN = ["plan", "-no-color", "-input=false", "-refresh=false", "-lock=false"];
const MODULE_CASE = TOKEN_CASES[3];

beforeAll(async () => {
  requireTerraform();
  const root = (workRoot = await makeWorkRoot());
  const harness = join(root, "harness");
  await prepareHarness(harness, synthModule());
  for (const [i, c] of TOKEN_CASES.entries()) {
    const inputs = { ...BASE, ...c.inputs };
    // One input a line, as var files are written: Terraform quotes the line of any input that
    // fails its validation, so a token on the same line as another bad input would be shown.
    await writeFiles(harness, {
      [`case-${i}.tfvars.json`]: JSON.stringify(inputs, null, 2),
      [`case-${i}-token.tfvars.json`]: JSON.stringify({ ...inputs, auth_token: c.token }, null, 2),
    });
    harnessRuns.set(`${c.label}/tfvars`, runTerraform(harness, [...PLAN, `-var-file=case-${i}-token.tfvars.json`]));
    harnessRuns.set(
      `${c.label}/env`,
      runTerraform(harness, [...PLAN, `-var-file=case-${i}.tfvars.json`], { env: { TF_VAR_auth_token: c.token } }),
    );
  }

  // The whole module with the AWS provider, laid out as Terragrunt does (the harness above has
  // shown both ways of passing the token; this shows the harness is faithful).
  moduleRun = started(
    (async () => {
      const unit = await prepareTerragruntDir(join(root, "unit"), synthModuleText(), {
        inputs: { ...BASE, auth_token: MODULE_CASE.token },
        via: "env",
      });
      await init(unit.dir, unit);
      return runTerraform(unit.dir, PLAN, { env: unit.env });
    })(),
  );

  // The construct, its token from a sensitive variable as documented, and from one that is not
  // (a module output or a file a user forgot to mark): Terraform lists the values a failed
  // condition refers to, so the construct must not let a condition refer to the token itself.
  constructRun = started(
    (async () => {
      const json = withTempDir((outdir) => {
        const stack = new TerraformStack(new App({ outdir }), "app");
        new AwsProvider(stack, "aws", { region: "eu-west-1" });
        const token = new TerraformVariable(stack, "redis_auth_token", { type: "string", sensitive: true });
        new ElastiCacheRedis(stack, "cache", { ...propsOf(BASE), authToken: token.stringValue });
        const plain = new TerraformVariable(stack, "plain_auth_token", { type: "string" });
        new ElastiCacheRedis(stack, "plain", {
          ...propsOf({ ...BASE, name: "plain" }),
          authToken: plain.stringValue,
          enableTransitEncryption: false,
        });
        return Testing.synth(stack, true);
      });
      const dir = await prepareStackDir(join(root, "construct"), json);
      await init(dir);
      const token = terragruntEnvValue(MODULE_CASE.token);
      return runTerraform(dir, PLAN, { env: { TF_VAR_redis_auth_token: token, TF_VAR_plain_auth_token: token } });
    })(),
  );
  await Promise.allSettled([...harnessRuns.values(), moduleRun, constructRun]);
});

afterAll(() => removeWorkRoot(workRoot));

describe("terraform plan never prints the auth token", () => {
  for (const c of TOKEN_CASES)
    for (const via of ["tfvars", "env"] as const)
      it(`${c.label} (${via === "env" ? "TF_VAR_auth_token" : "a tfvars file"})`, async () => {
        const { code, stdout, stderr } = await harnessRuns.get(`${c.label}/${via}`)!;
        expectNoToken(c.token, stdout, "stdout");
        expectNoToken(c.token, stderr, "stderr");
        // The rules did run: the plan fails with each message, or plans with the warnings.
        expect(code).toBe(c.errors.length > 0 ? 1 : 0);
        const said = unwrapped(`${stdout}\n${stderr}`);
        for (const message of [...c.errors, ...(c.warnings ?? [])]) expect(said).toContain(message);
        expect(said.split("Error: ").length - 1).toBe(c.errors.length);
      });
});

describe("nor does a plan of the whole module or of the construct", () => {
  it("the module as a Terragrunt unit, the token in TF_VAR_auth_token", async () => {
    const { code, stdout, stderr } = await moduleRun;
    expectNoToken(MODULE_CASE.token, `${stdout}\n${stderr}`, "terraform plan");
    expect(code).toBe(1);
    expect(unwrapped(stderr)).toContain(TOKEN_RULE);
  });

  it("the construct, its token from a sensitive variable or from one that is not", async () => {
    const { code, stdout, stderr } = await constructRun;
    expectNoToken(MODULE_CASE.token, `${stdout}\n${stderr}`, "terraform plan");
    expect(code).toBe(1);
    const said = unwrapped(`${stdout}\n${stderr}`);
    expect(said.split(TOKEN_RULE).length - 1).toBe(2);
    expect(said).toContain(NEEDS_TLS);
    expect(said).toContain(UNDOCUMENTED);
  });
});

describe("synth never prints the auth token", () => {
  it("npm run synth's script with such an app: the message alone, no token", async () => {
    await withTempDir(async (dir) => {
      const app = join(dir, "app.js");
      const root = join(__dirname, "..", "..");
      const c = TOKEN_CASES.at(-1)!;
      writeFileSync(
        app,
        `const { App, TerraformStack } = require(${JSON.stringify(require.resolve("cdktf"))});
         const { ElastiCacheRedis } = require(${JSON.stringify(join(root, "dist", "lib", "construct", "redis.js"))});
         const app = new App();
         new ElastiCacheRedis(new TerraformStack(app, "bad"), "cache", {
           name: "Orders", instanceType: "cache.t3.micro", replicationGroupSize: 2, enableAutomaticFailover: true,
           enableMultiAz: true, vpcId: "vpc-0a1b", subnetIds: ["subnet-0a1b"], authToken: ${JSON.stringify(c.token)},
         });
         app.synth();`,
      );
      const failure = await promisify(execFile)("node", [join(root, "bin", "synth.js"), app], {
        cwd: dir,
        env: { ...process.env, CDKTF_OUTDIR: join(dir, "out") },
      }).then(
        () => undefined,
        (error) => error as { code: number; stdout: string; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expectNoToken(c.token, `${failure?.stdout}\n${failure?.stderr}`, "synth");
      expect(failure?.stderr).toContain("Invalid auth_token (sensitive value): must be a token");
    });
  });
});
