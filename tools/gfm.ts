/**
 * Markdown rendered the way GitHub renders a pull-request comment, for the tests that check what a
 * reviewer sees: cmark-gfm (GitHub's own parser, the Debian package `cmark-gfm`) with GitHub's
 * extensions, then the part of GitHub's sanitizing that changes structure. And small readers of
 * the resulting HTML: headings, tables, <details> blocks, visible text.
 *
 * How GitHub gets from a comment to HTML, and what is reproduced here:
 * - cmark-gfm with the extensions table, strikethrough, autolink, tagfilter and tasklist (the GFM
 *   spec's), and `<pre lang>` for fenced code (--github-pre-lang).
 * - In comments (issues, pull requests, discussions) a newline inside a paragraph is a line break
 *   (`--hardbreaks`), unlike in READMEs; `{ comment: false }` renders a document instead.
 * - Raw HTML is let through (`--unsafe`) and then sanitized with an allowlist: GitHub keeps
 *   <details>, <summary>, <br>, <sup>, ... and drops other tags (keeping their text), HTML
 *   comments and attributes outside its list. Rendering without --unsafe would be wrong the other
 *   way: cmark-gfm would drop <details> and <summary>, which GitHub shows. The allowlist below is
 *   the tags and attributes of GitHub's sanitizer that a review can use; URLs other than http(s),
 *   mailto, anchors and relative ones lose their href/src.
 *
 * The comment limit, COMMENT_LIMIT, is GitHub's 65,536 characters of the Markdown source;
 * commentLength() counts as GitHub does (characters, i.e. code points, not UTF-16 units).
 */
import { spawnSync } from "node:child_process";

export const GFM_EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] as const;

/** GitHub refuses a comment body longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

const BINARY = "cmark-gfm";

export interface RenderOptions {
  /** true (default): a comment, where newlines are line breaks; false: a document (README). */
  readonly comment?: boolean;
}

/** The command line renderGfm runs (without the input). */
export function cmarkArgs(options: RenderOptions = {}): string[] {
  return [
    "--unsafe",
    "--github-pre-lang",
    ...(options.comment === false ? [] : ["--hardbreaks"]),
    ...GFM_EXTENSIONS.flatMap((e) => ["-e", e]),
  ];
}

const MISSING = [
  `${BINARY} is not on PATH; the tests render Markdown with it as GitHub does.`,
  "Install it: `apt-get install -y cmark-gfm` (Debian/Ubuntu; .ci/run does this when it is missing),",
  "or build https://github.com/github/cmark-gfm and put the cmark-gfm binary on PATH.",
].join("\n");

/** The HTML GitHub shows for a comment (or a document) in `markdown`. Throws, saying how to install it, without cmark-gfm. */
export function renderGfm(markdown: string, options: RenderOptions = {}): string {
  const result = spawnSync(BINARY, cmarkArgs(options), {
    input: markdown,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(MISSING);
    throw result.error;
  }
  if (result.status !== 0) throw new Error(`${BINARY} exited ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  return sanitize(result.stdout);
}

/** The version cmark-gfm reports, e.g. "0.29.0.gfm.6"; throws, saying how to install it, when missing. */
export function cmarkGfmVersion(): string {
  const result = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  if (result.error) throw new Error(MISSING);
  return /cmark-gfm (\S+)/.exec(result.stdout)?.[1] ?? result.stdout.trim();
}

/** Characters of a comment body as GitHub counts them against COMMENT_LIMIT (code points). */
export function commentLength(markdown: string): number {
  let n = 0;
  for (const _ of markdown) n++;
  return n;
}

// ---- sanitizing ----------------------------------------------------------------------------------

/** Tags GitHub's sanitizer keeps (its allowlist, less tags a review has no use for). */
const ALLOWED_TAGS = new Set([
  ..."h1 h2 h3 h4 h5 h6 h7 h8 br b i strong em a pre code img tt div ins del sup sub p ol ul".split(" "),
  ..."table thead tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s".split(" "),
  ..."strike summary details caption figure figcaption abbr bdo cite dfn mark small span time wbr input".split(" "),
]);
/** Attributes kept (GitHub keeps a few more, none that changes structure). */
const ALLOWED_ATTRIBUTES = new Set([
  "align",
  "alt",
  "checked",
  "colspan",
  "disabled",
  "href",
  "lang",
  "open",
  "rowspan",
  "src",
  "start",
  "title",
  "type",
]);
const SAFE_URL = /^(https?:|mailto:|#|\/|\.|[^:]*$)/i;

const TAG = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** GitHub's sanitizing as far as structure goes: disallowed tags, attributes, URLs and comments removed. */
export function sanitize(html: string): string {
  // (tagfilter has already escaped <script> and <style>; this is for HTML from elsewhere.)
  const withoutScripts = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  return withoutScripts.replace(TAG, (_tag: string, closing: string, rawName: string | undefined, rawAttributes: string) => {
    if (rawName === undefined) return ""; // an HTML comment
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return "";
    if (closing) return `</${name}>`;
    const kept: string[] = [];
    for (const [, attribute, dq, sq, bare] of rawAttributes.matchAll(ATTRIBUTE)) {
      const key = attribute.toLowerCase();
      const value = dq ?? sq ?? bare;
      if (!ALLOWED_ATTRIBUTES.has(key)) continue;
      if ((key === "href" || key === "src") && !SAFE_URL.test(decodeEntities(value ?? "").trim())) continue;
      kept.push(value === undefined ? key : `${key}="${value.replace(/"/g, "&quot;")}"`);
    }
    const selfClosing = /\/\s*$/.test(rawAttributes) ? " /" : "";
    return `<${name}${kept.length ? ` ${kept.join(" ")}` : ""}${selfClosing}>`;
  });
}

