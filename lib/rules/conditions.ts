/**
 * The rules Terraform checks, because a token is involved, written as conditions with the same
 * messages as TypeScript's (literal-checks.ts). One function places them all:
 * - a rule on one input whose value is a Terraform variable: a `validation` block of that
 *   variable (so the drop-in module's errors name the variable, as the HCL module's did);
 * - any other rule: a `precondition` of the replication group;
 * - a warning: a `check` block, which reports without stopping plan or apply.
 */
import { IResolvable, TerraformElement, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { CombinedRule, CROSS_INPUT_RULES } from "./cross-input";
import { Derive, deriveIn, isKnown, resolvedIn } from "../expressions/derive";
import { hcl, revealOnly } from "../expressions/hcl";
import { INPUT_SPECS, InputName } from "../inputs/table";
import type { InputValues } from "../inputs/values";
import { isLiteralRule } from "./literal-checks";
import { combinedMessage, ERROR_PREFIX, inputMessage, setPartExpression, shownExpression } from "./messages";
import { WARNINGS } from "./warnings";

interface Condition {
  readonly condition: IResolvable;
  readonly errorMessage: string;
}

/** An input's condition, and whether its message reads a local, which a validation cannot (RuleDetail). */
interface InputCondition extends Condition {
  readonly readsLocals: boolean;
}

/**
 * The conditions of one input's rules, given its operand. A sensitive input's conditions are
 * revealed (only the boolean), since a condition that is sensitive cannot be checked.
 */
function inputConditions(name: InputName, operand: unknown, derive: Derive): InputCondition[] {
  const sensitive = INPUT_SPECS.get(name)?.sensitive ?? false;
  return (INPUT_SPECS.get(name)?.rules ?? []).map((rule) => ({
    condition: sensitive ? revealOnly(rule.condition(operand)) : rule.condition(operand),
    errorMessage: inputMessage(name, shownExpression(name, operand), rule, rule.detail?.expression(operand, derive)),
    readsLocals: rule.detail !== undefined,
  }));
}

/** Preconditions or check assertions for combined rules, given each input's operand. */
function combinedConditions(
  rules: readonly CombinedRule[],
  operands: InputValues,
  prefix: string,
  derive: Derive,
): Condition[] {
  return rules.map((rule) => ({
    condition: rule.condition(operands, derive),
    errorMessage: combinedMessage(
      prefix,
      rule,
      (name) => shownExpression(name, operands[name]),
      (name) => setPartExpression(name, operands[name]),
      rule.fix?.template(operands, derive),
    ),
  }));
}

/** A `check` block with one assertion. */
class Check extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly assertion: Condition,
  ) {
    super(scope, id, "check");
  }

  override toTerraform(): Record<string, unknown> {
    const { condition, errorMessage } = this.assertion;
    return { check: { [this.friendlyUniqueId]: { assert: [{ condition, error_message: errorMessage }] } } };
  }
}

/**
 * The variable a token stands for, when it is exactly a variable's value: the stack's variables
 * are looked up once per construct, by the reference each resolves to.
 */
function variableLookup(scope: Construct): (value: unknown) => TerraformVariable | undefined {
  const byReference = new Map(
    TerraformStack.of(scope)
      .node.findAll()
      .filter((c): c is TerraformVariable => c instanceof TerraformVariable)
      .map((variable) => [`\${var.${variable.friendlyUniqueId}}`, variable]),
  );
  return (value) => (isKnown(value) ? undefined : byReference.get(resolvedIn(scope, value) as string));
}

/** Messages each variable already validates: a variable given to several constructs gets each rule once. */
const validated = new WeakMap<TerraformVariable, Set<unknown>>();

function addValidation(variable: TerraformVariable, condition: Condition): void {
  const messages = validated.get(variable) ?? new Set<unknown>();
  validated.set(variable, messages);
  const message = resolvedIn(variable, condition.errorMessage);
  if (messages.has(message)) return;
  messages.add(message);
  variable.addValidation(condition);
}

/**
 * Operands for the conditions: a failed condition lists the values of what it refers to, and a
 * secret's token may come from a source that is not sensitive (a module output, a file), so a
 * secret is read through a local that marks it sensitive, unless it is a sensitive variable.
 */
function operandsOf(scope: Construct, values: InputValues, variableOf: ReturnType<typeof variableLookup>): InputValues {
  const operands: Record<string, unknown> = { ...values };
  for (const [name, spec] of INPUT_SPECS) {
    const value = values[name];
    if (!spec.sensitive || isKnown(value) || variableOf(value)?.sensitive) continue;
    operands[name] = new TerraformLocal(scope, name, hcl`sensitive(${value})`).expression;
  }
  return operands as InputValues;
}

/**
 * Places every condition of the inputs whose values are tokens (see above); `resource` gets the
 * preconditions. Rules on literals are TypeScript's (checkLiterals).
 */
export function addConditions(scope: Construct, resource: TerraformResource, values: InputValues): void {
  const variableOf = variableLookup(scope);
  const operands = operandsOf(scope, values, variableOf);
  const derive = deriveIn(scope);
  const preconditions: Condition[] = [];
  for (const [name, spec] of INPUT_SPECS) {
    if (isKnown(values[name])) continue;
    // Terraform prints a variable's value when its own validation fails, even a sensitive one.
    const variable = spec.sensitive ? undefined : variableOf(values[name]);
    for (const { readsLocals, ...condition } of inputConditions(name, operands[name], derive)) {
      if (variable && !readsLocals) addValidation(variable, condition);
      else preconditions.push(condition);
    }
  }
  // A rule of a feature switched off by a literal holds whatever its other inputs are.
  const pending = (rules: readonly CombinedRule[]) =>
    rules.filter((rule) => !isLiteralRule(rule, values) && !(rule.onlyWhen && values[rule.onlyWhen] === false));
  preconditions.push(...combinedConditions(pending(CROSS_INPUT_RULES), operands, ERROR_PREFIX, derive));
  if (preconditions.length > 0) {
    resource.addOverride(
      "lifecycle.precondition",
      preconditions.map(({ condition, errorMessage }) => ({ condition, error_message: errorMessage })),
    );
  }
  const warnings = pending(WARNINGS);
  combinedConditions(warnings, operands, "", derive).forEach((check, i) => new Check(scope, warnings[i].id, check));
}
