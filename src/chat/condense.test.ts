import { describe, expect, it } from "vitest";
import { condense } from "./condense.js";
import type { ChatMessage } from "./types.js";

const user = (content: string): ChatMessage => ({ role: "user", content });
const assistant = (content: string, citations?: ChatMessage["citations"]): ChatMessage => ({ role: "assistant", content, ...(citations ? { citations } : {}) });
const rewrite = (...messages: ChatMessage[]) => condense(messages, { year: 2024 });

const VISIT = assistant("May 16-17, 2024: Russian President Putin pays official visit to China. He and Chinese President Xi Jinping hold “a sincere and cordial meeting covering many topics.” [1] Intensified China-Russian mil-mil interactions occurred despite Putin’s 2023 declaration. [2]");
const PATROLS = assistant(`The chronology lists 2 entries:
- July 24, 2024: Four Russian and Chinese strategic bombers carry out a five-hour joint patrol of Far East Russia and the Bering Sea near Alaska, the 8th since 2009. [1]
- Nov. 29-30, 2024: Two Russian Tu-95MS and two Chinese H-6N (nuclear capable) strategic bombers conduct the 9th joint strategic patrol of the East China Sea and Western Pacific. [2]`);
const MOSCOW_FORMAT = assistant("Oct. 4, 2024: Sixth regular meeting (Moscow format) on Afghanistan is held in Moscow. … Acting FM of Afghanistan Amir Khan Muttaqi takes part as the main guest. [1]");

