/**
 * Several plans, one comment (a Terragrunt `run-all plan`, each unit its own plan): the dangers
 * and refusals of every unit first, each naming its unit; then one line per unit with
 * Terraform's counts (the units without changes in one line); then each unit's review. The whole
 * comment keeps within GitHub's limit by the same rule as one plan's: what is left out is named,
 * dangers never are.
 */
import { dirname, relative, sep } from "node:path";
import { classify, type Review } from "./classify";
import { parsePlan, PlanError } from "./plan";
import { summaryLines } from "./render/change-sections";
import { renderDangers } from "./render/danger-section";
import { GITHUB_COMMENT_LIMIT, MAX_COMMENT_CHARS, NOTICE_ROOM } from "./render/limits";
import { renderRefusals } from "./render/notice-sections";
import { MARKER, renderReview, ReviewTooLongError } from "./render/render";
import { code } from "../text/markdown";

export interface UnitPlan {
  readonly name: string;
  readonly json: string;
  /** Where the plan came from (its file), for the message when it is no plan; the name by default. */
  readonly source?: string;
}

export interface UnitReview {
  readonly name: string;
  readonly review: Review;
}

export interface UnitsReview {
  readonly units: readonly UnitReview[];
  readonly markdown: string;
  /** True when any unit's plan is dangerous. */
  readonly dangerous: boolean;
  /** True when AWS will refuse a change of any unit. */
  readonly refused: boolean;
}

/**
 * Each plan file's unit name: its folder relative to the folders' common parent (`orders`, or
 * `prod/orders` when two units end alike); the file's name when all lie in one folder.
 */
export function unitNames(paths: readonly string[]): string[] {
  const dirs = paths.map((p) => dirname(p));
  const parts = dirs.map((d) => d.split(sep));
  let common = 0;
  while (parts.every((p) => p.length > common && p[common] === parts[0][common])) common++;
  const parent = parts[0].slice(0, common).join(sep) || sep;
  const names = paths.map((p, i) => (dirs[i] === parent ? p.slice(p.lastIndexOf(sep) + 1).replace(/\.json$/, "") : relative(parent, dirs[i]).split(sep).join("/")));
  return names;
}

const REVIEW_HEADING = "## Terraform plan review";

/** A unit's section heading one level deeper, under its unit's. */
const deeper = (line: string) => (/^#{1,5} /.test(line) ? `#${line}` : line);

/** A unit's danger or refusal section, its headings naming the unit. */
function naming(lines: readonly string[], unit: string): string[] {
  return lines.map((line) => (line.startsWith("## ") ? line.replace(/^## (\S+ [^:]+)(:|$)/, `## $1 in ${code(unit)}$2`) : line));
}

export function reviewUnits(plans: readonly UnitPlan[], options: { readonly maxChars?: number } = {}): UnitsReview {
  const limit = Math.min(options.maxChars ?? MAX_COMMENT_CHARS, GITHUB_COMMENT_LIMIT);
  const units = plans.map((p) => {
    try {
      return { name: p.name, review: classify(parsePlan(p.json)) };
    } catch (error) {
      if (error instanceof PlanError) throw new PlanError(`${p.source ?? p.name}: ${error.message}`);
      throw error;
    }
  });
  const alarmingWith = (maxTargets?: number) =>
    units.flatMap((u) => [...naming(renderDangers(u.review.dangers, maxTargets), u.name), ...naming(renderRefusals(u.review.refusals), u.name)]);
  // Every unit's dangers are kept: when their lists of clusters do not fit, the clusters are counted instead.
  const full = alarmingWith();
  const alarming = full.join("\n").length + NOTICE_ROOM > limit ? alarmingWith(0) : full;
  const changed = units.filter((u) => u.review.changes.length > 0 || u.review.outputs.length > 0);
  const unchanged = units.filter((u) => !changed.includes(u));
  const summary = [
    `## Terraform plan review: ${units.length} units`,
    "",
    ...changed.map((u) => `- ${code(u.name)}: ${summaryLines(u.review.summary).join(" ")}`),
    ...(unchanged.length > 0 ? [`- No changes: ${unchanged.map((u) => code(u.name)).join(", ")}.`] : []),
    "",
  ];
  const lines = [MARKER, ...alarming, ...summary];
  let length = lines.join("\n").length;
  if (length > GITHUB_COMMENT_LIMIT) {
    throw new ReviewTooLongError(`the units' danger, refusal and summary sections alone take ${length} characters, over GitHub's ${GITHUB_COMMENT_LIMIT}`);
  }
  for (const [i, u] of changed.entries()) {
    // Each unit gets an even share of what is left; its own review cuts its details to fit.
    const share = Math.floor((limit - length) / (changed.length - i));
    const heading = `## ${code(u.name)}`;
    let body: string[];
    try {
      const own = renderReview({ ...u.review, dangers: [], refusals: [] }, { maxChars: share - heading.length - 2 }).split("\n").slice(1);
      // The unit's heading stands for the review's own.
      const at = own.indexOf(REVIEW_HEADING);
      body = (at < 0 ? own : [...own.slice(0, at), ...own.slice(at + 2)]).map(deeper);
    } catch (error) {
      if (!(error instanceof ReviewTooLongError)) throw error;
      body = [`_The review of ${code(u.name)} is left out for room; \`terraform show\` of its plan shows it._`, ""];
    }
    const section = [heading, "", ...body];
    const text = section.join("\n");
    if (length + text.length + 1 > limit) {
      const note = `_The review of ${code(u.name)} is left out for room; \`terraform show\` of its plan shows it._`;
      lines.push(note, "");
      length += note.length + 2;
      continue;
    }
    lines.push(...section);
    length += text.length + 1;
  }
  return {
    units,
    markdown: lines.join("\n"),
    dangerous: units.some((u) => u.review.dangers.length > 0),
    refused: units.some((u) => u.review.refusals.length > 0),
  };
}
