import pino from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs on stderr, so stdout stays free for command output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

/** A logger that drops everything: for tests and quiet commands. */
export const silentLogger: Logger = pino({ level: "silent" });
