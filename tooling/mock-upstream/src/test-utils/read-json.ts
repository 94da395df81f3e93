import type { OpenAIChatCompletion } from '../providers/openai/build-openai-chat-completion.js';
import type { OpenAIErrorBody } from '../providers/openai/openai-error.js';
import type { OpenAIModel } from '../providers/openai/openai-models-route.js';

/** A response body parsed as JSON and typed for the test (tests assert the shape themselves). */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export const readCompletion = (response: Response) => readJson<OpenAIChatCompletion>(response);
export const readError = (response: Response) => readJson<OpenAIErrorBody>(response);
export const readModelList = (response: Response) =>
  readJson<{ object: string; data: OpenAIModel[] }>(response);
export const readControlError = (response: Response) => readJson<{ error: string }>(response);
