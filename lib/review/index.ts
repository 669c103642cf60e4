/**
 * Plan review: turns `terraform show -json <planfile>` into a Markdown pull-request comment that
 * puts any replacement or destroy of the Redis cluster (or what it depends on) first, then any
 * change AWS will refuse.
 */
import { classify, type Review } from "./classify";
import { parsePlan } from "./plan";
import { renderReview, type RenderOptions } from "./render/render";

export {
  classify,
  connectivityRiskOf,
  dangerOf,
  engineChange,
  kindOf,
  losses,
  reasonText,
  REFUSAL_KINDS,
  refusalsOf,
  reviewChange,
  ROLES,
  summarize,
  unrefreshed,
  VALKEY_SOURCE_FLOOR,
  versionBelow,
} from "./classify";
export type {
  ConnectivityRisk,
  Danger,
  Endpoint,
  Engine,
  EngineChange,
  EngineRefusal,
  EngineVersion,
  ForcingArgument,
  Kind,
  OutputReview,
  Refusal,
  RefusalKind,
  Review,
  ReviewedChange,
  Role,
  Summary,
} from "./classify";
export { LOG_DELIVERY, logDeliveryChanges, logDeliveryDiffers } from "./logs";
export type { LogDeliveryChange, LogDestination } from "./logs";
export { parseJson, parsePlan, PlanError, readPlan } from "./plan";
export type { Action, AttributePath, Mask, Plan, ResourceChange } from "./plan";
export {
  DANGER_HEADING,
  IRREVERSIBLE_HEADING,
  MARKER,
  MAX_COMMENT_CHARS,
  REFUSED_HEADING,
  renderReview,
  UNREFRESHED_HEADING,
} from "./render/render";
export type { RenderOptions } from "./render/render";
export { SENSITIVE, UNKNOWN } from "./values";

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

/** The review of a plan given as the text of `terraform show -json`; throws PlanError on bad input. */
export function reviewPlanJson(text: string, options?: RenderOptions): PlanReview {
  const review = classify(parsePlan(text));
  return {
    review,
    markdown: renderReview(review, options),
    dangerous: review.dangers.length > 0,
    refused: review.refusals.length > 0,
  };
}
