import { Token } from "cdktf";
import type { CombinedRule } from "./cross-input-rules";
import { isKnown } from "./derive";
import { hcl } from "./hcl";
import { INPUT_SPECS, InputName } from "./inputs";
import type { Rule } from "./rule-builders";

/**
 * The messages of broken rules, the same whether TypeScript finds them (literal props) or
 * Terraform does (validation blocks, preconditions, check blocks): a message names the input,
 * the value and the rule. A sensitive input's value is never shown.
 */

const SENSITIVE = "(sensitive value)";

export const ERROR_PREFIX = "Invalid ";

/** JSON as Terraform's jsonencode writes it, which escapes <, > and & (and two line separators). */
export function jsonencode(value: unknown): string {
  return JSON.stringify(value ?? null).replace(
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

export const inputMessage = (name: InputName, value: string, rule: Rule) => `${ERROR_PREFIX}${name} ${value}: must ${rule.text}.`;

export const combinedMessage = (prefix: string, rule: CombinedRule, show: (name: InputName) => string) =>
  `${prefix}${rule.inputs.map((name) => `${name} ${show(name)}`).join(", ")}: ${rule.text}.`;
