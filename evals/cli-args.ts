/** Options of `npm run eval`. */
export interface CliOptions {
  /** JSONL dataset to run. */
  file: string;
  /** Print the summary as one JSON object on the last stdout line. */
  json: boolean;
  /** Retrieval to evaluate: Chronicle's hybrid (default), or BM25 or dense alone for comparison. */
  retrieval: "hybrid" | "bm25" | "dense";
}

/** A command-line mistake; its message is one line, meant to be shown as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = "usage: npm run eval -- [--file PATH] [--json] [--retrieval hybrid|bm25|dense]";
const RETRIEVALS = ["hybrid", "bm25", "dense"] as const;

/** Parses `--file PATH` (or `--file=PATH`) and `--json`; anything else is a UsageError. */
export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { file: "evals/qa.jsonl", json: false, retrieval: "hybrid" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") {
      options.json = true;
    } else if (arg === "--file") {
      const value = argv[++i];
      if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`--file needs a path. ${USAGE}`);
      options.file = value;
    } else if (arg.startsWith("--file=")) {
      const value = arg.slice("--file=".length);
      if (value === "") throw new UsageError(`--file needs a path. ${USAGE}`);
      options.file = value;
    } else if (arg === "--retrieval") {
      const value = argv[++i];
      const retrieval = RETRIEVALS.find((name) => name === value);
      if (!retrieval) throw new UsageError(`--retrieval takes hybrid, bm25 or dense. ${USAGE}`);
      options.retrieval = retrieval;
    } else {
      throw new UsageError(`unknown ${arg.startsWith("-") ? "option" : "argument"} "${arg}". ${USAGE}`);
    }
  }
  return options;
}
