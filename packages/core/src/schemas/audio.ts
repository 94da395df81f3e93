import { z } from 'zod';

// Audio, as in OpenAI's API: text to speech (`POST /v1/audio/speech`, JSON in, audio bytes out)
// and transcription (`POST /v1/audio/transcriptions`, a multipart upload in, text or JSON out).

export const speechRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.string().min(1).max(4096),
  voice: z.union([z.string().min(1), z.looseObject({ id: z.string() })]),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).nullish(),
  speed: z.number().min(0.25).max(4).nullish(),
  instructions: z.string().nullish(),
});

export type SpeechRequest = z.infer<typeof speechRequestSchema>;

/** An uploaded file, held in memory (uploads are bounded by the proxy's body limit). */
export interface UploadedFile {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

export interface TranscriptionRequest {
  model: string;
  file: UploadedFile;
  /** The other form fields as sent (language, prompt, response_format, temperature, …). */
  fields: Record<string, string | string[]>;
}

/** A binary answer streamed through (audio). */
export interface BinaryBody {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

/** A transcription as the provider answered it: JSON, plain text, SRT or VTT. */
export interface TranscriptionResult {
  contentType: string;
  text: string;
}
