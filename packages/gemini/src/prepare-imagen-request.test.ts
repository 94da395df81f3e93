import { BadRequestError, type ImageGenerationRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { aspectRatioOfSize, prepareImagenRequest } from './prepare-imagen-request.js';

const context = { provider: 'gemini', model: 'imagen-4.0-generate-001', dropParams: false };
const prompt = 'Robot holding a red skateboard';

function refusal(request: ImageGenerationRequest): BadRequestError {
  try {
    prepareImagenRequest(request, context);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a refusal');
}

describe('prepareImagenRequest', () => {
  it('writes the documented predict body: one instance, n as sampleCount', () => {
    expect(prepareImagenRequest({ model: 'i', prompt, n: 4 }, context)).toEqual(
      loadJsonFixture('imagen-predict.request.json'),
    );
  });

  it('asks for one image when n is absent (Imagen’s own default is 4)', () => {
    expect(prepareImagenRequest({ model: 'i', prompt }, context).parameters).toEqual({ sampleCount: 1 });
  });

  it('maps sizes of an exact Imagen ratio to aspectRatio, and auto to nothing', () => {
    expect(prepareImagenRequest({ model: 'i', prompt, size: '1792x1008' }, context).parameters).toMatchObject(
      {
        aspectRatio: '16:9',
      },
    );
    expect(prepareImagenRequest({ model: 'i', prompt, size: 'auto' }, context).parameters).not.toHaveProperty(
      'aspectRatio',
    );
    expect(aspectRatioOfSize('1024x1024')).toBe('1:1');
    expect(aspectRatioOfSize('768x1024')).toBe('3:4');
    expect(aspectRatioOfSize('1024x768')).toBe('4:3');
    expect(aspectRatioOfSize('576x1024')).toBe('9:16');
    expect(aspectRatioOfSize('1792x1024')).toBeUndefined();
    expect(aspectRatioOfSize('1536x1024')).toBeUndefined();
    expect(aspectRatioOfSize('0x0')).toBeUndefined();
    expect(aspectRatioOfSize('large')).toBeUndefined();
  });

  it('maps output_format and output_compression to outputOptions', () => {
    const body = prepareImagenRequest(
      { model: 'i', prompt, output_format: 'jpeg', output_compression: 80 },
      context,
    );
    expect(body.parameters.outputOptions).toEqual({ mimeType: 'image/jpeg', compressionQuality: 80 });
  });

  it('forwards Imagen’s own parameters as sent', () => {
    const body = prepareImagenRequest(
      { model: 'i', prompt, personGeneration: 'dont_allow', sampleImageSize: '2K', user: undefined },
      context,
    );
    expect(body.parameters).toEqual({
      sampleCount: 1,
      personGeneration: 'dont_allow',
      sampleImageSize: '2K',
    });
  });

  it.each([
    ['n', { n: 5 }],
    ['size', { size: '1792x1024' }],
    ['response_format', { response_format: 'url' as const }],
    ['quality', { quality: 'hd' }],
    ['style', { style: 'vivid' }],
    ['user', { user: 'user-1234' }],
    ['output_format', { output_format: 'webp' }],
    ['background', { background: 'transparent' }],
  ])('refuses %s it cannot honour, naming it', (param, fields) => {
    const error = refusal({ model: 'i', prompt, ...fields });
    expect(error.param).toBe(param);
    expect(error.message).toContain('gemini (Imagen) cannot honour');
    expect(error.message).toContain('drop_params');
  });

  it('with drop_params leaves those out, and caps n at 4', () => {
    const body = prepareImagenRequest(
      {
        model: 'i',
        prompt,
        n: 8,
        size: '1536x1024',
        quality: 'high',
        style: 'vivid',
        response_format: 'url',
        user: 'u',
      },
      { ...context, dropParams: true },
    );
    expect(body).toEqual({ instances: [{ prompt }], parameters: { sampleCount: 4 } });
  });

  it('accepts auto values and b64_json without asking for anything', () => {
    const body = prepareImagenRequest(
      {
        model: 'i',
        prompt,
        quality: 'auto',
        background: 'auto',
        moderation: 'auto',
        response_format: 'b64_json',
      },
      context,
    );
    expect(body.parameters).toEqual({ sampleCount: 1 });
  });
});
