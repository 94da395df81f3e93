/** One document of a rerank request: the text it is ranked by, and the document as sent. */
export interface MockRerankDocument {
  text: string;
  original: unknown;
}

export interface MockRerankRequest {
  model: string;
  query: string;
  documents: MockRerankDocument[];
  topN: number | undefined;
  returnDocuments: boolean | undefined;
}

export interface RerankRequestRules {
  /** The field holding the number of results (`top_n`, Voyage's `top_k`). */
  topField: 'top_n' | 'top_k';
  /**
   * Which documents are taken besides strings: `none`; `text` (objects with a `text` field, Jina's
   * text documents); `json` (any object, ranked by its `rank_fields` values or all of them: Together).
   */
  objectDocuments: 'none' | 'text' | 'json';
}

export type RerankRequestResult =
  | { ok: true; request: MockRerankRequest }
  | { ok: false; message: string; param: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a Cohere-style rerank body (Together, Jina, Voyage, vLLM), checking what their APIs check. */
export function readRerankRequest(body: unknown, rules: RerankRequestRules): RerankRequestResult {
  if (!isObject(body)) return fail('the request body must be a JSON object', 'body');
  if (typeof body.model !== 'string' || body.model === '') return fail('model is required', 'model');
  if (typeof body.query !== 'string' || body.query === '') return fail('query is required', 'query');
  if (!Array.isArray(body.documents) || body.documents.length === 0) {
    return fail('documents must be a non-empty list', 'documents');
  }
  const rankFields = Array.isArray(body.rank_fields)
    ? body.rank_fields.filter((field): field is string => typeof field === 'string')
    : undefined;
  const documents: MockRerankDocument[] = [];
  for (const document of body.documents) {
    const text = documentText(document, rules.objectDocuments, rankFields);
    if (text === undefined) {
      const allowed = rules.objectDocuments === 'none' ? 'strings' : 'strings or objects';
      return fail(`documents must be ${allowed}`, 'documents');
    }
    documents.push({ text, original: document });
  }
  const top = body[rules.topField];
  if (top !== undefined && top !== null && (typeof top !== 'number' || !Number.isInteger(top) || top < 1)) {
    return fail(`${rules.topField} must be a positive integer`, rules.topField);
  }
  const returnDocuments = body.return_documents;
  if (returnDocuments !== undefined && returnDocuments !== null && typeof returnDocuments !== 'boolean') {
    return fail('return_documents must be a boolean', 'return_documents');
  }
  return {
    ok: true,
    request: {
      model: body.model,
      query: body.query,
      documents,
      topN: typeof top === 'number' ? top : undefined,
      returnDocuments: typeof returnDocuments === 'boolean' ? returnDocuments : undefined,
    },
  };
}

function documentText(
  document: unknown,
  objects: RerankRequestRules['objectDocuments'],
  rankFields: string[] | undefined,
): string | undefined {
  if (typeof document === 'string') return document;
  if (!isObject(document) || objects === 'none') return undefined;
  if (objects === 'text') return typeof document.text === 'string' ? document.text : undefined;
  const fields = rankFields ?? Object.keys(document);
  return fields.map((field) => (typeof document[field] === 'string' ? document[field] : '')).join(' ');
}

function fail(message: string, param: string): RerankRequestResult {
  return { ok: false, message, param };
}
