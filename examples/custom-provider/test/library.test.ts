import { createSwitchyard } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import echo, { createEchoProvider } from '../src/index.js';

// The provider in a library gateway, as the README shows it.
describe('the echo provider in a library gateway', () => {
  const gateway = createSwitchyard({ providers: [echo, createEchoProvider({ id: 'parrot' })] });

  afterAll(async () => {
    await gateway.close();
  });

  it('answers provider/model strings', async () => {
    const response = await gateway.completion({
      model: 'echo/reverse',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(response.choices[0]?.message.content).toBe('olleH');
  });

  it('streams, and a second instance serves its own prefix', async () => {
    const stream = await gateway.completion({
      model: 'parrot/upper',
      messages: [{ role: 'user', content: 'two words' }],
      stream: true,
    });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(content).toBe('TWO WORDS');
  });
});
