import { z } from 'zod';

// Rerank in Cohere's shape (`POST /v1/rerank`, litellm's route), the de-facto standard.

export const rerankRequestSchema = z.looseObject({
  model: z.string().min(1),
  query: z.string().min(1),
  documents: z.array(z.union([z.string(), z.looseObject({ text: z.string() })])).min(1),
  top_n: z.int().min(1).nullish(),
  return_documents: z.boolean().nullish(),
  max_tokens_per_doc: z.int().min(1).nullish(),
});

export const rerankResponseSchema = z.looseObject({
  id: z.string(),
  results: z.array(
    z.looseObject({
      index: z.number(),
      relevance_score: z.number(),
      document: z.looseObject({ text: z.string() }).nullish(),
    }),
  ),
  meta: z.looseObject({}).nullish(),
});

export type RerankRequest = z.infer<typeof rerankRequestSchema>;
export type RerankResponse = z.infer<typeof rerankResponseSchema>;
