import type { IResolvable } from "cdktf";
import { hcl } from "./hcl";
import type { Rule } from "./rules";

/**
 * The snapshot window (daily, `hh24:mi-hh24:mi`) and the maintenance window (weekly,
 * `ddd:hh24:mi-ddd:hh24:mi`) as intervals of minutes, in TypeScript and as Terraform expressions.
 * A window may wrap past midnight (or past Saturday); its length is taken modulo the period.
 */

const DAY = 1440;
const WEEK = 7 * DAY;
const MIN_WINDOW_MINUTES = 60;

const TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const DAILY_WINDOW = `^${TIME}-${TIME}$`;
const WEEKLY_WINDOW = `^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`;

export interface Interval {
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

// The Terraform twins. They assume a well-formed window: callers guard them with can(regex(...)).

const hclMod = (x: IResolvable, period: number) => hcl`(${x} % ${period} + ${period}) % ${period}`;
const hclMinutes = (window: unknown, at: number) =>
  hcl`tonumber(substr(${window}, ${at}, 2)) * 60 + tonumber(substr(${window}, ${at + 3}, 2))`;
const hclDay = (window: unknown, at: number) => hcl`index(${[...DAYS]}, substr(${window}, ${at}, 3))`;

function dailyWindowExpression(window: unknown): { start: IResolvable; length: IResolvable } {
  const start = hclMinutes(window, 0);
  return { start, length: hclMod(hcl`${hclMinutes(window, 6)} - ${start}`, DAY) };
}

function weeklyWindowExpression(window: unknown): { start: IResolvable; length: IResolvable } {
  const start = hcl`${hclDay(window, 0)} * ${DAY} + ${hclMinutes(window, 4)}`;
  const end = hcl`${hclDay(window, 10)} * ${DAY} + ${hclMinutes(window, 14)}`;
  return { start, length: hclMod(hcl`${end} - ${start}`, WEEK) };
}

export function dailyMeetsWeeklyExpression(dailyWindowValue: unknown, weeklyWindowValue: unknown): IResolvable {
  const daily = dailyWindowExpression(dailyWindowValue);
  const weekly = weeklyWindowExpression(weeklyWindowValue);
  const weeklyStart = hcl`${weekly.start} % ${DAY}`;
  return hcl`${weekly.length} >= ${DAY} || ${hclMod(hcl`${weeklyStart} - ${daily.start}`, DAY)} < ${daily.length} || ${hclMod(hcl`${daily.start} - ${weeklyStart}`, DAY)} < ${weekly.length}`;
}

const longEnough = (interval: Interval | undefined) => interval !== undefined && interval.length >= MIN_WINDOW_MINUTES;

/** snapshot_window: "" (AWS picks, or snapshots are off) or a daily window of at least an hour. */
export const dailyWindowRule: Rule = {
  text: `be "" or a daily UTC window hh24:mi-hh24:mi of at least ${MIN_WINDOW_MINUTES} minutes`,
  test: (value) => value === "" || longEnough(dailyWindow(value)),
  condition: (value) =>
    hcl`${value} == "" || can(regex(${DAILY_WINDOW}, ${value})) && try(${dailyWindowExpression(value).length} >= ${MIN_WINDOW_MINUTES}, false)`,
  schema: { pattern: `^$|${DAILY_WINDOW}` },
};

/** maintenance_window: a weekly window of at least an hour. */
export const weeklyWindowRule: Rule = {
  text: `be a weekly UTC window ddd:hh24:mi-ddd:hh24:mi (ddd: ${DAYS.join(", ")}) of at least ${MIN_WINDOW_MINUTES} minutes`,
  test: (value) => longEnough(weeklyWindow(value)),
  condition: (value) =>
    hcl`can(regex(${WEEKLY_WINDOW}, ${value})) && try(${weeklyWindowExpression(value).length} >= ${MIN_WINDOW_MINUTES}, false)`,
  schema: { pattern: WEEKLY_WINDOW },
};
