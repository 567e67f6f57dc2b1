import { describe, expect, it } from "vitest";
import { personNames } from "./person-names.js";

describe("personNames", () => {
  it("finds people, with or without a title", () => {
    expect(personNames("Russian Security Council Secretary Sergey Shoigu pays a visit.")).toEqual(["Sergey Shoigu"]);
    expect(personNames("Chinese FM Wang Yi and Brazilian advisor Celso Amorim launch it.")).toEqual(["Wang Yi", "Celso Amorim"]);
    expect(personNames("Putin replied to a question from Prof. Feng Shaolei.")).toEqual(["Feng Shaolei"]);
    expect(personNames("talks with FM Lavrov")).toEqual(["Lavrov"]);
  });

  it("does not take places, bodies, events or dates for people", () => {
    expect(personNames("an exercise “Exercise Joint Sea-2024” at a port in south China’s Guangdong Province.")).toEqual([]);
    expect(personNames("a joint patrol of Far East Russia and the Bering Sea near Alaska on July 24")).toEqual([]);
  });
});
