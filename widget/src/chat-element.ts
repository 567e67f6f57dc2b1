import { CorsError, createClient, isAbort, NotReadyError, RequestError, ServerError, type ChronicleClient } from "./api.js";
import { describeWait, retryDelay, sleep } from "./backoff.js";
import { introText, MAX_REFUSAL_SUGGESTIONS, refusalHint, suggestedQuestions } from "./corpus-copy.js";
import { loadCorpus } from "./corpus-info.js";
import { append, focusables, h, icon, ICONS, replace } from "./dom.js";
import { excerpt, formatRange, sourceDate, sourceOrigin } from "./format.js";
import { recentHistory } from "./history.js";
import { DEFAULT_OPTIONS, DEFAULT_TITLE, isColor, isTrue } from "./options.js";
import { loadConversation, raterId, saveConversation, storageKey, type Rating, type StoredMessage } from "./storage.js";
import { STYLES } from "./styles.js";
import { parseAnswer, type Inline } from "./tokenize.js";
import type { ChatMessage, ChatResult, Citation, CorpusInfo } from "./types.js";

/** Detail of the `chronicle-citation` event a chip click dispatches; cancel it to keep the detail view shut. */
export interface CitationEventDetail {
  citation: Citation;
}

interface Pending {
  question: string;
  controller: AbortController;
  userEl: HTMLElement;
  botEl: HTMLElement;
  text: string;
  citations: Citation[];
}

/** What the reader said of one answer: the choice shown, the last one the server confirmed, the comment sent. */
interface RatingState {
  rating?: Rating;
  recorded?: Rating;
  comment?: string;
  /** Ratings of one answer go out one after another, so the server keeps the last one chosen. */
  queue: Promise<void>;
}

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // Blocked storage (sandboxed frames, strict privacy settings): the chat still works.
  }
}

function local(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Blocked: the rater id is kept in memory instead.
  }
}

/**
 * `<chronicle-chat>`: the chat, in its own shadow root. Attributes, read when it is connected:
 * `server`, `heading`, `placeholder`, `position` (bottom-right | bottom-left), `color`, `open`, and
 * `mode` ("launcher", the default: a corner button opening a dialog; "inline": fills its box).
 * What it says about the corpus (intro, suggested questions, refusal hint, and the heading unless
 * `heading` is set) comes from the server's GET /api/corpus.
 */
export class ChronicleChat extends HTMLElement {
  private client!: ChronicleClient;
  private key = "";
  private inline = false;
  private opened = false;
  private messages: StoredMessage[] = [];
  private pending?: Pending;
  private failed: HTMLElement[] = [];
  private failedQuestion?: string;
  private citationsOf = new WeakMap<HTMLElement, Citation[]>();
  /** The server's description of its corpus, once it has arrived. */
  private corpus?: CorpusInfo;
  /** The heading the host page gave, which the corpus's title does not replace. */
  private fixedTitle = false;
  private detailReturn?: HTMLElement;
  private detailAbort?: AbortController;
  /** Focus given back to a chip by closing the detail view shows no tooltip: the reader just saw the source. */
  private quietFocus = false;
  /** Ratings by answer id. */
  private ratings = new Map<string, RatingState>();
  /** Numbers the comment boxes, whose labels point at them by id. */
  private commentCount = 0;
  /** The console is told once which setting lets this page in. */
  private corsWarned = false;

  private launcher?: HTMLButtonElement;
  private panel!: HTMLElement;
  private scroller!: HTMLElement;
  private notice!: HTMLElement;
  private log!: HTMLElement;
  private empty!: HTMLElement;
  private titleEl!: HTMLElement;
  private form!: HTMLFormElement;
  private input!: HTMLTextAreaElement;
  private sendButton!: HTMLButtonElement;
  private tip!: HTMLElement;
  private detail!: HTMLElement;
  private detailTitle!: HTMLElement;
  private detailBody!: HTMLElement;

