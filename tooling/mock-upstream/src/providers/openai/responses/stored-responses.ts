import { seededRandom } from '../../../core/deterministic-random.js';

/** A Response object as the mock returns it (OpenAI's `Response`). */
export type ResponseJson = Record<string, unknown> & {
  id: string;
  status: string;
  output: OutputItemJson[];
  background: boolean;
};

/** An input or output item, always with an id once stored. */
export type ItemJson = Record<string, unknown> & { id: string; type: string };

export type OutputItemJson = ItemJson;

/** One turn of the conversation as text, for replies and word-count usage. */
export interface ConversationTurn {
  role: string;
  text: string;
}

/** What the mock keeps of a stored response. */
export interface StoredMockResponse {
  response: ResponseJson;
  /** The request's own input items, with ids. */
  inputItems: ItemJson[];
  /** The whole conversation up to and including this response's output, for `previous_response_id`. */
  conversation: ConversationTurn[];
  /** A queued background response's answer, which it becomes once retrieved. */
  completion?: { response: ResponseJson; conversation: ConversationTurn[] };
}

const responseKey = (id: string) => `response:${id}`;
const itemKey = (id: string) => `item:${id}`;

/** The stored responses of one mock server, kept in its `objects` map (cleared by `reset()`). */
export class StoredResponses {
  constructor(private readonly objects: Map<string, unknown>) {}

  get(id: string): StoredMockResponse | undefined {
    return this.objects.get(responseKey(id)) as StoredMockResponse | undefined;
  }

  put(stored: StoredMockResponse): void {
    this.objects.set(responseKey(stored.response.id), stored);
    for (const item of [...stored.inputItems, ...stored.response.output])
      this.objects.set(itemKey(item.id), item);
  }

  delete(id: string): boolean {
    return this.objects.delete(responseKey(id));
  }

  /** Whether an item (input or output of a stored response) has this id. */
  hasItem(id: string): boolean {
    return this.objects.has(itemKey(id));
  }
}

/** An OpenAI-looking id: the prefix and 48 hex digits, the same for the same seed. */
export function hexId(prefix: string, seed: string): string {
  const random = seededRandom(seed);
  let digits = '';
  for (let index = 0; index < 48; index++) digits += Math.floor(random() * 16).toString(16);
  return `${prefix}_${digits}`;
}
