/**
 * GitHub-flavoured Markdown primitives shared by the docs generator (tools/docs.ts) and the plan
 * review (lib/review/render/), so that both escape table cells and code spans alike.
 */

/** A code span that survives any backticks in the text; `inTable` when it sits in a table cell. */
export function code(text: string, inTable = false): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = longest > 0 || text.startsWith(" ") || text.endsWith(" ") ? ` ${text} ` : text;
  return `${fence}${inTable ? escapeCell(padded) : padded}${fence}`;
}

/** GFM splits table rows on `|` before reading code spans, so pipes are escaped everywhere in a cell. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * Plain text for a table cell. Backslashes are doubled too, where Markdown would read them as
 * escapes; not in code spans (`code`), which show them as they are and where GFM undoes `\|` only.
 */
export function textCell(text: string): string {
  return escapeCell(text.replace(/\\/g, "\\\\"));
}

/** A table's lines: the header, the delimiter row, then one line a row of (already escaped) cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)];
}
