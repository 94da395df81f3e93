import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { anthropicCountTokensRequestSchema } from './anthropic-messages-request.js';
import { estimateInputTokens } from './estimate-input-tokens.js';

const parse = (body: Record<string, unknown>) => anthropicCountTokensRequestSchema.parse(body);

describe('estimateInputTokens', () => {
  it('counts about four characters per token', () => {
    expect(
      estimateInputTokens(parse({ model: 'm', messages: [{ role: 'user', content: 'Hello, Claude' }] })),
    ).toBe(4);
    expect(
      estimateInputTokens(
        parse({ model: 'm', system: 'abcd', messages: [{ role: 'user', content: 'efgh' }] }),
      ),
    ).toBe(2);
  });

  it('counts tools, tool use and results, and each image as 1600 tokens', () => {
    const withTools = estimateInputTokens(parse(fixtureJson('messages-tool-result.request.json')));
    expect(withTools).toBeGreaterThan(50);
    const images = estimateInputTokens(parse(fixtureJson('messages-image.request.json')));
    expect(images).toBe(3200 + Math.ceil('Image 1:Image 2:How are these images different?'.length / 4));
  });

  it('refuses a PDF, naming the block', () => {
    const request = parse({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' } },
          ],
        },
      ],
    });
    expect(() => estimateInputTokens(request)).toThrow(/messages\[0\]\.content\[0\] is a PDF/);
  });
});
