import { describe, expect, it } from "vitest";
import { incomingQuestion } from "./events.js";

const context = { teamId: "T1", botUserId: "UBOT" };

describe("incomingQuestion", () => {
  it("answers a top-level mention in a new thread under it", () => {
    expect(incomingQuestion({ type: "app_mention", user: "U1", text: "<@UBOT> When?", ts: "10.1", channel: "C1" }, context)).toEqual({
      kind: "mention",
      text: "When?",
      user: "U1",
      ts: "10.1",
      target: { channel: "C1", thread_ts: "10.1" },
      threadKey: "T1:C1:10.1",
      messageKey: "T1:C1:10.1",
    });
  });

  it("answers a mention inside a thread in that thread, as part of its conversation", () => {
    expect(incomingQuestion({ type: "app_mention", user: "U1", text: "<@UBOT> And then?", ts: "12.1", thread_ts: "10.1", channel: "C1" }, context)).toMatchObject({
      target: { channel: "C1", thread_ts: "10.1" },
      threadKey: "T1:C1:10.1",
      messageKey: "T1:C1:12.1",
    });
  });

  it("answers a DM in the DM, as one conversation unless threaded", () => {
    expect(incomingQuestion({ type: "message", channel_type: "im", user: "U1", text: "When?", ts: "10.1", channel: "D1" }, context)).toMatchObject({
      kind: "dm",
      target: { channel: "D1" },
      threadKey: "T1:D1:dm",
    });
    expect(incomingQuestion({ type: "message", channel_type: "im", user: "U1", text: "When?", ts: "11.1", thread_ts: "10.1", channel: "D1" }, context)).toMatchObject({
      target: { channel: "D1", thread_ts: "10.1" },
      threadKey: "T1:D1:10.1",
    });
  });

  it("ignores bots, itself, subtypes and messages outside DMs", () => {
    const dm = { type: "message", channel_type: "im", user: "U1", text: "When?", ts: "10.1", channel: "D1" };
    expect(incomingQuestion({ ...dm, bot_id: "B1" }, context)).toEqual({ ignore: "bot message" });
    expect(incomingQuestion({ ...dm, subtype: "bot_message" }, context)).toEqual({ ignore: "bot message" });
    expect(incomingQuestion({ ...dm, user: "UBOT" }, context)).toEqual({ ignore: "own message" });
    expect(incomingQuestion({ ...dm, subtype: "message_changed" }, context)).toEqual({ ignore: "message subtype message_changed" });
    expect(incomingQuestion({ ...dm, subtype: "message_deleted" }, context)).toEqual({ ignore: "message subtype message_deleted" });
    expect(incomingQuestion({ ...dm, subtype: "thread_broadcast" }, context)).toEqual({ ignore: "message subtype thread_broadcast" });
    expect(incomingQuestion({ ...dm, channel_type: "channel" }, context)).toEqual({ ignore: "event message in channel" });
    expect(incomingQuestion({ type: "reaction_added" }, context)).toEqual({ ignore: "no channel or ts" });
  });
});
