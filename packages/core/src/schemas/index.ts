export * from './audio.js';
export * from './chat-request.js';
export * from './chat-response.js';
export * from './embedding.js';
export * from './moderation-image.js';
export * from './rerank.js';
export * from './text-completion.js';
export * from './usage.js';
export { formatIssuePath, formatIssues, parseRequest } from './validation.js';
