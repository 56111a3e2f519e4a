// Colours of the dashboard's charts (contrast ≥ 3:1 on white for graphical objects).
import type { RatingLevel } from "./dashboardApi";

export const TIMELINESS_COLORS = { early: "#15803d", onTime: "#0e7490", late: "#b91c1c" } as const;
export const RATING_COLORS: Record<RatingLevel, string> = {
  very_satisfied: "#15803d",
  satisfied: "#0e7490",
  normal: "#a16207",
  dissatisfied: "#b91c1c",
};
