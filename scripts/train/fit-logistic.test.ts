import { describe, expect, it } from "vitest";
import { probability } from "../../src/model/logistic.js";
import { fitConditionalLogit, fitLogistic, type Example } from "./fit-logistic.js";

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

describe("fitConditionalLogit", () => {
  it("learns what makes the right candidate win among its question's candidates", () => {
    // Each question: three candidates; the right one has the highest first feature, the second is noise.
    const choices = Array.from({ length: 60 }, (_, q) => {
      const rows = [0, 1, 2].map((i) => [((q + i * 7) % 10) / 10, ((q * 3 + i) % 5) / 5]);
      const best = rows.reduce((b, row, i) => (row[0]! > rows[b]![0]! ? i : b), 0);
      return { rows, positive: rows.map((_, i) => i === best), weight: 1 };
    });
    const model = fitConditionalLogit(["signal", "noise"], choices);
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(model.weights[0]! / 4);
  });
});
