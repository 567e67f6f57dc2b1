/** Options of `npm run eval`. */
export interface CliOptions {
  /** One JSONL question file to run; without it (and without --corpus) every suite runs. */
  file?: string;
  /** The corpus folder `file` is asked of; the project's corpus/ when omitted. */
  corpus?: string;
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

export const USAGE = "usage: npm run eval -- [--corpus DIR] [--file PATH] [--json] [--retrieval hybrid|bm25|dense]";
const RETRIEVALS = ["hybrid", "bm25", "dense"] as const;

/** Parses `--file PATH`, `--corpus DIR` (or `--name=VALUE`), `--json` and `--retrieval`; anything else is a UsageError. */
export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { json: false, retrieval: "hybrid" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (what: string) => {
      const given = inline ?? argv[++i];
      if (given === undefined || given === "" || given.startsWith("--")) throw new UsageError(`${flag} needs a ${what}. ${USAGE}`);
      return given;
    };
    if (flag === "--json" && inline === undefined) {
      options.json = true;
    } else if (flag === "--file") {
      options.file = value("path");
    } else if (flag === "--corpus") {
      options.corpus = value("folder");
    } else if (flag === "--retrieval") {
      const given = inline ?? argv[++i];
      const retrieval = RETRIEVALS.find((name) => name === given);
      if (!retrieval) throw new UsageError(`--retrieval takes hybrid, bm25 or dense. ${USAGE}`);
      options.retrieval = retrieval;
    } else {
      throw new UsageError(`unknown ${arg.startsWith("-") ? "option" : "argument"} "${arg}". ${USAGE}`);
    }
  }
  if (options.corpus && !options.file) throw new UsageError(`--corpus needs --file: the questions to ask of it. ${USAGE}`);
  return options;
}
