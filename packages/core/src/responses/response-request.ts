import { z } from 'zod';

// The Responses API request: OpenAI's CreateResponse (shared/specs/openai-openapi.yaml, `/responses`).
// Known fields are checked strictly; unknown fields are kept (looseObject), as for chat.

const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().min(1).nullish(),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const inputFile = z.looseObject({
  type: z.literal('input_file'),
  file_id: z.string().nullish(),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
const outputText = z.looseObject({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).optional(),
});
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const responseContentPartSchema = z.discriminatedUnion('type', [
  inputText,
  inputImage,
  inputFile,
  outputText,
  refusal,
]);

const messageItem = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().optional(),
  role: z.enum(['user', 'system', 'developer', 'assistant']),
  content: z.union([z.string(), z.array(responseContentPartSchema)]),
  status: z.string().optional(),
});
const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().optional(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  status: z.string().optional(),
});
const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(responseContentPartSchema)]),
  status: z.string().nullish(),
});
const reasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().optional(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).optional(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

// A message may leave out its `type`, so `type` is optional on that option of the union.
export const responseInputItemSchema = z.discriminatedUnion('type', [
  messageItem,
  functionCallItem,
  functionCallOutputItem,
  reasoningItem,
]);

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
// Hosted tools (web_search, file_search …) are accepted by the schema and refused when bridged.
const otherTool = z.looseObject({ type: z.string() });

export const responseToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string().min(1) }),
  z.looseObject({ type: z.string() }),
]);

export const responseTextFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    description: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

export const createResponseRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    // Checked item by item below, so that an error names the item (`input[2].role`).
    input: z.custom<string | ResponseInputItem[]>(
      (value) => typeof value === 'string' || Array.isArray(value),
      'Expected a string or an array of input items',
    ),
    instructions: z.string().nullish(),
    tools: z.array(z.union([functionTool, otherTool])).optional(),
    tool_choice: responseToolChoiceSchema.optional(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_output_tokens: z.int().min(1).nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    text: z
      .looseObject({ format: responseTextFormatSchema.optional(), verbosity: z.string().nullish() })
      .nullish(),
    reasoning: z
      .looseObject({
        effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
        summary: z.string().nullish(),
      })
      .nullish(),
    store: z.boolean().nullish(),
    previous_response_id: z.string().min(1).nullish(),
    stream: z.boolean().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    user: z.string().nullish(),
    truncation: z.enum(['auto', 'disabled']).nullish(),
  })
  .superRefine((request, context) => {
    if (typeof request.input === 'string') return;
    request.input.forEach((item, index) => {
      const result = responseInputItemSchema.safeParse(item);
      if (result.success) return;
      for (const issue of result.error.issues) {
        context.addIssue({ ...issue, path: ['input', index, ...issue.path] } as z.core.$ZodRawIssue);
      }
    });
  });

export type CreateResponseRequest = z.infer<typeof createResponseRequestSchema>;
export type ResponseInputItem = z.infer<typeof responseInputItemSchema>;
export type ResponseContentPart = z.infer<typeof responseContentPartSchema>;
export type ResponseTool = NonNullable<CreateResponseRequest['tools']>[number];
export type ResponseToolChoice = z.infer<typeof responseToolChoiceSchema>;
export type ResponseTextFormat = z.infer<typeof responseTextFormatSchema>;
