/** What a site owner can set with data- attributes on the widget's script tag. */
export interface WidgetOptions {
  /** Base URL of the Chronicle server; defaults to the origin widget.js was loaded from. */
  server: string;
  /** Heading of the chat panel and the launcher's label; without it, the corpus's own title. */
  title?: string;
  placeholder: string;
  position: "bottom-right" | "bottom-left";
  /** Accent colour of the launcher, the send button and the chips (any CSS colour). */
  color?: string;
  /** Whether the panel starts open. */
  open: boolean;
}

/** The launcher's label and the panel's heading until the server names its corpus. */
export const DEFAULT_TITLE = "Ask Chronicle";

export const DEFAULT_OPTIONS: Omit<WidgetOptions, "server" | "title"> = {
  placeholder: "Ask a question…",
  position: "bottom-right",
  open: false,
};

// Hex, a colour keyword, or a colour function: anything else falls back to the default accent.
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([\d\s.,%/+-]+\))$/i;

/**
 * Reads the options from a script tag's dataset. `scriptSrc` is where widget.js came from
 * (document.currentScript.src); `pageUrl` resolves a relative data-server.
 */
export function readOptions(data: Record<string, string | undefined>, scriptSrc: string | undefined, pageUrl: string): WidgetOptions {
  const text = (value: string | undefined, fallback: string) => (value?.trim() ? value.trim().slice(0, 200) : fallback);
  return {
    server: serverUrl(data.server, scriptSrc, pageUrl),
    ...(data.title?.trim() ? { title: text(data.title, DEFAULT_TITLE) } : {}),
    placeholder: text(data.placeholder, DEFAULT_OPTIONS.placeholder),
    position: data.position?.trim() === "bottom-left" ? "bottom-left" : "bottom-right",
    ...(data.color && COLOR.test(data.color.trim()) ? { color: data.color.trim() } : {}),
    open: isTrue(data.open),
  };
}

/** `data-open`, `data-open="true"` and `data-open="open"` open; `"false"` and absence do not. */
export function isTrue(value: string | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  const v = value.trim().toLowerCase();
  return v === "" || v === "true" || v === "1" || v === "yes" || v === "open";
}

function serverUrl(explicit: string | undefined, scriptSrc: string | undefined, pageUrl: string): string {
  const pick = explicit?.trim() || scriptSrc || pageUrl;
  try {
    const url = new URL(pick, pageUrl);
    // An explicit server may sit under a path; the default is the script's origin.
    return explicit?.trim() ? `${url.origin}${url.pathname.replace(/\/+$/, "")}` : url.origin;
  } catch {
    return new URL(pageUrl).origin;
  }
}

/** Whether a string is usable as the accent colour. */
export function isColor(value: string): boolean {
  return COLOR.test(value.trim());
}
