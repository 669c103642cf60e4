#!/usr/bin/env node
/**
 * `redis-plan-review <plan.json> [--output FILE] [--fail-on-danger]` (the package's command; in
 * this repository also `npm run review -- ...`): the Markdown review of a
 * plan, for a pull-request comment. Exit codes: 0 reviewed, 1 danger found with --fail-on-danger,
 * 2 bad usage or input (one line on stderr, never a stack trace: CI logs must say what to fix),
 * 3 a change AWS will refuse, with --fail-on-danger.
 *
 * Why a refusal fails the check too, under its own code: such a plan cannot be applied, and a
 * pull request merged with it breaks the next apply, possibly halfway. But it loses nothing, so a
 * workflow that lets someone approve an intended danger can tell the two apart: a refusal cannot
 * be approved away. When a plan has both, 1 wins: losing data is the worse outcome.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { PlanError, type Review, reviewPlanJson, ReviewTooLongError, reviewUnits, unitNames } from "../lib/review";

export const USAGE = `usage: redis-plan-review <plan.json>... [--output FILE] [--fail-on-danger]

  <plan.json>       the output of \`terraform show -json <planfile>\`; "-" reads standard input;
                    several (a Terragrunt run-all): one comment, each plan a unit named by its
                    folder relative to the folders' common parent
  -o, --output FILE write the Markdown to FILE instead of standard output
  --fail-on-danger  exit 1 when the plan replaces or destroys the Redis cluster, its subnet group
                    or its security group, 3 when AWS will refuse a change of it (the review is
                    written first)

exit codes: 0 reviewed; 1 danger (with --fail-on-danger); 2 bad usage, a file that is not a
plan, or a danger section too long for a GitHub comment (no review written); 3 AWS will refuse
the plan (with --fail-on-danger)`;

export const EXIT_OK = 0;
export const EXIT_DANGER = 1;
export const EXIT_USAGE = 2;
export const EXIT_REFUSED = 3;

export interface Options {
  /** The plan files, one per unit; one for a plain Terraform root. */
  readonly plans: readonly string[];
  readonly output?: string;
  readonly failOnDanger: boolean;
}

class UsageError extends Error {}

/** Reads the arguments; `help` when asked for it. */
export function parseArgs(argv: readonly string[]): Options | "help" {
  const plans: string[] = [];
  let output: string | undefined;
  let failOnDanger = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--fail-on-danger") {
      failOnDanger = true;
    } else if (arg === "--output" || arg === "-o" || arg.startsWith("--output=")) {
      const value = arg.startsWith("--output=") ? arg.slice("--output=".length) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${arg} needs a file name`);
      output = value;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      plans.push(arg);
    }
  }
  if (plans.length === 0) throw new UsageError("no plan file given");
  if (plans.length > 1 && plans.includes("-")) throw new UsageError('"-" (standard input) reads one plan, alone');
  if (new Set(plans).size < plans.length) throw new UsageError("a plan file is given twice");
  return { plans, output, failOnDanger };
}

export interface Io {
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * npm runs scripts in the package folder; paths typed after `npm run review --` are meant from
 * where the command was typed, which npm passes on as INIT_CWD.
 */
export function resolvePath(path: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const base = env.npm_lifecycle_event === "review" && env.INIT_CWD ? env.INIT_CWD : cwd;
  return resolve(base, path);
}

const systemIo: Io = {
  // File descriptor 0 is standard input, for `terraform show -json tfplan | npm run review -- -`.
  readFile: (path) => readFileSync(path === "-" ? 0 : resolvePath(path), "utf8"),
  writeFile: (path, text) => writeFileSync(resolvePath(path), text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A system error in one line: `ENOENT` becomes "no such file or directory". */
function fileProblem(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: "no such file or directory",
    EISDIR: "it is a directory",
    EACCES: "permission denied",
  };
  return (e.code && reasons[e.code]) || e.message || String(error);
}

export function main(argv: readonly string[], io: Io = systemIo): number {
  const fail = (message: string) => {
    io.stderr(`review: ${message}\n`);
    return EXIT_USAGE;
  };
  let options: Options | "help";
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`review: ${error.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (options === "help") {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const texts: string[] = [];
  for (const plan of options.plans) {
    try {
      texts.push(io.readFile(plan));
    } catch (error) {
      return fail(`cannot read ${plan}: ${fileProblem(error)}`);
    }
  }
  const names = options.plans.length > 1 ? unitNames(options.plans) : [];
  let result: { markdown: string; dangerous: boolean; refused: boolean; dangers: string[]; refusals: string[] };
  const parsed = options.plans.map((plan, i) => ({ name: names[i] ?? plan, json: texts[i], source: plan }));
  const where = options.plans.join(", ");
  try {
    if (parsed.length === 1) {
      const one = reviewPlanJson(parsed[0].json);
      result = { ...one, ...addressesOf(one.review, "") };
    } else {
      const all = reviewUnits(parsed);
      const named = all.units.map((u) => addressesOf(u.review, `${u.name}: `));
      result = { ...all, dangers: named.flatMap((n) => n.dangers), refusals: named.flatMap((n) => n.refusals) };
    }
  } catch (error) {
    // One plan's error names its file (the units' errors already do).
    if (error instanceof PlanError) return fail(parsed.length === 1 ? `${where}: ${error.message}` : error.message);
    if (error instanceof ReviewTooLongError) {
      return fail(`${where}: ${error.message}: GitHub would refuse the comment, so none is written; read the plan with \`terraform show\``);
    }
    // A bug here must still not bury the CI log under a stack trace.
    return fail(`${where}: could not review the plan (${(error as Error).message ?? error})`);
  }
  if (options.output === undefined) {
    io.stdout(result.markdown);
  } else {
    try {
      io.writeFile(options.output, result.markdown);
    } catch (error) {
      return fail(`cannot write ${options.output}: ${fileProblem(error)}`);
    }
  }
  if (result.dangerous) io.stderr(`review: DANGER: ${listed(result.dangers)}\n`);
  if (result.refused) io.stderr(`review: AWS will refuse: ${listed(result.refusals)}\n`);
  if (!options.failOnDanger) return EXIT_OK;
  if (result.dangerous) return EXIT_DANGER;
  return result.refused ? EXIT_REFUSED : EXIT_OK;
}

/** What the one line of standard error names: each danger and each refused address, with its unit. */
function addressesOf(review: Review, unit: string): { dangers: string[]; refusals: string[] } {
  return {
    dangers: review.dangers.map((d) => `${unit}${d.address} (${d.kind === "replace" ? "replaced" : "destroyed"})`),
    // A cluster can have more than one refusal (log delivery deferred and made with the engine upgrade): named once.
    refusals: [...new Set(review.refusals.map((r) => `${unit}${r.address}`))],
  };
}

/** Addresses for one line of a CI log: the first few, then how many more (the comment has them all). */
export function listed(addresses: readonly string[], shown = 3): string {
  if (addresses.length <= shown) return addresses.join(", ");
  return `${addresses.slice(0, shown).join(", ")} and ${addresses.length - shown} more (see the review)`;
}

if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
