import { IResolvable, IResolveContext, Token, Tokenization } from "cdktf";
import { scanOutsideStrings } from "./scan";

/**
 * A Terraform expression written as HCL text, with TypeScript values spliced in:
 *
 *     hcl`length(${props.clusterMode}) == 0 ? ${props.replicationGroupSize} : null`
 *
 * Each spliced value renders as what it is: a token as the reference it stands for
 * (`var.cluster_mode`), a literal as an HCL literal (`[]`, `"a-b"`, `2`), any other expression
 * (a nested hcl expression, a token of one) in parentheses unless it is self-delimiting (a call,
 * an index, a list). cdktf's own expression builders are avoided on purpose: in cdktf 0.21 they drop
 * operands that are 0 or "" and do not parenthesize conditionals.
 */
export function hcl(parts: TemplateStringsArray, ...operands: unknown[]): IResolvable {
  // A backslash in the template text reaches HCL as an escape it may not know ("\." is an error):
  // string literals that need one go in as operands, which are quoted properly.
  if (parts.some((part) => part.includes("\\"))) {
    throw new Error(`hcl: pass string literals with backslashes as operands: ${parts.join("${…}")}`);
  }
  return new HclExpression(parts, operands);
}

class HclExpression implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(
    private readonly parts: readonly string[],
    private readonly operands: readonly unknown[],
  ) {}

  resolve(context: IResolveContext): string {
    const outermost = !context.suppressBraces;
    context.suppressBraces = true;
    const text = this.parts.reduce((acc, part, i) => acc + render(context, this.operands[i - 1]) + part);
    return outermost ? `\${${text}}` : text;
  }

  toString(): string {
    return Token.asString(this);
  }
}

/**
 * Whether an expression needs no parentheses as an operand: nothing of it stands outside brackets
 * and strings but names, dots and indexes (`var.x`, `local.ids[0]`, `f(a, b)`, `[for x in y : x][0]`).
 * Operators are always written with spaces around them, so a space outside brackets means one.
 */
export function isSelfDelimiting(text: string): boolean {
  let depth = 0;
  let delimited = text.length > 0 && !text.startsWith("-");
  scanOutsideStrings(text, (c) => {
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && !/[\w.-]/.test(c)) delimited = false;
    return delimited;
  });
  return delimited;
}

function resolved(context: IResolveContext, token: unknown): string {
  const text = String(context.resolve(token));
  return isSelfDelimiting(text) ? text : `(${text})`;
}

function render(context: IResolveContext, value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Tokenization.isResolvable(value)) return resolved(context, value);
  if (typeof value === "string") return renderString(context, value);
  if (Token.isUnresolved(value)) return resolved(context, value);
  if (Array.isArray(value)) return `[${value.map((v) => render(context, v)).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${render(context, v)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

function renderString(context: IResolveContext, value: string): string {
  if (!Token.isUnresolved(value)) return quote(value);
  const fragments = Tokenization.reverseString(value);
  if (fragments.literals.length === 0 && fragments.length === 1) return resolved(context, value);
  // A string mixing text and references becomes an HCL template: "prefix-${var.x}".
  context.suppressBraces = false;
  const template = String(context.resolve(value));
  context.suppressBraces = true;
  return JSON.stringify(template);
}

/** An HCL string literal: JSON quoting, plus escapes for HCL's template sequences. */
function quote(text: string): string {
  return JSON.stringify(text)
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
}

/**
 * A condition on a secret must not be sensitive itself, so it goes through nonsensitive(); the
 * value is marked sensitive first because Terraform before 1.7 rejects nonsensitive() on a value
 * that is not (a construct's token may come from a variable that is not sensitive).
 */
export function revealOnly(condition: IResolvable): IResolvable {
  return hcl`nonsensitive(sensitive(${condition}))`;
}
