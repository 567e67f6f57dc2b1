import { createHash, randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { answerKey, createMemoryAnswerCache, type AnswerCache, type CachedAnswer } from "./answer-cache.js";
import { createOfflineCondenser, standaloneQuestion, type ChatMessage, type Condenser } from "./chat/index.js";
import { defaultConfig, llmConfigured, type Config } from "./config.js";
import { createEmbedderPool, ensureIndex, type Chunk, type Embedder, type IngestResult, type Manifest } from "./index/index.js";
import { loadProfile, type CorpusProfile } from "./index/profile.js";
import { createLlmAnswerer, createLlmCondenser, createOpenAIEmbedder, type LlmClientOptions } from "./llm/index.js";
import { loadAnswerModels, type AnswerModels } from "./model/answer-models.js";
import { createCorpusContext, createRetriever, type CorpusContext, type Retrieved, type Retriever } from "./retrieve/index.js";
import { createExtractiveAnswerer, type Answer, type Answerer } from "./answer/index.js";
import { silentLogger, type Logger } from "./logger.js";
import type { AskEvent, AskOptions, AskResult, ChatAnswer, ChatStream } from "./ask-result.js";

export type { AskEvent, AskOptions, AskResult, ChatAnswer, ChatStream, SourceView } from "./ask-result.js";

/** The whole question-answering pipeline over one loaded index. */
export interface Chronicle {
  readonly config: Config;
  readonly retriever: Retriever;
  readonly ingest: IngestResult;
  /** What the corpus folder says about itself (corpus/chronicle.json), or an empty profile. */
  readonly profile: CorpusProfile;
  readonly chunks: Chunk[];
  chunk(id: string): Chunk | undefined;
  retrieve(question: string, options?: AskOptions): Promise<Retrieved[]>;
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  /** The same as `ask`, in pieces: text deltas as they are ready, then the whole result. */
  askStream(question: string, options?: AskOptions): AsyncGenerator<AskEvent>;
  /**
   * Answers the last user turn of a conversation: condensed against the earlier turns into a standalone
   * question by this chronicle's condenser, then asked. Every conversation (/api/chat, /v1, Slack) comes
   * here. A first message is asked as written; a condenser failure costs only the rewrite; an abort
   * (`signal`) is passed on.
   */
  chat(messages: ChatMessage[], options?: AskOptions): Promise<ChatAnswer>;
  /** The same as `chat`, the answer streamed as `askStream` streams it. */
  chatStream(messages: ChatMessage[], options?: AskOptions): Promise<ChatStream>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Settings over the defaults (`defaultConfig()`); nothing is read from the environment here. Entry
   * points pass the environment's, `loadConfig()`.
   */
  config?: Partial<Config>;
  embedder?: Embedder;
  /** Replaces the answerer chosen from configuration. */
  answerer?: Answerer;
  /** Replaces the condenser chosen from configuration, which rewrites a conversation's follow-ups. */
  condenser?: Condenser;
  /** The fitted reranker and answer models; the committed ones when omitted, none at all with "none" (for fitting new ones). */
  models?: AnswerModels | "none";
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
  /** Where repeated questions find their answers; by default a bounded cache in memory, none with "none". */
  answerCache?: AnswerCache | "none";
}

const DEFAULT_K = 8;

/** Builds or loads the index, then wires retrieval and answering. */
export async function openChronicle(options: OpenOptions = {}): Promise<Chronicle> {
  const config = { ...defaultConfig(), ...options.config };
  const logger = options.logger ?? silentLogger;
  const embedder = options.embedder ?? (await createEmbedder(config));
  const ingest = await ensureIndex({
    corpusDir: resolve(config.CORPUS_DIR),
    dataDir: resolve(config.DATA_DIR),
    embedder,
    logger,
    onProgress: options.onProgress,
    concurrency: Math.max(1, config.EMBED_WORKERS),
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
  }).catch(async (error) => {
    await closeEmbedder(embedder);
    throw error;
  });
  const { index } = ingest;
  const { profile } = await loadProfile(resolve(config.CORPUS_DIR));
  const context = createCorpusContext(index.chunks, profile);
  // Fitted models: read and checked once, at start-up, so a stale file fails here and not on a question.
  const models = options.models === "none" ? undefined : options.models ?? loadAnswerModels();
  const retriever = createRetriever(index, embedder, context, models?.reranker);
  const answerer = options.answerer ?? chooseAnswerer(config, context, logger, models);
  const condenser = options.condenser ?? chooseCondenser(config, context.year, logger);

  const prepare = async (question: string, opts: AskOptions) => {
    const analysis = retriever.analyze(question);
    const sources = await retriever.retrieve(question, { k: opts.k ?? DEFAULT_K, filters: opts.filters, analysis, signal: opts.signal, mode: opts.retrieval });
    return { question, analysis, sources, signal: opts.signal };
  };
  // One line per answer: how sure it was, and why it was withheld, so refusals can be counted by reason.
  const logAnswer = (id: string, answer: Pick<AskResult, "mode" | "confidence" | "refused" | "refusal">, cached: boolean) =>
    logger.info({ answerId: id, mode: answer.mode, confidence: answer.confidence, refused: answer.refused, ...(answer.refusal ? { reason: answer.refusal.reason } : {}), ...(cached ? { cached } : {}) }, answer.refused ? `refused: ${answer.refusal?.reason ?? "unspecified"}` : "answered");
  const result = (question: string, answer: Answer, sources: Retrieved[]): AskResult => {
    const id = randomUUID();
    logAnswer(id, answer, false);
    return {
    id,
    question,
    answer: answer.text,
    citations: answer.citations,
    refused: answer.refused,
    mode: answer.mode,
    confidence: answer.confidence,
    ...(answer.refusal ? { refusal: answer.refusal } : {}),
    ...(answer.related?.length ? { related: answer.related } : {}),
    sources: sources.map(({ chunk, score }) => ({
      id: chunk.id, doc: chunk.doc, kind: chunk.kind, score: Math.round(score * 1000) / 1000,
      ...(chunk.date ? { date: chunk.date, dateLabel: chunk.dateLabel } : {}),
      ...(chunk.section ? { section: chunk.section } : {}),
      ...(chunk.page ? { page: chunk.page } : {}),
      text: chunk.text,
    })),
    };
  };

  const cache = options.answerCache === "none" ? undefined
    : options.answerCache ?? (config.ANSWER_CACHE_SIZE > 0 ? createMemoryAnswerCache(config.ANSWER_CACHE_SIZE) : undefined);
  // The index version keys the cache, so a cache shared across processes never serves another index's answer.
  // It is made of what the answers depend on, not of when the index was built: replicas that build the same
  // corpus with the same settings share their cached answers.
  const indexVersion = indexVersionOf(index.manifest, profile, config);
  const keyOf = (question: string, opts: AskOptions) => answerKey({ indexVersion, question, filters: opts.filters, k: opts.k ?? DEFAULT_K, retrieval: opts.retrieval });
  // With an LLM, an extractive answer is the fallback after a failed call: the next asker should get the LLM's.
  const primaryMode = options.answerer ? undefined : llmConfigured(config) ? "llm" : "extractive";
  const lookup = async (key: string): Promise<CachedAnswer | undefined> => {
    try {
      return await cache?.get(key);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "answer cache unavailable, answering afresh");
      return undefined;
    }
  };
  const keep = async (key: string, answer: AskResult) => {
    if (!cache || (primaryMode && answer.mode !== primaryMode)) return;
    const { id: _id, question: _question, ...cached } = answer;
    await cache.set(key, cached).catch((error: Error) => logger.warn({ err: error.message }, "answer cache unavailable, answer not kept"));
  };
  // A cached answer is a new answer to its asker: its own id, so it can be rated on its own.
  const fromCache = (question: string, cached: CachedAnswer): AskResult => {
    const id = randomUUID();
    logAnswer(id, cached, true);
    return { id, question, ...cached };
  };

  async function ask(question: string, opts: AskOptions = {}): Promise<AskResult> {
    const key = keyOf(question, opts);
    const cached = await lookup(key);
    if (cached) return fromCache(question, cached);
    const input = await prepare(question, opts);
    const answered = result(question, await answerer.answer(input), input.sources);
    await keep(key, answered);
    return answered;
  }
  async function* askStream(question: string, opts: AskOptions = {}): AsyncGenerator<AskEvent> {
    const key = keyOf(question, opts);
    const cached = await lookup(key);
    if (cached) {
      yield { citations: cached.citations };
      yield { delta: cached.answer };
      yield { done: fromCache(question, cached) };
      return;
    }
    const input = await prepare(question, opts);
    for await (const event of answerer.stream(input)) {
      if ("done" in event) {
        const answered = result(question, event.done, input.sources);
        await keep(key, answered);
        yield { done: answered };
      } else {
        yield event;
      }
    }
  }
  const standalone = (messages: ChatMessage[], opts: AskOptions) => standaloneQuestion(messages, condenser, { signal: opts.signal, logger });
  return {
    config,
    retriever,
    ingest,
    profile,
    chunks: index.chunks,
    chunk: (id) => index.byId.get(id),
    retrieve: (question, opts = {}) =>
      retriever.retrieve(question, { k: opts.k ?? DEFAULT_K, filters: opts.filters, signal: opts.signal, mode: opts.retrieval }),
    ask,
    askStream,
    async chat(messages, opts = {}) {
      const question = await standalone(messages, opts);
      return { standalone: question, result: await ask(question, opts) };
    },
    async chatStream(messages, opts = {}) {
      const question = await standalone(messages, opts);
      return { standalone: question, events: askStream(question, opts) };
    },
    async close() {
      if (!options.embedder) await closeEmbedder(embedder);
    },
  };
}

