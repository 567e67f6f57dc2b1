import { describe, expect, it } from "vitest";
import { containsWord, findEntities } from "./entities.js";

const names = (text: string) => findEntities(text, 2024);

describe("findEntities", () => {
  it("reads runs of capitalized words as one name and skips question words", () => {
    expect(names("When did Wang Yi meet Lavrov in Astana?")).toEqual(["Wang Yi", "Lavrov", "Astana"]);
    expect(names("What did Xi and Putin sign?")).toEqual(["Xi", "Putin"]);
    expect(names("Tell me about it")).toEqual([]);
  });

  it("keeps lower-case joining words inside names, acronyms and hyphenated codes", () => {
    expect(names("Which ships sailed in the Sea of Japan?")).toEqual(["Sea of Japan"]);
    expect(names("Did the US and SCO comment on the H-6N?")).toEqual(["US", "SCO", "H-6N"]);
  });

  it("reads quoted terms whole and drops names inside them", () => {
    expect(names("What was the “Friends of Peace” platform?")).toEqual(["Friends of Peace"]);
    expect(names('Who ran "Northern/Interaction-2024"?')).toEqual(["Northern/Interaction-2024"]);
  });

  it("leaves dates out but keeps a year that belongs to a name", () => {
    expect(names("What happened in July 2024 in Moscow?")).toEqual(["Moscow"]);
    expect(names("What was the Ocean 2024 exercise?")).toEqual(["Ocean 2024"]);
    expect(names("What did Putin's delegation do on Sept. 10?")).toEqual(["Putin"]);
  });

  it("matches names as whole words only", () => {
    expect(containsWord("When did Putin visit China?", "putin")).toBe(true);
    expect(containsWord("Putinism", "Putin")).toBe(false);
  });
});
