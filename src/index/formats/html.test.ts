import { describe, it, expect } from "vitest";
import { readHtml } from "./html.js";

const read = (html: string) => readHtml(new TextEncoder().encode(html)).text;

describe("readHtml", () => {
  it("reads the content under the page title, without navigation, banner or footer", () => {
    const html = `<html><head><title>Status</title></head><body>
      <nav><a href="/">Home</a></nav><header>Site banner</header>
      <main><h1>All systems normal</h1><p>Last checked&nbsp;today.</p></main>
      <footer>Footer links</footer></body></html>`;
    // Readability keeps the title apart and demotes the article's own h1.
    expect(read(html)).toBe("# Status\n\n## All systems normal\n\nLast checked today.");
  });

  it("reads a page too deep for Readability by cleaning it, keeping its own h1", () => {
    const html = `<html><head><title>Status</title></head><body><nav>Home</nav>
      ${"<div>".repeat(150)}<h1>All systems normal</h1><p>Last checked today.</p>${"</div>".repeat(150)}
      <footer>Footer links</footer></body></html>`;
    expect(read(html)).toBe("# All systems normal\n\nLast checked today.");
  });

  it("adds the title as a top heading when the content has no h1", () => {
    expect(read("<html><head><title>Notes &amp; tips</title></head><body><h2>Tip</h2><p>Save often.</p></body></html>")).toBe(
      "# Notes & tips\n\n## Tip\n\nSave often.",
    );
  });

  it("names header cells across column spans and repeats values down row spans", () => {
    const html = `<table>
      <tr><th>Region</th><th colspan="2">Sales</th></tr>
      <tr><td rowspan="2">North</td><td>Q1</td><td>10</td></tr>
      <tr><td>Q2</td><td>12</td></tr>
    </table>`;
    expect(read(html)).toBe("- Region: North; Sales: Q1; Sales: 10\n- Region: North; Sales: Q2; Sales: 12");
  });

  it("reads a table with <th> down its left side row by row, and one without a header by its first row", () => {
    expect(read("<table><tr><th>Price</th><td>$20</td></tr><tr><th>Seats</th><td>10</td></tr></table>")).toBe("- Price: $20\n- Seats: 10");
    expect(read("<table><tr><td>Name</td><td>Role</td></tr><tr><td>Ada</td><td>Engineer</td></tr></table>")).toBe("- Name: Ada; Role: Engineer");
  });

  it("writes definition lists as term: definition, keeps <pre> lines and skips forms and images", () => {
    const html = `<dl><dt>SLA</dt><dd>Service level agreement</dd><dt>RPO</dt><dd>Recovery point objective</dd></dl>
      <pre>npm install
  npm run ingest</pre>
      <p>See <img src="x.png" alt="diagram"> below <button>Click</button></p>`;
    expect(read(html)).toBe("- SLA: Service level agreement\n- RPO: Recovery point objective\n\nnpm install\n  npm run ingest\n\nSee below");
  });

  it("joins the paragraphs of a list item into one bullet", () => {
    expect(read("<ul><li><p>First part.</p><p>Second part.</p></li><li>Next</li></ul>")).toBe("- First part. Second part.\n- Next");
  });

  it("decodes the charset a page declares when its bytes are not UTF-8", () => {
    const head = new TextEncoder().encode('<html><head><meta charset="iso-8859-1"></head><body><p>Caf');
    const bytes = new Uint8Array([...head, 0xe9, 0x20, 0x80, ...new TextEncoder().encode("5</p></body></html>")]);
    expect(readHtml(bytes).text).toBe("Café €5");
  });

  it("reads deeply nested markup without overflowing the stack", () => {
    const depth = 5_000;
    expect(read(`<html><body>${"<div>".repeat(depth)}deep text${"</div>".repeat(depth)}</body></html>`)).toBe("deep text");
  });
});
