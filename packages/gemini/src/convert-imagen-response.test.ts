import { BadGatewayError, ContentPolicyViolationError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { convertImagenResponse } from './convert-imagen-response.js';

const context = { provider: 'vertex_ai', model: 'imagen-4.0-generate-001', created: 1_750_000_000 };

describe('convertImagenResponse', () => {
  it('turns predictions into b64_json images with the rewritten prompt, skipping filtered ones', () => {
    const converted = convertImagenResponse(loadJsonFixture('imagen-predict.response.json'), context);
    expect(converted.created).toBe(1_750_000_000);
    expect(converted.output_format).toBe('png');
    expect(converted.data).toHaveLength(2);
    expect(converted.data[0]).toEqual({
      b64_json: expect.stringMatching(/^iVBOR/),
      revised_prompt: expect.stringContaining('red skateboard'),
    });
    expect(converted.data[1]?.b64_json).not.toBe(converted.data[0]?.b64_json);
  });

  it('makes an answer without any image a content policy violation with the reason', () => {
    const error = (() => {
      try {
        convertImagenResponse(loadJsonFixture('imagen-predict-filtered.response.json'), context);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect((error as Error).message).toContain('filtered out 4 generated images');
    expect(() => convertImagenResponse({}, context)).toThrow(ContentPolicyViolationError);
  });

  it('answers predictions that are not a list with a 502', () => {
    expect(() => convertImagenResponse({ predictions: 'x' }, context)).toThrow(BadGatewayError);
  });
});
