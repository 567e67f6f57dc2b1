import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ChronicleError } from "../errors.js";

/** A prompt file that is missing, names a placeholder code does not fill, or is filled without one of its values. */
export class PromptError extends ChronicleError {
  /** Path of the template file. */
  readonly file: string;
  /** The placeholder at fault, when there is one. */
  readonly placeholder?: string;
  constructor(file: string, message: string, options?: { placeholder?: string; cause?: unknown }) {
    super("bad_prompt", `prompt ${file}: ${message}`, { cause: options?.cause });
    this.file = file;
    if (options?.placeholder) this.placeholder = options.placeholder;
  }
}

/** One text template with `{{name}}` placeholders. */
export interface PromptTemplate {
  /** Path it was read from, for error messages. */
  readonly file: string;
  /** Placeholder names in order of first appearance. */
  readonly placeholders: readonly string[];
  /** The text with every placeholder replaced; throws `PromptError` naming the first value missing. */
  fill(values: Readonly<Record<string, string | number>>): string;
}

/** The templates the LLM answerer and condenser use. */
export interface Prompts {
  /** System message for answering: the rules, including the injection guard. */
  answerSystem: PromptTemplate;
  /** User message for answering: {{sources}}, {{count}}, {{intent}}, {{question}}. */
  answerUser: PromptTemplate;
  /** Single message that turns a follow-up into a standalone question: {{conversation}}, {{question}}. */
  condense: PromptTemplate;
}

/** The repository's prompts/ folder, found from this file so it works from any working directory. */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

// Each file and exactly the placeholders code fills in it: a template naming another one would reach
// the model with "{{...}}" left in, and one missing a value would silently drop it (say, the sources).
const FILES = {
  answerSystem: { name: "answer-system.txt", placeholders: [] },
  answerUser: { name: "answer-user.txt", placeholders: ["sources", "count", "intent", "question"] },
  condense: { name: "condense.txt", placeholders: ["conversation", "question"] },
} as const satisfies Record<keyof Prompts, { name: string; placeholders: readonly string[] }>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses one template; exported for tests and for callers with their own templates. */
export function createPromptTemplate(file: string, text: string): PromptTemplate {
  const placeholders = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  return {
    file,
    placeholders,
    fill(values) {
      for (const name of placeholders) {
        if (values[name] === undefined) throw new PromptError(file, `placeholder {{${name}}} has no value`, { placeholder: name });
      }
      // One pass, so a value that itself contains "{{question}}" (a source, a user's text) is never expanded.
      return text.replace(PLACEHOLDER, (_, name: string) => String(values[name]));
    },
  };
}

/**
 * Reads the prompt templates once, at start-up. Fails with a `PromptError` naming the file when one is
 * missing or empty, lacks a placeholder code fills, or has one code does not know.
 */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Prompts {
  const load = (spec: { name: string; placeholders: readonly string[] }) => {
    const file = join(dir, spec.name);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (cause) {
      throw new PromptError(file, "cannot be read (is the prompts folder complete?)", { cause });
    }
    if (!text.trim()) throw new PromptError(file, "is empty");
    const template = createPromptTemplate(file, text);
    for (const name of spec.placeholders) {
      if (!template.placeholders.includes(name)) throw new PromptError(file, `lacks the placeholder {{${name}}}`, { placeholder: name });
    }
    for (const name of template.placeholders) {
      if (!spec.placeholders.includes(name)) {
        const known = spec.placeholders.length ? spec.placeholders.map((p) => `{{${p}}}`).join(", ") : "none";
        throw new PromptError(file, `has the placeholder {{${name}}}, which is never filled (known: ${known})`, { placeholder: name });
      }
    }
    return template;
  };
  return {
    answerSystem: load(FILES.answerSystem),
    answerUser: load(FILES.answerUser),
    condense: load(FILES.condense),
  };
}