/** The extractive answerer, or with an LLM configured the LLM, which the extractive answerer backs up on every failure. */
function chooseAnswerer(config: Config, context: CorpusContext, logger: Logger, models: AnswerModels | undefined): Answerer {
  const extractive = createExtractiveAnswerer({ context, models });
  return llmConfigured(config)
    ? createLlmAnswerer({ ...chatModel(config, logger), fallback: extractive, assess: extractive.assess })
    : extractive;
}

/**
 * The offline condenser, reading dates in the corpus's year; or with an LLM configured the LLM condenser,
 * which the offline one backs up whenever the model fails.
 */
function chooseCondenser(config: Config, year: number, logger: Logger): Condenser {
  const offline = createOfflineCondenser({ year });
  return llmConfigured(config)
    ? createLlmCondenser({ ...chatModel(config, logger), fallback: offline })
    : offline;
}

/** How to reach the configured chat model: the answerer and the condenser both call it. */
function chatModel(config: Config, logger: Logger): LlmClientOptions {
  return { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS, logger };
}

/** The embedder configuration asks for: the local encoder on worker threads, or an OpenAI-compatible server. */
export async function createEmbedder(config: Config): Promise<Embedder> {
  if (config.EMBEDDER === "openai") {
    return createOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL });
  }
  // Worker threads let the encoder use every core; with 0 it runs in this thread. Either way, questions
  // that arrive together are embedded together as one batch.
  return createEmbedderPool(config.EMBED_WORKERS);
}

export async function closeEmbedder(embedder: Embedder): Promise<void> {
  if ("close" in embedder && typeof embedder.close === "function") await embedder.close();
}

/** A digest of the corpus files, the index's layout, the embedder, the profile and the answering settings. */
function indexVersionOf(manifest: Manifest, profile: CorpusProfile, config: Config): string {
  const { formatVersion, analyzer, chunking, embedder, documents } = manifest;
  const answering = { llm: llmConfigured(config) ? [config.OPENAI_BASE_URL ?? "", config.LLM_MODEL] : null };
  return createHash("sha256")
    .update(JSON.stringify([formatVersion, analyzer, chunking, embedder, documents.map((file) => [file.name, file.sha256]), profile, answering]))
    .digest("base64url");
}
