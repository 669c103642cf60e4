/**
 * tools/gfm.ts: Markdown rendered as GitHub renders a comment (cmark-gfm and GitHub's
 * sanitizing), and the readers the review tests use on the HTML. cmark-gfm must be installed
 * (.ci/run installs it); without it these tests fail saying how to install it.
 */
import { describe, expect, it } from "vitest";
import {
  cmarkArgs,
  cmarkGfmVersion,
  COMMENT_LIMIT,
  commentLength,
  details,
  elements,
  headings,
  parseHtml,
  renderGfm,
  sanitize,
  tables,
  textLength,
  textOf,
} from "../../tools/gfm";

const REVIEW_LIKE = [
  "<!-- redis-plan-review -->",
  "## 🔴 DANGER: 2 Redis clusters replaced",
  "",
  "The old cluster is destroyed",
  "before the new one exists.",
  "",
  "### Resources",
  "",
  "| Action | Resource | Why |",
  "| --- | --- | --- |",
  "| **replace** | `aws_elasticache_replication_group.redis` | forced by `port` 6379 -> 6380 |",
  "| update | `aws_security_group_rule.cidr[0]` | `a \\| b` and c \\| d |",
  "",
  "<details><summary>58 more resources</summary>",
  "",
  "#### Folded heading",
  "",
  "- `module.cache_03`",
  "- `module.cache_04`",
  "",
  "</details>",
  "",
].join("\n");

describe("renderGfm", () => {
  it("runs cmark-gfm with GitHub's extensions, raw HTML let through to the sanitizer, newlines as line breaks", () => {
    expect(cmarkGfmVersion()).toMatch(/gfm/);
    expect(cmarkArgs()).toEqual([
      "--unsafe",
      "--github-pre-lang",
      "--hardbreaks",
      ...["table", "strikethrough", "autolink", "tagfilter", "tasklist"].flatMap((e) => ["-e", e]),
    ]);
    expect(cmarkArgs({ comment: false })).not.toContain("--hardbreaks");
  });

  it("renders a table whose first column is Action, with an escaped pipe inside a cell", () => {
    const html = renderGfm(REVIEW_LIKE);
    expect(html).toContain("<th>Action</th>");
    const [table, ...others] = tables(html);
    expect(others).toEqual([]);
    expect(table.header).toEqual(["Action", "Resource", "Why"]);
    expect(table.rows).toEqual([
      ["replace", "aws_elasticache_replication_group.redis", "forced by port 6379 -> 6380"],
      // `\|` is a literal pipe in a cell, in code spans too (GFM's table rule): still three cells.
      ["update", "aws_security_group_rule.cidr[0]", "a | b and c | d"],
    ]);
    const firstRow = elements(html, "tbody")[0].children.find((c) => typeof c !== "string");
    expect(elements(firstRow!, "strong").map(textOf)).toEqual(["replace"]);
  });

  it("keeps <details> and <summary>, as GitHub does, with the Markdown inside rendered", () => {
    const html = renderGfm(REVIEW_LIKE);
    expect(html).toContain("<details><summary>58 more resources</summary>");
    const [block, ...others] = details(html);
    expect(others).toEqual([]);
    expect(block.summary).toBe("58 more resources");
    expect(block.open).toBe(false);
    expect(block.text).toBe("Folded heading\nmodule.cache_03\nmodule.cache_04");
    expect(elements(block.element, "li").map(textOf)).toEqual(["module.cache_03", "module.cache_04"]);
    expect(details(renderGfm("<details open><summary>s</summary>\n\nx\n\n</details>\n"))[0].open).toBe(true);
  });

  it("lists the headings in order, folded ones too, with their level", () => {
    expect(headings(renderGfm(REVIEW_LIKE))).toEqual([
      { level: 2, text: "🔴 DANGER: 2 Redis clusters replaced" },
      { level: 3, text: "Resources" },
      { level: 4, text: "Folded heading" },
    ]);
  });

  it("drops HTML comments (the review's marker) and shows a newline in a paragraph as a line break", () => {
    const html = renderGfm(REVIEW_LIKE);
    expect(html).not.toContain("redis-plan-review");
    expect(html).toContain("<p>The old cluster is destroyed<br />\nbefore the new one exists.</p>");
    expect(renderGfm("a\nb\n", { comment: false })).toBe("<p>a\nb</p>\n");
  });

  it("sanitizes like GitHub: tagfilter escapes <script>, other tags and attributes outside the allowlist go", () => {
    const html = renderGfm(
      '<div style="color:red" onclick="x()" align="center"><span class="c">kept</span> <font>text</font></div>\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1)) <a href="https://example.com" target="_blank">b</a>\n',
    );
    expect(html).toContain('<div align="center"><span>kept</span> text</div>');
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).toContain('<a>a</a> <a href="https://example.com">b</a>');
    expect(sanitize("<p>a<style>p{}</style><script>x()</script>b</p>")).toBe("<p>ab</p>");
  });

  it("renders strikethrough, autolinks and task lists", () => {
    const html = renderGfm("~~old~~ https://example.com\n\n- [x] done\n- [ ] open\n");
    expect(html).toContain("<del>old</del>");
    expect(html).toContain('<a href="https://example.com">https://example.com</a>');
    expect(elements(html, "li").map(textOf)).toEqual(["[x] done", "[ ] open"]);
  });
});

describe("the readers", () => {
  it("parses nested HTML, decoding text, closing void elements, ignoring stray end tags", () => {
    const root = parseHtml('<p>a &amp; b &lt;c&gt; &#x1F534; &#65;<br />x</span></p><hr><p>y</p>');
    expect(root.children.map((c) => (typeof c === "string" ? c : c.tag))).toEqual(["p", "hr", "p"]);
    expect(textOf(root)).toBe("a & b <c> 🔴 A\nx\ny");
  });

  it("measures the text a reader sees and the comment as GitHub counts it", () => {
    expect(textLength("<p>ab <code>c</code></p>\n<p>d</p>")).toBe("ab c\nd".length);
    // GitHub counts characters: an emoji outside the BMP is one, though two UTF-16 units.
    expect(commentLength("🔴 x")).toBe(3);
    expect("🔴 x".length).toBe(4);
    expect(COMMENT_LIMIT).toBe(65_536);
  });

  it("reads a table without a body, and a heading's inline markup as text", () => {
    const html = renderGfm("# A `code` *b*\n\n| Action |\n| --- |\n");
    expect(headings(html)).toEqual([{ level: 1, text: "A code b" }]);
    expect(tables(html)).toEqual([{ header: ["Action"], rows: [] }]);
  });
});
