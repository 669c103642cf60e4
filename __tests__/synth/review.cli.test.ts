import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_DANGER, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, type Io, main, parseArgs, resolvePath } from "../../bin/review";
import { MARKER } from "../../lib/review";
import { readPlanFixture } from "../helpers/plan-fixtures";
import { IRREVERSIBLE_HEADING, REFUSED_HEADING } from "../../lib/review/render/notice-sections";
import {
  encryptionReplacement,
  noOp,
  planText,
  replicationGroup,
  slowLogAdded,
  valkeyUpgrade,
  valkeyUpgradeWithSlowLog,
} from "../helpers/review-fixtures";

const PROJECT = resolve(__dirname, "..", "..");
const run = promisify(execFile);

const DANGEROUS = planText([encryptionReplacement()]);
const SAFE = planText([
  {
    address: "aws_elasticache_replication_group.redis",
    actions: ["update"],
    before: replicationGroup(),
    after: replicationGroup({ maintenance_window: "sun:05:00-sun:06:00" }),
  },
]);

/** Redis OSS 4.0.10 to Valkey: AWS refuses it, and nothing is lost. */
const REFUSED = planText([valkeyUpgrade("4.0.10", "default.redis4.0")]);

/** main() against an in-memory file system; returns the exit code and what was written. */
function runMain(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: Io = {
    readFile: (path) => {
      if (path in files) return files[path];
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    },
    writeFile: (path, text) => {
      if (path.startsWith("/read-only/")) throw Object.assign(new Error("EACCES"), { code: "EACCES" });
      written[path] = text;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = main(argv, io);
  return { code, stdout: out.join(""), stderr: err.join(""), written };
}

describe("review command line (in process)", () => {
  it("reads its arguments in any order", () => {
    expect(parseArgs(["plan.json"])).toEqual({ plans: ["plan.json"], output: undefined, failOnDanger: false });
    expect(parseArgs(["--fail-on-danger", "--output", "r.md", "plan.json"])).toEqual({
      plans: ["plan.json"],
      output: "r.md",
      failOnDanger: true,
    });
    expect(parseArgs(["-", "--output=r.md"])).toEqual({ plans: ["-"], output: "r.md", failOnDanger: false });
    expect(parseArgs(["live/orders/plan.json", "--output", "r.md", "live/carts/plan.json"])).toEqual({
      plans: ["live/orders/plan.json", "live/carts/plan.json"],
      output: "r.md",
      failOnDanger: false,
    });
    expect(parseArgs(["plan.json", "--help"])).toBe("help");
  });

  it("reads paths from where `npm run review` was typed, not from the package folder", () => {
    const npm = { npm_lifecycle_event: "review", INIT_CWD: "/repo/live" };
    expect(resolvePath("plan.json", npm, "/repo")).toBe("/repo/live/plan.json");
    expect(resolvePath("/tmp/plan.json", npm, "/repo")).toBe("/tmp/plan.json");
    // Another script's INIT_CWD (say `npm test` running this) does not count.
    expect(resolvePath("plan.json", { npm_lifecycle_event: "test", INIT_CWD: "/repo" }, "/work")).toBe("/work/plan.json");
    expect(resolvePath("plan.json", {}, "/work")).toBe("/work/plan.json");
  });

  it("prints the review on standard output and exits 0", () => {
    const r = runMain(["plan.json"], { "plan.json": SAFE });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout.startsWith(MARKER)).toBe(true);
    expect(r.stdout).toContain("`maintenance_window`");
    expect(r.stderr).toBe("");
  });

  it("writes the review to --output and nothing to standard output", () => {
    const r = runMain(["plan.json", "--output", "review.md"], { "plan.json": SAFE });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toBe("");
    expect(r.written["review.md"]).toContain("**Plan:** 0 to add, 1 to change");
  });

  it("names at most three dangers on its one line of standard error, and how many more", () => {
    const { text } = readPlanFixture("replace-port-60");
    const r = runMain(["plan.json", "--output", "review.md"], { "plan.json": text });
    expect(r.stderr).toBe(
      "review: DANGER: module.cache_01.aws_elasticache_replication_group.redis (replaced), module.cache_02.aws_elasticache_replication_group.redis (replaced), " +
        "module.cache_03.aws_elasticache_replication_group.redis (replaced) and 57 more (see the review)\n",
    );
  });

  it("exits 1 on danger only with --fail-on-danger, after writing the review", () => {
    const failing = runMain(["plan.json", "--fail-on-danger", "--output", "review.md"], { "plan.json": DANGEROUS });
    expect(failing.code).toBe(EXIT_DANGER);
    expect(failing.written["review.md"]).toContain("DANGER");
    expect(failing.stderr).toBe("review: DANGER: aws_elasticache_replication_group.redis (replaced)\n");
    const warned = runMain(["plan.json"], { "plan.json": DANGEROUS });
    expect(warned.code).toBe(EXIT_OK);
    expect(warned.stderr).toContain("DANGER");
    expect(runMain(["plan.json", "--fail-on-danger"], { "plan.json": SAFE }).code).toBe(EXIT_OK);
  });

  it("exits 3 for a change AWS will refuse, only with --fail-on-danger, after writing the review", () => {
    const failing = runMain(["plan.json", "--fail-on-danger", "--output", "review.md"], { "plan.json": REFUSED });
    expect(failing.code).toBe(EXIT_REFUSED);
    expect(failing.written["review.md"]).toContain(REFUSED_HEADING);
    expect(failing.stderr).toBe("review: AWS will refuse: aws_elasticache_replication_group.redis\n");
    const warned = runMain(["plan.json"], { "plan.json": REFUSED });
    expect(warned.code).toBe(EXIT_OK);
    expect(warned.stderr).toBe("review: AWS will refuse: aws_elasticache_replication_group.redis\n");
  });

  it("exits 1 when a plan both loses data and has a change AWS will refuse, naming both", () => {
    const both = planText([
      encryptionReplacement(),
      valkeyUpgrade("5.0.5", "default.redis5.0", "module.legacy.aws_elasticache_replication_group.redis"),
    ]);
    const r = runMain(["plan.json", "--fail-on-danger"], { "plan.json": both });
    expect(r.code).toBe(EXIT_DANGER);
    expect(r.stderr).toBe(
      "review: DANGER: aws_elasticache_replication_group.redis (replaced)\nreview: AWS will refuse: module.legacy.aws_elasticache_replication_group.redis\n",
    );
  });

  it("exits 3 for a log delivery change AWS will refuse, naming a cluster with two refusals once", () => {
    const deferred = runMain(["plan.json", "--fail-on-danger"], { "plan.json": planText([slowLogAdded(false)]) });
    expect(deferred.code).toBe(EXIT_REFUSED);
    expect(deferred.stdout).toContain(REFUSED_HEADING);
    expect(deferred.stderr).toBe("review: AWS will refuse: aws_elasticache_replication_group.redis\n");
    const both = runMain(["plan.json", "--fail-on-danger"], { "plan.json": planText([valkeyUpgradeWithSlowLog("5.0.6", false)]) });
    expect(both.code).toBe(EXIT_REFUSED);
    expect(both.stderr).toBe("review: AWS will refuse: aws_elasticache_replication_group.redis\n");
    const immediate = runMain(["plan.json", "--fail-on-danger"], { "plan.json": planText([slowLogAdded(true)]) });
    expect(immediate.code).toBe(EXIT_OK);
    expect(immediate.stderr).toBe("");
  });

  it("exits 1 when a plan both loses data and has a log delivery change AWS will refuse", () => {
    const plan = planText([encryptionReplacement(), slowLogAdded(null, "module.logs.aws_elasticache_replication_group.redis")]);
    const r = runMain(["plan.json", "--fail-on-danger"], { "plan.json": plan });
    expect(r.code).toBe(EXIT_DANGER);
    expect(r.stderr).toBe(
      "review: DANGER: aws_elasticache_replication_group.redis (replaced)\nreview: AWS will refuse: module.logs.aws_elasticache_replication_group.redis\n",
    );
  });

  it("does not fail on an upgrade to Valkey AWS accepts, though it cannot be undone", () => {
    const r = runMain(["plan.json", "--fail-on-danger"], { "plan.json": planText([valkeyUpgrade("5.0.6")]) });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain(IRREVERSIBLE_HEADING);
    expect(r.stderr).toBe("");
  });

  it.each([
    [[], "review: no plan file given"],
    [["a.json", "a.json"], "review: a plan file is given twice"],
    [["-", "b.json"], 'review: "-" (standard input) reads one plan, alone'],
    [["plan.json", "--fail-on-dangr"], "review: unknown option --fail-on-dangr"],
    [["plan.json", "--output"], "review: --output needs a file name"],
  ])("rejects bad usage %j with exit 2 and the usage", (argv, message) => {
    const r = runMain(argv as string[], { "plan.json": SAFE });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr.split("\n")[0]).toBe(message);
    expect(r.stderr).toContain("usage: redis-plan-review <plan.json>");
    expect(r.stdout).toBe("");
  });

  it("explains unreadable input in one line with exit 2", () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["missing.json"], {}, /^review: cannot read missing\.json: no such file or directory$/],
      [["plan.json"], { "plan.json": DANGEROUS.slice(0, 500) }, /^review: plan\.json: the plan JSON is truncated/],
      [["plan.json"], { "plan.json": "not json" }, /^review: plan\.json: the plan is not valid JSON/],
      [["plan.json"], { "plan.json": "{}" }, /^review: plan\.json: the JSON has no format_version/],
      // The first bytes of a real `terraform plan -out=tfplan` file (a zip), NUL bytes included, as read as UTF-8.
      [
        ["tfplan"],
        { tfplan: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]).toString("utf8") },
        /^review: tfplan: this is the binary plan file that `terraform plan -out` writes; convert it first: `terraform show -json <planfile> > plan\.json`$/,
      ],
      [["plan.json", "-o", "/read-only/r.md"], { "plan.json": SAFE }, /^review: cannot write \/read-only\/r\.md: permission denied$/],
    ];
    for (const [argv, files, message] of cases) {
      const r = runMain(argv, files);
      expect(r.code).toBe(EXIT_USAGE);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });

  it("writes no comment, and says why on stderr with exit 2, when even the danger section is over GitHub's limit", () => {
    const distinct = Array.from({ length: 3000 }, (_, i) => ({
      ...encryptionReplacement(`module.c${i}.aws_elasticache_replication_group.redis`),
      replace_paths: [["port"]],
      after: { ...(encryptionReplacement().after as object), port: 7000 + i },
    }));
    const r = runMain(["plan.json", "-o", "review.md", "--fail-on-danger"], { "plan.json": planText(distinct) });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/^review: plan\.json: the review's danger, refusal and summary sections alone take \d+ characters, over GitHub's 65536: GitHub would refuse the comment, so none is written; read the plan with `terraform show`\n$/);
    expect(r.written).toEqual({});
  });

  it("names its exit codes with the numbers the usage and the README give", () => {
    expect({ EXIT_OK, EXIT_DANGER, EXIT_USAGE, EXIT_REFUSED }).toEqual({ EXIT_OK: 0, EXIT_DANGER: 1, EXIT_USAGE: 2, EXIT_REFUSED: 3 });
  });

  it("prints the usage with --help, with every exit code", () => {
    const r = runMain(["--help"]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain("--fail-on-danger");
    expect(r.stdout).toContain(
      "exit codes: 0 reviewed; 1 danger (with --fail-on-danger); 2 bad usage, a file that is not a\nplan, or a danger section too long for a GitHub comment (no review written); 3 AWS will refuse\nthe plan (with --fail-on-danger)",
    );
  });
});

