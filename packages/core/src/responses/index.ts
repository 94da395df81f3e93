export { responseErrorOf, toResponseEvents } from './response-events.js';
export type {
  DeletedResponse,
  ItemStatus,
  ResponseFunctionCall,
  ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseReasoning,
  ResponseRefusal,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseUsage,
} from './response-object.js';
export {
  type CreateResponseRequest,
  createResponseRequestSchema,
  type ResponseContentPart,
  type ResponseInputItem,
  type ResponseTextFormat,
  type ResponseTool,
  type ResponseToolChoice,
} from './response-request.js';
export {
  createMemoryResponseStore,
  type MemoryResponseStoreOptions,
  type ResponseStore,
  type StoredResponse,
} from './response-store.js';
export { createResponsesApi, type ResponsesApi, type ResponsesOptions } from './responses-api.js';
export {
  deleteStoredResponse,
  generateResponseId,
  getStoredResponse,
  type ResponsesContext,
  responsesViaChat,
} from './responses-via-chat.js';
export { type ConversationItem, inputItemsOf, toChatMessages, toChatRequest } from './to-chat-request.js';
export { toResponse, toResponseUsage } from './to-response.js';
