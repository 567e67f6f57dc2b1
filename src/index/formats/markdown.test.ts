import { describe, it, expect } from "vitest";
import { MARKDOWN_PARSE_MAX_CHARS, readMarkdown } from "./markdown.js";

const read = (markdown: string) => readMarkdown(new TextEncoder().encode(markdown));

describe("readMarkdown", () => {
  it("reads setext headings, quotes, hard breaks, footnotes and embedded HTML tables", () => {
    const markdown = [
      "Overview",
      "========",
      "",
      "> Quoted *advice*  ",
      "> on two lines.",
      "",
      "A claim.[^1]",
      "",
      "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$20</td></tr></table>",
      "",
      "[^1]: The source.",
    ].join("\n");
    expect(read(markdown)).toBe("# Overview\n\nQuoted advice\non two lines.\n\nA claim.\n\n- Plan: Pro; Price: $20\n\nThe source.");
  });

  it("keeps a list item's code block after its bullet, and drops images and thematic breaks", () => {
    expect(read("- Install:\n\n  ```\n  npm ci\n  ```\n\n---\n\n![logo](logo.png) Done")).toBe("- Install:\n\nnpm ci\n\nDone");
  });

  it("escapes a code line that would read as a heading", () => {
    expect(read("## Setup\n\n```sh\n# install the tools\nnpm ci\n```")).toBe("## Setup\n\n\\# install the tools\nnpm ci");
  });

  it("reads deep nesting without overflowing the stack", () => {
    expect(read(`${"> ".repeat(300)}deep`)).toBe("deep");
  });

  it("keeps the lines of a file too large to parse quickly, front matter removed", () => {
    const body = "# Big\n\n" + "A *line* of text.\n".repeat(Math.ceil(MARKDOWN_PARSE_MAX_CHARS / 18));
    expect(read(`---\nowner: docs\n---\n${body}`)).toBe(body);
  });
});
