import type { ErrorReply, MockRoute } from '../../core/provider.js';
import { rankDocuments } from '../../core/rank-documents.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { bedrockValidationError } from './bedrock-error.js';
import { isObject } from './validate-converse-content.js';

const rerankModels = new Set(['amazon.rerank-v1:0', 'cohere.rerank-v3-5:0']);
const modelArnPattern = /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]+::foundation-model\/(.+)$/;
const MAX_SOURCES = 1000;

type Checked = { ok: true; query: string; sources: unknown[]; texts: string[]; count: number } | ErrorReply;

/** The text a source is ranked by: a text document's text, or a JSON document's string values. */
function sourceText(source: unknown): string | undefined {
  if (!isObject(source) || source.type !== 'INLINE' || !isObject(source.inlineDocumentSource))
    return undefined;
  const document = source.inlineDocumentSource;
  if (document.type === 'TEXT') {
    return isObject(document.textDocument) && typeof document.textDocument.text === 'string'
      ? document.textDocument.text
      : undefined;
  }
  if (document.type === 'JSON' && isObject(document.jsonDocument)) {
    return Object.values(document.jsonDocument)
      .filter((value): value is string => typeof value === 'string')
      .join(' ');
  }
  return undefined;
}

/** Checks a Rerank body the way the API documents it (one text query, 1-1000 inline sources, a model ARN). */
function checkRerank(body: unknown): Checked {
  if (!isObject(body)) return bedrockValidationError('The request body must be a JSON object.');
  const queries = body.queries;
  const query =
    Array.isArray(queries) && queries.length === 1 && isObject(queries[0]) ? queries[0] : undefined;
  if (query?.type !== 'TEXT' || !isObject(query.textQuery) || typeof query.textQuery.text !== 'string') {
    return bedrockValidationError(
      "1 validation error detected: Value at 'queries' failed to satisfy constraint: Member must have length less than or equal to 1 and contain one TEXT query",
    );
  }
  const sources = body.sources;
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > MAX_SOURCES) {
    return bedrockValidationError(
      "1 validation error detected: Value at 'sources' failed to satisfy constraint: Member must have length between 1 and 1000",
    );
  }
  const texts = sources.map(sourceText);
  if (texts.some((text) => text === undefined)) {
    return bedrockValidationError(
      'Each source must be an INLINE TEXT document with text or a JSON document.',
    );
  }
  const settings = isObject(body.rerankingConfiguration) ? body.rerankingConfiguration : {};
  const bedrock = isObject(settings.bedrockRerankingConfiguration)
    ? settings.bedrockRerankingConfiguration
    : {};
  const modelConfiguration = isObject(bedrock.modelConfiguration) ? bedrock.modelConfiguration : {};
  const arn = typeof modelConfiguration.modelArn === 'string' ? modelConfiguration.modelArn : '';
  const model = modelArnPattern.exec(arn)?.[1];
  if (settings.type !== 'BEDROCK_RERANKING_MODEL' || model === undefined) {
    return bedrockValidationError(
      'The rerankingConfiguration must be of type BEDROCK_RERANKING_MODEL with a foundation model ARN.',
    );
  }
  if (!rerankModels.has(model)) {
    return bedrockValidationError(`The provided model ${model} does not support reranking.`);
  }
  const count = bedrock.numberOfResults ?? sources.length;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SOURCES) {
    return bedrockValidationError(
      "1 validation error detected: Value at 'rerankingConfiguration.bedrockRerankingConfiguration.numberOfResults' failed to satisfy constraint: Member must have value between 1 and 1000",
    );
  }
  return { ok: true, query: query.textQuery.text, sources, texts: texts as string[], count };
}

/**
 * `POST /rerank` (Bedrock Agent Runtime): the sources ranked against the one text query, cut to
 * `numberOfResults`; each result is `{index, relevanceScore, document}`.
 */
export const bedrockRerankRoute: MockRoute = {
  method: 'POST',
  path: '/rerank',
  async handle(context) {
    const checked = checkRerank(context.request.body);
    if (!('ok' in checked)) return sendErrorReply(context, checked);
    const ranked = rankDocuments(checked.query, checked.texts, checked.count);
    sendJson(context, 200, {
      results: ranked.map((result) => {
        const source = checked.sources[result.index] as { inlineDocumentSource: unknown };
        return {
          index: result.index,
          relevanceScore: result.relevance_score,
          document: source.inlineDocumentSource,
        };
      }),
    });
  },
};