describe("condense", () => {
  it("returns a first question unchanged", () => {
    expect(rewrite(user("  When did Putin visit China?  "))).toBe("When did Putin visit China?");
  });

  it("passes a standalone follow-up through unchanged", () => {
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("When did Li Qiang visit Moscow?"))).toBe("When did Li Qiang visit Moscow?");
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("Which naval exercises took place in September?")))
      .toBe("Which naval exercises took place in September?");
  });

  it("carries the names of the previous question and the date of the cited entry into 'who else attended?'", () => {
    expect(rewrite(user("Who attended the Moscow format meeting on Afghanistan?"), MOSCOW_FORMAT, user("Who else attended?")))
      .toBe("Who else attended (Moscow, Afghanistan, Oct. 4, 2024)?");
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("and who else attended?")))
      .toBe("Who else attended (Putin, China, May 16-17, 2024)?");
  });

  it("resolves 'the second one' to the second item of the previous answer", () => {
    expect(rewrite(user("Which joint bomber patrols happened in 2024?"), PATROLS, user("And the second one?")))
      .toBe("Tell me about the Nov. 29-30, 2024 entry: Two Russian Tu-95MS and two Chinese H-6N strategic bombers conduct the 9th joint strategic…");
    expect(rewrite(user("Which joint bomber patrols happened in 2024?"), PATROLS, user("Who escorted the first one?")))
      .toMatch(/^Who escorted the July 24, 2024 entry \(Four Russian and Chinese strategic bombers/);
    expect(rewrite(user("Which joint bomber patrols happened in 2024?"), PATROLS, user("What about the last one?")))
      .toMatch(/^Tell me about the Nov\. 29-30, 2024 entry/);
  });

  it("reaches back to the last list when the previous answer had one item", () => {
    const second = assistant("Nov. 29-30, 2024: Two Russian Tu-95MS and two Chinese H-6N strategic bombers conduct the 9th joint strategic patrol. [1]");
    expect(rewrite(user("Which joint bomber patrols happened in 2024?"), PATROLS, user("And the second one?"), second, user("And the first one?")))
      .toMatch(/^Tell me about the July 24, 2024 entry: Four Russian and Chinese strategic bombers/);
  });

  it("resolves an ordinal against the citations a client sends back", () => {
    const answer = assistant("Putin visits China [1]. Xi visits Kazan [2].", [
      { n: 1, kind: "chronology", dateLabel: "May 16-17, 2024", text: "Russian President Putin pays official visit to China." },
      { n: 2, kind: "chronology", dateLabel: "Oct. 22-24, 2024", text: "BRICS holds its annual summit in Kazan, Russia." },
    ]);
    expect(rewrite(user("When did Xi and Putin meet?"), answer, user("Tell me more about [2]"))).toBe("Tell me about the Oct. 22-24, 2024 entry: Xi visits Kazan.");
  });

  it("resolves 'a month later', 'the next day' and 'the week before' against the first cited entry", () => {
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("What happened a month later?"))).toBe("What happened in June 2024?");
    expect(rewrite(user("Who attended the Moscow format meeting on Afghanistan?"), MOSCOW_FORMAT, user("What happened the next day?")))
      .toBe("What happened on October 5, 2024?");
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("Who visited Beijing the week before?")))
      .toBe("Who visited Beijing during May 9-15, 2024?");
  });

  it("carries the subject into a short question about part of it, after chit-chat", () => {
    const exercise = assistant("Sept. 21-27, 2024: The Northern/Interaction-2024 joint exercise conducts its 2nd phase in the Sea of Japan. [1]");
    expect(rewrite(user("Tell me about the Northern/Interaction-2024 exercise"), exercise, user("When was the second phase?")))
      .toBe("When was the second phase (Northern/Interaction-2024, Sept. 21-27, 2024)?");
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("thanks! what happened two days later?")))
      .toBe("What happened on May 19, 2024?");
  });

  it("keeps the subject when a relative date comes with a pronoun", () => {
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("Did he go back a month later?")))
      .toBe("Did he go back in June 2024 (Putin, China)?");
  });

  it("swaps a date or a name into the previous question for 'what about ...?'", () => {
    const july = assistant("The chronology lists 12 entries for July:\n- July 2-16, 2024: Chinese and Russian navies conduct 15-day joint patrol. [1]\n- July 3, 2024: Presidents Xi and Putin hold a meeting. [2]");
    expect(rewrite(user("Which exercises did China and Russia hold in July?"), july, user("What about September?")))
      .toBe("Which exercises did China and Russia hold in September?");
    expect(rewrite(user("When did Putin visit China?"), VISIT, user("And Lavrov?"))).toBe("When did Lavrov visit China?");
    expect(rewrite(user("When did Wang Yi meet Lavrov in Astana?"), assistant("May 20, 2024: Wang Yi and Lavrov meet in Astana. [1]"), user("what about in Rio de Janeiro?")))
      .toBe("When did Wang Yi meet Lavrov in Rio de Janeiro?");
  });

  it("carries the topic of a question without names, and its period rather than one list item's date", () => {
    expect(rewrite(user("Which joint bomber patrols happened in 2024?"), PATROLS, user("Which of them was nuclear capable?")))
      .toBe("Which of them was nuclear capable (joint bomber patrols, 2024)?");
  });

  it("keeps the subject through a chain of follow-ups", () => {
    expect(rewrite(
      user("Who attended the Moscow format meeting on Afghanistan?"), MOSCOW_FORMAT,
      user("Who else attended?"), MOSCOW_FORMAT,
      user("Was a statement issued?"),
    )).toBe("Was a statement issued (Moscow, Afghanistan, Oct. 4, 2024)?");
  });

  it("reads an OpenAI-style answer with a Sources block", () => {
    const answer = assistant("Chinese Premier Li Qiang visits Moscow [1].\n\nSources:\n[1] Aug. 20-21, 2024 — china-russia-relations-2024.txt: Aug. 20-21, 2024: Chinese Premier Li Qiang visits Moscow");
    expect(rewrite(user("When did Li Qiang visit Moscow?"), answer, user("What happened the week before?"))).toBe("What happened during August 13-19, 2024?");
  });

  it("rejects a conversation that does not end with a user turn", () => {
    expect(() => rewrite(user("Hi"), VISIT)).toThrow(/last message must be from the user/);
  });
});
