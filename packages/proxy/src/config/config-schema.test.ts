import { describe, expect, expectTypeOf, it } from 'vitest';
import { type SwitchyardConfig, validateConfig } from './config-schema.js';

function issuesOf(value: unknown) {
  const result = validateConfig(value);
  if (result.ok) throw new Error('expected validation to fail');
  return result.issues;
}

const entry = (litellmParams: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  model_list: [{ model_name: 'm', litellm_params: { model: 'openai/gpt-4o', ...litellmParams }, ...extra }],
});

describe('validateConfig', () => {
  it('accepts a minimal config and defaults model_list to empty', () => {
    expect(validateConfig({})).toEqual({ ok: true, config: { model_list: [] } });
  });

  it('coerces numeric and boolean strings, as pydantic does and as env references produce', () => {
    const result = validateConfig({
      ...entry({ timeout: '30', stream_timeout: '2.5', max_retries: '2', rpm: '10', weight: '0.5' }),
      litellm_settings: { drop_params: 'true', json_logs: 'no' },
      general_settings: { max_request_size_mb: ' 8 ', allow_client_side_credentials: 'On' },
    });
    expect(result.ok && result.config).toMatchObject({
      model_list: [
        { litellm_params: { timeout: 30, stream_timeout: 2.5, max_retries: 2, rpm: 10, weight: 0.5 } },
      ],
      litellm_settings: { drop_params: true, json_logs: false },
      general_settings: { max_request_size_mb: 8, allow_client_side_credentials: true },
    });
  });

  it('checks litellm_params fields', () => {
    const issues = issuesOf(
      entry({
        api_base: 'localhost:8000',
        timeout: 0,
        max_retries: 1.5,
        tpm: -1,
        weight: 0,
        tags: 'prod',
        headers: { 'X-Team': 1 },
        input_cost_per_token: -0.1,
      }),
    );
    const at = (field: string) => `model_list[0].litellm_params.${field}`;
    expect(issues).toEqual([
      { path: at('api_base'), message: 'Must be an http(s) URL, e.g. https://api.example.com/v1' },
      { path: at('timeout'), message: 'Must be greater than 0' },
      { path: at('max_retries'), message: 'Expected a whole number, got a fractional number' },
      { path: at('tpm'), message: 'Must be at least 0' },
      { path: at('weight'), message: 'Must be greater than 0' },
      { path: at('tags'), message: 'Expected a list, got a string' },
      { path: `${at('headers')}.X-Team`, message: 'Expected a string, got a number' },
      { path: at('input_cost_per_token'), message: 'Must be at least 0' },
    ]);
  });

  it('checks model_info fields and turns a numeric id into a string', () => {
    const issues = issuesOf(entry({}, { model_info: { max_tokens: 0, supports_vision: 'maybe' } }));
    expect(issues).toEqual([
      { path: 'model_list[0].model_info.max_tokens', message: 'Must be at least 1' },
      { path: 'model_list[0].model_info.supports_vision', message: 'Expected true or false, got a string' },
    ]);
    const result = validateConfig(entry({}, { model_info: { id: 42 } }));
    expect(result.ok && result.config.model_list[0]?.model_info?.id).toBe('42');
  });

  it('requires model_name and litellm_params on every entry', () => {
    expect(issuesOf({ model_list: [{ model_name: '' }, 'gpt-4o'] })).toEqual([
      { path: 'model_list[0].model_name', message: 'Must not be empty' },
      { path: 'model_list[0].litellm_params', message: 'Required' },
      { path: 'model_list[1]', message: 'Expected a mapping, got a string' },
    ]);
  });

  it('checks the typed settings', () => {
    const issues = issuesOf({
      model_list: {},
      litellm_settings: { custom_provider_map: [{ provider: 'my-llm' }], request_timeout: 'soon' },
      general_settings: { master_key: 'letmein', database_url: 5 },
      environment_variables: { A: ['x'] },
    });
    expect(issues).toEqual([
      { path: 'model_list', message: 'Expected a list, got a mapping' },
      { path: 'litellm_settings.request_timeout', message: 'Expected a number, got a string' },
      { path: 'litellm_settings.custom_provider_map[0].custom_handler', message: 'Required' },
      {
        path: 'general_settings.master_key',
        message: 'Must start with "sk-" (litellm requires this prefix for the master key)',
      },
      { path: 'general_settings.database_url', message: 'Expected a string, got a number' },
      { path: 'environment_variables.A', message: 'Expected a string, got a list' },
    ]);
  });

  it('keeps unknown keys at every level', () => {
    const result = validateConfig({
      ...entry({ vertex_project: 'p', mock_response: null }, { model_info: { team: 'a' }, note: 1 }),
      router_settings: { routing_strategy: 'simple-shuffle' },
      general_settings: { store_model_in_db: true },
      callback_settings: { otel: {} },
    });
    expect(result.ok && result.config).toMatchObject({
      model_list: [
        { litellm_params: { vertex_project: 'p', mock_response: null }, model_info: { team: 'a' }, note: 1 },
      ],
      router_settings: { routing_strategy: 'simple-shuffle' },
      general_settings: { store_model_in_db: true },
      callback_settings: { otel: {} },
    });
  });

  it('infers the typed shape', () => {
    expectTypeOf<SwitchyardConfig['model_list'][number]['litellm_params']['model']>().toEqualTypeOf<string>();
    expectTypeOf<SwitchyardConfig['model_list'][number]['litellm_params']['timeout']>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<NonNullable<SwitchyardConfig['general_settings']>['master_key']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<NonNullable<SwitchyardConfig['litellm_settings']>['drop_params']>().toEqualTypeOf<
      boolean | undefined
    >();
  });
});
