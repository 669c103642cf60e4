/**
 * Plan review: turns `terraform show -json <planfile>` into a Markdown pull-request comment that
 * puts any replacement or destroy of the Redis cluster (or what it depends on) first.
 */
import { classify, type Review } from "./classify";
import { parsePlan } from "./plan";
import { renderReview, type RenderOptions } from "./render";

export { classify, dangerOf, kindOf, losses, reasonText, reviewChange, ROLES, summarize, unrefreshed } from "./classify";
export type { Danger, ForcingArgument, Kind, Review, ReviewedChange, Role, Summary } from "./classify";
export { parseJson, parsePlan, PlanError, readPlan } from "./plan";
export type { Action, AttributePath, Mask, Plan, ResourceChange } from "./plan";
export { DANGER_HEADING, MARKER, MAX_COMMENT_CHARS, renderReview, UNREFRESHED_HEADING } from "./render";
export type { RenderOptions } from "./render";
export { SENSITIVE, UNKNOWN } from "./values";

export interface PlanReview {
  readonly review: Review;
  readonly markdown: string;
  /** True when the plan replaces or destroys the cluster, its subnet group or its security group. */
  readonly dangerous: boolean;
}

/** The review of a plan given as the text of `terraform show -json`; throws PlanError on bad input. */
export function reviewPlanJson(text: string, options?: RenderOptions): PlanReview {
  const review = classify(parsePlan(text));
  return { review, markdown: renderReview(review, options), dangerous: review.dangers.length > 0 };
}
