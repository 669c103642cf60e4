import { IResolvable, Token } from "cdktf";
import { isKnown } from "./derive";
import { terraformClusterMode } from "./naming";
import { hcl, revealOnly } from "./hcl";
import {
  camelCase,
  CombinedRule,
  CROSS_INPUT_RULES,
  INPUTS,
  InputName,
  InputSpec,
  InputValues,
  ResolvedInputs,
  WARNINGS,
} from "./inputs";
import type { ClusterModeConfig } from "./props";
import type { Rule } from "./rules";

/**
 * Turns the rules of inputs.ts into what enforces them: error and warning messages for literal
 * props (TypeScript), and Terraform conditions with the same messages for the module (variable
 * validation blocks, preconditions, check blocks). A message names the input, the value and the
 * rule; a sensitive input's value is never shown.
 */

const SPECS = new Map<InputName, InputSpec>(
  (INPUTS as readonly InputSpec[]).map((input) => [input.name as InputName, input]),
);
const SENSITIVE = "(sensitive value)";

/** JSON as Terraform's jsonencode writes it, which escapes <, > and & (and two line separators). */
export function jsonencode(value: unknown): string {
  return JSON.stringify(value ?? null).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A literal value as the message shows it. */
function shown(name: InputName, value: unknown): string {
  if (SPECS.get(name)?.sensitive) return SENSITIVE;
  return jsonencode(value);
}

/** The value inside a Terraform error_message template: written out when known, else jsonencode'd at plan time. */
function shownExpression(name: InputName, operand: unknown): string {
  // A literal goes into the message as text, so it must not read as a template sequence.
  if (SPECS.get(name)?.sensitive || isKnown(operand)) return shown(name, operand).replace(/([$%])\{/g, "$1$1{");
  return Token.asString(hcl`jsonencode(${operand})`);
}

const inputMessage = (name: InputName, value: string, rule: Rule) => `Invalid ${name} ${value}: must ${rule.text}.`;

const combinedMessage = (prefix: string, rule: CombinedRule, show: (name: InputName) => string) =>
  `${prefix}${rule.inputs.map((name) => `${name} ${show(name)}`).join(", ")}: ${rule.text}.`;

const errorPrefix = "Invalid ";

/** Messages of the single-input rules a literal value breaks. */
function inputViolations(name: InputName, value: unknown): string[] {
  const rules = SPECS.get(name)?.rules ?? [];
  return rules.filter((rule) => !rule.test(value)).map((rule) => inputMessage(name, shown(name, value), rule));
}

/** Messages of the combined rules (or warnings) that literal values break. */
function combinedViolations(rules: readonly CombinedRule[], values: InputValues, prefix: string): string[] {
  return rules
    .filter((rule) => !rule.test(values))
    .map((rule) => combinedMessage(prefix, rule, (name) => shown(name, values[name])));
}

export interface Condition {
  readonly condition: IResolvable;
  readonly errorMessage: string;
}

/**
 * The conditions of one input's rules, given its operand: variable validation blocks, or
 * preconditions. A sensitive input's conditions are revealed (only the boolean), since a
 * condition that is sensitive cannot be checked.
 */
export function inputConditions(name: InputName, operand: unknown): Condition[] {
  const sensitive = SPECS.get(name)?.sensitive ?? false;
  return (SPECS.get(name)?.rules ?? []).map((rule) => ({
    condition: sensitive ? revealOnly(rule.condition(operand)) : rule.condition(operand),
    errorMessage: inputMessage(name, shownExpression(name, operand), rule),
  }));
}

/**
 * Terraform prints a variable's value when the variable's own validation fails, even a sensitive
 * one: a secret's rules are checked by preconditions instead, which report only their message.
 */
export const isValidatedByItsVariable = (name: InputName) => !SPECS.get(name)?.sensitive;

/** Preconditions or check assertions for combined rules, given each input's operand. */
export function combinedConditions(rules: readonly CombinedRule[], operands: InputValues, prefix: string): Condition[] {
  return rules.map((rule) => ({
    condition: rule.condition(operands),
    errorMessage: combinedMessage(prefix, rule, (name) => shownExpression(name, operands[name])),
  }));
}

/** A secret given as a literal would be written to the synthesized JSON in plain text. */
function literalSecrets(values: InputValues): string[] {
  return [...SPECS.values()]
    .filter((input) => input.sensitive && typeof values[input.name as InputName] === "string")
    .filter((input) => isKnown(values[input.name as InputName]))
    .map(
      (input) =>
        `Invalid ${input.name} (sensitive value): must be a token, such as a sensitive TerraformVariable or a ` +
        "Secrets Manager or SSM Parameter Store data source, never a literal: a literal is written to the " +
        "synthesized JSON in plain text.",
    );
}

export interface PropChecks {
  /** Rules Terraform must check at plan time, since a token is involved: replication group preconditions. */
  readonly preconditions: Condition[];
  /** Warnings that apply to literal values: cdktf annotations. */
  readonly warnings: string[];
  /** Warnings on tokens, by id: check blocks. */
  readonly pendingWarnings: ReadonlyMap<string, Condition>;
}

/**
 * Checks the construct's props: throws an InvalidInputsError listing every rule that literal
 * values break, and returns what is left to Terraform because a token is involved. When the
 * props are Terraform variables that validate themselves (the drop-in module), their own rules
 * and the warnings are left to those variables and the module's check blocks.
 */
export function validateProps(path: string, props: ResolvedInputs, inputsAreValidatedVariables: boolean): PropChecks {
  const byProp = props as unknown as Record<string, unknown>;
  // One shape for tests, conditions and messages alike: Terraform's (see InputValues).
  const valueOf = (name: InputName) =>
    name === "cluster_mode" ? terraformClusterMode(byProp.clusterMode as ClusterModeConfig[]) : byProp[camelCase(name)];
  const values = Object.fromEntries([...SPECS.keys()].map((name) => [name, valueOf(name)])) as InputValues;
  const names = [...SPECS.keys()];
  const known = (rule: CombinedRule) => rule.inputs.every((name) => isKnown(values[name]));
  const unknownNames = names.filter((name) => !isKnown(values[name]));

  const violations = [
    ...literalSecrets(values),
    ...names.filter((name) => isKnown(values[name])).flatMap((name) => inputViolations(name, values[name])),
    ...combinedViolations(CROSS_INPUT_RULES.filter(known), values, errorPrefix),
  ];
  if (violations.length > 0) throw new InvalidInputsError(path, violations);

  const pendingWarnings = WARNINGS.filter((rule) => !known(rule));
  return {
    preconditions: [
      ...unknownNames
        .filter((name) => !inputsAreValidatedVariables || !isValidatedByItsVariable(name))
        .flatMap((name) => inputConditions(name, values[name])),
      ...combinedConditions(CROSS_INPUT_RULES.filter((rule) => !known(rule)), values, errorPrefix),
    ],
    warnings: combinedViolations(WARNINGS.filter(known), values, ""),
    pendingWarnings: new Map(
      inputsAreValidatedVariables
        ? []
        : combinedConditions(pendingWarnings, values, "").map((condition, i) => [pendingWarnings[i].id, condition]),
    ),
  };
}

/** Synth-time error listing every rule the construct's literal props break. */
export class InvalidInputsError extends Error {
  constructor(
    readonly path: string,
    readonly violations: readonly string[],
  ) {
    super(`${path}: ${violations.length} invalid input(s):\n${violations.map((v) => `  - ${v}`).join("\n")}`);
    this.name = "InvalidInputsError";
  }
}