describe("review command line (as a process)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "redis-review-cli-"));
    writeFileSync(join(dir, "dangerous.json"), DANGEROUS);
    writeFileSync(join(dir, "safe.json"), planText([noOp("aws_elasticache_replication_group.redis")]));
    writeFileSync(join(dir, "truncated.json"), DANGEROUS.slice(0, 700));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Exit code, stdout and stderr of a command run in the project folder. */
  async function exec(file: string, args: string[], input?: string) {
    const child = run(file, args, { cwd: PROJECT, env: { ...process.env, NO_COLOR: "1" } });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    try {
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const tsx = join(PROJECT, "node_modules", ".bin", "tsx");

  it("runs as the workflow runs it: npm run review -- plan.json --output FILE", async () => {
    const output = join(dir, "review.md");
    const r = await exec("npm", ["run", "review", "--", join(dir, "safe.json"), "--output", output]);
    expect(r.code).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("No changes");
  });

  it("exits 1 with --fail-on-danger", async () => {
    const r = await exec(tsx, ["bin/review.ts", join(dir, "dangerous.json"), "--fail-on-danger"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("## ⛔ DANGER");
    expect(r.stderr).toBe("review: DANGER: aws_elasticache_replication_group.redis (replaced)\n");
  });

  it("exits 2 with one clear line, no stack trace, for truncated JSON and a missing file", async () => {
    for (const file of ["truncated.json", "missing.json"]) {
      const r = await exec(tsx, ["bin/review.ts", join(dir, file)]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(file === "missing.json" ? /no such file or directory/ : /truncated/);
    }
  });

  it("exits 3 with --fail-on-danger for a plan AWS will refuse", async () => {
    const r = await exec(tsx, ["bin/review.ts", "-", "--fail-on-danger"], REFUSED);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(REFUSED_HEADING);
    expect(r.stderr).toBe("review: AWS will refuse: aws_elasticache_replication_group.redis\n");
  });

  it('reads the plan from standard input with "-"', async () => {
    const r = await exec(tsx, ["bin/review.ts", "-"], DANGEROUS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("`at_rest_encryption_enabled`");
  });
});
