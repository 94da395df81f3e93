import { readFile } from 'node:fs/promises';
import { AuthenticationError, isRecord, safeParseJson } from '@switchyard/core';

/** A service account key file (`"type": "service_account"`). */
export interface ServiceAccountCredentials {
  type: 'service_account';
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  tokenUri: string;
  projectId?: string;
}

/** gcloud's application-default user credentials (`"type": "authorized_user"`). */
export interface AuthorizedUserCredentials {
  type: 'authorized_user';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUri: string;
  projectId?: string;
}

export type GoogleCredentials = ServiceAccountCredentials | AuthorizedUserCredentials;

export interface CredentialsContext {
  provider: string;
  model: string;
}

const defaultTokenUri = 'https://oauth2.googleapis.com/token';

function invalid(context: CredentialsContext, problem: string): AuthenticationError {
  // Never quote the credentials: they hold a private key or a refresh token.
  return new AuthenticationError({
    message: `${context.provider} credentials ${problem}`,
    provider: context.provider,
    model: context.model,
  });
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Validates a parsed credentials object (a service account key or authorized-user credentials). */
export function parseGoogleCredentials(value: unknown, context: CredentialsContext): GoogleCredentials {
  if (!isRecord(value)) throw invalid(context, 'are not a JSON object');
  const tokenUri = text(value.token_uri) ?? defaultTokenUri;
  if (value.type === 'service_account') {
    const clientEmail = text(value.client_email);
    const privateKey = text(value.private_key);
    if (!clientEmail || !privateKey) throw invalid(context, 'lack client_email or private_key');
    const privateKeyId = text(value.private_key_id);
    const projectId = text(value.project_id);
    return {
      type: 'service_account',
      clientEmail,
      privateKey,
      tokenUri,
      ...(privateKeyId ? { privateKeyId } : {}),
      ...(projectId ? { projectId } : {}),
    };
  }
  if (value.type === 'authorized_user') {
    const clientId = text(value.client_id);
    const clientSecret = text(value.client_secret);
    const refreshToken = text(value.refresh_token);
    if (!clientId || !clientSecret || !refreshToken) {
      throw invalid(context, 'lack client_id, client_secret or refresh_token');
    }
    const projectId = text(value.quota_project_id);
    return {
      type: 'authorized_user',
      clientId,
      clientSecret,
      refreshToken,
      tokenUri,
      ...(projectId ? { projectId } : {}),
    };
  }
  throw invalid(
    context,
    `of type ${JSON.stringify(value.type)} are not supported (use a service_account key or authorized_user credentials)`,
  );
}

/**
 * Credentials from litellm's `vertex_credentials`: the key file's JSON as a string or an object, or
 * the path of the file (also how GOOGLE_APPLICATION_CREDENTIALS names it), read asynchronously.
 */
export async function loadGoogleCredentials(
  source: unknown,
  context: CredentialsContext,
): Promise<GoogleCredentials> {
  if (isRecord(source)) return parseGoogleCredentials(source, context);
  if (typeof source !== 'string' || source.trim() === '') throw invalid(context, 'are missing');
  let json = source.trim();
  if (!json.startsWith('{')) {
    try {
      json = await readFile(json, 'utf8');
    } catch (error) {
      const code = isRecord(error) && typeof error.code === 'string' ? ` (${error.code})` : '';
      throw invalid(context, `file ${JSON.stringify(source)} could not be read${code}`);
    }
  }
  const parsed = safeParseJson(json);
  if (!parsed.ok) throw invalid(context, 'are not valid JSON');
  return parseGoogleCredentials(parsed.value, context);
}
