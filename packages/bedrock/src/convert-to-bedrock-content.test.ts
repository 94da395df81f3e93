import { BadRequestError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertFilePart, convertImageUrl, convertUserContent } from './convert-to-bedrock-content.js';

const context = { provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0' };
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function refusal(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a refusal');
}

describe('convertImageUrl', () => {
  it('turns a base64 data URL into image bytes with its format', () => {
    expect(convertImageUrl(`data:image/png;base64,${png}`, 'p', context)).toEqual({
      image: { format: 'png', source: { bytes: png } },
    });
    expect(convertImageUrl('data:image/jpg;base64,AAAA', 'p', context)).toEqual({
      image: { format: 'jpeg', source: { bytes: 'AAAA' } },
    });
  });

  it('passes an s3:// URL as an S3 location', () => {
    expect(convertImageUrl('s3://my-bucket/photos/cat.webp', 'p', context)).toEqual({
      image: { format: 'webp', source: { s3Location: { uri: 's3://my-bucket/photos/cat.webp' } } },
    });
  });

  it('refuses an http(s) URL without fetching it, naming the part', () => {
    const error = refusal(() =>
      convertImageUrl('https://example.com/cat.png', 'messages[0].content[1].image_url.url', context),
    );

    expect(error.param).toBe('messages[0].content[1].image_url.url');
    expect(error.message).toContain('cannot fetch image URLs');
    expect(error.message).toContain('messages[0].content[1]');
    expect(error.status).toBe(400);
  });

  it('refuses an image type Bedrock does not take', () => {
    expect(refusal(() => convertImageUrl('data:image/bmp;base64,Qk0=', 'p', context)).message).toContain(
      'image/bmp',
    );
  });
});

describe('convertFilePart', () => {
  it('turns a PDF data URL into a document named after the file', () => {
    const block = convertFilePart(
      { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'Q3 report.v2.pdf' },
      'p',
      context,
      'doc',
    );

    expect(block).toEqual({
      document: { format: 'pdf', name: 'Q3 report-v2', source: { bytes: 'JVBERi0x' } },
    });
  });

  it('names a document without a filename after its place', () => {
    expect(convertFilePart({ file_data: 'data:text/csv;base64,YSxi' }, 'p', context, 'document-2-0')).toEqual(
      {
        document: { format: 'csv', name: 'document-2-0', source: { bytes: 'YSxi' } },
      },
    );
  });

  it('refuses file ids and unsupported types', () => {
    expect(refusal(() => convertFilePart({ file_id: 'file-abc' }, 'p', context, 'd')).message).toContain(
      'file ids are not supported',
    );
    expect(
      refusal(() => convertFilePart({ file_data: 'data:application/zip;base64,UEs=' }, 'p', context, 'd'))
        .message,
    ).toContain('application/zip');
  });
});

describe('convertUserContent', () => {
  it('keeps text and media in order, with a cache point after a marked part', () => {
    const blocks = convertUserContent(
      [
        { type: 'text', text: 'Long context', cache_control: { type: 'ephemeral' } },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        { type: 'text', text: '' },
      ],
      0,
      context,
    );

    expect(blocks).toEqual([
      { text: 'Long context' },
      { cachePoint: { type: 'default' } },
      { image: { format: 'png', source: { bytes: png } } },
    ]);
  });

  it('refuses audio parts', () => {
    const error = refusal(() =>
      convertUserContent([{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }], 3, context),
    );

    expect(error.param).toBe('messages[3].content[0]');
  });
});
