import { describe, expect, it } from "vitest";
import { createThreadMemory } from "./thread-memory.js";

const turn = (n: number) => ({ question: `q${n}`, answer: `a${n}`, citations: [] });

describe("createThreadMemory", () => {
  it("keeps each thread's turns apart, most recent last", () => {
    const memory = createThreadMemory();
    memory.add("t1", turn(1));
    memory.add("t2", turn(2));
    memory.add("t1", turn(3));
    expect(memory.turns("t1").map((t) => t.question)).toEqual(["q1", "q3"]);
    expect(memory.turns("t2").map((t) => t.question)).toEqual(["q2"]);
    expect(memory.turns("t3")).toEqual([]);
  });

  it("keeps only the last turns of a thread", () => {
    const memory = createThreadMemory({ maxTurns: 2 });
    for (const n of [1, 2, 3]) memory.add("t", turn(n));
    expect(memory.turns("t").map((t) => t.question)).toEqual(["q2", "q3"]);
  });

  it("forgets the least recently used thread first", () => {
    const memory = createThreadMemory({ maxThreads: 2 });
    memory.add("a", turn(1));
    memory.add("b", turn(2));
    memory.add("a", turn(3));
    memory.add("c", turn(4));
    expect(memory.size).toBe(2);
    expect(memory.turns("b")).toEqual([]);
    expect(memory.turns("a")).toHaveLength(2);
  });

  it("forgets an idle thread", () => {
    let now = 0;
    const memory = createThreadMemory({ ttlMs: 1000, now: () => now });
    memory.add("t", turn(1));
    now = 1000;
    expect(memory.turns("t")).toHaveLength(1);
    now = 2001;
    expect(memory.turns("t")).toEqual([]);
    memory.add("t", turn(2));
    expect(memory.turns("t").map((t) => t.question)).toEqual(["q2"]);
  });

  it("hands out copies", () => {
    const memory = createThreadMemory();
    memory.add("t", turn(1));
    memory.turns("t").push(turn(2));
    expect(memory.turns("t")).toHaveLength(1);
  });
});
