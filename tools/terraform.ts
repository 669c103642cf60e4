/**
 * Runs the terraform CLI against throw-away root modules, offline: providers come from a local
 * filesystem mirror, credentials are fake, and whenever the kernel allows it terraform runs in a
 * private network namespace so nothing can leave the machine. The tests and `npm run bench` both
 * run terraform through here, so the benchmark times exactly what the tests run.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { JOB_PACKAGE } from "../lib/drop-in/package-info";

const run = promisify(execFile);

const PROJECT = resolve(__dirname, "..");
const CLI_CONFIG = resolve(__dirname, "mirror.tfrc");
/** The mirror mirror.tfrc points at. */
const MIRROR = "/opt/tf-plugins";
const AWS_IN_MIRROR = join(MIRROR, "registry.terraform.io", "hashicorp", "aws");
const MIN_TERRAFORM = [1, 5];

/** Where the examples point at the synthesized module; rewritten to the copy in each work dir. */
const EXAMPLE_MODULE_SOURCE = "../../cdktf.out/stacks/redis";
const MODULE_SOURCE = "./modules/redis";

const FAKE_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
const FAKE_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/**
 * Merged into the root's `provider "aws"` block (Terraform override-file semantics), so the
 * examples stay what a user writes while the tests plan without AWS. No `endpoints` block: it
 * costs ~8 s per plan and a create-only plan never calls AWS anyway.
 */
const PROVIDER_OVERRIDE = `provider "aws" {
  access_key                  = "${FAKE_ACCESS_KEY}"
  secret_key                  = "${FAKE_SECRET_KEY}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
`;

/** Nothing inherited may change what terraform plans (TF_VAR_*, TF_CLI_ARGS*, TF_DATA_DIR, AWS_PROFILE...). */
export function terraformEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(TF_|AWS_)/.test(key));
  return {
    ...Object.fromEntries(inherited),
    // The machine's own TF_CLI_CONFIG_FILE may point nowhere; ours installs from the mirror only.
    TF_CLI_CONFIG_FILE: CLI_CONFIG,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: FAKE_SECRET_KEY,
    AWS_EC2_METADATA_DISABLED: "true",
    // Terraform and the provider (which inherits this) are short-lived Go processes whose start-up
    // (the provider builds its whole schema) is mostly allocation: collecting garbage 4x less often
    // saves about a fifth of their CPU time, which bounds the suite, for ~50 MB more each.
    GOGC: "400",
    ...extra,
  };
}

/** Extra environment for one terraform run: TF_VAR_* only, so a test cannot undo the isolation above. */
export type TerraformVars = Readonly<Record<string, string>>;

function checkedVars(env: TerraformVars | undefined): TerraformVars {
  const other = Object.keys(env ?? {}).filter((key) => !key.startsWith("TF_VAR_"));
  if (other.length > 0) throw new Error(`only TF_VAR_* may be passed to terraform, not ${other.join(", ")}`);
  return env ?? {};
}

let version: string | undefined;

/** The version of the terraform on PATH (e.g. "1.11.4"). */
export function terraformVersion(): string {
  version ??= JSON.parse(execFileSync("terraform", ["version", "-json"], { env: terraformEnv(), encoding: "utf8" }))
    .terraform_version as string;
  return version!;
}

/** The hashicorp/aws versions the mirror holds. */
export function providerVersionsInMirror(): string[] {
  return existsSync(AWS_IN_MIRROR) ? readdirSync(AWS_IN_MIRROR).sort() : [];
}

let available = false;

/**
 * Throws, saying what to install, unless terraform >= 1.5 is on PATH and the mirror holds
 * hashicorp/aws 5.x. Tests call it instead of skipping: a missing tool is a failure.
 */
export function requireTerraform(): void {
  if (available) return;
  const problems: string[] = [];
  let version: string | undefined;
  try {
    const out = execFileSync("terraform", ["version", "-json"], { env: terraformEnv(), encoding: "utf8" });
    version = JSON.parse(out).terraform_version as string;
  } catch {
    problems.push("`terraform` is not on PATH (or `terraform version -json` failed)");
  }
  if (version !== undefined) {
    const [major, minor] = version.split(".").map(Number);
    if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
      problems.push(`terraform ${version} is too old`);
    }
  }
  const mirrored = existsSync(AWS_IN_MIRROR) ? readdirSync(AWS_IN_MIRROR) : [];
  if (!mirrored.some((v) => v.startsWith("5."))) {
    problems.push(`${AWS_IN_MIRROR} holds no hashicorp/aws 5.x provider`);
  }
  available = problems.length === 0;
  if (available) return;
  throw new Error(
    [
      `The terraform-backed tests cannot run: ${problems.join("; ")}.`,
      "They need:",
      "  1. Terraform >= 1.5 on PATH (https://developer.hashicorp.com/terraform/install).",
      `  2. A filesystem mirror of the hashicorp/aws provider 5.100.0 at ${MIRROR} (terraform reads it through`,
      `     ${CLI_CONFIG} and downloads nothing). Build it once on a machine with internet access:`,
      "       mkdir /tmp/aws-mirror && cd /tmp/aws-mirror",
      `       printf 'terraform {\\n  required_providers {\\n    aws = { source = "hashicorp/aws", version = "5.100.0" }\\n  }\\n}\\n' > main.tf`,
      `       terraform providers mirror -platform=linux_amd64 ${MIRROR}`,
      `     then copy ${MIRROR} to this machine.`,
    ].join("\n"),
  );
}

