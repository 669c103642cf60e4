/**
 * Values written as Terraform prints them, shared by the docs generator (defaults) and the plan
 * review (argument values), so that a value reads the same in both.
 */

/** Where a part lies in a value: object keys and list indexes from the top. */
type ValuePath = readonly (string | number)[];

/** Text to print in place of the part at a path (the review's "(sensitive)"), or undefined to print the part. */
type Marker = (path: ValuePath) => string | undefined;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether a key can stand bare, as `team` in `tags.team`; other keys are quoted. */
export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** A JSON object: not a list, not null. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A value in Terraform's notation: `"5.0.6"`, `6379`, `true`, `null`, `[]`, `{}`, `["a", "b"]`,
 * `{ k = "v" }`, object keys sorted as Terraform sorts them and quoted where they must be.
 */
export function terraformValue(value: unknown): string {
  return terraformValueMarked(value, () => undefined);
}

/** terraformValue, with the marker's text in place of each part it marks. */
export function terraformValueMarked(value: unknown, marker: Marker): string {
  const write = (part: unknown, path: ValuePath): string => {
    const marked = marker(path);
    if (marked !== undefined) return marked;
    if (Array.isArray(part)) return `[${part.map((v, i) => write(v, [...path, i])).join(", ")}]`;
    if (isObject(part)) {
      const keys = Object.keys(part).sort();
      if (keys.length === 0) return "{}";
      const entries = keys.map((k) => `${isIdentifier(k) ? k : JSON.stringify(k)} = ${write(part[k], [...path, k])}`);
      return `{ ${entries.join(", ")} }`;
    }
    if (part === undefined || part === null) return "null";
    return JSON.stringify(part);
  };
  return write(value, []);
}
