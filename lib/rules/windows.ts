/**
 * The snapshot window (daily, `hh24:mi-hh24:mi`) and the maintenance window (weekly,
 * `ddd:hh24:mi-ddd:hh24:mi`) as intervals of minutes, in TypeScript and as Terraform expressions.
 * A window may wrap past midnight (or past Saturday); its length is taken modulo the period.
 */
import { IResolvable, ref } from "cdktf";
import type { Derivation } from "../expressions/derive";
import { hcl } from "../expressions/hcl";
import type { Rule } from "./builders";

const DAY = 1440;
const WEEK = 7 * DAY;
const MIN_WINDOW_MINUTES = 60;

const TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";
const CAPTURED_TIME = "([01][0-9]|2[0-3]):([0-5][0-9])";
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const DAILY_WINDOW = `^${TIME}-${TIME}$`;
const WEEKLY_WINDOW = `^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`;

interface Interval {
  /** Minutes from the period's start (midnight, or Sunday midnight). */
  readonly start: number;
  readonly length: number;
}

const mod = (x: number, period: number) => ((x % period) + period) % period;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function dailyWindow(window: string): Interval | undefined {
  if (!new RegExp(DAILY_WINDOW).test(window)) return undefined;
  const start = minutesOf(window.slice(0, 5));
  return { start, length: mod(minutesOf(window.slice(6, 11)) - start, DAY) };
}

export function weeklyWindow(window: string): Interval | undefined {
  if (!new RegExp(WEEKLY_WINDOW).test(window)) return undefined;
  const at = (ddd: string, hhmm: string) => DAYS.indexOf(ddd as (typeof DAYS)[number]) * DAY + minutesOf(hhmm);
  const start = at(window.slice(0, 3), window.slice(4, 9));
  return { start, length: mod(at(window.slice(10, 13), window.slice(14, 19)) - start, WEEK) };
}

/**
 * Whether a daily window, recurring every day, meets a weekly window. It does when the weekly one
 * lasts a day or more; otherwise exactly when both meet as arcs of the 24-hour clock.
 */
export function dailyMeetsWeekly(daily: Interval, weekly: Interval): boolean {
  const weeklyStart = weekly.start % DAY;
  return (
    weekly.length >= DAY ||
    mod(weeklyStart - daily.start, DAY) < daily.length ||
    mod(daily.start - weeklyStart, DAY) < weekly.length
  );
}

// The Terraform twins. A window's parts are captured by a regular expression and bound to `w` by a
// one-element `for`, since a validation block cannot read locals before Terraform 1.9. A
// malformed window (no match, an unknown day) makes them fail: callers wrap them in try().

const DAILY_PARTS = `^${CAPTURED_TIME}-${CAPTURED_TIME}$`;
const WEEKLY_PARTS = `^([a-z]{3}):${CAPTURED_TIME}-([a-z]{3}):${CAPTURED_TIME}$`;
const w = ref("w");
const start = ref("start");

const hclMinutes = (hour: number) => hcl`${w}[${hour}] * 60 + ${w}[${hour + 1}]`;
const hclWeekMinutes = (day: number) => hcl`index(${[...DAYS]}, ${w}[${day}]) * ${DAY} + ${w}[${day + 1}] * 60 + ${w}[${day + 2}]`;
/** Minutes from start to end, wrapping once past the period's end (end - start > -period). */
const hclLength = (from: unknown, to: unknown, period: number) => hcl`(${to} - ${from} + ${period}) % ${period}`;

/** `body` evaluated with the window's parts bound to `w`. */
const withParts = (pattern: string, window: unknown, body: IResolvable) =>
  hcl`[for w in [regex(${pattern}, ${window})] : ${body}][0]`;
/** { start, length } with the start minute bound to `start`, so that it is written once. */
const interval = (startMinute: IResolvable, endMinute: IResolvable, period: number) =>
  hcl`[for start in [${startMinute}] : { start = start, length = ${hclLength(start, endMinute, period)} }][0]`;

const dailyLength = hclLength(hclMinutes(0), hclMinutes(2), DAY);
const weeklyLength = hclLength(hclWeekMinutes(0), hclWeekMinutes(3), WEEK);

/** A window as minutes { start, length }, computed once and held by a named local when it is a token. */
export const snapshotWindowMinutes: Derivation<[window: string], Interval | undefined> = {
  kind: "any",
  local: "snapshot_window_minutes",
  literal: dailyWindow,
  expression: (window) => hcl`try(${withParts(DAILY_PARTS, window, interval(hclMinutes(0), hclMinutes(2), DAY))}, null)`,
};

export const maintenanceWindowMinutes: Derivation<[window: string], Interval | undefined> = {
  kind: "any",
  local: "maintenance_window_minutes",
  literal: weeklyWindow,
  expression: (window) =>
    hcl`try(${withParts(WEEKLY_PARTS, window, interval(hclWeekMinutes(0), hclWeekMinutes(3), WEEK))}, null)`,
};

/** Whether the snapshot window meets the maintenance window; false when either is not a window. */
export const windowsOverlap: Derivation<[daily: Interval | undefined, weekly: Interval | undefined], boolean> = {
  kind: "any",
  local: "windows_overlap",
  literal: (daily, weekly) => daily !== undefined && weekly !== undefined && dailyMeetsWeekly(daily, weekly),
  expression: (daily, weekly) => {
    const weeklyStart = hcl`${weekly}.start % ${DAY}`;
    return hcl`try(${weekly}.length >= ${DAY} || ${hclLength(hcl`${daily}.start`, weeklyStart, DAY)} < ${daily}.length || ${hclLength(weeklyStart, hcl`${daily}.start`, DAY)} < ${weekly}.length, false)`;
  },
};

const longEnough = (interval: Interval | undefined) => interval !== undefined && interval.length >= MIN_WINDOW_MINUTES;

/** snapshot_window: "" (AWS picks, or snapshots are off) or a daily window of at least an hour. */
export const dailyWindowRule: Rule = {
  text: `be "" or a daily UTC window hh24:mi-hh24:mi of at least ${MIN_WINDOW_MINUTES} minutes`,
  test: (value) => value === "" || longEnough(dailyWindow(value)),
  condition: (value) =>
    hcl`${value} == "" || try(${withParts(DAILY_PARTS, value, dailyLength)} >= ${MIN_WINDOW_MINUTES}, false)`,
  schema: { pattern: `^$|${DAILY_WINDOW}` },
};

/** maintenance_window: a weekly window of at least an hour. */
export const weeklyWindowRule: Rule = {
  text: `be a weekly UTC window ddd:hh24:mi-ddd:hh24:mi (ddd: ${DAYS.join(", ")}) of at least ${MIN_WINDOW_MINUTES} minutes`,
  test: (value) => longEnough(weeklyWindow(value)),
  condition: (value) =>
    hcl`try(${withParts(WEEKLY_PARTS, value, weeklyLength)} >= ${MIN_WINDOW_MINUTES}, false)`,
  schema: { pattern: WEEKLY_WINDOW },
};
