import { BadRequestError, type ChatRequest, type ChatTool, isRecord, type ToolCall } from '@switchyard/core';
import { hashHex } from './mock-hash.js';
import { lastUserText } from './mock-message-text.js';
import { sampleFromJsonSchema } from './sample-from-json-schema.js';

/** The parts of a function tool the mock reads. */
export interface MockFunctionTool {
  name: string;
  parameters: Record<string, unknown> | undefined;
}

type ToolRequest = Pick<ChatRequest, 'messages' | 'tools' | 'tool_choice' | 'parallel_tool_calls'>;

/** The function tools of a request (other tool kinds are ignored). */
export function functionTools(tools: readonly ChatTool[] | undefined): MockFunctionTool[] {
  const out: MockFunctionTool[] = [];
  for (const tool of tools ?? []) {
    const definition: unknown = tool.type === 'function' ? tool.function : undefined;
    if (!isRecord(definition) || typeof definition.name !== 'string') continue;
    const parameters = isRecord(definition.parameters) ? definition.parameters : undefined;
    out.push({ name: definition.name, parameters });
  }
  return out;
}

/**
 * Which tools the mock calls. None when there are no function tools or `tool_choice` is "none";
 * the named one when `tool_choice` names a function; otherwise the tools the last message (a user
 * message) mentions by name, and when `tool_choice` is "required" and none is mentioned, the first
 * tool. `parallel_tool_calls: false` keeps only the first. After a tool result ("auto"), the mock
 * answers with text, so agent loops end.
 */
export function selectTools(request: ToolRequest): MockFunctionTool[] {
  const tools = functionTools(request.tools);
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === 'none') return [];
  const named = namedFunction(choice);
  if (named !== undefined) {
    const tool = tools.find((candidate) => candidate.name === named);
    if (tool === undefined) {
      throw new BadRequestError({
        message: `tool_choice names the function "${named}", which is not among the request's tools.`,
        param: 'tool_choice',
        provider: 'mock',
      });
    }
    return [tool];
  }
  const lastIsUser = request.messages.at(-1)?.role === 'user';
  const text = lastIsUser ? lastUserText(request.messages) : '';
  const mentioned = tools.filter((tool) => mentions(text, tool.name));
  const picked = choice === 'required' && mentioned.length === 0 ? tools.slice(0, 1) : mentioned;
  return request.parallel_tool_calls === false ? picked.slice(0, 1) : picked;
}

/** Arguments for a call: a JSON object built from the tool's `parameters` schema. */
export function mockArguments(tool: MockFunctionTool): string {
  const sample = sampleFromJsonSchema(tool.parameters ?? { type: 'object' });
  return JSON.stringify(isRecord(sample) ? sample : {});
}

/** The mock's tool calls for a request (empty when it answers with text); ids are stable hashes. */
export function mockToolCalls(request: ToolRequest): ToolCall[] {
  const conversation = JSON.stringify(request.messages);
  return selectTools(request).map((tool, index) => {
    const args = mockArguments(tool);
    return {
      id: `call_${hashHex(`${conversation}\n${index}\n${tool.name}\n${args}`)}`,
      type: 'function',
      function: { name: tool.name, arguments: args },
    };
  });
}

function namedFunction(choice: ChatRequest['tool_choice']): string | undefined {
  if (!isRecord(choice) || choice.type !== 'function' || !isRecord(choice.function)) return undefined;
  return typeof choice.function.name === 'string' ? choice.function.name : undefined;
}

/** Whether `text` names the tool as a whole word; `_`, `-` and spaces are interchangeable. */
function mentions(text: string, name: string): boolean {
  const wanted = normalize(name);
  if (wanted === '') return false;
  return ` ${normalize(text)} `.includes(` ${wanted} `);
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
