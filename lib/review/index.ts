/**
 * Plan review (`redis-cdktf/review`): turns `terraform show -json <planfile>` into a Markdown
 * pull-request comment that puts any replacement or destroy of the Redis cluster (or what it
 * depends on) first, then any change AWS will refuse.
 *
 * This is the whole public API; the `redis-plan-review` command uses nothing else. The rest of
 * lib/review (how values are cut, headings, size limits, the classification helpers) may change
 * without notice.
 * - `reviewPlanJson(text, options?)`: the one call most users need: the Markdown, whether the plan
 *   is dangerous or refused, and the data behind them (`PlanReview`).
 * - `parsePlan(text)`, `classify(plan)`, `renderReview(review, options?)`: the same in three steps,
 *   for a caller that wants the data (`Review`: counts, changes, dangers, refusals...) on its own
 *   or renders it another way. The data holds no Markdown: reasons are Terraform's codes, losses
 *   are kinds, values are whole.
 * - `PlanError`: the input is not a plan; `ReviewTooLongError`: even the danger, refusal and
 *   summary sections exceed GitHub's comment limit. Both are bad input, not bugs: their message
 *   says what is wrong.
 * - `MARKER`: the first line of every review, which a workflow searches for to update its comment.
 * - `reviewUnits(plans)`: several plans (the units of a Terragrunt `run-all plan`) in one comment,
 *   and `unitNames(paths)`, the units' names from their plan files' folders.
 * - The types of all of these, and every type `Plan` and `Review` are made of.
 */
import { classify, type Review } from "./classify";
import { parsePlan } from "./plan";
import { renderReview, type RenderOptions } from "./render/render";

export { classify, parsePlan, renderReview };
export { PlanError } from "./plan";
export { MARKER, ReviewTooLongError } from "./render/render";
export { reviewUnits, unitNames } from "./units";
export type { UnitPlan, UnitReview, UnitsReview } from "./units";
export type { RenderOptions, Review };
export type { Action, AttributePath, Mask, OutputChange, PathStep, Plan, ResourceChange } from "./plan";
export type {
  CapacityChange,
  CapacityChangeKind,
  CapacityDimension,
  ConnectivityRisk,
  Danger,
  DnsChange,
  Endpoint,
  Engine,
  EngineChange,
  EngineRefusal,
  EngineVersion,
  ForcingArgument,
  Kind,
  Loss,
  OutputReview,
  Refusal,
  RefusalKind,
  ReviewedChange,
  Role,
  Summary,
} from "./classify";
export type { LogDeliveryChange, LogDestination } from "./logs";
export type { ArgumentChange, ArgumentDiff, ArgumentValue, Shown } from "./values";

export interface PlanReview {
  readonly review: Review;
  readonly markdown: string;
  /** True when the plan replaces or destroys the cluster, its subnet group or its security group. */
  readonly dangerous: boolean;
  /**
   * True when AWS will refuse a change of the plan: an engine change it has no path for, or a log
   * delivery change not applied immediately or made with the upgrade to Valkey (`review.refusals`).
   */
  readonly refused: boolean;
}

/**
 * The review of a plan given as the text of `terraform show -json`; throws PlanError on bad input
 * and ReviewTooLongError when the review cannot fit a GitHub comment.
 */
export function reviewPlanJson(text: string, options?: RenderOptions): PlanReview {
  const review = classify(parsePlan(text));
  return {
    review,
    markdown: renderReview(review, options),
    dangerous: review.dangers.length > 0,
    refused: review.refusals.length > 0,
  };
}
