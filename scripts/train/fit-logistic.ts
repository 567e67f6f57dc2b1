import type { LogisticModel } from "../../src/model/logistic.js";

/** One labelled example; `weight` lets each corpus count the same however many questions it has. */
export interface Example {
  x: number[];
  y: 0 | 1;
  weight: number;
}

/**
 * Fits a logistic regression by Newton's method (iteratively reweighted least squares) with an L2
 * penalty, on standardized features. Deterministic: the same examples give the same model.
 */
export function fitLogistic(features: readonly string[], examples: Example[], l2 = 1): LogisticModel {
  const d = features.length;
  const totalWeight = examples.reduce((sum, e) => sum + e.weight, 0) || 1;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const e of examples) for (let j = 0; j < d; j++) mean[j]! += (e.weight * e.x[j]!) / totalWeight;
  for (const e of examples) for (let j = 0; j < d; j++) scale[j]! += (e.weight * (e.x[j]! - mean[j]!) ** 2) / totalWeight;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) > 1e-9 ? Math.sqrt(scale[j]!) : 1;
  const rows = examples.map((e) => [1, ...e.x.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  // Coefficients: [bias, ...weights]; the bias is not penalized.
  let beta = new Array<number>(d + 1).fill(0);
  const norm = examples.length / totalWeight;
  for (let iteration = 0; iteration < 25; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    rows.forEach((row, i) => {
      const e = examples[i]!;
      const w = e.weight * norm;
      let z = 0;
      for (let j = 0; j <= d; j++) z += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = w * (e.y - p);
      const s = w * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += r * row[j]!;
        const sj = s * row[j]!;
        for (let k = j; k <= d; k++) hessian[j]![k]! += sj * row[k]!;
      }
    });
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j <= d; j++) {
      gradient[j]! -= l2 * beta[j]!;
      hessian[j]![j]! += l2;
    }
    hessian[0]![0]! += 1e-9;
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { features: [...features], mean: mean.map(round), scale: scale.map(round), weights: beta.slice(1).map(round), bias: round(beta[0]!) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** The candidates of one question, with which of them hold its answer. */
export interface Choice {
  rows: number[][];
  positive: boolean[];
  weight: number;
}

/**
 * Fits a conditional logit (a softmax over each question's own candidates): the weights that make a
 * candidate holding the answer win among the candidates it competes with, which is what a ranker is
 * for. Gradient ascent with Adam on standardized features; the bias cancels in a softmax and is 0.
 */
export function fitConditionalLogit(features: readonly string[], choices: Choice[], l2 = 0.01, iterations = 400): LogisticModel {
  const d = features.length;
  const all = choices.flatMap((c) => c.rows);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of all) for (let j = 0; j < d; j++) mean[j]! += row[j]! / all.length;
  for (const row of all) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / all.length;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) > 1e-9 ? Math.sqrt(scale[j]!) : 1;
  const standardized = choices.map((c) => ({ ...c, rows: c.rows.map((row) => row.map((v, j) => (v - mean[j]!) / scale[j]!)) }));
  const totalWeight = choices.reduce((sum, c) => sum + c.weight, 0) || 1;
  const w = new Array<number>(d).fill(0);
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  const rate = 0.05;
  for (let t = 1; t <= iterations; t++) {
    const gradient = w.map((wj) => -l2 * wj);
    for (const choice of standardized) {
      const scores = choice.rows.map((row) => row.reduce((sum, x, j) => sum + x * w[j]!, 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const pos = exp.reduce((sum, e, i) => sum + (choice.positive[i] ? e : 0), 0);
      const k = choice.weight / totalWeight;
      choice.rows.forEach((row, i) => {
        const coefficient = k * ((choice.positive[i] ? exp[i]! / pos : 0) - exp[i]! / all);
        for (let j = 0; j < d; j++) gradient[j]! += coefficient * row[j]!;
      });
    }
    for (let j = 0; j < d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * gradient[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * gradient[j]! ** 2;
      w[j]! += (rate * (m[j]! / (1 - 0.9 ** t))) / (Math.sqrt(v[j]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { features: [...features], mean: mean.map(round), scale: scale.map(round), weights: w.map(round), bias: 0 };
}
