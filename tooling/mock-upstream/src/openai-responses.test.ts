import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { postJson } from './test-utils/http.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const base = () => `${mock.url}/v1/responses`;
type Json = Record<string, unknown>;
type Item = Json & { id: string; type: string; content?: Array<{ type: string; text?: string }> };
interface ResponseBody extends Json {
  id: string;
  status: string;
  output: Item[];
  usage: { input_tokens: number; output_tokens: number; total_tokens: number };
}
interface ItemList {
  object: 'list';
  data: Item[];
  first_id: string;
  last_id: string;
  has_more: boolean;
}
type EventData = Json & { type: string; sequence_number: number; response: ResponseBody };

const json = <T>(response: Response) => response.json() as Promise<T>;
const errorOf = async (response: Response) =>
  (await json<{ error: { message: string; param: string | null; code: string | null } }>(response)).error;

async function create(body: Json): Promise<ResponseBody> {
  const response = await postJson(base(), { model: 'gpt-4o', ...body });
  expect(response.status).toBe(200);
  return json<ResponseBody>(response);
}

/** The `event:` names and parsed `data:` of a complete event stream. */
function parseEvents(text: string): Array<{ event: string; data: EventData }> {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.find((line) => line.startsWith('data: '))!.slice(6));
      return { event, data };
    });
}

