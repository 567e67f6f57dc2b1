import { openChronicle, type AskResult } from "../chronicle.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { questionTooLong } from "../text/question-length.js";
import { runCli } from "./cli-error.js";

const USAGE = 'usage: npm run ask -- [--json] "your question"';

runCli(async () => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const unknown = args.find((arg) => arg.startsWith("--") && arg !== "--json");
  if (unknown) throw new Error(`unknown option ${unknown}. ${USAGE}`);
  const question = args.filter((arg) => !arg.startsWith("--")).join(" ").trim();
  if (!question) throw new Error(`no question given. ${USAGE}`);
  const tooLong = questionTooLong(question, "the question");
  if (tooLong) throw new Error(tooLong);

  // One question does not repay starting embedding threads.
  const chronicle = await openChronicle({ logger: createLogger("warn"), config: { ...loadConfig(), EMBED_WORKERS: 0 } });
  const result = await chronicle.ask(question);
  await chronicle.close();
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : format(result));
});

/** The answer, then one line per citation (or related passage): number, date, document, the first 120 characters. */
function format(result: AskResult): string {
  const lines = [result.answer, ""];
  for (const citation of result.refused ? result.related ?? [] : result.citations) {
    const chunk = result.sources.find((source) => source.id === citation.id);
    const where = citation.dateLabel ?? citation.section ?? "article";
    const text = (chunk?.text ?? citation.text).replace(/\s+/g, " ");
    lines.push(`[${citation.n}] ${where} · ${citation.doc}${citation.page ? `, p. ${citation.page}` : ""}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`);
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
