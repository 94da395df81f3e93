import { z } from 'zod';

// Moderations (`POST /v1/moderations`) and image generation (`POST /v1/images/generations`), as in
// OpenAI's API. Requests are checked on the fields the gateway reads; responses pass through.

export const moderationRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.looseObject({ type: z.string() })).min(1),
  ]),
});

export const moderationResponseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  results: z.array(
    z.looseObject({
      flagged: z.boolean(),
      categories: z.record(z.string(), z.boolean()),
      category_scores: z.record(z.string(), z.number()),
    }),
  ),
});

export const imageGenerationRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.string().min(1),
  n: z.int().min(1).max(10).nullish(),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  response_format: z.enum(['url', 'b64_json']).nullish(),
  style: z.string().nullish(),
  user: z.string().optional(),
});

export const imageGenerationResponseSchema = z.looseObject({
  created: z.number(),
  data: z.array(
    z.looseObject({
      url: z.string().nullish(),
      b64_json: z.string().nullish(),
      revised_prompt: z.string().nullish(),
    }),
  ),
});

export type ModerationRequest = z.infer<typeof moderationRequestSchema>;
export type ModerationResponse = z.infer<typeof moderationResponseSchema>;
export type ImageGenerationRequest = z.infer<typeof imageGenerationRequestSchema>;
export type ImageGenerationResponse = z.infer<typeof imageGenerationResponseSchema>;
