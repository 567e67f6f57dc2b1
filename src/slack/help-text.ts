import type { CorpusDescription } from "../corpus-description.js";

/** Sample questions the help shows: enough to show the form, few enough to read at a glance. */
const HELP_EXAMPLES = 2;

/**
 * What the bot says about its corpus, from the server's description (the profile's title, description and
 * sample questions, or words drawn from the index without a profile). Without a description, while the
 * index loads, it says only how to ask: the code itself knows nothing about any corpus.
 */
function about(corpus: CorpusDescription | undefined): string | undefined {
  return corpus ? `${corpus.title}: ${corpus.description}` : undefined;
}

const examplesOf = (corpus: CorpusDescription | undefined) => corpus?.sampleQuestions.slice(0, HELP_EXAMPLES) ?? [];

/** The reply to a bare `/chronicle` or `/chronicle help`: the corpus, then one or two ready-to-type commands. */
export function commandHelp(command: string, corpus?: CorpusDescription): string {
  const examples = examplesOf(corpus);
  return [
    about(corpus),
    examples.length ? `Usage: ${command} <question>, for example:` : `Usage: ${command} <question>`,
    ...examples.map((question) => `${command} ${question}`),
    "The answer cites its sources with [n].",
  ].filter((line) => line !== undefined).join("\n");
}

/** The reply to a mention or DM with no question in it. */
export function mentionHelp(corpus?: CorpusDescription): string {
  const examples = examplesOf(corpus);
  const ask = examples.length ? `Ask me a question, e.g. ${examples.map((q) => `“${q}”`).join(" or ")}` : "Ask me a question about the documents.";
  return [about(corpus), `${ask} I answer with [n] citations to the sources.`].filter((line) => line !== undefined).join("\n");
}