  connectedCallback(): void {
    if (this.shadowRoot) return; // Moved in the document: already built.
    const shadow = this.attachShadow({ mode: "open" });
    const attr = (name: string) => this.getAttribute(name) ?? undefined;
    const server = (attr("server") || location.origin).replace(/\/+$/, "");
    this.client = createClient({ server });
    this.key = storageKey(server);
    this.inline = attr("mode") === "inline";
    const heading = attr("heading")?.trim();
    this.fixedTitle = Boolean(heading);
    const title = heading || DEFAULT_TITLE;
    const color = attr("color");

    const root = h("div", { class: `root ${this.inline ? "inline" : "floating"}${attr("position") === "bottom-left" ? " left" : ""}` });
    if (color && isColor(color)) root.style.setProperty("--p", color);
    append(shadow, h("style", null, STYLES), root);

    if (!this.inline) {
      this.launcher = h("button", {
        class: "launcher", type: "button", "aria-label": title, "aria-expanded": "false", "aria-controls": "cc-panel",
        onclick: () => (this.opened ? this.close() : this.open()),
      }, icon(ICONS.chat));
    }
    this.build(title, attr("placeholder")?.trim() || DEFAULT_OPTIONS.placeholder);
    append(root, this.launcher, this.panel);

    const saved = loadConversation(session(), this.key);
    this.messages = saved.messages;
    this.renderConversation();
    if (this.inline || saved.open || isTrue(this.getAttribute("open"))) this.open(false);
    // Until it arrives, and if it never does, the chat speaks of "these documents" in general.
    loadCorpus(this.client).then((corpus) => this.describe(corpus), (error: unknown) => this.onCorpusFailure(error));
    // A placeholder longer than a narrow box wraps: the empty box grows to show it whole, and follows
    // every change of its width (a phone turned, a panel resized).
    new ResizeObserver(() => this.autosize()).observe(this.input);
  }

