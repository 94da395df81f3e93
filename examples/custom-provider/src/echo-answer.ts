/** One answer of the echo provider, before it is shaped as a response or a chunk stream. */
export interface EchoAnswer {
  /** `chatcmpl-echo-…`, shared by the response or every chunk of the stream. */
  id: string;
  /** Seconds since the epoch. */
  created: number;
  /** The upstream model id that was asked for (`reverse`, …). */
  model: string;
  /** The text every choice answers with. */
  content: string;
  /** How many choices (`n`); they are identical, the answer being deterministic. */
  choices: number;
}
