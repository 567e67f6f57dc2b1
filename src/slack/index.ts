export { createSlackRoutes, type SlackRoutesOptions } from "./routes.js";
export { createSignatureVerifier, checkSlackSignature, slackSignature, type SignatureVerifierOptions } from "./verify-signature.js";
export { formatReply, formatNotice, SLACK_LIMITS, type Reply, type Block, type ReplyOptions } from "./reply-blocks.js";
export { escapeMrkdwn, cutText, plainTextFromSlack } from "./mrkdwn.js";
export { ResponseUrlError, SlackDeliveryError } from "./errors.js";
export type { ChatPlatform } from "./types.js";
export { createBackgroundTasks, type BackgroundTasks } from "./background.js";
