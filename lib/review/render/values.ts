/**
 * What every section of the review writes values with: a value as the review shows it, an
 * argument's path, lists cut to a length with a count of the rest.
 */
import { code } from "../../text/markdown";
import type { AttributePath } from "../plan";
import { formatPath, SENSITIVE, type Shown, UNKNOWN } from "../values";

// ---- values --------------------------------------------------------------------------------------

export function shown(value: Shown, inTable = false): string {
  if (value.kind === "sensitive") return SENSITIVE;
  if (value.kind === "unknown") return UNKNOWN;
  return code(value.text, inTable);
}

export const argument = (path: AttributePath, inTable = false) =>
  path.length === 0 ? "(the whole object)" : code(formatPath(path), inTable);

/** A list in words: "a", "a and b", "a, b and c". */
export const inWords = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** Up to this many objects of a group are listed as they are; more are folded. */
export const INLINE_TARGETS = 5;

/**
 * A long list cut to its first `max` lines and a last one that says how many more there are and
 * where to see them: no section may take the comment's room from the danger.
 */
export function capped(lines: readonly string[], max: number, what: string): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `- … and ${lines.length - max} more ${what} (\`terraform show tfplan\` lists them all)`];
}

/** Lists and tables stop here; the danger's clusters, which a reviewer must be able to check, go further. */
export const MAX_LISTED = 40;
export const MAX_DANGER_TARGETS = 150;

