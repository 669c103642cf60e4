/**
 * The review as GitHub-flavoured Markdown for a pull-request comment: the danger section first,
 * then what AWS will refuse (engine and log delivery changes), the notices (connectivity, capacity,
 * refresh, the Valkey upgrade), the counts, a table of every change, and the changed arguments of
 * each resource.
 */
import type { Review, ReviewedChange } from "../classify";
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
import { GITHUB_COMMENT_LIMIT, MAX_COMMENT_CHARS, NOTICE_ROOM } from "./limits";
import { renderCapacity, renderConnectivity, renderIrreversible, renderRefusals, renderUnrefreshed } from "./notice-sections";

/** First line of every review: lets a workflow find and update its earlier comment. */
export const MARKER = "<!-- redis-plan-review -->";

export interface RenderOptions {
  /**
   * Where the sections after the danger, refusal and summary sections stop (by default 60,000
   * characters, MAX_COMMENT_CHARS; never past GitHub's 65,536): those three are always kept whole.
   */
  readonly maxChars?: number;
}

/** The review cannot be written within GitHub's limit even with every detail left out. */
export class ReviewTooLongError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewTooLongError";
  }
}

/** The review as a pull-request comment; throws ReviewTooLongError when even its essential sections cannot fit one. */
export function renderReview(review: Review, options: RenderOptions = {}): string {
  const limit = Math.min(options.maxChars ?? MAX_COMMENT_CHARS, GITHUB_COMMENT_LIMIT);
  const beforeCapacity = [MARKER, ...renderDangers(review.dangers), ...renderRefusals(review.refusals), ...renderConnectivity(review.connectivity, review.dnsChanges)];
  const afterCapacity = [
    ...renderUnrefreshed(review.unrefreshed),
    ...renderIrreversible(review.engineChanges),
    "## Terraform plan review",
    "",
    ...summaryLines(review.summary),
    "",
  ];
  // Danger, refusals and counts are never cut: without them the comment could not say what it must.
  const essential = [...beforeCapacity, ...afterCapacity].join("\n").length;
  if (essential + NOTICE_ROOM > GITHUB_COMMENT_LIMIT) {
    throw new ReviewTooLongError(
      `the review's danger, refusal and summary sections alone take ${essential} characters, over GitHub's ${GITHUB_COMMENT_LIMIT}`,
    );
  }
  // Capacity changes lose nothing: they sit with the notices, but give way when the comment is too long.
  const capacity = renderCapacity(review.capacity);
  const capacityFits = essential + capacity.join("\n").length + 1 + NOTICE_ROOM <= limit;
  const capacityLeftOut = `_${review.capacity.length} capacity change(s) left out for room; \`terraform show tfplan\` shows the replication groups and scalable targets that change._`;
  const lines = [...beforeCapacity, ...(capacity.length === 0 ? [] : capacityFits ? capacity : [capacityLeftOut, ""]), ...afterCapacity];
  let length = lines.join("\n").length;
  /** Adds a section when it fits (keeping room for the notices after it), else one line saying what is left out. */
  const add = (section: readonly string[], leftOutNotice: string) => {
    if (section.length === 0) return;
    const text = section.join("\n");
    if (length + text.length + 1 + NOTICE_ROOM <= limit) {
      lines.push(...section);
      length += text.length + 1;
    } else {
      lines.push(leftOutNotice, "");
      length += leftOutNotice.length + 2;
    }
  };
  const outputs = renderOutputs(review.outputs);
  const outputsLeftOut = `_${review.outputs.length} output change(s) left out for room; \`terraform show tfplan\` lists them._`;
  if (review.changes.length === 0) {
    lines.push("No changes: the infrastructure matches the configuration.", "");
    add(outputs, outputsLeftOut);
    return lines.join("\n");
  }
  const moved = (c: ReviewedChange) => c.kind === "no-op" && c.previousAddress !== undefined && !c.importing;
  const tableChanges = review.changes.filter((c) => !moved(c));
  const movedCount = review.changes.filter((c) => c.previousAddress !== undefined).length;
  add(tableChanges.length > 0 ? [...changesTable(tableChanges), ""] : [], `_The table of ${tableChanges.length} changes is left out for room; \`terraform show tfplan\` lists them._`);
  add(renderMoves(review.changes), `_The list of ${movedCount} moves is left out for room; \`terraform show tfplan\` lists them._`);
  add(outputs, outputsLeftOut);
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