let isolation: Promise<boolean> | undefined;

/** Whether `unshare -n` works here (root, or user namespaces allowed); probed once. */
function canIsolateNetwork(): Promise<boolean> {
  isolation ??= run("unshare", ["-n", "true"]).then(
    () => true,
    () => false,
  );
  return isolation;
}

/** A command as run with no network at all: in a private network namespace where `unshare -n` works, else as it is. */
export async function offlineCommand(file: string, args: string[]): Promise<[string, string[]]> {
  return (await canIsolateNetwork())
    ? ["unshare", ["-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh", file, ...args]]
    : [file, args];
}

/**
 * Each terraform run starts the 700 MB provider and is CPU-bound; more runs than cores only make
 * every one of them slower (and closer to its timeout).
 */
const MAX_CONCURRENT = Math.max(2, availableParallelism() + 1);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface RunOptions {
  /** TF_VAR_* variables for this run (how Terragrunt passes `inputs`). */
  env?: TerraformVars;
  /**
   * Return stdout of a failing run instead of rejecting (for `plan -json`, whose stdout holds the
   * diagnostics of a failed plan).
   */
  allowFailure?: boolean;
}

export interface TerraformRun {
  /** Exit code; a run killed by a signal or a timeout rejects instead. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one terraform command in dir and returns its exit code and both streams, whatever the code. */
export async function runTerraform(dir: string, args: string[], options: Pick<RunOptions, "env"> = {}): Promise<TerraformRun> {
  const env = terraformEnv(checkedVars(options.env));
  const [file, argv] = await offlineCommand("terraform", args);
  try {
    const { stdout, stderr } = await limited(() =>
      run(file, argv, { cwd: dir, env, maxBuffer: 256 * 1024 * 1024, timeout: 110_000 }),
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    if (typeof e.code === "number") return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    throw new Error(`terraform ${args.join(" ")} did not finish in ${dir} (${e.signal ?? e.code}): ${String(error)}`);
  }
}

/** Runs one terraform command in dir; rejects with terraform's own output when it fails, unless allowFailure is set. */
export async function terraform(dir: string, args: string[], options: RunOptions = {}): Promise<string> {
  const { code, stdout, stderr } = await runTerraform(dir, args, options);
  if (code === 0) return stdout;
  if (options.allowFailure) return stdout;
  // Errors go to stderr; stdout only matters when stderr is empty (validate -json reports there).
  const output = stderr.trim() || stdout.trim();
  throw new Error(`terraform ${args.join(" ")} failed in ${dir} (exit ${code}):\n${output}`);
}

export async function init(dir: string, options: RunOptions = {}): Promise<void> {
  await terraform(dir, ["init", "-no-color", "-input=false", "-lock=false"], options);
}

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
}

export interface ValidateResult {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: Diagnostic[];
}

/** `terraform validate -json`: rejects, with the diagnostics, when the configuration is invalid. */
export async function validate(dir: string): Promise<ValidateResult> {
  return JSON.parse(await terraform(dir, ["validate", "-no-color", "-json"]));
}

export interface ResourceChange {
  address: string;
  /** Set when a moved block carried the instance over from this address. */
  previous_address?: string;
  module_address?: string;
  type: string;
  name: string;
  index?: number | string;
  change: {
    actions: string[];
    before: Record<string, any> | null;
    after: Record<string, any>;
    after_unknown: Record<string, any>;
    after_sensitive: Record<string, any> | boolean;
  };
}

/** The parts of `terraform show -json <planfile>` the tests read. */
export interface Plan {
  resource_changes?: ResourceChange[];
  output_changes?: Record<string, { actions: string[]; before: unknown; after: unknown; after_unknown: unknown }>;
  planned_values: { outputs?: Record<string, { sensitive: boolean; value?: unknown }> };
  configuration: Record<string, any>;
  /** Results of check blocks (and other checkable objects) as the plan evaluated them. */
  checks?: {
    address: { kind: string; name?: string; to_display: string };
    status: "pass" | "fail" | "error" | "unknown";
    instances?: { problems?: { message: string }[] }[];
  }[];
}

/** Plans without refreshing or locking and returns the plan as JSON. */
export async function plan(dir: string, options: RunOptions = {}): Promise<Plan> {
  await terraform(dir, ["plan", "-no-color", "-input=false", "-refresh=false", "-lock=false", "-out=tfplan"], options);
  return JSON.parse(await terraform(dir, ["show", "-no-color", "-json", "tfplan"], options));
}

/** Output values known at plan time; outputs only known after apply are left out. */
export function knownOutputs(p: Plan): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(p.planned_values.outputs ?? {})
      .filter(([, output]) => "value" in output)
      .map(([name, output]) => [name, output.value]),
  );
}

