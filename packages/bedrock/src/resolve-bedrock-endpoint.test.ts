import { AuthenticationError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { resolveBedrockEndpoint } from './resolve-bedrock-endpoint.js';

const model = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const iam = { aws_access_key_id: 'AKIAPARAMS000000', aws_secret_access_key: 'param-secret' };

describe('resolveBedrockEndpoint', () => {
  it('signs with the deployment’s IAM credentials and region, at the regional endpoint', () => {
    const endpoint = resolveBedrockEndpoint(
      'bedrock',
      { model, params: { ...iam, aws_session_token: 'tok', aws_region_name: 'eu-west-1' } },
      {},
      {},
    );

    expect(endpoint).toEqual({
      baseURL: 'https://bedrock-runtime.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      auth: {
        kind: 'sigv4',
        region: 'eu-west-1',
        credentials: {
          accessKeyId: 'AKIAPARAMS000000',
          secretAccessKey: 'param-secret',
          sessionToken: 'tok',
        },
      },
    });
  });

  it('uses api_key as a Bedrock API key before anything else', () => {
    const endpoint = resolveBedrockEndpoint(
      'bedrock',
      { model, apiKey: 'ABSK-key', params: iam },
      {},
      { AWS_REGION: 'us-west-2' },
    );

    expect(endpoint).toEqual({
      baseURL: 'https://bedrock-runtime.us-west-2.amazonaws.com',
      region: 'us-west-2',
      auth: { kind: 'bearer', token: 'ABSK-key' },
    });
  });

  it('falls back to the settings, then AWS_BEARER_TOKEN_BEDROCK, then the AWS_* variables', () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_DEFAULT_REGION: 'ap-south-1',
    };

    expect(
      resolveBedrockEndpoint(
        'bedrock',
        { model },
        { accessKeyId: 'AKIASET', secretAccessKey: 's', region: 'ca-central-1' },
        env,
      ).auth,
    ).toEqual({
      kind: 'sigv4',
      region: 'ca-central-1',
      credentials: { accessKeyId: 'AKIASET', secretAccessKey: 's' },
    });
    expect(
      resolveBedrockEndpoint('bedrock', { model }, {}, { ...env, AWS_BEARER_TOKEN_BEDROCK: 'ABSK-env' }).auth,
    ).toEqual({
      kind: 'bearer',
      token: 'ABSK-env',
    });
    expect(resolveBedrockEndpoint('bedrock', { model }, {}, env)).toEqual({
      baseURL: 'https://bedrock-runtime.ap-south-1.amazonaws.com',
      region: 'ap-south-1',
      auth: {
        kind: 'sigv4',
        region: 'ap-south-1',
        credentials: { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret' },
      },
    });
  });

  it('prefers aws_bedrock_runtime_endpoint, then api_base, trimming trailing slashes', () => {
    const params = { ...iam, aws_region_name: 'us-east-1' };

    expect(
      resolveBedrockEndpoint('bedrock', { model, apiBase: 'https://proxy.example/', params }, {}, {}).baseURL,
    ).toBe('https://proxy.example');
    expect(
      resolveBedrockEndpoint(
        'bedrock',
        {
          model,
          apiBase: 'https://b.example',
          params: { ...params, aws_bedrock_runtime_endpoint: 'https://vpce.example//' },
        },
        {},
        {},
      ).baseURL,
    ).toBe('https://vpce.example');
  });

  it('defaults Rerank calls to the regional Agent Runtime endpoint', () => {
    const endpoint = resolveBedrockEndpoint(
      'bedrock',
      { model: 'amazon.rerank-v1:0', params: { ...iam, aws_region_name: 'us-west-2' } },
      {},
      {},
      'bedrock-agent-runtime',
    );
    expect(endpoint.baseURL).toBe('https://bedrock-agent-runtime.us-west-2.amazonaws.com');
    expect(endpoint.auth).toMatchObject({ kind: 'sigv4', region: 'us-west-2' });
  });

  it('needs no region for a bearer key at a configured endpoint, but does for SigV4', () => {
    expect(
      resolveBedrockEndpoint('bedrock', { model, apiKey: 'k', apiBase: 'https://x.example' }, {}, {}).baseURL,
    ).toBe('https://x.example');
    expect(() => resolveBedrockEndpoint('bedrock', { model, params: iam }, {}, {})).toThrow(
      'No AWS region for bedrock',
    );
  });

  it('refuses a call without credentials, saying where to set them', () => {
    const call = () => resolveBedrockEndpoint('bedrock', { model }, {}, { AWS_REGION: 'us-east-1' });

    expect(call).toThrow(AuthenticationError);
    expect(call).toThrow('aws_access_key_id and aws_secret_access_key');
  });
});
