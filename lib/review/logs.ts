/**
 * Engine and slow log delivery (`log_delivery_configuration`) by log, so a review can say "the slow
 * log now goes to Kinesis Data Firehose as JSON" instead of printing two lists of blocks, which
 * outgrow a table cell and are cut.
 */
import { isObject } from "../notation";
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
