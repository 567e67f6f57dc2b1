/**
 * The widget and the Chronicle page in a real browser (Debian's Chromium through playwright-core)
 * against the real server on loopback. A missing Chromium fails these tests; they never skip.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type AskResult, type Chronicle } from "../src/chronicle.js";
import { buildWidget, createWebRoutes } from "../src/web/index.js";
import { artifactPath, launchChromium, listen, startChronicleServer, type ChronicleTestServer, type Listening } from "../test-support/browser.js";
import { SYNTHETIC_DOCUMENTS } from "../test-support/synthetic-corpus.js";
import { testConfig } from "../test-support/test-config.js";

const BOMBERS = "When did Chinese and Russian bombers patrol near Alaska?";
const MEETINGS = "How many times did Xi and Putin meet in 2024?";
// Words no document uses: refused outright.
const NONSENSE = "qwzx vbnmk plorf?";
// About the documents, but nothing in them answers it: refused with the closest passages.
const UNANSWERED = "What did Putin eat at the Kazan summit?";
const XSS = '<img src=x onerror="window.__xss=1">';
const TITLE = "Ask our documents";
// Words only the first corpus uses: none may appear in what the page says about another corpus.
const FIRST_CORPUS_WORDS = /China|Chinese|Russia|Putin|\bXi\b|Kazan|BRICS/;
const SLOW = { timeout: 90_000 };

let browser: Browser;
let chronicle: Chronicle;
let server: ChronicleTestServer;
let bundleDir: string;
let bombers: AskResult;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), "chronicle-widget-browser-"));
  // Tests run against the sources as they are, not a bundle left over from an earlier build.
  await buildWidget({ outdir: bundleDir });
  [browser, chronicle] = await Promise.all([launchChromium(), openChronicle({ config: testConfig() })]);
  server = await startChronicleServer({ chronicle, bundleDir });
  bombers = await chronicle.ask(BOMBERS);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await chronicle?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

async function newPage(options: { width?: number; height?: number; dark?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.dark ? "dark" : "light",
    reducedMotion: "reduce",
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** The widget's parts, found through its open shadow root (Playwright's CSS pierces it). */
function widget(page: Page) {
  const root = page.locator("chronicle-chat");
  return {
    launcher: root.locator(".launcher"),
    panel: root.locator(".panel"),
    input: root.locator("textarea#cc-input"),
    send: root.locator("button.send"),
    log: root.locator(".log"),
    answers: root.locator("article.bot"),
    users: root.locator(".msg.user"),
    chips: root.locator("button.chip"),
    tip: root.locator("#cc-tip"),
    detail: root.locator(".detail"),
    alert: root.locator(".alert"),
    suggestions: root.locator("button.sug"),
  };
}

/** Opens /demo, optionally without the server's CSP: a host site without one is the case the widget must survive. */
async function openDemo(page: Page, base: string, options: { withoutCsp?: boolean } = {}): Promise<void> {
  if (options.withoutCsp) {
    await page.route("**/demo", async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    });
  }
  await page.goto(`${base}/demo`);
  await widget(page).launcher.waitFor();
}

/** The id or class of the focused element inside the widget's shadow root, or "outside". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.querySelector("chronicle-chat");
    if (document.activeElement !== host) return "outside";
    const el = host?.shadowRoot?.activeElement;
    return el ? el.id || el.className || el.tagName.toLowerCase() : "none";
  });
}

/** Waits until the answer being written is done: no longer busy, with sources or a refusal. */
async function finishedAnswer(page: Page): Promise<Locator> {
  const answer = widget(page).answers.last();
  await page.locator("chronicle-chat article.bot:not([aria-busy]) :is(.sources, .refused)").last().waitFor();
  return answer;
}

async function ask(page: Page, question: string): Promise<Locator> {
  const { input } = widget(page);
  await input.fill(question);
  await input.press("Enter");
  return finishedAnswer(page);
}

async function waitForText(locator: Locator, test: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let text = "";
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? "";
    if (test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; last text: ${JSON.stringify(text)}`);
}

/** What has the keyboard focus inside the widget: its label, id and text. */
function active(page: Page): Promise<{ label: string | null; id: string; text: string }> {
  return page.evaluate(() => {
    const el = document.querySelector("chronicle-chat")?.shadowRoot?.activeElement;
    return { label: el?.getAttribute("aria-label") ?? null, id: el?.id ?? "", text: el?.textContent?.trim() ?? "" };
  });
}

const ADMIN_KEY = "browser-test-admin-key";

/** The server's feedback as its admin exports it (GET /api/feedback/export, JSON lines). */
async function exportedFeedback(base: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${base}/api/feedback/export`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(response.status).toBe(200);
  return (await response.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const NOT_READY = { code: "not_ready", message: "the index is being rebuilt; try again in a few seconds" };

async function noHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, viewport, panel, scroller } = await page.evaluate(() => {
    const shadow = document.querySelector("chronicle-chat")!.shadowRoot!;
    const box = shadow.querySelector(".panel")!.getBoundingClientRect();
    const scroll = shadow.querySelector(".scroll")!;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      viewport: { width: innerWidth, height: innerHeight },
      panel: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
      scroller: { scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth },
    };
  });
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(clientWidth);
  expect(panel.left).toBeGreaterThanOrEqual(0);
  expect(panel.right).toBeLessThanOrEqual(viewport.width);
  expect(panel.top).toBeGreaterThanOrEqual(0);
  expect(panel.bottom).toBeLessThanOrEqual(viewport.height);
  expect(scroller.scrollWidth, "the conversation scrolls sideways").toBeLessThanOrEqual(scroller.clientWidth);
}

