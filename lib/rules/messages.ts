/**
 * The messages of broken rules, the same whether TypeScript finds them (literal props) or
 * Terraform does (validation blocks, preconditions, check blocks): a message names the input,
 * the value and the rule. A sensitive input's value is never shown.
 */
import { Token } from "cdktf";
import type { CombinedRule } from "./cross-input";
import { isKnown } from "../expressions/derive";
import { hcl } from "../expressions/hcl";
import { INPUT_SPECS, InputName } from "../inputs/table";
import type { Rule } from "./builders";

const SENSITIVE = "(sensitive value)";

export const ERROR_PREFIX = "Invalid ";

/** Object keys sorted, as Terraform's maps and objects hold them. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortedKeys(v)]));
}

/**
 * JSON as Terraform's jsonencode writes it: object keys sorted, and <, > and & (and two line
 * separators) escaped.
 */
export function jsonencode(value: unknown): string {
  return JSON.stringify(sortedKeys(value ?? null)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A literal value as a message shows it. */
export function shown(name: InputName, value: unknown): string {
  if (INPUT_SPECS.get(name)?.sensitive) return SENSITIVE;
  return jsonencode(value);
}

/** The value inside a Terraform error_message template: written out when known, else jsonencode'd at plan time. */
export function shownExpression(name: InputName, operand: unknown): string {
  // A literal goes into the message as text, so it must not read as a template sequence.
  if (INPUT_SPECS.get(name)?.sensitive || isKnown(operand)) return shown(name, operand).replace(/([$%])\{/g, "$1$1{");
  return Token.asString(hcl`jsonencode(${operand})`);
}

/** An input's broken rule; `detail` is the rule's detail (RuleDetail) for the value, literal or template. */
export function inputMessage(name: InputName, value: string, rule: Rule, detail?: string): string {
  const detailPart = rule.detail && detail !== undefined ? `; ${rule.detail.lead} ${detail}` : "";
  return `${ERROR_PREFIX}${name} ${value}: must ${rule.text}${detailPart}.`;
}

/**
 * A combined rule's message: each input it reads and its value, then those it reads only when set
 * (`shownWhenSet`), whose part `setPart` gives (", name value" or nothing).
 */
export function combinedMessage(
  prefix: string,
  rule: CombinedRule,
  show: (name: InputName) => string,
  setPart: (name: InputName) => string,
  fix?: string,
): string {
  const parts = rule.inputs.map((name) => `${name} ${show(name)}`).join(", ");
  const fixPart = rule.fix && fix !== undefined ? `; ${rule.fix.lead} ${fix}` : "";
  return `${prefix}${parts}${(rule.shownWhenSet ?? []).map(setPart).join("")}: ${rule.text}${fixPart}.`;
}

/** The part of a literal input that is shown only when set. */
export const literalSetPart = (name: InputName, value: unknown) => (value == null ? "" : `, ${name} ${shown(name, value)}`);

/** The same at plan time: empty when the operand is null, else ", name value". */
export function setPartExpression(name: InputName, operand: unknown): string {
  if (isKnown(operand)) return literalSetPart(name, operand).replace(/([$%])\{/g, "$1$1{");
  return Token.asString(hcl`${operand} == null ? "" : format(${`, ${name} %s`}, jsonencode(${operand}))`);
}
