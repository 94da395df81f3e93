import {
  BadRequestError,
  handleUnsupportedParams,
  isRecord,
  type RerankRequest,
  type RerankResponse,
} from '@switchyard/core';

export interface BedrockRerankContext {
  provider: string;
  /** The model id (`amazon.rerank-v1:0`, `cohere.rerank-v3-5:0`) or its full ARN. */
  model: string;
  /** The region, needed to name a model id by its ARN. */
  region: string | undefined;
  dropParams: boolean;
}

/** Bedrock Agent Runtime's Rerank body (the fields Switchyard sends). */
export interface BedrockRerankBody {
  queries: [{ type: 'TEXT'; textQuery: { text: string } }];
  sources: Array<{
    type: 'INLINE';
    inlineDocumentSource:
      | { type: 'TEXT'; textDocument: { text: string } }
      | { type: 'JSON'; jsonDocument: Record<string, unknown> };
  }>;
  rerankingConfiguration: {
    type: 'BEDROCK_RERANKING_MODEL';
    bedrockRerankingConfiguration: {
      numberOfResults: number;
      modelConfiguration: { modelArn: string; additionalModelRequestFields?: Record<string, unknown> };
    };
  };
}

/** Canonical rerank fields the Rerank API has no place for: refused, or dropped with drop_params. */
const unsupportedParams = ['max_tokens_per_doc'];
const canonicalFields = new Set([
  'model',
  'query',
  'documents',
  'top_n',
  'return_documents',
  'max_tokens_per_doc',
]);
/** Bedrock bills one query per 100 documents (a query may hold up to 100 document chunks). */
const DOCUMENTS_PER_SEARCH_UNIT = 100;

/** `arn:{partition}:bedrock:{region}::foundation-model/{id}`, or the model itself when it is an ARN. */
export function bedrockModelArn(model: string, region: string | undefined, provider: string): string {
  if (model.startsWith('arn:')) return model;
  if (!region) {
    throw new BadRequestError({
      message: `${provider} rerank names the model by its ARN, which needs the AWS region: set aws_region_name on the deployment or AWS_REGION, or use the model's full ARN`,
      param: 'aws_region_name',
      provider,
      model,
    });
  }
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:bedrock:${region}::foundation-model/${model}`;
}

/**
 * The Rerank body: the query as the one `TEXT` query, each document as an `INLINE` source (`TEXT`,
 * or `JSON` for an object document), `top_n` as `numberOfResults` (every document when absent),
 * the model's ARN, and any other field as the model's `additionalModelRequestFields`.
 */
export function prepareBedrockRerankBody(
  request: RerankRequest,
  context: BedrockRerankContext,
): BedrockRerankBody {
  const checked = handleUnsupportedParams(request, {
    provider: context.provider,
    model: context.model,
    unsupported: unsupportedParams,
    dropParams: context.dropParams,
  });
  const additional: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(checked)) {
    if (!canonicalFields.has(name) && value !== undefined && value !== null) additional[name] = value;
  }
  const modelConfiguration: BedrockRerankBody['rerankingConfiguration']['bedrockRerankingConfiguration']['modelConfiguration'] =
    { modelArn: bedrockModelArn(context.model, context.region, context.provider) };
  if (Object.keys(additional).length > 0) modelConfiguration.additionalModelRequestFields = additional;
  return {
    queries: [{ type: 'TEXT', textQuery: { text: checked.query } }],
    sources: checked.documents.map((document) => ({
      type: 'INLINE',
      inlineDocumentSource:
        typeof document === 'string'
          ? { type: 'TEXT', textDocument: { text: document } }
          : { type: 'JSON', jsonDocument: document },
    })),
    rerankingConfiguration: {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: {
        numberOfResults: Math.min(checked.top_n ?? checked.documents.length, checked.documents.length),
        modelConfiguration,
      },
    },
  };
}

/**
 * Bedrock's `results[{index, relevanceScore}]` in Cohere's shape, or undefined without a list of
 * results. The API reports no usage; `meta.billed_units.search_units` is what Bedrock bills: one
 * query per 100 documents. Documents come back when asked, taken from the request.
 */
export function convertBedrockRerankResponse(
  answer: Record<string, unknown>,
  request: RerankRequest,
  id: string,
): RerankResponse | undefined {
  if (!Array.isArray(answer.results)) return undefined;
  const results: RerankResponse['results'] = [];
  for (const item of answer.results) {
    if (!isRecord(item) || typeof item.index !== 'number' || typeof item.relevanceScore !== 'number') {
      return undefined;
    }
    const result: RerankResponse['results'][number] = {
      index: item.index,
      relevance_score: item.relevanceScore,
    };
    const document = request.documents[item.index];
    if (request.return_documents === true && document !== undefined) {
      result.document = typeof document === 'string' ? { text: document } : document;
    }
    results.push(result);
  }
  const searchUnits = Math.max(1, Math.ceil(request.documents.length / DOCUMENTS_PER_SEARCH_UNIT));
  return { id, results, meta: { billed_units: { search_units: searchUnits } } };
}
