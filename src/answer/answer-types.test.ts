import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../retrieve/question.js";
import { findDates, findPeriods } from "../dates/index.js";
import { terms } from "../text/terms.js";
import { holdsAnswerType } from "./answer-types.js";
import { quantities } from "./quantities.js";

const sentence = (text: string) => ({ text, terms: new Set(terms(text)), termList: terms(text), dates: findDates(text, 2023), periods: findPeriods(text, 2023), quantities: quantities(text, 2023) });
const holds = (question: string, text: string) => {
  const analysis = analyzeQuestion(question, { year: 2023 });
  return holdsAnswerType(analysis.answerType, sentence(text), analysis);
};

describe("holdsAnswerType", () => {
  it("takes a sum of money, not any number, for what something cost", () => {
    expect(holds("How much did the repairs cost?", "Repairs cost £1.2 million and took nine days.")).toBe(true);
    expect(holds("How much did the repairs cost?", "The repairs were completed in nine days.")).toBe(false);
    expect(holds("What is the price of the Team plan?", "The Team plan is 12 euros per user.")).toBe(true);
    expect(holds("What is the price of the Team plan?", "Prices are per user; monthly billing costs 15% more.")).toBe(false);
    expect(holds("How much does the Team plan cost?", "It costs USD 40 a month.")).toBe(true);
  });

  it("takes any name for \"which manager\", a person's for \"who\"", () => {
    expect(holds("Which password manager does the company use?", "Store all passwords in the company password manager, Bitwarden.")).toBe(true);
    expect(holds("Which password manager does the company use?", "Store all passwords in the password manager.")).toBe(false);
    expect(holds("Who manages the passwords?", "Store all passwords in the company password manager, Bitwarden.")).toBe(false);
    expect(holds("Which engineer signed the report?", "The report was signed by Dana Whitfield.")).toBe(true);
  });

  it("does not count a sum the question already names", () => {
    expect(holds("How much of the £26.5 million budget was spent?", "The board approved a budget of £26.5 million.")).toBe(false);
  });
});
