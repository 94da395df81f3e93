import { describe, expect, it } from 'vitest';
import { parseAzureApiVersion } from './azure-api-version.js';
import { azureOperationUrl, azureResponsesUrl, hasResponsesApi, normalizeAzureBase } from './azure-url.js';

describe('azureOperationUrl', () => {
  const dated = parseAzureApiVersion('2024-10-21');

  it('builds the deployment URL with the api version as the only query parameter', () => {
    expect(
      azureOperationUrl('https://my-resource.openai.azure.com', dated, 'gpt-4o', 'chat/completions'),
    ).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    );
    expect(azureOperationUrl('https://r.openai.azure.com/', dated, 'embed', 'embeddings')).toBe(
      'https://r.openai.azure.com/openai/deployments/embed/embeddings?api-version=2024-10-21',
    );
  });

  it('escapes the deployment name', () => {
    expect(azureOperationUrl('https://r.openai.azure.com', dated, 'a b/c', 'chat/completions')).toContain(
      '/openai/deployments/a%20b%2Fc/chat/completions',
    );
  });

  it('addresses the v1 surface without a deployment in the path', () => {
    expect(
      azureOperationUrl('https://r.openai.azure.com', parseAzureApiVersion('v1'), 'd', 'chat/completions'),
    ).toBe('https://r.openai.azure.com/openai/v1/chat/completions');
    expect(
      azureOperationUrl('https://r.openai.azure.com', parseAzureApiVersion('preview'), 'd', 'embeddings'),
    ).toBe('https://r.openai.azure.com/openai/v1/embeddings?api-version=preview');
  });
});

describe('normalizeAzureBase', () => {
  it('drops trailing slashes and a copied /openai or /openai/v1 suffix', () => {
    expect(normalizeAzureBase('https://r.openai.azure.com//')).toBe('https://r.openai.azure.com');
    expect(normalizeAzureBase('https://r.openai.azure.com/openai/')).toBe('https://r.openai.azure.com');
    expect(normalizeAzureBase('https://r.openai.azure.com/openai/v1')).toBe('https://r.openai.azure.com');
  });
});

describe('the Responses API URL', () => {
  it('exists on v1 and on dated versions from 2025-03-01 on', () => {
    expect(hasResponsesApi(parseAzureApiVersion('v1'))).toBe(true);
    expect(hasResponsesApi(parseAzureApiVersion('preview'))).toBe(true);
    expect(hasResponsesApi(parseAzureApiVersion('2025-03-01-preview'))).toBe(true);
    expect(hasResponsesApi(parseAzureApiVersion('2025-02-01-preview'))).toBe(false);
    expect(hasResponsesApi(parseAzureApiVersion('2024-10-21'))).toBe(false);
  });

  it('addresses the collection or a stored response, the api-version first and never replaced', () => {
    const base = 'https://r.openai.azure.com/openai';
    expect(azureResponsesUrl(base, parseAzureApiVersion('2025-04-01-preview'))).toBe(
      'https://r.openai.azure.com/openai/responses?api-version=2025-04-01-preview',
    );
    expect(
      azureResponsesUrl(base, parseAzureApiVersion('v1'), '/resp_1/input_items', {
        'api-version': 'x',
        'include[]': ['a', 'b'],
      }),
    ).toBe(
      'https://r.openai.azure.com/openai/v1/responses/resp_1/input_items?include%5B%5D=a&include%5B%5D=b',
    );
  });
});