describe("the embedded widget", () => {
  it("is untouched by the host's CSS, streams a cited answer, and shows a source on hover and in full on click", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url);
    const w = widget(page);

    const looks = await w.launcher.evaluate((el) => {
      const style = getComputedStyle(el);
      const host = (el.getRootNode() as ShadowRoot).host;
      return { font: style.fontFamily, background: style.backgroundColor, hostTransform: getComputedStyle(host).transform, position: style.position };
    });
    expect(looks.font).not.toMatch(/comic/i);
    expect(looks.background).not.toBe("rgb(255, 105, 180)"); // the host's hotpink buttons
    expect(looks.hostTransform).toBe("none"); // a transform would trap the fixed panel inside the host element
    expect(looks.position).toBe("fixed");
    expect(await w.launcher.getAttribute("aria-label")).toBe(TITLE);
    expect(await w.launcher.getAttribute("aria-expanded")).toBe("false");

    await w.launcher.click();
    const dialog = page.getByRole("dialog", { name: TITLE });
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    expect(await w.launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await focused(page)).toBe("cc-input");
    await w.suggestions.first().waitFor(); // they come from GET /api/corpus, a moment after the panel
    expect(await w.suggestions.allTextContents()).toEqual(chronicle.profile.sampleQuestions.slice(0, 4));
    expect(await w.log.getAttribute("role")).toBe("log");
    expect(await w.log.getAttribute("aria-live")).toBe("polite");
    expect(await page.getByRole("textbox", { name: "Your question" }).count()).toBe(1);

    const answer = await ask(page, BOMBERS);
    const text = (await answer.locator("p, li").allTextContents()).join(" ");
    expect(text).toContain("July 24");
    expect(await answer.locator("button.chip").count()).toBeGreaterThan(0);
    expect(await w.input.inputValue()).toBe(""); // cleared only once the answer arrived
    expect(await answer.locator(".sources li").count()).toBe(bombers.citations.length);
    const chronologyCitation = bombers.citations.find((c) => c.kind === "chronology")!;
    expect(await answer.locator(".sources").textContent()).toContain("July 24, 2024 · Chronology");

    // Hover: the tooltip names the date, the document and the first words.
    const chip = answer.locator(`button.chip[data-n="${chronologyCitation.n}"]`).first();
    await chip.hover();
    await w.tip.waitFor();
    const tip = (await w.tip.textContent()) ?? "";
    expect(tip).toContain("July 24, 2024");
    expect(tip).toContain(chronologyCitation.doc);
    expect(tip).toContain(chronologyCitation.text.slice(0, 40));
    expect(await chip.getAttribute("aria-describedby")).toBe("cc-tip");
    await page.screenshot({ path: await artifactPath("widget-demo-answer.png") });

    // Click: the detail view loads the whole entry from /api/sources/:id.
    const fetched = page.waitForResponse((r) => r.url() === `${server.url}/api/sources/${encodeURIComponent(chronologyCitation.id)}`);
    await chip.click();
    await w.detail.waitFor();
    expect((await fetched).status()).toBe(200);
    const full = chronicle.chunk(chronologyCitation.id)!.text;
    await waitForText(w.detail.locator(".full"), (t) => t === full, "the full source text");
    expect(await w.detail.locator("[role=status]").count()).toBe(0); // loaded, not the excerpt with a notice
    expect(await w.detail.locator("mark").textContent()).toBe(chronologyCitation.text);
    await page.screenshot({ path: await artifactPath("widget-source-detail.png") });

    // Esc closes the detail (focus back on the chip), then the panel (focus back on the launcher).
    // The pointer moves off first: a tooltip under it would take the next Esc, as it should.
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");
    await w.detail.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("chip");
    await page.keyboard.press("Escape");
    await w.panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("launcher");
    expect(await w.launcher.getAttribute("aria-expanded")).toBe("false");
  });

  it("embeds on another origin with its data- options, talking to the server it came from over CORS", SLOW, async () => {
    // A separate site on its own port (so its own origin), embedding the widget from the Chronicle server.
    const site = new Hono().get("/blog", (c) => c.html(`<!doctype html><title>Blog</title><p>A blog post.</p><input id="host-input">
<script src="${server.url}/widget.js" data-title="Ask the archive" data-placeholder="Type a question" data-position="bottom-left" data-color="#c0392b" data-open async></script>`));
    const blog = await listen(site.fetch);
    try {
      const page = await newPage();
      await page.goto(`${blog.url}/blog`);
      await page.locator("#host-input").focus();
      const w = widget(page);
      await w.panel.waitFor(); // data-open
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-input"); // opening on load steals no focus
      expect(await w.input.getAttribute("placeholder")).toBe("Type a question");
      expect(await page.locator("chronicle-chat .title").textContent()).toBe("Ask the archive");
      const launcher = (await w.launcher.boundingBox())!;
      expect(launcher.x).toBeLessThan(100); // bottom-left
      expect(await w.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(192, 57, 43)");

      const answer = await ask(page, BOMBERS);
      expect(await answer.textContent()).toContain("July 24");
    } finally {
      await blog.close();
    }
  });

  it("asks a suggested question on click, keeps the conversation across a reload, and clears it", SLOW, async () => {
    const suggested = chronicle.profile.sampleQuestions[0]!;
    const expected = await chronicle.ask(suggested);
    expect(expected.refused).toBe(false);
    const page = await newPage();
    await openDemo(page, server.url);
    const w = widget(page);
    await w.launcher.click();
    await w.suggestions.first().click();
    const answer = await finishedAnswer(page);
    expect(await w.users.first().textContent()).toBe(`You: ${suggested}`);
    expect(await answer.textContent()).toContain(expected.answer.slice(0, 30));
    expect(await answer.locator(".sources li").count()).toBe(expected.citations.length);

    await page.reload();
    await w.panel.waitFor(); // it was open, so it opens again
    expect(await w.users.count()).toBe(1);
    expect(await w.users.first().textContent()).toContain(suggested);
    expect(await w.answers.count()).toBe(1);
    expect(await w.chips.count()).toBeGreaterThan(0);
    expect(await w.suggestions.first().isVisible()).toBe(false);

    await page.locator("chronicle-chat").getByRole("button", { name: "Clear conversation" }).click();
    expect(await w.answers.count()).toBe(0);
    expect(await w.suggestions.count()).toBe(Math.min(4, chronicle.profile.sampleQuestions.length));
    expect(await w.suggestions.first().isVisible()).toBe(true);
    await page.reload();
    await w.launcher.waitFor();
    expect(await w.answers.count()).toBe(0);
  });

  it("works from the keyboard: Enter opens and sends, Shift+Enter adds a line, Tab stays in the panel, Esc closes", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url);
    const w = widget(page);
    await w.launcher.focus();
    await page.keyboard.press("Enter");
    await w.panel.waitFor();
    expect(await focused(page)).toBe("cc-input");

    await page.keyboard.type("When did the bombers");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("patrol near Alaska?");
    expect(await w.input.inputValue()).toBe("When did the bombers\npatrol near Alaska?");
    expect(await w.users.count()).toBe(0);

    // Tab and Shift+Tab wrap around inside the dialog; focus never reaches the host page.
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const at = await focused(page);
      expect(at).not.toBe("outside");
      seen.add(at);
    }
    expect(seen).toContain("cc-input");
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).not.toBe("outside");
    }
    // Keyboard focus is visible: a solid ring on the send button reached with Tab.
    await w.input.focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("send");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector("chronicle-chat")!.shadowRoot!.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).toBe("solid");
    expect(ring.width).toBeGreaterThanOrEqual(2);

    await w.input.focus();
    await page.keyboard.press("Enter");
    await finishedAnswer(page);
    expect(await w.users.first().textContent()).toContain("patrol near Alaska?");
    await page.keyboard.press("Escape");
    await w.panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("launcher");
  });

  it("shows a refusal as its own 'the corpus does not cover this' state", SLOW, async () => {
    expect((await chronicle.ask(NONSENSE)).refused).toBe(true);
    const page = await newPage();
    await openDemo(page, server.url);
    await widget(page).launcher.click();
    const answer = await ask(page, NONSENSE);
    const refusal = answer.locator(".refused");
    expect(await refusal.getAttribute("data-refused")).toBe("true");
    expect(await refusal.textContent()).toContain("The corpus does not cover this");
    expect(await answer.locator(".sources").count()).toBe(0);
  });

  it("shows a refusal with the closest passages as 'no direct answer', with their sources", SLOW, async () => {
    const expected = await chronicle.ask(UNANSWERED);
    expect(expected.related?.length).toBeGreaterThan(0);
    const page = await newPage();
    await openDemo(page, server.url);
    await widget(page).launcher.click();
    const answer = await ask(page, UNANSWERED);
    expect(await answer.locator(".refused").textContent()).toContain("No direct answer found");
    expect(await answer.locator(".sources li").count()).toBe(expected.related!.length);
  });

  it("shows a question with markup literally and runs nothing", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url, { withoutCsp: true });
    const w = widget(page);
    await w.launcher.click();
    await ask(page, XSS);
    expect(await w.users.first().textContent()).toBe(`You: ${XSS}`);
    await page.reload();
    await w.panel.waitFor();
    expect(await w.users.first().textContent()).toBe(`You: ${XSS}`); // and again when drawn from storage
    await page.waitForTimeout(300); // an image error handler would have fired by now
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelector("chronicle-chat")!.shadowRoot!.querySelectorAll("img, script, [onerror]").length)).toBe(0);
  });

  it("shows corpus text with markup literally: answer, tooltip and source detail", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url, { withoutCsp: true });
    const evil = `July 24, 2024: bombers <img src=x onerror="window.__xss=2"><script>window.__xss=3</script> near Alaska.`;
    const citation = { n: 1, id: "evil-1", kind: "chronology", doc: "<b>doc</b>.txt", date: { start: "2024-07-24", end: "2024-07-24" }, dateLabel: "July 24, 2024", text: evil };
    const answer = `They flew on <em>July 24</em> ${XSS} [1]`;
    const events: [string, unknown][] = [
      ["citations", [citation]],
      ["delta", { text: answer }],
      ["done", { id: "x", question: "q", answer, citations: [citation], refused: false, mode: "extractive", sources: [], rewrittenQuestion: "q" }],
    ];
    await page.route("**/api/chat", (route) => route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(""),
    }));
    await page.route("**/api/sources/evil-1", (route) => route.fulfill({ json: { ...citation, text: `${evil} And more <iframe src="javascript:window.__xss=4"></iframe>`, position: 0 } }));

    const w = widget(page);
    await w.launcher.click();
    const bot = await ask(page, "Crafted");
    expect(await bot.locator("p").first().textContent()).toBe(`They flew on <em>July 24</em> ${XSS} 1`);
    await w.chips.first().hover();
    await w.tip.waitFor();
    expect(await w.tip.textContent()).toContain("<b>doc</b>.txt");
    await w.chips.first().click();
    await waitForText(w.detail.locator(".full"), (t) => t.includes("<iframe"), "the crafted source");
    expect(await w.detail.locator(".full").textContent()).toContain(`<img src=x onerror="window.__xss=2"><script>`);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelector("chronicle-chat")!.shadowRoot!.querySelectorAll("img, script, iframe, em, [onerror]").length)).toBe(0);
  });

  it("says when the server is down, offers a retry, keeps the question, and recovers", SLOW, async () => {
    let down: ChronicleTestServer | undefined = await startChronicleServer({ chronicle, bundleDir });
    try {
      const page = await newPage();
      await openDemo(page, down.url);
      const w = widget(page);
      await w.launcher.click();
      const port = down.port;
      await down.close();
      down = undefined;

      await w.input.fill(BOMBERS);
      await w.input.press("Enter");
      await w.alert.waitFor();
      expect(await w.alert.getAttribute("role")).toBe("alert");
      expect(await w.alert.textContent()).toContain("Can't reach the Chronicle server");
      const retry = w.alert.getByRole("button", { name: "Retry" });
      expect(await retry.isVisible()).toBe(true);
      expect(await w.input.inputValue()).toBe(BOMBERS); // nothing typed is lost
      expect(await w.answers.count()).toBe(0);
      await page.screenshot({ path: await artifactPath("widget-server-down.png") });

      down = await startChronicleServer({ chronicle, bundleDir, port });
      await retry.click();
      await finishedAnswer(page);
      expect(await w.alert.count()).toBe(0);
      expect(await w.users.count()).toBe(1); // the failed attempt is replaced, not repeated
      expect(await w.input.inputValue()).toBe("");
    } finally {
      await down?.close();
    }
  });

  it("explains 429 and 5xx answers with a retry, keeping the question", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url);
    const w = widget(page);
    await w.launcher.click();
    await page.route("**/api/chat", (route) => route.fulfill({
      status: 429, headers: { "Retry-After": "7" }, json: { error: { code: "rate_limited", message: "60 requests a minute; try again in 7 s" } },
    }));
    await w.input.fill(MEETINGS);
    await w.input.press("Enter");
    await w.alert.waitFor();
    expect(await w.alert.textContent()).toContain("Too many questions right now. Try again in 7 seconds.");
    expect(await w.input.inputValue()).toBe(MEETINGS);

    await page.unroute("**/api/chat");
    await page.route("**/api/chat", (route) => route.fulfill({ status: 500, json: { error: { code: "internal", message: "internal error" } } }));
    await w.alert.getByRole("button", { name: "Retry" }).click();
    await waitForText(w.alert, (t) => t.includes("error 500"), "the 500 message");
    expect(await w.alert.textContent()).toContain("The Chronicle server had a problem (error 500). Try again.");
    expect(await w.input.inputValue()).toBe(MEETINGS);

    await page.unroute("**/api/chat");
    await w.alert.getByRole("button", { name: "Retry" }).click();
    const answer = await finishedAnswer(page);
    expect(await answer.textContent()).toContain((await chronicle.ask(MEETINGS)).answer.slice(0, 30));
    expect(await w.alert.count()).toBe(0);
    expect(await w.input.inputValue()).toBe("");
  });

  it("streams the answer in as it arrives", SLOW, async () => {
    // A server that sends the citations and half the answer, then waits for the test.
    let release: () => void = () => undefined;
    const citation = bombers.citations[0];
    const app = new Hono();
    app.post("/api/chat", (c) => streamSSE(c, async (sse) => {
      const gate = new Promise<void>((resolve) => (release = resolve));
      await sse.writeSSE({ event: "citations", data: JSON.stringify([citation]) });
      await sse.writeSSE({ event: "delta", data: JSON.stringify({ text: "First half of the answer [1]. " }) });
      await gate;
      await sse.writeSSE({ event: "delta", data: JSON.stringify({ text: "Second half." }) });
      const answer = "First half of the answer [1]. Second half.";
      await sse.writeSSE({ event: "done", data: JSON.stringify({ id: "s", question: "q", answer, citations: [citation], refused: false, mode: "extractive", sources: [], rewrittenQuestion: "q" }) });
    }));
    app.route("/", createWebRoutes({ bundleDir }));
    const gated: Listening = await listen(app.fetch);
    try {
      const page = await newPage();
      await openDemo(page, gated.url);
      const w = widget(page);
      await w.launcher.click();
      await w.input.fill("Stream, please");
      await w.input.press("Enter");
      const busy = page.locator("chronicle-chat article.bot[aria-busy='true']");
      await waitForText(busy, (t) => t.includes("First half"), "the first delta");
      expect(await busy.locator("button.chip").count()).toBe(1); // citations came first, so the chip is live at once
      expect(await busy.locator(".sources").count()).toBe(0);
      expect(await w.send.getAttribute("aria-label")).toBe("Stop answering");
      // Typing the next question meanwhile neither stops this answer nor gets lost when it ends.
      await w.input.fill("A follow-up");
      await w.input.press("Enter");
      expect(await busy.count()).toBe(1);
      release();
      const answer = await finishedAnswer(page);
      expect(await answer.locator("p").first().textContent()).toBe("First half of the answer 1. Second half.");
      expect(await w.send.getAttribute("aria-label")).toBe("Send question");
      expect(await w.input.inputValue()).toBe("A follow-up");
      expect(await w.users.count()).toBe(1);

      // Stop drops the unfinished answer and its question from the log; the text stays in the box.
      await w.input.press("Enter");
      await waitForText(busy, (t) => t.includes("First half"), "the follow-up's first delta");
      await w.send.click();
      await busy.waitFor({ state: "detached" });
      expect(await w.users.count()).toBe(1);
      expect(await w.answers.count()).toBe(1);
      expect(await w.alert.count()).toBe(0);
      expect(await w.input.inputValue()).toBe("A follow-up");
    } finally {
      release();
      await gated.close();
    }
  });

  it("fits a 375 px phone (and 320 px) in dark mode without sideways scrolling", SLOW, async () => {
    const page = await newPage({ width: 375, height: 740, dark: true });
    await openDemo(page, server.url);
    const w = widget(page);
    await w.launcher.click();
    await ask(page, MEETINGS);
    await noHorizontalScroll(page);
    const colors = await w.panel.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colors).toBe("rgb(23, 25, 30)"); // the dark palette
    await page.screenshot({ path: await artifactPath("widget-375-dark.png") });
    await page.setViewportSize({ width: 320, height: 600 });
    await noHorizontalScroll(page);
    await page.screenshot({ path: await artifactPath("widget-320-dark.png") });
  });

  it("shows the whole of a placeholder too long for a phone's input box, and shrinks back when there is room", SLOW, async () => {
    const page = await newPage({ width: 375, height: 740 });
    // The Chronicle page's own, longer placeholder.
    await page.goto(`${server.url}/`);
    const input = page.locator("chronicle-chat").locator("textarea#cc-input");
    await input.waitFor();
    const fits = () => input.evaluate((el: HTMLTextAreaElement) => ({ placeholder: el.placeholder.length > 30, clipped: el.scrollHeight > el.clientHeight + 1, height: el.clientHeight }));
    const narrow = await fits();
    expect(narrow).toMatchObject({ placeholder: true, clipped: false });
    await page.screenshot({ path: await artifactPath("page-375-placeholder.png") });
    await page.setViewportSize({ width: 1280, height: 740 });
    await expect.poll(async () => (await fits()).height).toBeLessThan(narrow.height);
    expect((await fits()).clipped).toBe(false);
  });
});

