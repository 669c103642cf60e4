/**
 * The review as GitHub-flavoured Markdown for a pull-request comment: the danger section first,
 * then what AWS will refuse (engine and log delivery changes), the notices, the counts, a table of
 * every change, and the changed arguments of each resource.
 */
import type { Review, ReviewedChange } from "./classify";
import {
  changesTable,
  type DetailsBlock,
  detailsBlocks,
  KIND_ORDER,
  leftOut,
  renderMoves,
  renderOutputs,
  summaryLines,
} from "./change-sections";
import { renderDangers } from "./danger-section";
import { renderConnectivity, renderIrreversible, renderRefusals, renderUnrefreshed } from "./notice-sections";

export { DANGER_HEADING } from "./danger-section";
export { CONNECTIVITY_HEADING, IRREVERSIBLE_HEADING, REFUSED_HEADING, UNREFRESHED_HEADING } from "./notice-sections";
export { addressPattern } from "./change-sections";
export { shown } from "./render-values";

/** First line of every review: lets a workflow find and update its earlier comment. */
export const MARKER = "<!-- redis-plan-review -->";

/** GitHub rejects comments over 65,536 characters; the rest of the room is for the cut notice. */
export const MAX_COMMENT_CHARS = 60_000;

export interface RenderOptions {
  /** Where the per-resource details stop; the danger section, counts and table are always kept. */
  readonly maxChars?: number;
}

// ---- the whole review ----------------------------------------------------------------------------

/** GitHub refuses a comment longer than this: the comment would not be posted, danger and all. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The review cannot be written within GitHub's limit even with every detail left out. */
export class ReviewTooLongError extends Error {}

export function renderReview(review: Review, options: RenderOptions = {}): string {
  const limit = Math.min(options.maxChars ?? MAX_COMMENT_CHARS, GITHUB_COMMENT_LIMIT);
  const head = [
    MARKER,
    ...renderDangers(review.dangers),
    ...renderRefusals(review.refusals),
    ...renderConnectivity(review.connectivity),
    ...renderUnrefreshed(review.unrefreshed),
    ...renderIrreversible(review.engineChanges),
    "## Terraform plan review",
    "",
    ...summaryLines(review.summary),
    "",
  ];
  // Danger, refusals and counts are never cut: without them the comment could not say what it must.
  const essential = head.join("\n").length;
  if (essential > GITHUB_COMMENT_LIMIT) {
    throw new ReviewTooLongError(
      `the review's danger, refusal and summary sections alone take ${essential} characters, over GitHub's ${GITHUB_COMMENT_LIMIT}`,
    );
  }
  if (review.changes.length === 0) {
    return [...head, "No changes: the infrastructure matches the configuration.", "", ...renderOutputs(review.outputs)].join("\n");
  }
  const moved = (c: ReviewedChange) => c.kind === "no-op" && c.previousAddress !== undefined && !c.importing;
  const lines = [...head];
  const tableChanges = review.changes.filter((c) => !moved(c));
  if (tableChanges.length > 0) lines.push(...changesTable(tableChanges), "");
  lines.push(...renderMoves(review.changes), ...renderOutputs(review.outputs));
  let length = lines.join("\n").length;
  // In the table's order: what is replaced first.
  const ordered = [...review.changes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const sections: [string, string, DetailsBlock[]][] = [
    ["### Changed arguments", "changed arguments", detailsBlocks(ordered.filter((c) => c.diff !== undefined))],
    ["### Created", "arguments", detailsBlocks(ordered.filter((c) => c.created !== undefined))],
  ];
  for (const [heading, what, blocks] of sections) {
    if (blocks.length === 0) continue;
    const notice = leftOut(blocks, what);
    if (length + heading.length + notice.length + 4 > limit) {
      lines.push(notice, "");
      length += notice.length + 2;
      continue;
    }
    lines.push(heading, "");
    length += heading.length + 2;
    for (const [i, block] of blocks.entries()) {
      // Room for this block and, when more follow, for the notice that says what they are.
      const text = block.lines.join("\n");
      const after = blocks.slice(i + 1);
      const room = text.length + 1 + (after.length > 0 ? leftOut(after, what).length + 2 : 0);
      if (length + room > limit) {
        const rest = leftOut(blocks.slice(i), what);
        lines.push(rest, "");
        length += rest.length + 2;
        break;
      }
      lines.push(...block.lines);
      length += text.length + 1;
    }
  }
  // Each detail block ends with a blank line: the text ends with exactly one newline.
  return lines.join("\n");
}
