import { AuthenticationError, type ProviderCallOptions } from '@switchyard/core';
import type { AwsCredentials } from './sign-aws-request.js';

/** How calls authenticate: a Bedrock API key (bearer) or IAM credentials (SigV4). */
export type BedrockAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'sigv4'; credentials: AwsCredentials; region: string };

export interface BedrockEndpoint {
  /** `https://bedrock-runtime.{region}.amazonaws.com`, or the configured endpoint, without a trailing slash. */
  baseURL: string;
  auth: BedrockAuth;
  /** The AWS region, when one is configured (it is needed to sign, and to name a model by ARN). */
  region: string | undefined;
}

/** The service a call goes to: Bedrock Runtime (Converse, InvokeModel) or Agent Runtime (Rerank). */
export type BedrockService = 'bedrock-runtime' | 'bedrock-agent-runtime';

/** The credentials a provider instance may be created with (all optional). */
export interface BedrockCredentialSettings {
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  apiKey?: string;
  baseURL?: string;
}

const trailingSlashes = /\/+$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function missing(provider: string, model: string, what: string, hint: string): AuthenticationError {
  return new AuthenticationError({ message: `No ${what} for ${provider}: ${hint}`, provider, model });
}

function resolveAuth(
  options: ProviderCallOptions,
  settings: BedrockCredentialSettings,
  env: Record<string, string | undefined>,
  region: () => string,
): BedrockAuth | undefined {
  const params = options.params ?? {};
  const sigv4 = (
    accessKeyId?: string,
    secretAccessKey?: string,
    sessionToken?: string,
  ): BedrockAuth | undefined =>
    accessKeyId && secretAccessKey
      ? {
          kind: 'sigv4',
          credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
          region: region(),
        }
      : undefined;
  const bearer = (token?: string): BedrockAuth | undefined => (token ? { kind: 'bearer', token } : undefined);
  return (
    bearer(text(options.apiKey)) ??
    sigv4(
      text(params.aws_access_key_id),
      text(params.aws_secret_access_key),
      text(params.aws_session_token),
    ) ??
    bearer(text(settings.apiKey)) ??
    sigv4(text(settings.accessKeyId), text(settings.secretAccessKey), text(settings.sessionToken)) ??
    bearer(text(env.AWS_BEARER_TOKEN_BEDROCK)) ??
    sigv4(text(env.AWS_ACCESS_KEY_ID), text(env.AWS_SECRET_ACCESS_KEY), text(env.AWS_SESSION_TOKEN))
  );
}

/**
 * Where and how to call Bedrock for one call, read at call time. Credentials, first found wins:
 * the deployment's `api_key` (a Bedrock API key), its `aws_access_key_id` / `aws_secret_access_key`
 * (/ `aws_session_token`), the instance settings, then AWS_BEARER_TOKEN_BEDROCK and
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN). The region is the deployment's
 * `aws_region_name`, the settings' or AWS_REGION / AWS_DEFAULT_REGION; the endpoint is
 * `aws_bedrock_runtime_endpoint`, `api_base`, the settings' baseURL or the regional default of the
 * service (`bedrock-runtime`, or `bedrock-agent-runtime` for Rerank, as litellm resolves it).
 */
export function resolveBedrockEndpoint(
  provider: string,
  options: ProviderCallOptions,
  settings: BedrockCredentialSettings,
  env: Record<string, string | undefined>,
  service: BedrockService = 'bedrock-runtime',
): BedrockEndpoint {
  const params = options.params ?? {};
  const regionName =
    text(params.aws_region_name) ??
    text(settings.region) ??
    text(env.AWS_REGION) ??
    text(env.AWS_DEFAULT_REGION);
  const region = () => {
    if (!regionName) {
      throw missing(
        provider,
        options.model,
        'AWS region',
        'set aws_region_name on the deployment or the AWS_REGION environment variable',
      );
    }
    return regionName;
  };
  const auth = resolveAuth(options, settings, env, region);
  if (!auth) {
    throw missing(
      provider,
      options.model,
      'AWS credentials',
      'set aws_access_key_id and aws_secret_access_key (or api_key, a Bedrock API key) on the deployment, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK) in the environment',
    );
  }
  const configured =
    text(params.aws_bedrock_runtime_endpoint) ?? text(options.apiBase) ?? text(settings.baseURL);
  const baseURL = configured ?? `https://${service}.${region()}.amazonaws.com`;
  return { baseURL: baseURL.replace(trailingSlashes, ''), auth, region: regionName };
}