describe("rating answers, and failing helpfully", () => {
  it("rates an answer from the keyboard, replaces the rating when it changes, and sends a comment", SLOW, async () => {
    const rated = await startChronicleServer({ chronicle, bundleDir, config: { ADMIN_KEY } });
    try {
      const page = await newPage();
      await openDemo(page, rated.url);
      const w = widget(page);
      await w.launcher.click();
      const answer = await ask(page, BOMBERS);
      const helpful = answer.getByRole("button", { name: "Helpful", exact: true });
      const notHelpful = answer.getByRole("button", { name: "Not helpful", exact: true });
      const status = answer.locator(".fbstatus");
      expect(await answer.getByRole("group", { name: "Rate this answer" }).count()).toBe(1);
      expect(await helpful.getAttribute("aria-pressed")).toBe("false");
      expect(await notHelpful.getAttribute("aria-pressed")).toBe("false");
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect(await answer.locator(".fbform").isVisible()).toBe(false); // the comment box comes with a choice

      // Keyboard only: from the last source, Tab reaches 👍 and Enter presses it.
      await answer.locator("button.src").last().focus();
      await page.keyboard.press("Tab");
      expect((await active(page)).label).toBe("Helpful");
      const ring = await helpful.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(ring).toBe("solid"); // a visible focus ring
      const first = page.waitForResponse((r) => r.url() === `${rated.url}/api/feedback` && r.request().method() === "POST");
      await page.keyboard.press("Enter");
      expect((await first).status()).toBe(201);
      await waitForText(status, (t) => t === "Thanks, recorded", "the receipt");
      expect(await helpful.getAttribute("aria-pressed")).toBe("true");
      expect(await notHelpful.getAttribute("aria-pressed")).toBe("false");
      expect((await active(page)).label).toBe("Helpful"); // focus stays where it was
      const rater = await page.evaluate(() => localStorage.getItem("chronicle-rater"));
      expect(rater).toMatch(/^web-[0-9a-f]{32}$/);
      let rows = await exportedFeedback(rated.url);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ rating: "up", rater: `client:${rater}` });
      expect(String(rows[0].answer)).toContain("July 24");
      expect(rows[0].comment).toBeUndefined();
      await page.screenshot({ path: await artifactPath("widget-feedback.png") });

      // The other button: the server replaces the rating, it does not add one.
      await page.keyboard.press("Tab");
      expect((await active(page)).label).toBe("Not helpful");
      const second = page.waitForResponse((r) => r.url() === `${rated.url}/api/feedback` && r.request().method() === "POST");
      await page.keyboard.press("Space");
      expect((await second).status()).toBe(200);
      await waitForText(status, (t) => t === "Updated", "the update");
      expect(await helpful.getAttribute("aria-pressed")).toBe("false");
      expect(await notHelpful.getAttribute("aria-pressed")).toBe("true");
      rows = await exportedFeedback(rated.url);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ rating: "down", rater: `client:${rater}` });

      // Then the comment, by keyboard too: the labelled box, then Send.
      const box = answer.getByRole("textbox", { name: "Anything to add? (optional)" });
      expect(await box.isVisible()).toBe(true);
      await page.keyboard.press("Tab");
      expect((await active(page)).id).toBe(await box.getAttribute("id"));
      const comment = "The date is right, but the place is missing.";
      await page.keyboard.type(comment);
      await page.keyboard.press("Tab");
      expect((await active(page)).text).toBe("Send");
      await page.keyboard.press("Enter");
      await waitForText(status, (t) => t === "Thanks, comment recorded", "the comment's receipt");
      rows = await exportedFeedback(rated.url);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ rating: "down", comment, rater: `client:${rater}` });
      await page.screenshot({ path: await artifactPath("widget-feedback-comment.png") });

      // A refusal can be rated too; the choice survives a reload.
      const refusal = await ask(page, NONSENSE);
      expect(await refusal.locator(".refused").count()).toBe(1);
      await refusal.getByRole("button", { name: "Helpful", exact: true }).press("Enter");
      await waitForText(refusal.locator(".fbstatus"), (t) => t === "Thanks, recorded", "the refusal's receipt");
      rows = await exportedFeedback(rated.url);
      expect(rows.map((row) => row.rating)).toEqual(["down", "up"]);
      await page.reload();
      await w.panel.waitFor();
      expect(await w.answers.first().getByRole("button", { name: "Not helpful", exact: true }).getAttribute("aria-pressed")).toBe("true");
      expect(await w.answers.last().getByRole("button", { name: "Helpful", exact: true }).getAttribute("aria-pressed")).toBe("true");
    } finally {
      await rated.close();
    }
  });

  it("on a site the server does not allow, says so and names WIDGET_ORIGINS in the console; a server down still reads as unreachable", SLOW, async () => {
    let strict: ChronicleTestServer | undefined = await startChronicleServer({ chronicle, bundleDir, config: { WIDGET_ORIGINS: ["https://allowed.example"] } });
    // A host page on another loopback port: an origin the server's WIDGET_ORIGINS does not list.
    const site = new Hono().get("/", (c) => c.html(`<!doctype html><title>Host</title><p>A host page.</p>
<script src="${strict!.url}/widget.js" data-open async></script>`));
    const host = await listen(site.fetch);
    try {
      const page = await newPage();
      const warnings: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "warning") warnings.push(message.text());
      });
      await page.goto(host.url);
      const w = widget(page);
      await w.panel.waitFor();
      // Before anything is asked: GET /api/corpus was refused, so the panel says why at once.
      await waitForText(page.locator("chronicle-chat .notice"), (t) => t.includes("This site isn't allowed to use this Chronicle server"), "the origin notice");

      await w.input.fill(BOMBERS);
      await w.input.press("Enter");
      await w.alert.waitFor();
      const said = (await w.alert.textContent()) ?? "";
      expect(said).toContain("This site isn't allowed to use this Chronicle server");
      expect(said).not.toContain("Can't reach");
      expect(await w.input.inputValue()).toBe(BOMBERS);
      const advice = warnings.filter((text) => text.includes("WIDGET_ORIGINS"));
      expect(advice).toHaveLength(1); // once, however many requests were refused
      expect(advice[0]).toContain(host.url); // the origin to add
      expect(advice[0]).toContain(strict.url);
      await page.screenshot({ path: await artifactPath("widget-origin-refused.png") });

      // The same site with the server gone: that is the other message.
      await strict.close();
      strict = undefined;
      await w.alert.getByRole("button", { name: "Retry" }).click();
      await waitForText(w.alert, (t) => t.includes("Can't reach the Chronicle server"), "the unreachable message");
      expect(await w.alert.textContent()).not.toContain("isn't allowed");
    } finally {
      await host.close();
      await strict?.close();
    }
  });

  it("while the index is rebuilt, shows the server's reason, then the answer without being asked again", SLOW, async () => {
    const page = await newPage();
    await openDemo(page, server.url);
    const w = widget(page);
    await w.launcher.click();
    let calls = 0;
    await page.route("**/api/chat", (route) => {
      calls++;
      if (calls === 1) return route.fulfill({ status: 503, headers: { "Retry-After": "2" }, json: { error: NOT_READY } });
      return route.continue();
    });
    await w.input.fill(MEETINGS);
    await w.input.press("Enter");
    const busy = page.locator("chronicle-chat article.bot[aria-busy='true']");
    const waiting = await waitForText(busy, (t) => t.includes("The index is being rebuilt; try again in a few seconds."), "the server's reason");
    expect(waiting).toContain("Trying again by itself in 2 seconds");
    expect(await w.alert.count()).toBe(0);
    expect(await w.send.getAttribute("aria-label")).toBe("Stop answering"); // the wait can be stopped like an answer
    await page.screenshot({ path: await artifactPath("widget-not-ready.png") });
    const answer = await finishedAnswer(page);
    expect(calls).toBe(2);
    expect(await answer.textContent()).toContain((await chronicle.ask(MEETINGS)).answer.slice(0, 30));
    expect(await w.users.count()).toBe(1);
    expect(await w.alert.count()).toBe(0);
    expect(await w.input.inputValue()).toBe("");
  });
});

