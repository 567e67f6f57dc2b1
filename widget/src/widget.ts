/**
 * widget.js: `<script src="https://HOST/widget.js" async></script>` puts a chat launcher in a corner
 * of the page. Options come from the tag's data- attributes (see options.ts).
 */
import { defineChat } from "./chat-element.js";
import { readOptions } from "./options.js";

// Only readable while this script first runs, so it is taken before anything waits.
const script = document.currentScript as HTMLScriptElement | null;
const options = readOptions({ ...(script?.dataset ?? {}) }, script?.src, location.href);

function mount(): void {
  defineChat();
  if (document.querySelector("chronicle-chat[data-launcher]")) return; // The tag was included twice.
  const chat = document.createElement("chronicle-chat");
  chat.setAttribute("data-launcher", "");
  chat.setAttribute("server", options.server);
  if (options.title) chat.setAttribute("heading", options.title);
  chat.setAttribute("placeholder", options.placeholder);
  chat.setAttribute("position", options.position);
  if (options.color) chat.setAttribute("color", options.color);
  if (options.open) chat.setAttribute("open", "");
  document.body.appendChild(chat);
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount, { once: true });
