import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** One corpus with the question sets written for it. */
export interface EvalSuite {
  /** Short name shown in tables ("main", "product-docs", "squad2-dev"). */
  name: string;
  corpusDir: string;
  /** Where this corpus's index is kept, apart from every other corpus's. */
  dataDir: string;
  /** Question files (JSONL, the eval format). */
  files: string[];
  /** Multi-turn conversations, when the corpus has them. */
  conversations?: string;
  /**
   * False for a corpus kept out of fitting (a `HELD-OUT` file in its folder says why): `npm run train`
   * never sees it, so its figures stay an estimate for documents and questions nothing was fitted on.
   */
  fitted: boolean;
}

/** The public SQuAD 2.0 benchmark beside the project, read in place, never copied in. */
export const SQUAD_DIR = "../shared/benchmarks/squad2-dev";

/**
 * Every corpus the eval knows: the project's own corpus with evals/qa*.jsonl, each folder of
 * evals/corpora/ (corpus/, qa.jsonl, conversations.jsonl), and the SQuAD 2.0 sample when it is there.
 */
export function findSuites(root = process.cwd()): EvalSuite[] {
  const at = (...parts: string[]) => resolve(root, ...parts);
  const present = (path: string) => (existsSync(path) ? path : undefined);
  const main: EvalSuite = {
    name: "main",
    corpusDir: at("corpus"),
    dataDir: at("data"),
    files: ["qa.jsonl", "qa-everyday.jsonl"].map((file) => at("evals", file)).filter(existsSync),
    conversations: present(at("evals", "conversations.jsonl")),
    fitted: true,
  };
  const corporaDir = at("evals", "corpora");
  const others = existsSync(corporaDir)
    ? readdirSync(corporaDir).sort().filter((name) => existsSync(join(corporaDir, name, "qa.jsonl"))).map((name): EvalSuite => ({
      name,
      corpusDir: join(corporaDir, name, "corpus"),
      dataDir: at("data", "eval", name),
      files: [join(corporaDir, name, "qa.jsonl")],
      conversations: present(join(corporaDir, name, "conversations.jsonl")),
      fitted: !existsSync(join(corporaDir, name, "HELD-OUT")),
    }))
    : [];
  const squad = at(SQUAD_DIR);
  const benchmark: EvalSuite[] = existsSync(join(squad, "qa-sample.jsonl"))
    ? [{ name: "squad2-dev", corpusDir: join(squad, "corpus"), dataDir: at("data", "eval", "squad2-dev"), files: [join(squad, "qa-sample.jsonl")], fitted: true }]
    : [];
  return [main, ...others, ...benchmark];
}
