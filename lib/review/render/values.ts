/**
 * What more than one section of the review writes: a value as the review shows it (cut to
 * MAX_VALUE_CHARS), an argument's path, Terraform's reason codes in words, lists in words and cut
 * to a length with a count of the rest.
 */
import { code } from "../../text/markdown";
import type { AttributePath } from "../plan";
import { formatPath, SENSITIVE, type Shown, UNKNOWN } from "../values";
import { MAX_VALUE_CHARS } from "./limits";

// ---- values --------------------------------------------------------------------------------------

/** A value's text as far as the comment has room for it, saying how much is left out. */
export function clipped(text: string): string {
  if (text.length <= MAX_VALUE_CHARS) return text;
  return `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length - MAX_VALUE_CHARS} more characters)`;
}

export function shown(value: Shown, inTable = false): string {
  if (value.kind === "sensitive") return SENSITIVE;
  if (value.kind === "unknown") return UNKNOWN;
  return code(clipped(value.text), inTable);
}

export const argument = (path: AttributePath, inTable = false) =>
  path.length === 0 ? "(the whole object)" : code(formatPath(path), inTable);

// ---- reasons -------------------------------------------------------------------------------------

/** A map, not an object: a code from the plan must not find `constructor` or `toString`. */
const REASONS: ReadonlyMap<string, string> = new Map([
  ["replace_because_cannot_update", "an argument cannot change in place"],
  ["replace_because_tainted", "the object is tainted (a failed apply or `terraform taint` marked it)"],
  ["replace_by_request", "requested with `-replace`"],
  ["replace_by_triggers", "a `replace_triggered_by` reference changed"],
  ["delete_because_no_resource_config", "its resource block is no longer in the configuration"],
  ["delete_because_no_module", "its module is no longer in the configuration"],
  ["delete_because_wrong_repetition", "`count` or `for_each` was added to or removed from its block"],
  ["delete_because_count_index", "`count` no longer reaches this index"],
  ["delete_because_each_key", "`for_each` no longer holds this key"],
  ["delete_because_no_move_target", "its `moved` block points at a resource that does not exist"],
]);

/** Terraform's reason code in words; a code this list does not know yet is shown as it is. */
export function reasonText(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (REASONS.get(code) ?? code);
}

// ---- lists ---------------------------------------------------------------------------------------

/** A list in words: "a", "a and b", "a, b and c". */
export const inWords = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/**
 * A long list cut to its first `max` lines and a last one that says how many more there are and
 * where to see them: no section may take the comment's room from the danger.
 */
export function capped(lines: readonly string[], max: number, what: string): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `- … and ${lines.length - max} more ${what} (\`terraform show tfplan\` lists them all)`];
}
