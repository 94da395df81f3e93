import { BadRequestError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { resolveAzureEndpoint } from './azure-endpoint.js';

const options = { model: 'dep' };

describe('resolveAzureEndpoint', () => {
  it('prefers the deployment’s api_base and api_version', () => {
    const endpoint = resolveAzureEndpoint(
      { ...options, apiBase: 'https://deployment.openai.azure.com', apiVersion: '2025-04-01-preview' },
      { baseURL: 'https://settings.openai.azure.com', apiVersion: '2024-06-01' },
      { AZURE_API_BASE: 'https://env.openai.azure.com', AZURE_API_VERSION: '2024-02-01' },
      'azure',
    );

    expect(endpoint).toEqual({
      base: 'https://deployment.openai.azure.com',
      surface: { kind: 'deployments', version: '2025-04-01-preview', date: '2025-04-01' },
    });
  });

  it('builds the endpoint from a resource name, then falls back to the environment and the default version', () => {
    expect(resolveAzureEndpoint(options, { resourceName: 'contoso' }, {}, 'azure').base).toBe(
      'https://contoso.openai.azure.com',
    );
    expect(
      resolveAzureEndpoint(
        options,
        {},
        { AZURE_OPENAI_ENDPOINT: 'https://e.openai.azure.com', OPENAI_API_VERSION: 'v1' },
        'azure',
      ),
    ).toEqual({ base: 'https://e.openai.azure.com', surface: { kind: 'v1', query: undefined } });
    expect(resolveAzureEndpoint(options, {}, { AZURE_API_BASE: 'https://e' }, 'azure').surface).toMatchObject(
      {
        version: '2024-10-21',
      },
    );
  });

  it('refuses a call without an endpoint, saying where to set one', () => {
    expect(() => resolveAzureEndpoint(options, {}, {}, 'azure')).toThrow(BadRequestError);
    expect(() => resolveAzureEndpoint(options, {}, {}, 'azure')).toThrow(/api_base.*AZURE_API_BASE/);
  });
});
