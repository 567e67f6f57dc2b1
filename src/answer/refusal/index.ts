export { decide, refuseBeforeAnswering, type Outcome, type Thresholds, type Verdict } from "./policy.js";
