export * from "./calendar.js";
export * from "./find-dates.js";
