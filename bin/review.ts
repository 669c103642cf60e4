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
import { PlanError, reviewPlanJson, ReviewTooLongError } from "../lib/review";

export const USAGE = `usage: redis-plan-review <plan.json> [--output FILE] [--fail-on-danger]

  <plan.json>       the output of \`terraform show -json <planfile>\`; "-" reads standard input
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
  readonly plan: string;
  readonly output?: string;
  readonly failOnDanger: boolean;
}

class UsageError extends Error {}

/** Reads the arguments; `help` when asked for it. */
export function parseArgs(argv: readonly string[]): Options | "help" {
  let plan: string | undefined;
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
    } else if (plan !== undefined) {
      throw new UsageError(`one plan file at a time (got ${plan} and ${arg})`);
    } else {
      plan = arg;
    }
  }
  if (plan === undefined) throw new UsageError("no plan file given");
  return { plan, output, failOnDanger };
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
  let text: string;
  try {
    text = io.readFile(options.plan);
  } catch (error) {
    return fail(`cannot read ${options.plan}: ${fileProblem(error)}`);
  }
  let result: ReturnType<typeof reviewPlanJson>;
  try {
    result = reviewPlanJson(text);
  } catch (error) {
    if (error instanceof PlanError) return fail(`${options.plan}: ${error.message}`);
    if (error instanceof ReviewTooLongError) {
      return fail(`${options.plan}: ${error.message}: GitHub would refuse the comment, so none is written; read the plan with \`terraform show\``);
    }
    // A bug here must still not bury the CI log under a stack trace.
    return fail(`${options.plan}: could not review the plan (${(error as Error).message ?? error})`);
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
  if (result.dangerous) {
    const what = result.review.dangers.map((d) => `${d.address} (${d.kind === "replace" ? "replaced" : "destroyed"})`);
    io.stderr(`review: DANGER: ${listed(what)}\n`);
  }
  if (result.refused) {
    // A cluster can have more than one refusal (log delivery deferred and made with the engine upgrade): named once.
    const what = [...new Set(result.review.refusals.map((r) => r.address))];
    io.stderr(`review: AWS will refuse: ${listed(what)}\n`);
  }
  if (!options.failOnDanger) return EXIT_OK;
  if (result.dangerous) return EXIT_DANGER;
  return result.refused ? EXIT_REFUSED : EXIT_OK;
}

/** Addresses for one line of a CI log: the first few, then how many more (the comment has them all). */
export function listed(addresses: readonly string[], shown = 3): string {
  if (addresses.length <= shown) return addresses.join(", ");
  return `${addresses.slice(0, shown).join(", ")} and ${addresses.length - shown} more (see the review)`;
}

if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
