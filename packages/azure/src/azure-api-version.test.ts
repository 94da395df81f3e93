import { describe, expect, it } from 'vitest';
import { isOlderThan, parseAzureApiVersion } from './azure-api-version.js';

describe('parseAzureApiVersion', () => {
  it('reads dated GA and preview versions as the deployments scheme', () => {
    expect(parseAzureApiVersion('2024-10-21')).toEqual({
      kind: 'deployments',
      version: '2024-10-21',
      date: '2024-10-21',
    });
    expect(parseAzureApiVersion('2025-04-01-preview')).toEqual({
      kind: 'deployments',
      version: '2025-04-01-preview',
      date: '2025-04-01',
    });
  });

  it('reads v1, latest and preview as the v1 surface', () => {
    expect(parseAzureApiVersion('v1')).toEqual({ kind: 'v1', query: undefined });
    expect(parseAzureApiVersion('latest')).toEqual({ kind: 'v1', query: undefined });
    expect(parseAzureApiVersion('preview')).toEqual({ kind: 'v1', query: 'preview' });
  });

  it('keeps an unknown version as is, without a date', () => {
    expect(parseAzureApiVersion('2024-13')).toEqual({
      kind: 'deployments',
      version: '2024-13',
      date: undefined,
    });
  });
});

describe('isOlderThan', () => {
  it('compares dated versions, and never holds back unknown versions or v1', () => {
    expect(isOlderThan(parseAzureApiVersion('2024-02-01'), '2024-06-01')).toBe(true);
    expect(isOlderThan(parseAzureApiVersion('2024-06-01'), '2024-06-01')).toBe(false);
    expect(isOlderThan(parseAzureApiVersion('2024-05-01-preview'), '2024-06-01')).toBe(true);
    expect(isOlderThan(parseAzureApiVersion('custom'), '2024-06-01')).toBe(false);
    expect(isOlderThan(parseAzureApiVersion('v1'), '2024-06-01')).toBe(false);
  });
});
