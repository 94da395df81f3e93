import { maskSecret } from '@switchyard/core';
import type { LogFields, RunningProxy } from '@switchyard/proxy';

/** The one log line written once the proxy listens. */
export interface StartMessage {
  message: string;
  fields: LogFields;
}

const keySources: Record<RunningProxy['masterKeySource'], string> = {
  config: 'general_settings.master_key',
  environment: 'environment',
  generated: 'generated',
};

/**
 * Where the proxy listens, its version, config and models, and the master key masked (`sk-…ab`)
 * with where it came from: enough to recognise the key, never enough to use it.
 */
export function startMessage(
  proxy: Pick<RunningProxy, 'url' | 'masterKey' | 'masterKeySource' | 'gateway'>,
  options: { config: string; version: string },
): StartMessage {
  return {
    message: `proxy listening on ${proxy.url}`,
    fields: {
      version: options.version,
      config: options.config,
      models: proxy.gateway.models().map((model) => model.id),
      masterKey: maskSecret(proxy.masterKey),
      masterKeySource: keySources[proxy.masterKeySource],
    },
  };
}
