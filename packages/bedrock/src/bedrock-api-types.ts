// Amazon Bedrock Runtime Converse wire types (API reference: Converse, ConverseStream; the AWS SDK
// Smithy model bedrock-runtime 2023-09-30), as far as Switchyard writes or reads them. Requests are
// built exactly; responses and stream events are read leniently (fields may be missing or new).

export type BedrockCachePoint = { cachePoint: { type: 'default' } };
export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';
/** Bytes base64-encoded (the JSON form of a Smithy blob), or an object in S3. */
export type BedrockMediaSource = { bytes: string } | { s3Location: { uri: string; bucketOwner?: string } };

export type BedrockToolResultContent =
  | { text: string }
  | { json: unknown }
  | { image: { format: BedrockImageFormat; source: BedrockMediaSource } };

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: BedrockImageFormat; source: BedrockMediaSource } }
  | { document: { format: BedrockDocumentFormat; name: string; source: BedrockMediaSource } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: BedrockToolResultContent[]; status?: 'success' | 'error' } }
  | {
      reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string };
    }
  | BedrockCachePoint;

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | BedrockCachePoint;

export type BedrockTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } } }
  | BedrockCachePoint;

export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

export interface BedrockToolConfig {
  tools: BedrockTool[];
  toolChoice?: BedrockToolChoice;
}

export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/** Native structured output: the schema travels as a JSON string. */
export interface BedrockOutputConfig {
  textFormat: {
    type: 'json_schema';
    structure: { jsonSchema: { schema: string; name?: string; description?: string } };
  };
}

/** A Converse / ConverseStream request body (the model id is in the path). */
export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: BedrockToolConfig;
  outputConfig?: BedrockOutputConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Converse's TokenUsage: `inputTokens` excludes cache reads and writes. */
export interface BedrockTokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** A content block of a response, read leniently. */
export interface BedrockResponseBlock {
  text?: string;
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  reasoningContent?: {
    reasoningText?: { text?: string; signature?: string };
    redactedContent?: string;
  };
}

export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: BedrockResponseBlock[] } };
  stopReason?: string;
  usage?: BedrockTokenUsage;
}