// ---- reading the HTML ----------------------------------------------------------------------------

export interface HtmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(["br", "hr", "img", "input", "wbr"]);
const BLOCK = new Set([
  ..."p div h1 h2 h3 h4 h5 h6 ul ol li table thead tbody tfoot tr pre blockquote details summary hr dl dt dd".split(" "),
  ..."figure figcaption caption".split(" "),
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * The HTML (renderGfm's, or any well-nested HTML) as a tree under a `#root` element: text
 * decoded, void elements closed, a stray end tag ignored and an unclosed element closed by its
 * parent's end tag.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: "#root", attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = () => stack[stack.length - 1];
  let last = 0;
  const text = (to: number) => {
    if (to > last) top().children.push(decodeEntities(html.slice(last, to)));
  };
  for (const match of html.matchAll(TAG)) {
    text(match.index);
    last = match.index + match[0].length;
    const [, closing, rawName, rawAttributes] = match;
    if (rawName === undefined) continue;
    const tag = rawName.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, name, dq, sq, bare] of rawAttributes.matchAll(ATTRIBUTE)) {
      attributes[name.toLowerCase()] = decodeEntities(dq ?? sq ?? bare ?? "");
    }
    const element: HtmlElement = { tag, attributes, children: [] };
    top().children.push(element);
    if (!VOID.has(tag) && !/\/\s*$/.test(rawAttributes)) stack.push(element);
  }
  text(html.length);
  return root;
}

const asTree = (html: string | HtmlElement) => (typeof html === "string" ? parseHtml(html) : html);

/** Every element with one of the tags, in document order (nested ones too). */
export function elements(html: string | HtmlElement, ...tags: string[]): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (node: HtmlNode) => {
    if (typeof node === "string") return;
    if (tags.includes(node.tag)) found.push(node);
    node.children.forEach(walk);
  };
  walk(asTree(html));
  return found;
}

/**
 * The text a reader sees in a node: `<br>` as a newline, blocks separated by a newline, runs of
 * spaces and tabs as one space; trimmed.
 */
export function textOf(node: HtmlNode | string): string {
  const raw = (n: HtmlNode): string => {
    if (typeof n === "string") return n;
    if (n.tag === "br") return "\n";
    if (n.tag === "input") return n.attributes.type === "checkbox" ? ("checked" in n.attributes ? "[x]" : "[ ]") : "";
    const inner = n.children.map(raw).join("");
    return BLOCK.has(n.tag) ? `\n${inner}\n` : inner;
  };
  const tree = typeof node === "string" ? parseHtml(node) : node;
  return raw(tree)
    .replace(/[ \t\r]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** How many characters of text a reader sees (textOf's, in code points). */
export function textLength(html: string | HtmlElement): number {
  return commentLength(textOf(asTree(html)));
}

export interface Heading {
  readonly level: number;
  readonly text: string;
}

/** The headings, in order (inside <details> too): level 1-6 and their text. */
export function headings(html: string | HtmlElement): Heading[] {
  return elements(asTree(html), "h1", "h2", "h3", "h4", "h5", "h6").map((h) => ({
    level: Number(h.tag.slice(1)),
    text: textOf(h),
  }));
}

export interface Table {
  /** The header row's cell texts. */
  readonly header: string[];
  /** Each body row's cell texts. */
  readonly rows: string[][];
}

/** The tables, in order: header cells and body rows as cell texts. */
export function tables(html: string | HtmlElement): Table[] {
  const cells = (row: HtmlElement) => row.children.filter((c): c is HtmlElement => typeof c !== "string" && (c.tag === "th" || c.tag === "td")).map(textOf);
  return elements(asTree(html), "table").map((table) => {
    const sections = table.children.filter((c): c is HtmlElement => typeof c !== "string");
    const rowsOf = (tag: string) => sections.filter((s) => s.tag === tag).flatMap((s) => elements(s, "tr"));
    const headRows = rowsOf("thead");
    return { header: headRows.length ? cells(headRows[0]) : [], rows: rowsOf("tbody").map(cells) };
  });
}

export interface Details {
  /** The <summary> text: what is shown while folded. */
  readonly summary: string;
  /** Whether it starts unfolded (`<details open>`). */
  readonly open: boolean;
  /** The text inside, summary excluded. */
  readonly text: string;
  readonly element: HtmlElement;
}

/** The <details> blocks, in order (nested ones too). */
export function details(html: string | HtmlElement): Details[] {
  return elements(asTree(html), "details").map((element) => {
    const summary = element.children.find((c): c is HtmlElement => typeof c !== "string" && c.tag === "summary");
    const body: HtmlElement = { tag: "div", attributes: {}, children: element.children.filter((c) => c !== summary) };
    return { summary: summary ? textOf(summary) : "", open: "open" in element.attributes, text: textOf(body), element };
  });
}