  disconnectedCallback(): void {
    // Moving the element disconnects and reconnects it at once: only a real removal stops its requests.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.pending?.controller.abort();
      this.detailAbort?.abort();
    });
  }

  /** Opens the panel; `focus` moves the keyboard into it (not on page load, which must not steal focus). */
  open(focus = true): void {
    this.opened = true;
    this.panel.hidden = false;
    this.launcher?.setAttribute("aria-expanded", "true");
    this.save();
    this.scrollToEnd();
    if (focus) this.input.focus();
  }

  /** Closes the panel and returns focus to the launcher. An answer being written goes on arriving. */
  close(): void {
    if (this.inline) return;
    this.opened = false;
    this.hideTip();
    this.panel.hidden = true;
    this.launcher?.setAttribute("aria-expanded", "false");
    this.save();
    this.launcher?.focus();
  }

  /** Forgets the conversation, here and in sessionStorage. What is typed in the box stays. */
  clear(): void {
    this.pending?.controller.abort();
    this.pending = undefined;
    this.messages = [];
    this.ratings.clear();
    this.save();
    this.closeDetail(false);
    this.renderConversation();
    this.input.focus();
  }

  /** Asks a question as if typed and sent. While an answer is arriving it does nothing: the box keeps what is typed. */
  ask(question: string): void {
    if (this.pending) return;
    this.input.value = question;
    void this.send();
  }

  /**
   * The description could not be had. Only a refused origin is worth saying before anyone asks: nothing
   * will work on this site until the server allows it. Anything else shows when a question fails.
   */
  private onCorpusFailure(error: unknown): void {
    if (!(error instanceof CorsError)) return;
    this.reportCors(error);
    replace(this.notice, h("p", null, error.message));
    this.notice.hidden = false;
  }

  /** Tells the site's developer, once, in the console, which server setting lets this page in. */
  private reportCors(error: CorsError): void {
    if (this.corsWarned) return;
    this.corsWarned = true;
    console.warn(error.advice);
  }

  /** Puts the corpus's own words in: the heading (unless the host set one), the intro, the suggestions, the hints. */
  private describe(corpus: CorpusInfo): void {
    this.corpus = corpus;
    if (!this.fixedTitle && corpus.title.trim()) {
      replace(this.titleEl, corpus.title);
      this.launcher?.setAttribute("aria-label", corpus.title);
    }
    this.renderEmpty();
    for (const hint of this.log.querySelectorAll<HTMLElement>(".refused .hint")) replace(hint, ...this.hintContent());
  }

  /** The empty chat: what the documents are, and questions to start with. */
  private renderEmpty(): void {
    replace(this.empty,
      h("p", null, introText(this.corpus)),
      ...suggestedQuestions(this.corpus).map((question) => h("button", { class: "sug", type: "button", onclick: () => this.ask(question) }, question)));
  }

  /** Under a refusal: what Chronicle answers from, and sample questions to try instead. */
  private hintContent(): HTMLElement[] {
    return [
      h("p", null, refusalHint(this.corpus)),
      ...suggestedQuestions(this.corpus, MAX_REFUSAL_SUGGESTIONS).map((question) => h("button", { class: "try", type: "button", onclick: () => this.ask(question) }, question)),
    ];
  }

  private build(title: string, placeholder: string): void {
    this.tip = h("div", { class: "tip", id: "cc-tip", role: "tooltip", hidden: true });
    this.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
    this.empty = h("div", { class: "empty" });
    this.notice = h("div", { class: "notice", role: "status", hidden: true });
    this.renderEmpty();
    this.scroller = h("div", { class: "scroll", onscroll: () => this.hideTip() }, this.notice, this.empty, this.log);
    this.scroller.addEventListener("click", (event) => this.onCitationClick(event));
    this.scroller.addEventListener("mouseover", (event) => this.onCitationHover(event, true));
    this.scroller.addEventListener("mouseout", (event) => this.onCitationHover(event, false));
    this.scroller.addEventListener("focusin", (event) => this.onCitationHover(event, true));
    this.scroller.addEventListener("focusout", (event) => this.onCitationHover(event, false));

    this.detailTitle = h("h3", { id: "cc-detail-title", tabindex: -1 });
    this.detailBody = h("div", { class: "dbody" });
    this.detail = h("section", { class: "detail", "aria-labelledby": "cc-detail-title", hidden: true },
      h("div", { class: "dhead" },
        h("button", { class: "ib", type: "button", "aria-label": "Back to the conversation", onclick: () => this.closeDetail() }, icon(ICONS.back)),
        this.detailTitle),
      this.detailBody);

    this.input = h("textarea", {
      id: "cc-input", rows: 1, placeholder, maxlength: 2000, "aria-describedby": "cc-keys", enterkeyhint: "send",
      onkeydown: (event: Event) => {
        const key = event as KeyboardEvent;
        if (key.key === "Enter" && !key.shiftKey && !key.isComposing) {
          key.preventDefault();
          // While an answer arrives Enter does nothing: only the Stop button stops it.
          if (!this.pending) void this.send();
        }
      },
      oninput: () => this.autosize(),
    });
    this.sendButton = h("button", { class: "send", type: "submit", "aria-label": "Send question" }, icon(ICONS.send));
    this.form = h("form", { class: "form", onsubmit: (event: Event) => { event.preventDefault(); this.submit(); } },
      h("label", { class: "sr", for: "cc-input" }, "Your question"),
      h("span", { class: "sr", id: "cc-keys" }, "Enter sends; Shift+Enter starts a new line."),
      this.input, this.sendButton);

    const head = h("div", { class: "head" },
      (this.titleEl = h("h2", { class: "title", id: "cc-title" }, title)),
      h("button", { class: "ib", type: "button", "aria-label": "Clear conversation", title: "Clear conversation", onclick: () => this.clear() }, icon(ICONS.clear)),
      !this.inline && h("button", { class: "ib", type: "button", "aria-label": "Close chat", title: "Close", onclick: () => this.close() }, icon(ICONS.close)));

    this.panel = h("div", {
      class: "panel", id: "cc-panel", "aria-labelledby": "cc-title",
      role: this.inline ? "region" : "dialog", "aria-modal": this.inline ? null : "true", hidden: !this.inline,
      onkeydown: (event: Event) => this.onKey(event as KeyboardEvent),
    }, head, h("div", { class: "body" }, this.scroller, this.detail, this.tip), this.form);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!this.tip.hidden) this.hideTip();
      else if (!this.detail.hidden) this.closeDetail();
      else this.close();
      return;
    }
    if (event.key !== "Tab" || this.inline) return;
    // Keep Tab inside the open dialog: wrap from the last control to the first and back.
    const controls = focusables(this.panel).filter((el) => !el.closest("[inert]"));
    if (controls.length === 0) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (event.shiftKey && (active === first || !controls.includes(active as HTMLElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !controls.includes(active as HTMLElement))) {
      event.preventDefault();
      first.focus();
    }
  }

  /** The send button reads "Stop" while an answer is arriving. */
  private submit(): void {
    if (this.pending) this.pending.controller.abort();
    else void this.send();
  }

  private async send(): Promise<void> {
    if (this.pending) return;
    const question = this.input.value.trim();
    if (!question) return;
    this.clearFailure();
    this.closeDetail(false);
    const history = recentHistory(this.messages);
    const userEl = this.renderUser(question);
    const botEl = h("article", { class: "msg bot", "aria-busy": "true", "aria-label": "Answer" }, h("p", { class: "busy" }, "Searching the chronology…"));
    append(this.log, userEl, botEl);
    this.empty.hidden = true;
    const pending: Pending = { question, controller: new AbortController(), userEl, botEl, text: "", citations: [] };
    this.pending = pending;
    this.setBusy(true);
    this.scrollToEnd(true);
    try {
      const result = await this.chatWhenReady(pending, [...history, { role: "user", content: question }]);
      this.notice.hidden = true;
      // A refusal that shows the closest passages cites them as an answer cites its sources.
      const shown = result.refused ? result.related ?? [] : result.citations;
      const answer: StoredMessage = { role: "assistant", content: result.answer, citations: shown, refused: result.refused, ...(result.id ? { id: result.id } : {}) };
      this.messages.push({ role: "user", content: question }, answer);
      this.save();
      botEl.removeAttribute("aria-busy");
      this.renderBot(botEl, answer.content, shown, result.refused, false, answer);
      // Only now is the question done with; a different text typed meanwhile stays.
      if (this.input.value.trim() === question) {
        this.input.value = "";
        this.autosize();
      }
    } catch (error) {
      botEl.remove();
      if (isAbort(error)) {
        userEl.remove();
      } else {
        if (error instanceof CorsError) {
          this.reportCors(error);
          this.notice.hidden = true; // The alert below says it now, with a retry.
        }
        userEl.classList.add("failed");
        this.showFailure(question, userEl, error instanceof Error ? error.message : String(error));
      }
    } finally {
      if (this.pending === pending) this.pending = undefined;
      this.setBusy(false);
      this.empty.hidden = this.log.childElementCount > 0;
      this.scrollToEnd(true);
    }
  }

  /**
   * Asks, and while the server answers 503 not_ready (its index loading or rebuilding) shows its reason in
   * place of the answer and asks again by itself: 1 s, 2 s, 4 s … up to 30 s, never before its Retry-After.
   * Stop (the request's abort) ends the wait as it ends an answer.
   */
  private async chatWhenReady(pending: Pending, messages: ChatMessage[]): Promise<ChatResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.chat(messages, {
          signal: pending.controller.signal,
          onCitations: (citations) => (pending.citations = citations),
          onDelta: (text) => {
            pending.text += text;
            this.renderBot(pending.botEl, pending.text, pending.citations, false, true);
          },
        });
      } catch (error) {
        if (!(error instanceof NotReadyError) || pending.controller.signal.aborted) throw error;
        const wait = retryDelay(attempt, error.retryAfter);
        replace(pending.botEl,
          h("p", { class: "busy wait" }, error.message),
          h("p", { class: "busy" }, `Trying again by itself in ${describeWait(wait)}…`));
        this.scrollToEnd(true);
        await sleep(wait, pending.controller.signal);
        pending.text = "";
        pending.citations = [];
        replace(pending.botEl, h("p", { class: "busy" }, "Searching the chronology…"));
      }
    }
  }

  private setBusy(busy: boolean): void {
    this.sendButton.setAttribute("aria-label", busy ? "Stop answering" : "Send question");
    replace(this.sendButton, icon(busy ? ICONS.stop : ICONS.send));
  }

  private showFailure(question: string, userEl: HTMLElement, message: string): void {
    const alert = h("div", { class: "alert", role: "alert" },
      h("p", null, message),
      h("button", { class: "btn", type: "button", onclick: () => this.retry() }, "Retry"));
    this.log.appendChild(alert);
    this.failed = [userEl, alert];
    this.failedQuestion = question;
  }

  private clearFailure(): void {
    for (const el of this.failed) el.remove();
    this.failed = [];
    this.failedQuestion = undefined;
  }

  private retry(): void {
    const question = this.failedQuestion;
    if (!question) return;
    // The box still holds the question unless it was edited since; retry what failed either way.
    if (!this.input.value.trim()) this.input.value = question;
    if (this.input.value.trim() !== question) {
      this.clearFailure();
      this.input.focus();
      return;
    }
    this.input.focus();
    void this.send();
  }

  private renderConversation(): void {
    this.clearFailure();
    replace(this.log);
    for (let i = 0; i < this.messages.length; i++) {
      const message = this.messages[i];
      if (message.role === "user") {
        this.log.appendChild(this.renderUser(message.content));
      } else {
        const el = h("article", { class: "msg bot", "aria-label": "Answer" });
        this.renderBot(el, message.content, message.citations ?? [], message.refused === true, false, message);
        this.log.appendChild(el);
      }
    }
    this.empty.hidden = this.messages.length > 0;
  }

  private renderUser(text: string): HTMLElement {
    return h("div", { class: "msg user" }, h("span", { class: "sr" }, "You: "), text);
  }

  /**
   * Draws an answer from scratch: cheap at answer sizes, and a half-arrived "[1" becomes a chip once whole.
   * A finished answer the server gave an id (`answer`) gets the rating buttons, refusals too.
   */
  private renderBot(el: HTMLElement, text: string, citations: Citation[], refused: boolean, streaming: boolean, answer?: StoredMessage): void {
    const stick = this.nearEnd();
    this.citationsOf.set(el, citations);
    const byNumber = new Map(citations.map((c) => [c.n, c]));
    const blocks = parseAnswer(text, (n) => byNumber.has(n)).map((block) =>
      block.type === "paragraph"
        ? h("p", null, ...this.inlines(block.inlines, byNumber))
        : h("ul", null, ...block.items.map((item) => h("li", null, ...this.inlines(item, byNumber)))),
    );
    if (refused && citations.length > 0) {
      // No direct answer, but the closest passages: shown with their sources, so the reader can judge.
      replace(el, h("div", { class: "refused", "data-refused": "true" }, h("p", { class: "label" }, "No direct answer found"), ...blocks));
      if (!streaming) el.appendChild(this.renderSources(citations));
    } else if (refused) {
      // The server's stock refusal says what the label already says; anything more specific is kept.
      const stock = /^the corpus does not cover this( question)?\.?$/i.test(text.trim());
      replace(el, h("div", { class: "refused", "data-refused": "true" },
        h("p", { class: "label" }, "The corpus does not cover this"),
        ...(stock ? [] : blocks),
        h("div", { class: "hint" }, ...this.hintContent())));
    } else {
      replace(el, ...blocks);
      if (!streaming && citations.length > 0) el.appendChild(this.renderSources(citations));
    }
    if (!streaming && answer?.id) el.appendChild(this.renderFeedback(answer.id, answer.rating));
    if (stick) this.scrollToEnd(true);
  }

  /**
   * 👍 / 👎 under an answer: toggle buttons (aria-pressed shows the choice), then, once one is chosen, an
   * optional comment; a polite status says what the server made of it. Choosing the other button replaces
   * the rating on the server, which keeps one per answer and rater.
   */
  private renderFeedback(id: string, saved?: Rating): HTMLElement {
    const state = this.ratingState(id, saved);
    const commentId = `cc-comment-${++this.commentCount}`;
    const status = h("p", { class: "fbstatus", role: "status", "aria-live": "polite" });
    const comment = h("textarea", {
      id: commentId, class: "fbtext", rows: 2, maxlength: 2000,
      onkeydown: (event: Event) => {
        const key = event as KeyboardEvent;
        if (key.key === "Enter" && (key.ctrlKey || key.metaKey)) {
          key.preventDefault();
          form.requestSubmit();
        }
      },
    });
    if (state.comment) comment.value = state.comment;
    const form = h("form", {
      class: "fbform", hidden: true,
      onsubmit: (event: Event) => { event.preventDefault(); this.sendComment(box, id, comment.value); },
    },
      h("label", { for: commentId }, "Anything to add? (optional)"),
      comment,
      h("div", { class: "fbrow" }, h("button", { class: "btn", type: "submit" }, "Send")));
    const button = (rating: Rating, label: string) => h("button", {
      class: "rate", type: "button", "data-rating": rating, "aria-label": label, title: label, "aria-pressed": String(state.rating === rating),
      onclick: () => this.rate(box, id, rating),
    }, icon(ICONS[rating]));
    const box = h("div", { class: "fb", "data-answer": id },
      h("div", { class: "fbbar", role: "group", "aria-label": "Rate this answer" },
        button("up", "Helpful"), button("down", "Not helpful"), status),
      form);
    return box;
  }

  private ratingState(id: string, saved?: Rating): RatingState {
    let state = this.ratings.get(id);
    if (!state) this.ratings.set(id, (state = { rating: saved, recorded: saved, queue: Promise.resolve() }));
    return state;
  }

  private rate(box: HTMLElement, id: string, rating: Rating): void {
    const state = this.ratingState(id);
    const form = box.querySelector<HTMLFormElement>(".fbform");
    if (form) form.hidden = false;
    if (state.rating === rating) return; // Already chosen (and sent, or being sent).
    state.rating = rating;
    this.showRating(id);
    this.feedbackStatus(box, "");
    // A comment already sent goes with the new rating: the server's record of this answer replaces the old one whole.
    this.submitFeedback(box, id, rating, state.comment, (replaced) => (replaced ? "Updated" : "Thanks, recorded"));
  }

  private sendComment(box: HTMLElement, id: string, text: string): void {
    const state = this.ratingState(id);
    const comment = text.trim();
    if (!state.rating) return;
    if (!comment) {
      this.feedbackStatus(box, "Write a comment first; the rating is already recorded.", true);
      return;
    }
    this.feedbackStatus(box, "");
    this.submitFeedback(box, id, state.rating, comment, () => "Thanks, comment recorded", () => {
      state.comment = comment;
    });
  }

  private submitFeedback(box: HTMLElement, id: string, rating: Rating, comment: string | undefined, said: (replaced: boolean) => string, done?: () => void): void {
    const state = this.ratingState(id);
    state.queue = state.queue.then(async () => {
      try {
        const { replaced } = await this.client.feedback({ answerId: id, rating, rater: raterId(local()), ...(comment ? { comment } : {}) });
        state.recorded = rating;
        done?.();
        for (const message of this.messages) if (message.id === id) message.rating = rating;
        this.save();
        this.feedbackStatus(box, said(replaced));
      } catch (error) {
        if (error instanceof CorsError) this.reportCors(error);
        // Show what the server has, unless another choice was made meanwhile.
        if (state.rating === rating && state.recorded !== rating) {
          state.rating = state.recorded;
          this.showRating(id);
        }
        this.feedbackStatus(box, `Not recorded: ${feedbackFailure(error)}`, true);
      }
    });
  }

  /** Every copy of an answer (the same answer can be asked twice) shows the same choice. */
  private showRating(id: string): void {
    const rating = this.ratings.get(id)?.rating;
    for (const box of this.log.querySelectorAll<HTMLElement>(".fb")) {
      if (box.dataset.answer !== id) continue;
      for (const button of box.querySelectorAll<HTMLElement>(".rate")) button.setAttribute("aria-pressed", String(button.dataset.rating === rating));
    }
  }

  private feedbackStatus(box: HTMLElement, text: string, error = false): void {
    const status = box.querySelector<HTMLElement>(".fbstatus");
    if (!status) return;
    status.classList.toggle("err", error);
    // Emptied before each try, so that saying "Updated" twice running is announced twice.
    replace(status, text);
  }

  private inlines(inlines: Inline[], byNumber: Map<number, Citation>): (string | HTMLElement)[] {
    return inlines.map((inline) => {
      if (inline.type === "text") return inline.text;
      const citation = byNumber.get(inline.n) as Citation;
      const when = sourceDate(citation);
      return h("button", { class: "chip", type: "button", "data-n": inline.n, "aria-label": `Source ${inline.n}${when ? `, ${when}` : ""}` }, String(inline.n));
    });
  }

  private renderSources(citations: Citation[]): HTMLElement {
    return h("section", { class: "sources", "aria-label": "Sources" },
      h("h3", null, "Sources"),
      h("ol", null, ...citations.map((c) => h("li", null,
        h("button", { class: "src", type: "button", "data-n": c.n },
          h("span", { class: "n" }, `[${c.n}]`),
          h("span", null,
            h("span", { class: "when" }, `${sourceDate(c) ?? "Undated"} · ${c.kind === "chronology" ? "Chronology" : "Article"}`),
            h("span", { class: "what" }, excerpt(c.text, 110))))))));
  }

  private citationAt(event: Event): { button: HTMLElement; citation: Citation } | undefined {
    const button = (event.target as Element | null)?.closest?.<HTMLElement>(".chip, .src");
    const message = button?.closest<HTMLElement>(".bot");
    if (!button || !message) return undefined;
    const citation = this.citationsOf.get(message)?.find((c) => c.n === Number(button.dataset.n));
    return citation ? { button, citation } : undefined;
  }

  private onCitationClick(event: Event): void {
    const hit = this.citationAt(event);
    if (!hit) return;
    this.hideTip();
    // The Chronicle page takes this to show the entry in its timeline, and cancels it to keep the chat as is.
    const shown = this.dispatchEvent(new CustomEvent<CitationEventDetail>("chronicle-citation", {
      detail: { citation: hit.citation }, bubbles: true, composed: true, cancelable: true,
    }));
    if (shown) this.openDetail(hit.citation, hit.button);
  }

  private onCitationHover(event: Event, show: boolean): void {
    const hit = this.citationAt(event);
    if (!hit || !hit.button.classList.contains("chip")) return;
    if (event.type === "focusin" && this.quietFocus) {
      this.quietFocus = false;
      return;
    }
    if (show) this.showTip(hit.button, hit.citation);
    else this.hideTip();
  }

  private showTip(chip: HTMLElement, citation: Citation): void {
    this.hideTip();
    replace(this.tip,
      h("b", null, `[${citation.n}] ${sourceDate(citation) ?? "Undated"}`),
      h("span", { class: "o" }, sourceOrigin(citation)),
      h("span", null, excerpt(citation.text, 200)));
    this.tip.hidden = false;
    chip.setAttribute("aria-describedby", "cc-tip");
    const box = this.tip.parentElement!.getBoundingClientRect();
    const at = chip.getBoundingClientRect();
    const left = Math.max(8, Math.min(at.left - box.left, box.width - this.tip.offsetWidth - 8));
    let top = at.bottom - box.top + 6;
    if (top + this.tip.offsetHeight > box.height - 8) top = Math.max(8, at.top - box.top - this.tip.offsetHeight - 6);
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${top}px`;
  }

  private hideTip(): void {
    if (!this.tip || this.tip.hidden) return;
    this.tip.hidden = true;
    for (const chip of this.shadowRoot?.querySelectorAll("[aria-describedby='cc-tip']") ?? []) chip.removeAttribute("aria-describedby");
  }

  private openDetail(citation: Citation, from: HTMLElement): void {
    this.detailAbort?.abort();
    const controller = new AbortController();
    this.detailAbort = controller;
    this.detailReturn = from;
    const when = citation.date ? formatRange(citation.date) : citation.dateLabel;
    replace(this.detailTitle, `Source ${citation.n}${when ? ` · ${when}` : ""}`);
    const status = h("p", { class: "meta", role: "status" }, "Loading the full entry…");
    const render = (full: string, sourceNote?: HTMLElement) => {
      replace(this.detailBody,
        h("p", { class: "meta" }, sourceOrigin(citation)),
        citation.dateLabel && when !== citation.dateLabel ? h("p", { class: "meta" }, `As written: ${citation.dateLabel}`) : null,
        h("p", { class: "full" }, ...highlight(full, citation.text)),
        sourceNote);
    };
    render(citation.text, status);
    this.detail.hidden = false;
    this.scroller.inert = true;
    this.form.inert = true;
    this.detailTitle.focus();

    const load = () => {
      replace(status, "Loading the full entry…");
      this.client.source(citation.id, { signal: controller.signal }).then(
        (source) => { if (!controller.signal.aborted) render(source.text); },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          replace(status, `Showing the cited excerpt only. ${error instanceof Error ? error.message : ""} `,
            h("button", { class: "btn", type: "button", onclick: load }, "Retry"));
          if (!status.isConnected) render(citation.text, status);
        },
      );
    };
    load();
  }

  private closeDetail(restoreFocus = true): void {
    if (!this.detail || this.detail.hidden) return;
    this.detailAbort?.abort();
    this.detail.hidden = true;
    this.scroller.inert = false;
    this.form.inert = false;
    const back = this.detailReturn;
    this.detailReturn = undefined;
    if (!restoreFocus) return;
    if (back?.isConnected) {
      this.quietFocus = true;
      back.focus();
      this.quietFocus = false;
    } else {
      this.input.focus();
    }
  }

  private save(): void {
    saveConversation(session(), this.key, { messages: this.messages, open: this.opened && !this.inline });
  }

  private autosize(): void {
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 140)}px`;
  }

  private nearEnd(): boolean {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 48;
  }

  private scrollToEnd(onlyIfOpen = false): void {
    if (onlyIfOpen && this.panel.hidden) return;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}

/** Why a rating was not recorded, in the reader's terms. */
function feedbackFailure(error: unknown): string {
  if (error instanceof RequestError && error.status === 404) return "the server no longer has this answer, so it can't be rated.";
  if (error instanceof ServerError && error.status === 503 && !(error instanceof NotReadyError)) return "ratings can't be saved right now. Try again later.";
  const message = error instanceof Error ? error.message : String(error);
  return message ? message[0].toLowerCase() + message.slice(1) : "something went wrong. Try again.";
}

/** Splits `full` around the first occurrence of `quote`, marking it, for the detail view. */
function highlight(full: string, quote: string): (string | HTMLElement)[] {
  const at = quote ? full.indexOf(quote) : -1;
  if (at < 0) return [full];
  return [full.slice(0, at), h("mark", null, quote), full.slice(at + quote.length)];
}

/** Registers `<chronicle-chat>` once, however many scripts ask. */
export function defineChat(): void {
  if (!customElements.get("chronicle-chat")) customElements.define("chronicle-chat", ChronicleChat);
}
