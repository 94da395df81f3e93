import { describe, expect, it } from 'vitest';
import { encodeMultipart } from './multipart.js';

describe('encodeMultipart', () => {
  it('encodes fields and a file that a multipart parser reads back', async () => {
    const { body, contentType } = encodeMultipart(
      { model: 'whisper-1', 'timestamp_granularities[]': ['word', 'segment'] },
      {
        name: 'file',
        filename: 'clip "1".wav',
        contentType: 'audio/wav',
        data: new Uint8Array([1, 2, 3, 255]),
      },
    );
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('model')).toBe('whisper-1');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
    const file = form.get('file') as File;
    // Quotes travel percent-encoded (as browsers send them) and come back as quotes.
    expect(file.name).toBe('clip "1".wav');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 255]));
  });
});
