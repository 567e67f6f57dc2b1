import { describe, expect, it } from "vitest";
import { probability } from "../../src/answer/model/logistic.js";
import { fitLogistic, type Example } from "./fit-logistic.js";

describe("fitLogistic", () => {
  it("learns which feature predicts the label, and how strongly", () => {
    const examples: Example[] = [];
    // y = 1 mostly when the first feature is high; the second is noise.
    for (let i = 0; i < 400; i++) {
      const a = (i % 20) / 20;
      const b = ((i * 7) % 13) / 13;
      examples.push({ x: [a, b], y: a + (i % 3 === 0 ? 0.15 : -0.15) > 0.5 ? 1 : 0, weight: 1 });
    }
    const model = fitLogistic(["signal", "noise"], examples, 0.1);
    expect(model.weights[0]).toBeGreaterThan(2);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(0.5);
    expect(probability(model, [0.95, 0.5])).toBeGreaterThan(0.9);
    expect(probability(model, [0.05, 0.5])).toBeLessThan(0.1);
  });

  it("counts an example's weight: a heavier class pulls the bias", () => {
    const examples: Example[] = [{ x: [0], y: 1, weight: 3 }, { x: [0], y: 0, weight: 1 }];
    expect(probability(fitLogistic(["x"], examples), [0])).toBeCloseTo(0.75, 3);
  });
});
