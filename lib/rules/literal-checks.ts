/**
 * The rules checked in TypeScript, on the inputs whose values are literals: every broken rule
 * is listed in one InvalidInputsError before anything is synthesized. Rules that involve a
 * token are Terraform's to check (conditions.ts).
 */
import { CombinedRule, CROSS_INPUT_RULES } from "./cross-input";
import { isKnown } from "../expressions/derive";
import { INPUT_SPECS, InputName } from "../inputs/table";
import type { InputValues, LiteralValues } from "../inputs/values";
import { combinedMessage, ERROR_PREFIX, inputMessage, jsonencode, literalSetPart, shown } from "./messages";
import { WARNINGS } from "./warnings";

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

/** Whether TypeScript can check the rule: every input it reads, shown when set or not, is a literal. */
export const isLiteralRule = (rule: CombinedRule, values: InputValues) =>
  [...rule.inputs, ...(rule.shownWhenSet ?? [])].every((name) => isKnown(values[name]));

function inputViolations(name: InputName, value: unknown): string[] {
  const rules = INPUT_SPECS.get(name)?.rules ?? [];
  return rules
    .filter((rule) => !rule.test(value))
    .map((rule) => inputMessage(name, shown(name, value), rule, rule.detail?.literal(value)));
}

function combinedViolations(rules: readonly CombinedRule[], values: InputValues, prefix: string): string[] {
  // Read only for rules in whose inputs isLiteralRule has found no token.
  const literal = values as LiteralValues;
  return rules
    .filter((rule) => isLiteralRule(rule, values) && !rule.test(literal))
    .map((rule) =>
      combinedMessage(
        prefix,
        rule,
        (name) => shown(name, values[name]),
        (name) => literalSetPart(name, values[name]),
        rule.fix && jsonencode(rule.fix.literal(literal)),
      ),
    );
}

/** A secret given as a literal would be written to the synthesized JSON in plain text. */
function literalSecrets(values: InputValues): string[] {
  return [...INPUT_SPECS.values()]
    .filter((input) => input.sensitive && typeof values[input.name as InputName] === "string")
    .filter((input) => isKnown(values[input.name as InputName]))
    .map(
      (input) =>
        `${ERROR_PREFIX}${input.name} (sensitive value): must be a token, such as a sensitive TerraformVariable or a ` +
        "Secrets Manager or SSM Parameter Store data source, never a literal: a literal is written to the " +
        "synthesized JSON in plain text.",
    );
}

/**
 * Throws an InvalidInputsError listing every rule that literal values break; returns the
 * messages of the warnings they raise.
 */
export function checkLiterals(path: string, values: InputValues): string[] {
  const names = [...INPUT_SPECS.keys()].filter((name) => isKnown(values[name]));
  const violations = [
    ...literalSecrets(values),
    ...names.flatMap((name) => inputViolations(name, values[name])),
    ...combinedViolations(CROSS_INPUT_RULES, values, ERROR_PREFIX),
  ];
  if (violations.length > 0) throw new InvalidInputsError(path, violations);
  return combinedViolations(WARNINGS, values, "");
}