/** A fresh folder under the OS temp dir for one test file's work dirs. */
export function makeWorkRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), "redis-terraform-"));
}

export function removeWorkRoot(root: string | undefined): Promise<void> {
  return root ? rm(root, { recursive: true, force: true }) : Promise.resolve();
}

export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** The module folder as it ships: its JSON and the snapshot export job's package it names. */
async function moduleFiles(moduleText: string, under = ""): Promise<Record<string, string | Buffer>> {
  return {
    [`${under}cdk.tf.json`]: moduleText,
    [`${under}${JOB_PACKAGE}`]: await readFile(join(PROJECT, "module", JOB_PACKAGE)),
  };
}

/** The module as a root of its own: dir holds the module folder. */
export async function prepareModuleDir(dir: string, moduleText: string): Promise<string> {
  await writeFiles(dir, await moduleFiles(moduleText));
  return dir;
}

/** A root module that calls the module: one of examples/<name>, a generated `module "redis"` call, or HCL text. */
export type Caller =
  | { example: string; vars?: Record<string, unknown> }
  | { inputs: Record<string, unknown>; region?: string }
  | { calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>; region?: string }
  | { hcl: string };

/**
 * Lays out dir as a root module calling the module copied to ./modules/redis, with the test
 * provider settings merged in through provider_override.tf.
 */
export async function prepareCallerDir(dir: string, moduleText: string, caller: Caller): Promise<string> {
  const root =
    "example" in caller
      ? await exampleFiles(caller.example)
      : "hcl" in caller
        ? { "main.tf": caller.hcl }
        : {
            "main.tf.json":
              "calls" in caller
                ? moduleCall(moduleText, caller.calls, caller.region, callOutput)
                : moduleCall(moduleText, { redis: caller.inputs }, caller.region, (_, output) => output),
          };
  await writeFiles(dir, {
    ...(await moduleFiles(moduleText, "modules/redis/")),
    ...root,
    "provider_override.tf": PROVIDER_OVERRIDE,
    ...("vars" in caller && caller.vars ? { "terraform.tfvars.json": JSON.stringify(caller.vars, null, 2) } : {}),
  });
  return dir;
}

/** The example's .tf files, its module source pointed at the work dir's copy of the module. */
async function exampleFiles(name: string): Promise<Record<string, string>> {
  const exampleDir = join(PROJECT, "examples", name);
  const files: Record<string, string> = {};
  for (const file of (await readdir(exampleDir)).filter((f) => f.endsWith(".tf"))) {
    const text = await readFile(join(exampleDir, file), "utf8");
    files[file] = text.replaceAll(`"${EXAMPLE_MODULE_SOURCE}"`, `"${MODULE_SOURCE}"`);
  }
  const sources = Object.values(files).join("\n").split(`"${MODULE_SOURCE}"`).length - 1;
  if (sources !== 1) {
    throw new Error(
      `examples/${name} should call the module once with source = "${EXAMPLE_MODULE_SOURCE}" (found ${sources})`,
    );
  }
  return files;
}

/** main.tf.json: a provider, one `module "redis"` call with the inputs, and every module output passed through. */
/** The name under which a root module of several calls re-exports one call's output. */
const callOutput = (call: string, output: string) => `${call}__${output}`;

/**
 * A root module calling the module once per input set, every output of each call re-exported:
 * one plan (one provider start) for many calls, each read back with callView.
 */
function moduleCall(
  moduleText: string,
  calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  region: string | undefined,
  outputName: (call: string, output: string) => string,
): string {
  const outputs = Object.keys(JSON.parse(moduleText).output ?? {});
  const names = Object.keys(calls);
  return JSON.stringify(
    {
      provider: { aws: { region: region ?? "us-east-1" } },
      module: Object.fromEntries(names.map((call) => [call, { source: MODULE_SOURCE, ...calls[call] }])),
      output: Object.fromEntries(
        names.flatMap((call) => outputs.map((name) => [outputName(call, name), { value: `\${module.${call}.${name}}` }])),
      ),
    },
    null,
    2,
  );
}