describe('POST /v1/responses', () => {
  it('answers a completed response echoing the request, with word-count usage', async () => {
    const response = await create({ input: 'Tell me a story', instructions: 'Be brief.' });
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-4o',
      instructions: 'Be brief.',
      store: true,
      background: false,
      previous_response_id: null,
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Mock reply to: Tell me a story', annotations: [] }],
        },
      ],
      usage: { input_tokens: 6, output_tokens: 7, total_tokens: 13 },
    });
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(response.output[0]?.id).toMatch(/^msg_[0-9a-f]{48}$/);
  });

  it('continues a stored conversation with previous_response_id, and refuses an unknown one', async () => {
    const first = await create({ input: 'My name is Ada.' });
    const second = await create({
      input: [{ role: 'user', content: 'What is my name?' }],
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    // The earlier turn and its answer count as input.
    expect(second.usage.input_tokens).toBe(4 + 7 + 4);
    const refused = await postJson(base(), {
      model: 'gpt-4o',
      input: 'x',
      previous_response_id: 'resp_nope',
    });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
  });

  it('answers scripted function calls and forced tool choices', async () => {
    mock.script({
      times: 1,
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const scripted = await create({ input: 'Weather?' });
    expect(scripted.output).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' }),
    ]);
    const forced = await create({
      input: 'Weather?',
      tools: [{ type: 'function', name: 'lookup', parameters: {} }],
      tool_choice: 'required',
    });
    expect(forced.output[0]).toMatchObject({ type: 'function_call', name: 'lookup', arguments: '{}' });
  });

  it('cuts the answer at max_output_tokens and says it is incomplete; refuses a limit below 16', async () => {
    const words = Array.from({ length: 30 }, (_, index) => `w${index}`).join(' ');
    const cut = await create({ input: words, max_output_tokens: 16 });
    expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    const refused = await postJson(base(), { model: 'gpt-4o', input: 'x', max_output_tokens: 4 });
    expect((await errorOf(refused)).param).toBe('max_output_tokens');
  });

  it('refuses reasoning items it never produced unless they are encrypted', async () => {
    const refused = await postJson(base(), {
      model: 'gpt-4o',
      input: [
        { type: 'reasoning', id: 'rs_unknown', summary: [] },
        { role: 'user', content: 'x' },
      ],
    });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toContain("Item with id 'rs_unknown' not found");
    await create({
      input: [
        { type: 'reasoning', summary: [], encrypted_content: 'gAAAA' },
        { role: 'user', content: 'x' },
      ],
    });
  });

  it('streams the typed events in OpenAI’s order with sequence numbers', async () => {
    const response = await postJson(base(), { model: 'gpt-4o', input: 'hello world', stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = parseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array(5).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(
      events.every((event, index) => event.data.type === event.event && event.data.sequence_number === index),
    ).toBe(true);
    expect(events[0]?.data.response).toMatchObject({ status: 'in_progress', output: [], usage: null });
    const completed = events.at(-1)!.data.response;
    expect(completed.usage.total_tokens).toBeGreaterThan(0);
    // Stored once streamed.
    const stored = await json<ResponseBody>(await fetch(`${base()}/${completed.id}`));
    expect(stored.output).toEqual(completed.output);
  });

  it('sends an error event for a scripted mid-stream failure', async () => {
    mock.script({ times: 1, streamErrorStatus: 500 });
    const response = await postJson(base(), { model: 'gpt-4o', input: 'hello world', stream: true });
    const events = parseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual(['response.created', 'error']);
    expect(events[1]?.data).toMatchObject({ type: 'error', code: 'server_error', sequence_number: 1 });
  });
});

describe('stored responses', () => {
  it('retrieves and deletes; both are 404s afterwards', async () => {
    const { id } = await create({ input: 'Hi' });
    expect((await json<ResponseBody>(await fetch(`${base()}/${id}`))).id).toBe(id);
    const deleted = await fetch(`${base()}/${id}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ id, object: 'response', deleted: true });
    for (const method of ['GET', 'DELETE']) {
      const gone = await fetch(`${base()}/${id}`, { method });
      expect(gone.status).toBe(404);
      expect((await errorOf(gone)).message).toBe(`Response with id '${id}' not found.`);
    }
  });

  it('does not keep store: false responses', async () => {
    const { id } = await create({ input: 'Hi', store: false });
    expect((await fetch(`${base()}/${id}`)).status).toBe(404);
  });

  it('lists the input items newest first by default, paginated with after', async () => {
    const { id } = await create({
      input: [
        { role: 'user', content: 'one' },
        { role: 'user', content: [{ type: 'input_text', text: 'two' }] },
        { type: 'function_call_output', call_id: 'call_1', output: 'three' },
      ],
    });
    const page = await json<ItemList>(await fetch(`${base()}/${id}/input_items?limit=2`));
    expect(page).toMatchObject({ object: 'list', has_more: true });
    expect(page.data.map((item) => item.type)).toEqual(['function_call_output', 'message']);
    expect(page.data[1]?.content).toEqual([{ type: 'input_text', text: 'two' }]);
    const next = await json<ItemList>(
      await fetch(`${base()}/${id}/input_items?limit=2&after=${page.last_id}`),
    );
    expect(next).toMatchObject({
      has_more: false,
      data: [{ content: [{ type: 'input_text', text: 'one' }] }],
    });
    const ascending = await json<ItemList>(await fetch(`${base()}/${id}/input_items?order=asc`));
    expect(ascending.first_id).toBe(next.data[0]?.id);
    expect((await fetch(`${base()}/${id}/input_items?limit=500`)).status).toBe(400);
  });

  it('queues background responses, completes them once retrieved, and cancels queued ones', async () => {
    const queued = await create({ input: 'Hi', background: true });
    expect(queued).toMatchObject({ status: 'queued', background: true, output: [] });
    const cancelled = await json<ResponseBody>(await postJson(`${base()}/${queued.id}/cancel`, {}));
    expect(cancelled.status).toBe('cancelled');
    const other = await create({ input: 'Hi', background: true });
    expect((await json<ResponseBody>(await fetch(`${base()}/${other.id}`))).status).toBe('completed');
  });

  it('refuses to cancel a synchronous response', async () => {
    const { id } = await create({ input: 'Hi' });
    const refused = await postJson(`${base()}/${id}/cancel`, {});
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toBe('Cannot cancel a synchronous response.');
  });

  it('replays a stored response as events with ?stream=true from starting_after', async () => {
    const { id } = await create({ input: 'Hi' });
    const events = parseEvents(await (await fetch(`${base()}/${id}?stream=true&starting_after=3`)).text());
    expect(events[0]?.data.sequence_number).toBe(4);
    expect(events.at(-1)?.event).toBe('response.completed');
  });
});

describe('Azure’s Responses API', () => {
  it('serves the v1 form and the api-version form, the same store behind both', async () => {
    const v1 = await json<ResponseBody>(
      await postJson(`${mock.url}/openai/v1/responses`, { model: 'my-deployment', input: 'Hi' }),
    );
    expect(v1).toMatchObject({ object: 'response', model: 'my-deployment' });
    const dated = await fetch(`${mock.url}/openai/responses/${v1.id}?api-version=2025-04-01-preview`);
    expect((await json<ResponseBody>(dated)).id).toBe(v1.id);
    const missing = await fetch(`${mock.url}/openai/responses/${v1.id}`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toBe('Resource not found');
  });

  it('serves legacy completions on deployments (model from the path) and v1', async () => {
    const deployment = await postJson(
      `${mock.url}/openai/deployments/instruct/completions?api-version=2024-10-21`,
      {
        prompt: 'Hi',
      },
    );
    const answer = await json<{
      model: string;
      prompt_filter_results: unknown[];
      choices: Array<{ content_filter_results: { hate: { filtered: boolean } } }>;
    }>(deployment);
    expect(answer).toMatchObject({ model: 'instruct', prompt_filter_results: [expect.any(Object)] });
    expect(answer.choices[0]?.content_filter_results.hate.filtered).toBe(false);
    expect(mock.requestCount('instruct')).toBe(1);
    const v1 = await postJson(`${mock.url}/openai/v1/completions`, {
      model: 'instruct',
      prompt: 'Hi',
      stream: true,
    });
    const frames = (await v1.text()).split('\n\n').filter((frame) => frame !== '');
    expect(JSON.parse(frames[0]!.slice(6)).prompt_filter_results).toBeDefined();
    expect(frames.at(-1)).toBe('data: [DONE]');
  });
});
