import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Read as text: the project has no YAML parser of its own, and these lines are what Slack needs.
const manifest = readFileSync(new URL("./manifest.yaml", import.meta.url), "utf8");

describe("manifest.yaml", () => {
  it("points Slack at the three routes", () => {
    expect(manifest).toMatch(/^ {4}request_url: https:\/\/YOUR_HOST\/slack\/events$/m);
    expect(manifest).toMatch(/^ {4}is_enabled: true\n {4}request_url: https:\/\/YOUR_HOST\/slack\/interactions$/m);
    expect(manifest).toMatch(/^ {6}url: https:\/\/YOUR_HOST\/slack\/commands$/m);
    expect(manifest).toMatch(/^ {4}- command: \/chronicle$/m);
  });

  it("asks for exactly the scopes and events the bot uses", () => {
    const scopeSection = manifest.slice(manifest.indexOf("oauth_config:"), manifest.indexOf("settings:"));
    const scopes = [...scopeSection.matchAll(/^ {6}- ([a-z_.:]+)$/gm)].map((m) => m[1]);
    expect(scopes.sort()).toEqual(["app_mentions:read", "chat:write", "commands", "im:history"]);
    const events = [...manifest.matchAll(/^ {6}- (app_mention|message\.im)$/gm)].map((m) => m[1]);
    expect(events).toEqual(["app_mention", "message.im"]);
  });

  it("uses spaces only, as YAML requires", () => {
    expect(manifest).not.toMatch(/\t/);
  });
});
