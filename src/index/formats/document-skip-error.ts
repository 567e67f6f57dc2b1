import { ChronicleError } from "../../errors.js";

/** Why a document was left out of the corpus. */
export type SkipReason =
  | "too-large"
  | "empty"
  | "binary"
  | "corrupt"
  | "encrypted"
  | "no-text-layer"
  | "zip-bomb"
  | "unsupported";

/**
 * A document that cannot be turned into text. The message is one plain sentence a person can act on
 * ("PDF is encrypted (password protected); remove the password or export an unprotected copy"); callers
 * branch on `reason`, never on the message.
 */
export class DocumentSkipError extends ChronicleError {
  readonly reason: SkipReason;
  constructor(reason: SkipReason, message: string, options?: { cause?: unknown }) {
    super("document_skipped", message, options);
    this.reason = reason;
  }
}
