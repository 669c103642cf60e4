import { IResolvable, ref } from "cdktf";
import type { Derive } from "../expressions/derive";
import { hcl } from "../expressions/hcl";

/**
 * A rule an input's value must meet (docs/spec/aws-constraints.md), written once and used three ways: as a
 * TypeScript test of literal props, as a Terraform condition (variable `validation` blocks,
 * resource `precondition`s), and in the docs and the JSON schema.
 *
 * Conditions and regular expressions must mean the same in TypeScript and in Terraform (Go RE2):
 * the patterns below use only anchors, classes and counted repetition, which both read alike.
 */
export interface Rule {
  /** The rule in words, completing "must ...": used in error messages and docs. */
  readonly text: string;
  /** Whether a literal value meets the rule. */
  readonly test: (value: any) => boolean;
  /** The same test as a Terraform condition on the value (a variable reference, a literal...). */
  readonly condition: (value: unknown) => IResolvable;
  /** JSON Schema keywords that say the same, where JSON Schema can. */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** What the message adds about the value that broke the rule: "<rule>; <lead> <detail>". */
  readonly detail?: RuleDetail;
}

/**
 * A part of a rule's message computed from the value, such as the valid values nearest to it. Its
 * Terraform form may read named locals, which a variable's validation cannot (before Terraform
 * 1.9), so a rule with a detail is always checked by a precondition.
 */
export interface RuleDetail {
  readonly lead: string;
  readonly literal: (value: any) => string;
  /** The same as part of an error_message template. */
  readonly expression: (operand: unknown, derive: Derive) => string;
}

/** Characters as Terraform's length() counts them: code points, not UTF-16 units. */
const characters = (text: string) => [...text].length;

/**
 * A value that is null meets every rule of an optional input whose default is null. What the rule
 * says about the value's type (a closed set, an attribute's rule) it still says.
 */
export function orNull<R extends Rule>(rule: R): R {
  return {
    ...rule,
    text: `be null or ${rule.text.replace(/^be /, "")}`,
    test: (value) => value === null || value === undefined || rule.test(value),
    condition: (value) => hcl`${value} == null ? true : ${rule.condition(value)}`,
  };
}

/** The whole value matches the pattern (which is anchored here). */
export function matches(pattern: string, text: string): Rule {
  const anchored = `^(?:${pattern})$`;
  const regex = new RegExp(anchored);
  return {
    text,
    test: (value) => typeof value === "string" && regex.test(value),
    condition: (value) => hcl`can(regex(${anchored}, ${value}))`,
    schema: { pattern: anchored },
  };
}

export function wholeNumber(min: number, max: number): Rule {
  return {
    text: `be a whole number from ${min} to ${max}`,
    test: (value) => Number.isInteger(value) && value >= min && value <= max,
    condition: (value) => hcl`floor(${value}) == ${value} && ${value} >= ${min} && ${value} <= ${max}`,
    schema: { type: "integer", minimum: min, maximum: max },
  };
}

/** A whole multiple of `step` from min to max (CloudWatch periods: whole minutes). */
export function wholeMultiple(step: number, min: number, max: number): Rule {
  return {
    text: `be a multiple of ${step} from ${min} to ${max}`,
    test: (value) => Number.isInteger(value) && value % step === 0 && value >= min && value <= max,
    condition: (value) => hcl`floor(${value}) == ${value} && ${value} % ${step} == 0 && ${value} >= ${min} && ${value} <= ${max}`,
    schema: { type: "integer", multipleOf: step, minimum: min, maximum: max },
  };
}

export function maxLength(max: number, text: string): Rule {
  return {
    text,
    test: (value) => typeof value === "string" && characters(value) <= max,
    condition: (value) => hcl`length(${value}) <= ${max}`,
    schema: { maxLength: max },
  };
}

export function excludes(fragment: string, text: string): Rule {
  return {
    text,
    test: (value) => typeof value === "string" && !value.includes(fragment),
    condition: (value) => hcl`!strcontains(${value}, ${fragment})`,
  };
}

export function notEmpty(text: string): Rule {
  return {
    text,
    test: (value) => Array.isArray(value) && value.length > 0,
    condition: (value) => hcl`length(${value}) > 0`,
    schema: { minItems: 1 },
  };
}

export function atMostItems(max: number, text: string): Rule {
  return {
    text,
    test: (value) => Array.isArray(value) && value.length <= max,
    condition: (value) => hcl`length(${value}) <= ${max}`,
    schema: { maxItems: max },
  };
}

