import { describe, expect, it } from "vitest";
import { dailyMeetsWeekly, dailyWindow, weeklyWindow } from "../../lib/rules/windows";

describe("maintenance and snapshot windows", () => {
  it("reads a daily window as start and length in minutes, across midnight too", () => {
    expect(dailyWindow("06:00-07:00")).toEqual({ start: 360, length: 60 });
    expect(dailyWindow("23:30-00:30")).toEqual({ start: 1410, length: 60 });
    expect(dailyWindow("6:00-7:00")).toBeUndefined();
    expect(dailyWindow("")).toBeUndefined();
  });

  it("reads a weekly window from Sunday midnight, across the week's end too", () => {
    expect(weeklyWindow("sun:00:00-sun:01:00")).toEqual({ start: 0, length: 60 });
    expect(weeklyWindow("sat:07:00-sat:08:00")).toEqual({ start: 6 * 1440 + 420, length: 60 });
    expect(weeklyWindow("sat:23:30-sun:00:30")).toEqual({ start: 6 * 1440 + 1410, length: 60 });
    expect(weeklyWindow("mon:10:00-tue:10:00")?.length).toBe(1440);
    expect(weeklyWindow("Sat:07:00-Sat:08:00")).toBeUndefined();
  });

  it("finds the daily window meeting the weekly one on any day", () => {
    const at = (daily: string, weekly: string) => dailyMeetsWeekly(dailyWindow(daily)!, weeklyWindow(weekly)!);
    expect(at("07:30-08:30", "sat:07:00-sat:08:00")).toBe(true);
    expect(at("06:00-07:00", "sat:07:00-sat:08:00")).toBe(false);
    expect(at("08:00-09:00", "sat:07:00-sat:08:00")).toBe(false);
    expect(at("00:00-01:00", "tue:23:30-wed:00:30")).toBe(true);
    expect(at("23:00-00:30", "wed:00:00-wed:01:00")).toBe(true);
    expect(at("12:00-13:00", "mon:14:00-tue:14:00")).toBe(true);
  });
});

describe("window boundaries", () => {
  const at = (daily: string, weekly: string) => dailyMeetsWeekly(dailyWindow(daily)!, weeklyWindow(weekly)!);

  it("reads the start from the window's first half, the end from its second", () => {
    expect(dailyWindow("01:15-03:45")).toEqual({ start: 75, length: 150 });
    expect(dailyWindow("03:45-01:15")).toEqual({ start: 225, length: 1290 });
    expect(weeklyWindow("wed:01:15-wed:03:45")).toEqual({ start: 3 * 1440 + 75, length: 150 });
  });

  it("a weekly window of a day or more meets every daily window", () => {
    expect(at("12:00-13:00", "mon:14:00-tue:14:00")).toBe(true);
    expect(at("14:00-15:00", "mon:14:00-tue:14:00")).toBe(true);
    expect(at("03:00-04:00", "mon:05:00-wed:05:00")).toBe(true);
  });

  it("windows that touch do not meet, one minute of overlap does", () => {
    expect(at("06:00-07:00", "sun:07:00-sun:08:00")).toBe(false);
    expect(at("06:01-07:01", "sun:07:00-sun:08:00")).toBe(true);
    expect(at("07:59-08:59", "sun:07:00-sun:08:00")).toBe(true);
    expect(at("08:00-09:00", "sun:07:00-sun:08:00")).toBe(false);
  });
});
