/** The dated GA version of Azure OpenAI's inference API used when none is configured. */
export const defaultAzureApiVersion = '2024-10-21';

/**
 * Which of Azure's two URL schemes an api version selects: a dated version (`2024-10-21`,
 * `2025-04-01-preview`) addresses `/openai/deployments/{deployment}/…?api-version=…`; `v1` and
 * `latest` select the v1 surface (`/openai/v1/…`, the deployment as `model`), and `preview` the
 * v1 surface's preview features (`?api-version=preview`).
 */
export type AzureApiSurface =
  | { kind: 'deployments'; version: string; date: string | undefined }
  | { kind: 'v1'; query: string | undefined };

const datedVersion = /^(\d{4}-\d{2}-\d{2})(?:-preview)?$/;

export function parseAzureApiVersion(version: string): AzureApiSurface {
  const trimmed = version.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'v1' || lower === 'latest') return { kind: 'v1', query: undefined };
  if (lower === 'preview') return { kind: 'v1', query: 'preview' };
  return { kind: 'deployments', version: trimmed, date: datedVersion.exec(trimmed)?.[1] };
}

/**
 * Whether a dated version predates `date` (YYYY-MM-DD); unknown formats and the v1 surface are
 * never older, so nothing is held back from them.
 */
export function isOlderThan(surface: AzureApiSurface, date: string): boolean {
  return surface.kind === 'deployments' && surface.date !== undefined && surface.date < date;
}