/** What one call of a several-call root plans, as if its module were the root (addresses, outputs, checks). */
export function callView(p: Plan, call: string): Plan {
  const prefix = `module.${call}.`;
  const outputPrefix = callOutput(call, "");
  const renamed = <T>(values: Record<string, T> | undefined) =>
    Object.fromEntries(
      Object.entries(values ?? {})
        .filter(([name]) => name.startsWith(outputPrefix))
        .map(([name, value]) => [name.slice(outputPrefix.length), value]),
    );
  return {
    ...p,
    resource_changes: (p.resource_changes ?? [])
      .filter((rc) => rc.address.startsWith(prefix))
      .map((rc) => ({
        ...rc,
        address: rc.address.slice(prefix.length),
        previous_address: rc.previous_address?.startsWith(prefix) ? rc.previous_address.slice(prefix.length) : rc.previous_address,
        module_address: undefined,
      })),
    output_changes: renamed(p.output_changes),
    planned_values: { ...p.planned_values, outputs: renamed(p.planned_values.outputs) },
    checks: (p.checks ?? []).filter((c) => c.address.to_display.startsWith(prefix)),
  };
}

/** How a Terragrunt unit hands its `inputs` to terraform. */
export type InputDelivery = "env" | "tfvars";

export interface TerragruntUnit {
  /** The unit's `inputs` block (module variable names). */
  inputs: Readonly<Record<string, unknown>>;
  /** "env": TF_VAR_* variables, what Terragrunt itself does; "tfvars": a terraform.tfvars.json file. */
  via: InputDelivery;
  /** Inputs given as TF_VAR_* whatever `via` says, as one does with secrets. */
  fromEnv?: readonly string[];
  /** Region of the generated provider block. */
  region?: string;
  /** State for the generated local backend (written to terraform.tfstate): JSON, as state.ts builds it. */
  state?: object;
}

export interface PreparedDir {
  dir: string;
  /** TF_VAR_* variables every terraform command in dir must get. */
  env: TerraformVars;
}

/**
 * Terragrunt's encoding of one input as a TF_VAR_ value: strings as they are, everything else
 * JSON, which Terraform parses as an HCL expression of the variable's type.
 */
export function terragruntEnvValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Lays out dir the way Terragrunt prepares its .terragrunt-cache working directory for a unit
 * whose `source` is the module: the module's files copied in, provider.tf and backend.tf written
 * from `generate` blocks (a provider with the test's fake credentials, a local backend), and the
 * inputs as TF_VAR_* variables or a tfvars file. Terragrunt itself is not needed for any of it.
 */
export async function prepareTerragruntDir(
  dir: string,
  moduleText: string,
  unit: TerragruntUnit,
): Promise<PreparedDir> {
  const inEnv = (name: string) => unit.via === "env" || (unit.fromEnv ?? []).includes(name);
  const entries = Object.entries(unit.inputs).filter(([, value]) => value !== null && value !== undefined);
  const env = Object.fromEntries(
    entries.filter(([name]) => inEnv(name)).map(([name, value]) => [`TF_VAR_${name}`, terragruntEnvValue(value)]),
  );
  const fileInputs = Object.fromEntries(entries.filter(([name]) => !inEnv(name)));
  await writeFiles(dir, {
    "cdk.tf.json": moduleText,
    "provider.tf": PROVIDER_OVERRIDE.replace(
      'provider "aws" {\n',
      `provider "aws" {\n  region                      = "${unit.region ?? "eu-west-1"}"\n`,
    ),
    "backend.tf": 'terraform {\n  backend "local" {\n    path = "terraform.tfstate"\n  }\n}\n',
    ...(Object.keys(fileInputs).length > 0 ? { "terraform.tfvars.json": JSON.stringify(fileInputs, null, 2) } : {}),
    ...(unit.state ? { "terraform.tfstate": JSON.stringify(unit.state, null, 2) } : {}),
  });
  return { dir, env };
}

/** A synthesized cdktf stack as a root module of its own, with the test provider settings merged in. */
export async function prepareStackDir(dir: string, stackJson: string): Promise<string> {
  await writeFiles(dir, { "cdk.tf.json": stackJson, "provider_override.tf": PROVIDER_OVERRIDE });
  return dir;
}

/** Keeps a rejection for the code that awaits it later instead of reporting it as unhandled meanwhile. */
export function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
