export * from "./calendar.js";
export * from "./find-dates.js";
export * from "./find-periods.js";
export * from "./find-event-anchors.js";
