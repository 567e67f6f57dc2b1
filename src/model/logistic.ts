/**
 * A fitted logistic regression over named features: standardized inputs, one weight each. Fitted by
 * `npm run train` (scripts/train/) and applied here; the two sides share only this shape.
 */
export interface LogisticModel {
  features: readonly string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/** The model's log-odds for one feature vector (in the order of `model.features`). */
export function logOdds(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return z;
}

/** The model's probability (0..1) for one feature vector. */
export function probability(model: LogisticModel, x: readonly number[]): number {
  return 1 / (1 + Math.exp(-logOdds(model, x)));
}
