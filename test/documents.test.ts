import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../src/chronicle.js";
import { silentLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server/start.js";
import { makeDocx, makePdf, makeScannedPdf } from "../test-support/document-fixtures.js";

const ADMIN_KEY = "admin-test-key";
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
// The SQuAD article whose paragraph of names once stopped ingestion; CI has the benchmark beside the repository.
const HARVARD = join(import.meta.dirname, "..", "..", "shared", "benchmarks", "squad2-dev", "corpus", "harvard-university.txt");

let root: string;
let corpusDir: string;
let server: RunningServer;

async function ask(question: string): Promise<AskResult> {
  const response = await fetch(`${server.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as AskResult;
}

/** The passage an answer leans on first: its first citation, or with a hedged refusal the closest related passage. */
function firstSource(result: AskResult) {
  return result.citations[0] ?? result.related?.[0];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "chronicle-documents-"));
  corpusDir = join(root, "corpus");
  await mkdir(corpusDir);
  const files: Record<string, string | Buffer> = {
    "report.pdf": await makePdf([
      { heading: "Quarterly Report", paragraphs: ["This report covers the recycling plants of the Vell valley for the third quarter."] },
      { heading: "Results", paragraphs: ["The Brightwater plant produced 4,200 tonnes of recycled glass in the third quarter, a record for the site."] },
    ]),
    "travel-policy.docx": await makeDocx({
      title: "Travel Policy",
      paragraphs: ["Employees book rail travel through the Northline portal at least ten days before the journey."],
      table: [["Grade", "Daily allowance"], ["Junior", "45 euros"], ["Senior", "70 euros"]],
    }),
    "ferry.html": `<!doctype html><html><head><title>Harbour Ferries</title></head><body>
      <nav><a href="/">Home</a> <a href="/tickets">Tickets</a> <a href="/contact">Contact the harbour office</a></nav>
      <main><article><h1>Harbour Ferries</h1>
      <p>The Copperfield ferry departs from Pier 9 every forty minutes between dawn and dusk, crossing the estuary to Fennick in a quarter of an hour.</p>
      <p>Bicycles travel free on every crossing, and dogs on a lead are welcome on the open deck.</p></article></main>
      <footer>Copyright Harbour Ferries. Cookie settings.</footer></body></html>`,
    "plans.md": "# Plans\n\nEvery plan includes backups.\n\n| Plan | Price | Seats |\n|---|---|---|\n| Starter | $8 a month | 3 |\n| Pro | $20 a month | 10 |\n",
    "archive.txt": "Archive Room\r\nThe archive room on the second floor opens at 07:45 on weekdays and closes at noon on Saturdays.\r\n",
    "cafe-latin1.txt": Buffer.from("Caf\xe9 Noir\nThe Caf\xe9 Noir kiosk sells pastries baked in the Quayside ovens each morning.\n", "latin1"),
    "bom.md": `\ufeff# Lockers\n\nLockers in the west hall are assigned by the facilities desk for one term at a time.\n`,
    "locked.pdf": await makePdf([{ paragraphs: ["Secret salaries."] }], { userPassword: "hunter2" }),
    "scan.pdf": await makeScannedPdf(),
    "broken.pdf": (await makePdf([{ paragraphs: ["This file is cut short."] }])).subarray(0, 300),
    "image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
    "empty.txt": "",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(corpusDir, name), content);
  if (existsSync(HARVARD)) await copyFile(HARVARD, join(corpusDir, "harvard-university.txt"));
  server = await startServer({
    port: 0, host: "127.0.0.1", logger: silentLogger, watchDebounceMs: 200,
    config: { CORPUS_DIR: corpusDir, DATA_DIR: join(root, "data"), ADMIN_KEY, WATCH: true, EMBED_WORKERS: 0, RATE_LIMIT_PER_MINUTE: 100_000 },
  });
  await server.ready;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe("a corpus of every format", () => {
  it.each([
    ["How many tonnes of recycled glass did the Brightwater plant produce?", "report.pdf", 2, "4,200 tonnes"],
    ["Where do employees book rail travel?", "travel-policy.docx", undefined, "Northline portal"],
    ["Where does the Copperfield ferry depart from?", "ferry.html", undefined, "Pier 9"],
    ["What does the Pro plan cost?", "plans.md", undefined, "$20 a month"],
    ["When does the archive room open on weekdays?", "archive.txt", undefined, "07:45"],
    ["What does the Café Noir kiosk sell?", "cafe-latin1.txt", undefined, "pastries"],
    ["Who assigns the lockers in the west hall?", "bom.md", undefined, "facilities desk"],
  ])("answers %j from the one document that holds it", async (question, doc, page, words) => {
    const result = await ask(question);
    const source = firstSource(result);
    expect(source?.doc).toBe(doc);
    expect(source?.page).toBe(page);
    expect(source?.text).toContain(words);
  });

  it("reads the main content of a web page, not its navigation or footer", async () => {
    const chunks = (await server.ready).chunks.filter((chunk) => chunk.doc === "ferry.html");
    const text = chunks.map((chunk) => chunk.text).join("\n");
    expect(text).toContain("Bicycles travel free");
    expect(text).not.toMatch(/Cookie settings|Contact the harbour office/);
  });

  it("skips every unreadable file with its reason, and serves the rest", async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { skipped: Array<{ name: string; reason: string; message: string }>; documents: number };
    const reasons = Object.fromEntries(ready.skipped.map((file) => [file.name, file.reason]));
    expect(reasons).toEqual({ "broken.pdf": "corrupt", "empty.txt": "empty", "image.txt": "binary", "locked.pdf": "encrypted", "scan.pdf": "no-text-layer" });
    expect(ready.skipped.find((file) => file.name === "scan.pdf")?.message).toMatch(/scan|OCR/i);
    if (existsSync(HARVARD)) {
      const harvard = (await ask("What is Harvard's endowment?")).sources.filter((source) => source.doc === "harvard-university.txt");
      expect(harvard.length).toBeGreaterThan(0);
    }
  });
});

describe("the documents API", () => {
  it("is closed without the admin key", async () => {
    expect((await fetch(`${server.url}/api/documents`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/documents`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin/reindex`, { method: "POST" })).status).toBe(401);
  });

  it("lists every document with its type, size, passages and status", async () => {
    const response = await fetch(`${server.url}/api/documents`, { headers: admin });
    expect(response.status).toBe(200);
    const { documents, index } = (await response.json()) as { documents: Array<Record<string, unknown>>; index: { builtAt: string; reindexing: boolean } };
    const report = documents.find((doc) => doc.name === "report.pdf");
    expect(report).toMatchObject({ type: "pdf", pages: 2, status: "indexed" });
    expect(report!.passages as number).toBeGreaterThanOrEqual(2);
    expect(report!.bytes as number).toBeGreaterThan(500);
    expect(documents.find((doc) => doc.name === "locked.pdf")).toMatchObject({ status: "skipped", passages: 0, error: { reason: "encrypted" } });
    expect(Date.parse(index.builtAt)).not.toBeNaN();
  });

  it("adds a document by multipart upload and answers from it once re-indexed", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await makePdf([{ heading: "Canteen", paragraphs: ["The rooftop canteen serves lentil soup every Thursday."] }]))]), "canteen.pdf");
    const response = await fetch(`${server.url}/api/documents?wait=true`, { method: "POST", headers: admin, body: form });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { document: Record<string, unknown>; reindex: { ok: boolean; embedded: number } };
    expect(body.document).toMatchObject({ name: "canteen.pdf", type: "pdf", status: "indexed", pages: 1 });
    expect(body.reindex.ok).toBe(true);
    // Only the new document's passages were embedded: the rest came from the cache.
    expect(body.reindex.embedded).toBeLessThanOrEqual(2);
    expect(firstSource(await ask("What does the rooftop canteen serve on Thursdays?"))).toMatchObject({ doc: "canteen.pdf", page: 1 });
  });

  it("adds a document sent as a raw body named by ?name=, and replaces it on a second upload", async () => {
    const send = (text: string) => fetch(`${server.url}/api/documents?name=${encodeURIComponent("Bike Shed.md")}&wait=true`, { method: "POST", headers: admin, body: text });
    expect((await send("# Bike shed\n\nThe bike shed closes at 19:00.\n")).status).toBe(201);
    const replaced = await send("# Bike shed\n\nThe bike shed closes at 21:30 from May.\n");
    expect(replaced.status).toBe(200);
    expect(firstSource(await ask("When does the bike shed close?"))?.text).toContain("21:30");
  });

  it.each([
    ["../escape.txt", 400], ["sub/dir.txt", 400], [".hidden.txt", 400], ["a\u0000b.txt", 400], ["notes.exe", 415], ["", 400],
  ])("refuses the name %j with %i and writes nothing", async (name, status) => {
    const before = await readdir(corpusDir);
    const response = await fetch(`${server.url}/api/documents?name=${encodeURIComponent(name)}`, { method: "POST", headers: admin, body: "Some text." });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBeTruthy();
    expect(await readdir(corpusDir)).toEqual(before);
    expect(existsSync(join(root, "escape.txt"))).toBe(false);
  });

  it("refuses a document that cannot be read, saying why, and writes nothing", async () => {
    const locked = await makePdf([{ paragraphs: ["Secret."] }], { userPassword: "pw" });
    const response = await fetch(`${server.url}/api/documents?name=secret.pdf`, { method: "POST", headers: admin, body: new Uint8Array(locked) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "unreadable_document", message: expect.stringMatching(/encrypted/i) });
    expect(existsSync(join(corpusDir, "secret.pdf"))).toBe(false);
  });

  it("deletes a document, and 404s one that is not there", async () => {
    const deleted = await fetch(`${server.url}/api/documents/${encodeURIComponent("Bike Shed.md")}?wait=true`, { method: "DELETE", headers: admin });
    expect(deleted.status).toBe(200);
    expect(server.state.current()!.chunks.some((chunk) => chunk.doc === "Bike Shed.md")).toBe(false);
    expect((await fetch(`${server.url}/api/documents/nope.txt`, { method: "DELETE", headers: admin })).status).toBe(404);
    expect((await fetch(`${server.url}/api/documents/..%2Fcorpus.txt`, { method: "DELETE", headers: admin })).status).toBe(400);
  });
});

