import type { IncomingMessage } from 'node:http';

export interface RequestBody {
  text: string;
  /** False when the client went away before the whole body arrived. */
  complete: boolean;
}

/** Reads the whole request body as UTF-8; never rejects. */
export function readRequestBody(request: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (complete: boolean): void => {
      request.off('data', onData);
      resolve({ text: Buffer.concat(chunks).toString('utf8'), complete });
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish(true));
    request.once('error', () => finish(false));
    request.once('close', () => finish(request.complete));
  });
}
