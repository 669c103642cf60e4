import { describe, expect, it } from "vitest";
import { dailyMeetsWeekly, dailyWindow, weeklyWindow } from "../lib/windows";

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
