export { DocumentSkipError, type SkipReason } from "./document-skip-error.js";
export type { DocumentType, LoadedDocument } from "./loaded-document.js";
export { DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, isSupportedName, loadDocument, type LoadOptions } from "./load-document.js";
