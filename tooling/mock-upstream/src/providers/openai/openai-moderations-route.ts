import { createHash } from 'node:crypto';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from './openai-error.js';

const categories = ['harassment', 'hate', 'self-harm', 'sexual', 'violence'] as const;

function inputsOf(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const input = (body as { input?: unknown }).input;
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) {
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return undefined;
}

/** `POST /v1/moderations`: flags an input when it contains the word "flag-me", deterministically. */
export const openAIModerationsRoute: MockRoute = {
  method: 'POST',
  path: '/moderations',
  async handle(context) {
    const inputs = inputsOf(context.request.body);
    if (!inputs) {
      return sendErrorReply(context, openAIError(400, "'input' is a required property", { param: 'input' }));
    }
    const body = context.request.body as { model?: unknown };
    const model = typeof body.model === 'string' ? body.model : 'omni-moderation-latest';
    const id = `modr-${createHash('sha256').update(inputs.join('\n')).digest('hex').slice(0, 24)}`;
    const results = inputs.map((text) => {
      const flagged = text.includes('flag-me');
      const scores = Object.fromEntries(
        categories.map((name) => [name, flagged && name === 'violence' ? 0.97 : 0.001]),
      );
      const verdicts = Object.fromEntries(categories.map((name) => [name, flagged && name === 'violence']));
      return { flagged, categories: verdicts, category_scores: scores };
    });
    sendJson(context, 200, { id, model: context.rule?.respond?.model ?? model, results });
  },
};
