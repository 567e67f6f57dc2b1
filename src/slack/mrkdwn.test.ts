import { describe, expect, it } from "vitest";
import { cutText, escapeMrkdwn, plainTextFromSlack } from "./mrkdwn.js";

describe("escapeMrkdwn", () => {
  it("escapes &, < and > and keeps [n] markers", () => {
    expect(escapeMrkdwn("Trade < $200bn & growth > 2% [1] [12]")).toBe("Trade &lt; $200bn &amp; growth &gt; 2% [1] [12]");
  });

  it("escapes an ampersand before the entities it creates, so nothing is escaped twice", () => {
    expect(escapeMrkdwn("&lt; <!channel>")).toBe("&amp;lt; &lt;!channel&gt;");
  });

  it("leaves other mrkdwn characters alone", () => {
    expect(escapeMrkdwn("*bold* _it_ ~x~ `c` “quotes” — ok")).toBe("*bold* _it_ ~x~ `c` “quotes” — ok");
  });
});

describe("plainTextFromSlack", () => {
  it("drops mentions, unwraps links and channels, and undoes Slack's escapes", () => {
    expect(plainTextFromSlack("<@U0BOT>  What about <#C123|general> &amp; <https://example.com|this> &lt;3 <!here>?")).toBe("What about #general & this <3 ?");
  });

  it("keeps a bare link's address", () => {
    expect(plainTextFromSlack("see <https://example.com/a>")).toBe("see https://example.com/a");
  });
});

describe("cutText", () => {
  it("returns text within the limit unchanged", () => {
    expect(cutText("Short. [1]", 10)).toBe("Short. [1]");
  });

  it("cuts after the last sentence that fits, keeping its [n] markers", () => {
    const text = "First sentence here. [1] Second sentence is here too. [2] Third one runs on and on and on.";
    const cut = cutText(text, 70);
    expect(cut).toBe("First sentence here. [1] Second sentence is here too. [2] …");
    expect(cut.length).toBeLessThanOrEqual(70);
  });

  it("cuts at a line boundary when that keeps more", () => {
    const text = "Entries:\n- May 16-17, 2024: Putin visits China. [1]\n- May 20, 2024: Wang Yi meets Lavrov in Astana [2]\n- May 30-31, 2024: think tank forum";
    const cut = cutText(text, 110);
    expect(cut).toBe("Entries:\n- May 16-17, 2024: Putin visits China. [1]\n- May 20, 2024: Wang Yi meets Lavrov in Astana [2]\n…");
    expect(cut.length).toBeLessThanOrEqual(110);
  });

  it("falls back to a word boundary when no sentence end keeps half the room", () => {
    const text = `Short. ${"word ".repeat(40)}`;
    const cut = cutText(text, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/word…$/);
  });

  it("never splits an entity or a surrogate pair in a hard cut", () => {
    expect(cutText("a".repeat(7) + "&amp;" + "b".repeat(10), 10)).toBe("aaaaaaa…");
    const emoji = "x".repeat(8) + "😀" + "y".repeat(10);
    expect(cutText(emoji, 10)).toBe("xxxxxxxx…");
  });

  it("stays within the limit for any length", () => {
    const text = "Lorem ipsum dolor sit amet. [3] ".repeat(200);
    for (const max of [1, 2, 5, 37, 100, 2999, 3000]) expect(cutText(text, max).length).toBeLessThanOrEqual(max);
  });
});
