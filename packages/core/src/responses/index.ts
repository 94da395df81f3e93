export { continuedFrom, conversationAsInput } from './continue-natively.js';
export {
  checkInputItemsQuery,
  type InputItemsQuery,
  inputItemsQueryParams,
  type ListedItem,
  listInputItems,
  type ResponseItemList,
} from './input-items.js';
export {
  createNativeResponses,
  type NativeResponses,
  type NativeResponsesOptions,
  type ResponseOperation,
} from './native-responses.js';
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
  type UpstreamResponseRef,
} from './response-store.js';
export {
  createResponsesApi,
  type ResponseCallOptions,
  type ResponsesApi,
  type ResponsesOptions,
} from './responses-api.js';
export {
  cancelStoredResponse,
  deleteStoredResponse,
  generateResponseId,
  getStoredResponse,
  type ResponsesContext,
  responsesViaChat,
  storedInputItems,
} from './responses-via-chat.js';
export { type ConversationItem, inputItemsOf, toChatMessages, toChatRequest } from './to-chat-request.js';
export { toResponse, toResponseUsage } from './to-response.js';
