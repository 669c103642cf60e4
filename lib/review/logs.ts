/**
 * Engine and slow log delivery (`log_delivery_configuration`) by log, so a review can say "the slow
 * log now goes to Kinesis Data Firehose as JSON" instead of printing two lists of blocks, which
 * outgrow a table cell and are cut.
 */
import { isObject } from "../text/notation";
import type { Mask } from "./plan";
import { type ChangeValues, deepEqual, type Masks, type Shown, textAt } from "./values";

export const LOG_DELIVERY = "log_delivery_configuration";

/** Where one log goes. */
export interface LogDestination {
  /** `destination_type`: `cloudwatch-logs` or `kinesis-firehose`. */
  readonly type: Shown;
  /** The CloudWatch Logs group or the Firehose delivery stream. */
  readonly destination: Shown;
  /** `log_format`: `text` or `json`. */
  readonly format: Shown;
}

export interface LogDeliveryChange {
  /** `log_type`: `engine-log` or `slow-log`. */
  readonly log: string;
  /** Undefined when the log is not delivered. */
  readonly before?: LogDestination;
  readonly after?: LogDestination;
}

/**
 * One side's blocks by log type, or undefined when the type does not tell them apart (the list or
 * a type masked or unknown, a type repeated): AWS takes one block per log type, so the type is
 * the block's identity.
 */
function byLogType(values: unknown, masks: Masks): Map<string, LogDestination> | undefined {
  const at = (path: readonly (string | number)[]) => textAt(values, masks, [LOG_DELIVERY, ...path]);
  const blocks = isObject(values) ? (values[LOG_DELIVERY] ?? []) : [];
  if (at([]).kind !== "value" || !Array.isArray(blocks)) return undefined;
  const logs = new Map<string, LogDestination>();
  for (const i of blocks.keys()) {
    const log = at([i, "log_type"]);
    if (log.kind !== "value" || logs.has(log.text)) return undefined;
    logs.set(log.text, { type: at([i, "destination_type"]), destination: at([i, "destination"]), format: at([i, "log_format"]) });
  }
  return logs;
}

/**
 * The logs whose delivery an update or replacement changes, by log type; undefined when the blocks
 * cannot be matched by log type or none changes, and the argument is then shown as it is.
 */
export function logDeliveryChanges(change: ChangeValues): readonly LogDeliveryChange[] | undefined {
  const before = byLogType(change.before, { sensitive: change.beforeSensitive, unknown: undefined });
  const after = byLogType(change.after, { sensitive: change.afterSensitive, unknown: change.afterUnknown });
  if (before === undefined || after === undefined) return undefined;
  const logs = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changed = logs
    .filter((log) => !deepEqual(before.get(log), after.get(log)))
    .map((log) => ({ log, before: before.get(log), after: after.get(log) }));
  return changed.length > 0 ? changed : undefined;
}

/** The blocks of one side, or undefined when the whole list is only known after apply. */
function blocksOf(values: unknown, unknown: Mask): readonly unknown[] | undefined {
  if (unknown === true || (isObject(unknown) && unknown[LOG_DELIVERY] === true)) return undefined;
  const blocks = isObject(values) ? values[LOG_DELIVERY] : undefined;
  return Array.isArray(blocks) ? blocks : [];
}

/**
 * Whether an update certainly changes `log_delivery_configuration`, so that the provider sends a
 * log delivery modification to AWS. The blocks are a set: the same blocks in another order are no
 * change. A list known only after apply says nothing yet, so it is none; a block with a part known
 * only after apply (in practice a destination the same plan creates) differs from every block of
 * before that has that part set.
 */
export function logDeliveryDiffers(change: ChangeValues): boolean {
  const before = blocksOf(change.before, undefined);
  const after = blocksOf(change.after, change.afterUnknown);
  if (before === undefined || after === undefined) return false;
  // A set holds no block twice: the same blocks either way round are the same set.
  const within = (some: readonly unknown[], all: readonly unknown[]) => some.every((block) => all.some((other) => deepEqual(block, other)));
  return !within(before, after) || !within(after, before);
}
