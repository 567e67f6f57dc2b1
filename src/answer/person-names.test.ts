import { describe, expect, it } from "vitest";
import { personNames } from "./person-names.js";

describe("personNames", () => {
  it("finds people, with or without a title", () => {
    expect(personNames("Support is led by Zoë Hartmann from the Graz office.")).toEqual(["Zoë Hartmann"]);
    expect(personNames("Chief engineer Søren Lindqvist and treasurer Ada Mensah signed it.")).toEqual(["Søren Lindqvist", "Ada Mensah"]);
    expect(personNames("The reply came from Prof. Maria Okafor.")).toEqual(["Maria Okafor"]);
    expect(personNames("talks with Dr. Okafor")).toEqual(["Okafor"]);
  });

  it("does not take places, bodies, events, acronyms or dates for people", () => {
    expect(personNames("the Annual Review at the Harbour City Library on Monday, March 4")).toEqual([]);
    expect(personNames("the Regional Water Authority met the EU and NATO in the North Sea")).toEqual([]);
  });
});
