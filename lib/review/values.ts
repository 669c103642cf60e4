/**
 * Attribute values as the review shows them: which arguments change, and each value written in
 * Terraform's notation with sensitive parts masked and unknown parts marked.
 *
 * The plan JSON holds sensitive values in clear text; the masks beside them are the only thing
 * that keeps them out of a pull-request comment, so every value goes through `showValue`. Values
 * are kept whole: how much of one a comment has room for is the rendering's decision.
 */
import { isIdentifier, isObject, terraformValueMarked } from "../text/notation";
import type { AttributePath, Mask } from "./plan";

export const SENSITIVE = "(sensitive)";
export const UNKNOWN = "(known after apply)";

/**
 * A value ready to print: `text` is Terraform notation unless the whole value is masked (or, from
 * `textAt`, a string's own characters, for names and versions inside a sentence).
 */
export type Shown =
  | { readonly kind: "value"; readonly text: string }
  | { readonly kind: "sensitive" }
  | { readonly kind: "unknown" };

export interface ArgumentChange {
  readonly path: AttributePath;
  readonly before: Shown;
  readonly after: Shown;
  /** For a list of plain values known on both sides: the elements it gains and loses. */
  readonly elements?: { readonly added: readonly Shown[]; readonly removed: readonly Shown[] };
}

const isScalar = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);

/** Elements gained and lost by a list of plain values, when nothing of it is masked. */
function elementChanges(before: unknown, after: unknown, masked: boolean): ArgumentChange["elements"] {
  if (masked || !Array.isArray(before) || !Array.isArray(after) || ![...before, ...after].every(isScalar)) return undefined;
  const text = (value: unknown) => JSON.stringify(value);
  const [was, is] = [new Set(before.map(text)), new Set(after.map(text))];
  const show = (value: unknown) => showValue(value, { sensitive: undefined, unknown: undefined });
  return {
    added: after.filter((v) => !was.has(text(v))).map(show),
    removed: before.filter((v) => !is.has(text(v))).map(show),
  };
}

export interface ArgumentValue {
  readonly path: AttributePath;
  readonly value: Shown;
}

/** What an in-place update or a replacement changes. */
export interface ArgumentDiff {
  /** Arguments whose new value is known (or partly known) and differs from the old one. */
  readonly changed: readonly ArgumentChange[];
  /** Arguments whose whole new value is only known after apply (ids, ARNs, endpoints...). */
  readonly unknown: readonly AttributePath[];
}

export interface Masks {
  readonly sensitive: Mask;
  readonly unknown: Mask;
}

/** `tags.team`, `tags["kubernetes.io/role"]`, `snapshot_arns[0]`. */
export function formatPath(path: AttributePath): string {
  return path
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      if (!isIdentifier(step)) return `[${JSON.stringify(step)}]`;
      return i === 0 ? step : `.${step}`;
    })
    .join("");
}

/** One level down a mask: `true` covers everything below it. */
function maskAt(mask: Mask, step: string | number): Mask {
  if (mask === true) return true;
  if (Array.isArray(mask)) return typeof step === "number" ? mask[step] : undefined;
  if (isObject(mask)) return (mask as Record<string, Mask>)[String(step)];
  return undefined;
}

/** The masks one step down. */
function masksBelow(masks: Masks, step: string | number): Masks {
  return { sensitive: maskAt(masks.sensitive, step), unknown: maskAt(masks.unknown, step) };
}

/** Whether any part of the value is marked. */
function anyMarked(mask: Mask): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(anyMarked);
  if (isObject(mask)) return Object.values(mask as Record<string, Mask>).some(anyMarked);
  return false;
}

/** Terraform notation, with masked parts replaced by their marker. */
export function showValue(value: unknown, masks: Masks): Shown {
  if (masks.sensitive === true) return { kind: "sensitive" };
  if (masks.unknown === true) return { kind: "unknown" };
  return { kind: "value", text: notation(value, masks) };
}

