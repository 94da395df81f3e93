import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isProvider, type Provider } from '@switchyard/core';
import { ConfigError, type CustomProviderConfig } from './config/index.js';

export interface CustomProviderSource {
  /** Directory relative handler paths are resolved from (the config file's). */
  baseDir: string;
  /** Label for errors (the config file). */
  source: string;
}

/**
 * Loads `litellm_settings.custom_provider_map` entries. `custom_handler` is a package name or a
 * path (relative to the config file), optionally followed by `#exportName`; the export (default:
 * `default`, then `provider`) is a Provider or a factory `(settings) => Provider`. The provider is
 * registered under the configured name.
 */
export async function loadCustomProviders(
  entries: ReadonlyArray<CustomProviderConfig>,
  from: CustomProviderSource,
): Promise<Provider[]> {
  const providers: Provider[] = [];
  for (const [index, entry] of entries.entries()) {
    const at = `litellm_settings.custom_provider_map[${index}].custom_handler`;
    const [specifier = '', exportName] = entry.custom_handler.split('#');
    const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
    const target = isPath ? pathToFileURL(path.resolve(from.baseDir, specifier)).href : specifier;
    let module: Record<string, unknown>;
    try {
      module = (await import(target)) as Record<string, unknown>;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ConfigError(from.source, [{ path: at, message: `Cannot load "${specifier}": ${reason}` }]);
    }
    const exported = exportName ? module[exportName] : (module.default ?? module.provider);
    const candidate = typeof exported === 'function' ? await exported({ id: entry.provider }) : exported;
    if (!isProvider(candidate)) {
      throw new ConfigError(from.source, [
        {
          path: at,
          message: `"${entry.custom_handler}" does not export a provider (an object with id, capabilities, chat and stream, or a function returning one)`,
        },
      ]);
    }
    providers.push(renamed(candidate, entry.provider));
  }
  return providers;
}

function renamed(provider: Provider, id: string): Provider {
  if (provider.id === id) return provider;
  const out: Provider = {
    id,
    capabilities: provider.capabilities,
    chat: (request, options) => provider.chat(request, options),
    stream: (request, options) => provider.stream(request, options),
  };
  if (provider.embed) out.embed = (request, options) => provider.embed!(request, options);
  if (provider.close) out.close = () => provider.close!();
  return out;
}
