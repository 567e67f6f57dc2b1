import { describe, expect, it } from "vitest";
import { createOfflineCondenser } from "./offline-condenser.js";

describe("createOfflineCondenser", () => {
  it("condenses with the given year for dates written without one", async () => {
    const condense = createOfflineCondenser({ year: 2024 });
    const question = await condense([
      { role: "user", content: "When did Li Qiang visit Moscow?" },
      { role: "assistant", content: "Aug. 20-21: Chinese Premier Li Qiang visits Moscow. [1]" },
      { role: "user", content: "What happened a month later?" },
    ]);
    expect(question).toBe("What happened in September 2024?");
  });

  it("stops when the request is aborted", async () => {
    const condense = createOfflineCondenser({ year: 2024 });
    const controller = new AbortController();
    controller.abort();
    await expect(condense([{ role: "user", content: "Hi" }], { signal: controller.signal })).rejects.toThrow();
  });
});