describe("the Chronicle page (/)", () => {
  it("names the corpus from its profile and the timeline's period from the index", SLOW, async () => {
    const page = await newPage();
    const corpus = page.waitForResponse((r) => r.url() === `${server.url}/api/corpus`);
    await page.goto(`${server.url}/`);
    expect((await corpus).status()).toBe(200);
    const { title, description } = chronicle.profile;
    await waitForText(page.locator("#page-title"), (t) => t === title, "the profile's title");
    expect(await page.title()).toBe(title);
    expect(await page.locator("#page-subtitle").textContent()).toBe(`${description} Every answer cites its sources.`);
    expect(chronicle.retriever.coverage).toEqual({ start: "2024-05-03", end: "2024-12-02" });
    expect(await page.locator("#tl-title").textContent()).toBe("Timeline, May–December 2024");
    const chat = widget(page);
    await chat.suggestions.first().waitFor();
    expect(await chat.suggestions.allTextContents()).toEqual(chronicle.profile.sampleQuestions.slice(0, 4));
    expect(await page.locator("chronicle-chat .empty p").textContent()).toBe(`${description} Every answer cites the passages it comes from.`);
  });

  it("waits out a server that is not ready for the timeline, then offers a styled Retry after another failure", SLOW, async () => {
    const page = await newPage();
    let calls = 0;
    await page.route("**/api/chronology", (route) => {
      calls++;
      if (calls === 1) return route.fulfill({ status: 503, headers: { "Retry-After": "2" }, json: { error: NOT_READY } });
      if (calls === 2) return route.fulfill({ status: 500, json: { error: { code: "internal", message: "internal error" } } });
      return route.continue();
    });
    await page.goto(`${server.url}/`);
    const status = page.locator("#tl-status");
    const waiting = await waitForText(status, (t) => t.includes("The index is being rebuilt; try again in a few seconds."), "the server's reason");
    expect(waiting).toContain("Loading again by itself in 2 seconds.");
    expect(await status.getByRole("button", { name: "Retry now" }).isVisible()).toBe(true);

    // The second try, made by the page itself, fails otherwise: now it waits for the reader.
    await waitForText(status, (t) => t.includes("could not be loaded"), "the failure");
    expect(calls).toBe(2);
    expect(await status.textContent()).toContain("The Chronicle server had a problem (error 500).");
    const retry = status.getByRole("button", { name: "Retry" });
    const look = await retry.evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color, radius: style.borderRadius, cursor: style.cursor };
    });
    expect(look).toEqual({ background: "rgb(31, 79, 191)", color: "rgb(255, 255, 255)", radius: "8px", cursor: "pointer" });
    await page.screenshot({ path: await artifactPath("page-timeline-retry.png") });
    await retry.focus();
    await page.keyboard.press("Enter");
    await waitForText(status, (t) => /^\d+ entries$/.test(t), "the chronology to load");
    expect(calls).toBe(3);
  });

  it("shows the chronology by month with month and text filters, and a chip click highlights its entry", SLOW, async () => {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(`${server.url}/`);
    const status = page.locator("#tl-status");
    await waitForText(status, (t) => /^\d+ entries$/.test(t), "the chronology to load");
    const total = Number((await status.textContent())!.split(" ")[0]);
    expect(total).toBe(chronicle.chunks.filter((c) => c.kind === "chronology" && c.date).length);
    expect(await page.locator(".month h3").count()).toBeGreaterThan(3);

    await page.getByLabel("Month").selectOption("2024-07");
    const july = await page.locator(".entry time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")));
    expect(july.length).toBeGreaterThan(0);
    for (const date of july) expect(date).toMatch(/^2024-07/);
    await page.getByLabel("Month").selectOption("");
    await page.getByLabel("Filter entries").fill("bombers");
    const texts = await page.locator(".entry").allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text.toLowerCase()).toContain("bomber");
    await page.getByLabel("Filter entries").fill("");

    const chat = widget(page);
    expect(await page.getByRole("region", { name: "Ask about the documents" }).count()).toBe(1);
    await ask(page, BOMBERS);
    const chronologyCitation = bombers.citations.find((c) => c.kind === "chronology")!;
    await chat.answers.last().locator(`button.chip[data-n="${chronologyCitation.n}"]`).first().click();
    const hit = page.locator(".entry.hit");
    await waitForText(hit, (t) => t.includes("Bering Sea"), "the highlighted entry");
    expect(await hit.getAttribute("data-id")).toBe(chronologyCitation.id);
    await page.waitForFunction(() => {
      const list = document.getElementById("tl-list")!.getBoundingClientRect();
      const entry = document.querySelector(".entry.hit")!.getBoundingClientRect();
      return entry.top >= list.top && entry.bottom <= list.bottom;
    });
    expect(await chat.detail.isVisible()).toBe(false); // the timeline shows it; the chat stays on the answer
    await page.screenshot({ path: await artifactPath("page-timeline.png") });
  });
});

