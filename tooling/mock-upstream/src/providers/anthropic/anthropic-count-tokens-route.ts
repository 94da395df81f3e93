import { countWords } from '../../core/count-words.js';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { checkAnthropicVersion } from './check-anthropic-version.js';
import { readAnthropicMessagesRequest } from './read-anthropic-messages-request.js';

/** `POST /v1/messages/count_tokens`: the prompt's tokens (its words), as `{ input_tokens }`. */
export const anthropicCountTokensRoute: MockRoute = {
  method: 'POST',
  path: '/messages/count_tokens',
  async handle(context) {
    const versionProblem = checkAnthropicVersion(context.request.headers);
    if (versionProblem !== undefined) {
      return sendErrorReply(context, versionProblem);
    }
    const parsed = readAnthropicMessagesRequest(context.request.body, { requireMaxTokens: false });
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const inputTokens = parsed.request.promptTexts.reduce((sum, text) => sum + countWords(text), 0);
    sendJson(context, 200, { input_tokens: inputTokens });
  },
};
