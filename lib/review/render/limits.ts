/**
 * Every number that decides how much of the review a comment holds and what is folded: the comment
 * must fit GitHub's limit whatever the plan, so these are the review's size budget, read together.
 */

/** GitHub refuses a comment longer than this: the comment would not be posted, danger and all. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Where the sections after the danger, refusal and summary stop by default: a margin below GitHub's limit. */
export const MAX_COMMENT_CHARS = 60_000;

/** Room kept, past the danger, refusal and summary sections, for the notices of what is left out. */
export const NOTICE_ROOM = 600;

/** Longer values are cut: one IAM policy or user-data blob should not fill the comment. */
export const MAX_VALUE_CHARS = 200;

/** Rows beyond this are left out of the changes table, which says how many and of what. */
export const MAX_TABLE_ROWS = 100;

/** Lists (moves, outputs, ingress rules, capacity changes) stop here: no section may take the comment's room from the danger. */
export const MAX_LISTED = 40;

/** A danger group lists this many objects: further than other lists, as a reviewer must be able to check them. */
export const MAX_DANGER_TARGETS = 150;

/** Up to this many objects of a danger group, connectivity or capacity notice are listed as they are; more are folded. */
export const INLINE_TARGETS = 5;

/** Up to this many moves are listed as they are; more are folded. */
export const INLINE_MOVES = 10;

/** Up to this many output changes are listed as they are; more (one root calling the module many times) are folded. */
export const INLINE_OUTPUTS = 10;

/** Up to this many unknown attributes fit on one line; a replacement has a score of them, folded. */
export const INLINE_UNKNOWN = 6;