describe("another corpus: a 2023 document and no profile", () => {
  let root: string;
  let other: Chronicle;
  let otherServer: ChronicleTestServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "chronicle-other-corpus-"));
    await mkdir(join(root, "corpus"));
    await writeFile(join(root, "corpus", "annual-report.txt"), SYNTHETIC_DOCUMENTS["annual-report.txt"]!);
    other = await openChronicle({ config: testConfig({ CORPUS_DIR: join(root, "corpus"), DATA_DIR: join(root, "data") }), answerCache: "none" });
    otherServer = await startChronicleServer({ chronicle: other, bundleDir });
  }, 120_000);

  afterAll(async () => {
    await otherServer?.close();
    await other?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("shows its own title, period and questions on the page, and nothing of the first corpus", SLOW, async () => {
    const page = await newPage();
    await page.goto(`${otherServer.url}/`);
    await waitForText(page.locator("#tl-title"), (t) => t !== "Timeline", "the timeline's period");
    expect(await page.locator("#tl-title").textContent()).toBe("Timeline, January–November 2023");
    expect(await page.locator("#page-title").textContent()).toBe("Annual report");
    expect(await page.title()).toBe("Annual report");
    expect(await page.locator("#page-subtitle").textContent()).toBe("Ask about one document. Every answer cites its sources.");
    await waitForText(page.locator("#tl-status"), (t) => /^\d+ entries$/.test(t), "the chronology to load");
    const months = await page.locator(".month h3").allTextContents();
    expect(months.length).toBeGreaterThan(3);
    for (const month of months) expect(month).toMatch(/ 2023$/);

    const chat = widget(page);
    await chat.suggestions.first().waitFor();
    const suggestions = await chat.suggestions.allTextContents();
    expect(suggestions).toEqual(["What happened in November 2023?", "What is “Annual report” about?"]);
    // What the page itself says (not the document's entries, which may name any year) is of this corpus only.
    const copy = [
      await page.locator("header").textContent(), await page.locator("#tl-title").textContent(),
      await page.locator("chronicle-chat .empty").textContent(), await page.locator("chronicle-chat .head").textContent(),
    ].join("\n");
    expect(copy).not.toMatch(/2024/);
    expect(await page.locator("body").textContent()).not.toMatch(FIRST_CORPUS_WORDS);
    expect(await page.locator("chronicle-chat").evaluate((el) => el.shadowRoot!.textContent)).not.toMatch(FIRST_CORPUS_WORDS);

    await chat.suggestions.first().click();
    const answer = await finishedAnswer(page);
    expect(await chat.users.first().textContent()).toBe("You: What happened in November 2023?");
    expect(await answer.textContent()).toContain("Board approves");
    await page.screenshot({ path: await artifactPath("page-other-corpus.png") });
  });

  it("titles an embedded widget with the corpus and hints at its period and questions on a refusal", SLOW, async () => {
    // A host page that sets no data-title: the heading is the corpus's own.
    const site = new Hono().get("/", (c) => c.html(`<!doctype html><title>Host</title><p>A host page.</p>
<script src="${otherServer.url}/widget.js" data-open async></script>`));
    const host = await listen(site.fetch);
    try {
      const page = await newPage();
      await page.goto(host.url);
      const w = widget(page);
      await w.panel.waitFor();
      await waitForText(page.locator("chronicle-chat .title"), (t) => t === "Annual report", "the corpus's title as heading");
      expect(await w.launcher.getAttribute("aria-label")).toBe("Annual report");
      expect((await other.ask(NONSENSE)).refused).toBe(true);
      const answer = await ask(page, NONSENSE);
      const hint = answer.locator(".hint");
      expect(await hint.locator("p").textContent()).toBe("Chronicle only answers from its one document (dated entries: January–November 2023). Try one of these:");
      const tries = hint.locator("button.try");
      expect(await tries.allTextContents()).toEqual(["What happened in November 2023?", "What is “Annual report” about?"]);
      await page.screenshot({ path: await artifactPath("widget-refusal-hint.png") });
      await tries.first().click();
      await waitForText(w.answers.last(), (t) => t.includes("Board approves"), "the answer to the hinted question");
      expect(await w.users.last().textContent()).toBe("You: What happened in November 2023?");
      expect(await page.locator("chronicle-chat").evaluate((el) => el.shadowRoot!.textContent)).not.toMatch(FIRST_CORPUS_WORDS);
    } finally {
      await host.close();
    }
  });
});
