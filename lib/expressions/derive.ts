import { DefaultTokenResolver, IResolvable, StringConcat, TerraformCount, TerraformLocal, Token, Tokenization } from "cdktf";
import type { Construct } from "constructs";
import { hcl } from "./hcl";

/**
 * A value the construct derives from its inputs, written twice: once in TypeScript, used when
 * every input is a literal (so the JSON holds plain values), and once as a Terraform expression,
 * used when any input is a token (the drop-in module, whose inputs are variables).
 */
export interface Derivation<Args extends unknown[], Result> {
  readonly literal: (...args: Args) => Result;
  readonly expression: (...args: Args) => IResolvable;
  /** How the expression's token is typed in TypeScript. */
  readonly kind: "string" | "number" | "list" | "any";
  /** When TypeScript can compute the value; by default, when no argument holds a token. */
  readonly known?: (...args: Args) => boolean;
  /**
   * The Terraform local that holds the expression, so that the module names the value and the
   * expressions that use it stay short. Only for values derived from the same inputs wherever a
   * construct reads them: the first derivation writes the local, later ones read it.
   */
  readonly local?: string;
}

/** Computes a derived value: a literal when TypeScript can, else a token of its expression. */
export type Derive = <Args extends unknown[], Result>(derivation: Derivation<Args, Result>, ...args: Args) => Result;

/** True when the value holds no token anywhere, so TypeScript can compute with it. */
export function isKnown(value: unknown): boolean {
  if (Token.isUnresolved(value)) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (value !== null && typeof value === "object") return Object.values(value).every(isKnown);
  return true;
}

/** What a value resolves to in scope: tokens compare by it, since each use of a reference is a new token. */
export const resolvedIn = (scope: Construct, value: unknown): unknown =>
  Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()) });

/** The expression each named local holds, to tell a second derivation of the same value from a clash. */
const expressions = new WeakMap<TerraformLocal, string>();

/**
 * A derivation's argument as its `literal` reads it: derive calls `literal` only when the
 * arguments are known (or, with its own `known`, when this one is), so no IResolvable is left.
 */
export const literalOf = <T>(value: T | IResolvable): T => value as T;

/** True when the list's length is known at synth time: a literal list, even one holding tokens. */
export function hasKnownLength(list: unknown): boolean {
  return !Token.isUnresolved(list);
}

function typed<Result>(kind: Derivation<unknown[], Result>["kind"], expression: IResolvable): Result {
  switch (kind) {
    case "string":
      return Token.asString(expression) as Result;
    case "number":
      return Token.asNumber(expression) as Result;
    case "list":
      return Token.asList(expression) as Result;
    case "any":
      return expression as Result;
  }
}

/**
 * Derives values for the constructs under `scope`: an expression whose derivation names a local
 * is written into
 * that local and read through it. Without a scope, expressions are inlined.
 */
export function deriveIn(scope?: Construct): Derive {
  return (derivation, ...args) => {
    const known = derivation.known ? derivation.known(...args) : args.every(isKnown);
    if (known) return derivation.literal(...args);
    const expression = derivation.expression(...args);
    if (!scope || !derivation.local) return typed(derivation.kind, expression);
    const text = JSON.stringify(resolvedIn(scope, expression));
    const existing = scope.node.tryFindChild(derivation.local);
    if (existing instanceof TerraformLocal) {
      if (expressions.get(existing) !== text) {
        throw new Error(`local.${derivation.local} is derived twice from different inputs: ${expressions.get(existing)} and ${text}`);
      }
      return typed(derivation.kind, existing.expression);
    }
    const local = new TerraformLocal(scope, derivation.local, expression);
    expressions.set(local, text);
    return typed(derivation.kind, local.expression);
  };
}

/** Derives with every expression inlined (tests, and values that are never named). */
export const derive: Derive = deriveIn();

/** The count of a resource that exists when a switch known only to Terraform is on; none when the switch is a literal. */
export function countWhen(enabled: boolean | IResolvable): TerraformCount | undefined {
  return isKnown(enabled) ? undefined : TerraformCount.of(Token.asNumber(hcl`${enabled} ? 1 : 0`));
}

/** Whether two switches are both on: false as soon as either is a literal false, so that nothing is synthesized for it. */
export const bothOn: Derivation<[a: boolean | IResolvable, b: boolean | IResolvable], boolean | IResolvable> = {
  kind: "any",
  known: (a, b) => a === false || b === false || (isKnown(a) && isKnown(b)),
  literal: (a, b) => a === true && b === true,
  expression: (a, b) => hcl`${a} && ${b}`,
};