describe("live re-indexing", () => {
  it("picks up a file written into the watched folder", async () => {
    await writeFile(join(corpusDir, "greenhouse.txt"), "Greenhouse\nThe greenhouse sprinklers run at 05:30 every morning in summer.\n");
    await expect.poll(() => server.state.current()!.chunks.some((chunk) => chunk.doc === "greenhouse.txt"), { timeout: 30_000, interval: 200 }).toBe(true);
    expect(firstSource(await ask("When do the greenhouse sprinklers run?"))?.doc).toBe("greenhouse.txt");
  });

  it("re-indexes under load with every request answered from the old index or the new, never a 503 or an error", async () => {
    const statuses: number[] = [];
    let failures = 0;
    let running = true;
    const questions = ["Where does the Copperfield ferry depart from?", "What does the Pro plan cost?", "Where do employees book rail travel?"];
    const client = async (n: number) => {
      for (let i = n; running; i++) {
        try {
          const response = await fetch(`${server.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: questions[i % questions.length] }) });
          statuses.push(response.status);
          await response.arrayBuffer();
        } catch {
          failures += 1;
        }
      }
    };
    const clients = Array.from({ length: 6 }, (_, n) => client(n));
    await writeFile(join(corpusDir, "orchard.txt"), "Orchard\nThe orchard harvest festival takes place on the first Saturday of October.\n");
    const reindexed = await fetch(`${server.url}/api/admin/reindex?wait=true`, { method: "POST", headers: admin });
    expect(reindexed.status).toBe(200);
    expect(await reindexed.json()).toMatchObject({ ok: true });
    // A second rebuild while the clients still ask.
    await rm(join(corpusDir, "orchard.txt"));
    expect((await fetch(`${server.url}/api/admin/reindex?wait=true`, { method: "POST", headers: admin })).status).toBe(200);
    running = false;
    await Promise.all(clients);
    expect(failures).toBe(0);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
