/** Base error for Chronicle: a stable machine-readable code, a message for people, an optional cause. */
export class ChronicleError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Configuration that cannot work, named by its environment variable. */
export class ConfigError extends ChronicleError {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super("bad_config", `${variable}: ${message}`);
    this.variable = variable;
  }
}

/** Input from a caller that is malformed or out of bounds. */
export class InvalidInputError extends ChronicleError {
  constructor(message: string, code = "invalid_request") {
    super(code, message);
  }
}

/** A stored index that cannot be read back; the caller rebuilds it. */
export class IndexCorruptError extends ChronicleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("index_corrupt", message, options);
  }
}

/** A service Chronicle depends on (its database, Redis) is down for now: the request may be retried later. */
export class DependencyUnavailableError extends ChronicleError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