/** Applies a rule to every item of a list (or every value of a map). */
export function eachItem(rule: Rule, text = `have every item ${rule.text.replace(/^be /, "")}`): Rule {
  const item = ref("item");
  return {
    text,
    test: (value) => Object.values(value ?? {}).every(rule.test),
    condition: (value) => hcl`alltrue([for item in ${value} : ${rule.condition(item)}])`,
    schema: rule.schema && { items: rule.schema },
  };
}

/** Applies a rule to one attribute of every object in a list (cluster_mode). */
export function eachAttribute(attribute: string, rule: Rule): Rule {
  const item = ref("item");
  return {
    text: `have ${attribute} ${rule.text.replace(/^be /, "")}`,
    test: (value) => (value ?? []).every((entry: Record<string, unknown>) => rule.test(entry[attribute])),
    condition: (value) =>
      hcl`alltrue([for item in ${value} : ${rule.condition(hcl`${item}.${ref(attribute)}`)}])`,
    schema: rule.schema && { items: { properties: { [attribute]: rule.schema } } },
  };
}

/** Tag keys and values within AWS's limits. */
export function tagLimits(maxKey: number, maxValue: number): Rule {
  return {
    text: `have keys of at most ${maxKey} and values of at most ${maxValue} characters`,
    test: (value) =>
      Object.entries(value ?? {}).every(([k, v]) => characters(k) <= maxKey && characters(String(v)) <= maxValue),
    condition: (value) =>
      hcl`alltrue([for key, val in ${value} : length(key) <= ${maxKey} && length(val) <= ${maxValue}])`,
    schema: { propertyNames: { maxLength: maxKey }, additionalProperties: { maxLength: maxValue } },
  };
}

/** A rule that allows a closed set of strings: the input's TypeScript type is their union. */
export interface OneOfRule<V extends string> extends Rule {
  readonly values: readonly V[];
}

/** One of a few strings. */
export function oneOf<const V extends string>(values: readonly V[]): OneOfRule<V> {
  return {
    values,
    text: `be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    test: (value) => values.includes(value),
    condition: (value) => hcl`contains(${[...values]}, ${value})`,
    schema: { enum: [...values] },
  };
}

/** A number, whole or not, from min to max. */
export function between(min: number, max: number): Rule {
  return {
    text: `be a number from ${min} to ${max}`,
    test: (value) => typeof value === "number" && value >= min && value <= max,
    condition: (value) => hcl`${value} >= ${min} && ${value} <= ${max}`,
    schema: { minimum: min, maximum: max },
  };
}

export function atLeast(min: number): Rule {
  return {
    text: `be a number of at least ${min}`,
    test: (value) => typeof value === "number" && value >= min,
    condition: (value) => hcl`${value} >= ${min}`,
    schema: { minimum: min },
  };
}

/** A rule on one attribute of an object: the attribute's TypeScript type follows its rule. */
export interface AttributeRule<N extends string, R extends Rule> extends Rule {
  readonly attribute: N;
  readonly rule: R;
}

/** Applies a rule to one attribute of an object (a log delivery configuration). */
export function attribute<const N extends string, R extends Rule>(name: N, rule: R): AttributeRule<N, R> {
  return {
    attribute: name,
    rule,
    text: `have ${name} ${rule.text.replace(/^be /, "")}`,
    test: (value) => rule.test(value?.[name]),
    condition: (value) => rule.condition(hcl`${value}.${ref(name)}`),
    schema: rule.schema && { properties: { [name]: rule.schema } },
  };
}

const isOneOf = (rule: Rule): rule is OneOfRule<string> => "values" in rule;
const isAttributeRule = (rule: Rule): rule is AttributeRule<string, Rule> => "attribute" in rule;

/**
 * The closed set of strings the rules allow, if any of them allows one: the value's TypeScript
 * type is then their union (ClosedSet in table.ts says the same at the type level).
 */
export function closedSet(rules: readonly Rule[]): readonly string[] | undefined {
  const values = [...new Set(rules.filter(isOneOf).flatMap((rule) => rule.values))];
  return values.length > 0 ? values : undefined;
}

/** The rules on one attribute of an object value. */
export function attributeRules(rules: readonly Rule[], name: string): Rule[] {
  return rules.filter(isAttributeRule).flatMap((rule) => (rule.attribute === name ? [rule.rule] : []));
}