function notation(value: unknown, masks: Masks): string {
  return terraformValueMarked(value, (path) => {
    const here = path.reduce(masksBelow, masks);
    if (here.sensitive === true) return SENSITIVE;
    if (here.unknown === true) return UNKNOWN;
    return undefined;
  });
}

/** The value at a path (missing parts read as null), shown with the masks that cover it. */
export function showAt(value: unknown, masks: Masks, path: AttributePath): Shown {
  let current: unknown = value;
  let here = masks;
  for (const step of path) {
    if (here.sensitive === true || here.unknown === true) break;
    current = Array.isArray(current) || isObject(current) ? (current as Record<string, unknown>)[step] : undefined;
    here = masksBelow(here, step);
  }
  return showValue(current ?? null, here);
}

/**
 * Like showAt, but a string shows as its characters, unquoted: `orders-prod` reads as a name in a
 * sentence, `"orders-prod"` as a value in a table.
 */
export function textAt(value: unknown, masks: Masks, path: AttributePath): Shown {
  const at = showAt(value, masks, path);
  const raw = path.reduce<unknown>((v, step) => (Array.isArray(v) || isObject(v) ? (v as Record<string, unknown>)[step] : undefined), value);
  return at.kind === "value" && typeof raw === "string" ? { kind: "value", text: raw } : at;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== null);
    const other = Object.keys(b).filter((k) => b[k] !== undefined && b[k] !== null);
    return keys.length === other.length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  // Terraform writes an absent attribute as null; both mean "not set".
  return (a ?? null) === (b ?? null);
}

export interface ChangeValues {
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeSensitive: Mask;
  readonly afterSensitive: Mask;
  readonly afterUnknown: Mask;
}

/**
 * The arguments an update or replacement changes, descending into maps and objects (so one tag
 * shows as `tags.team`) but comparing lists whole, as Terraform's own plan output does.
 */
export function diffArguments(change: ChangeValues): ArgumentDiff {
  const changed: ArgumentChange[] = [];
  const unknown: AttributePath[] = [];
  const walk = (path: AttributePath, before: unknown, after: unknown, bs: Mask, as: Mask, au: Mask): void => {
    if (au === true) {
      unknown.push(path);
      return;
    }
    const masked = bs === true || as === true;
    if (!masked && isObject(before) && isObject(after)) {
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...maskKeys(au)])].sort();
      for (const key of keys) {
        walk([...path, key], before[key], after[key], maskAt(bs, key), maskAt(as, key), maskAt(au, key));
      }
      return;
    }
    if (deepEqual(before, after) && !anyMarked(au)) return;
    const elements = elementChanges(before, after, anyMarked(bs) || anyMarked(as) || anyMarked(au));
    changed.push({
      path,
      before: showValue(before ?? null, { sensitive: bs, unknown: undefined }),
      after: showValue(after ?? null, { sensitive: as, unknown: au }),
      ...(elements ? { elements } : {}),
    });
  };
  walk([], change.before ?? {}, change.after ?? {}, change.beforeSensitive, change.afterSensitive, change.afterUnknown);
  return { changed, unknown };
}

function maskKeys(mask: Mask): string[] {
  return isObject(mask) ? Object.keys(mask) : [];
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

/** What a created object is given: its top-level arguments that are set, and those known after apply. */
export function setArguments(change: ChangeValues): { values: readonly ArgumentValue[]; unknown: readonly AttributePath[] } {
  const after = isObject(change.after) ? change.after : {};
  const values: ArgumentValue[] = [];
  const unknown: AttributePath[] = [];
  for (const key of [...new Set([...Object.keys(after), ...maskKeys(change.afterUnknown)])].sort()) {
    const masks = { sensitive: maskAt(change.afterSensitive, key), unknown: maskAt(change.afterUnknown, key) };
    if (masks.unknown === true) unknown.push([key]);
    else if (!isEmpty(after[key])) values.push({ path: [key], value: showValue(after[key], masks) });
  }
  return { values, unknown };
}

/** One path lies on the other: a forcing path `[snapshot_arns, 0]` marks the argument `snapshot_arns`. */
export function pathsOverlap(a: AttributePath, b: AttributePath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
