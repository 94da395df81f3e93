import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from './openai-error.js';

export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** The models the mock lists; any model name is accepted by the other routes. */
export const OPENAI_MOCK_MODELS: readonly OpenAIModel[] = [
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
  { id: 'o3-mini', object: 'model', created: 1737146383, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
];

/** `GET /v1/models`. */
export const openAIListModelsRoute: MockRoute = {
  method: 'GET',
  path: '/models',
  async handle(context) {
    sendJson(context, 200, { object: 'list', data: OPENAI_MOCK_MODELS });
  },
};

/** `GET /v1/models/{model}`. */
export const openAIRetrieveModelRoute: MockRoute = {
  method: 'GET',
  path: '/models/:model',
  async handle(context) {
    const id = context.params.model ?? '';
    const model = OPENAI_MOCK_MODELS.find((candidate) => candidate.id === id);
    if (model === undefined) {
      return sendErrorReply(
        context,
        openAIError(404, `The model '${id}' does not exist`, { param: 'model', code: 'model_not_found' }),
      );
    }
    sendJson(context, 200, model);
  },
};
