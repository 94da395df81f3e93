import { maskSecret } from '@switchyard/core';
import type { RunningProxy } from '@switchyard/proxy';

export interface BannerOptions {
  /** The key was generated for this run by the primary of `--workers N` (so it is shown). */
  keyGenerated?: boolean;
}

/** The start-up message: where the proxy listens, which models it serves, how to call it. */
export function banner(
  proxy: RunningProxy,
  version: string,
  source: string,
  options: BannerOptions = {},
): string {
  const generated = options.keyGenerated === true || proxy.masterKeySource === 'generated';
  const models = proxy.gateway.models().map((model) => model.id);
  const lines = [
    `Switchyard ${version}: proxy listening on ${proxy.url}`,
    `  config:  ${source}`,
    `  models:  ${models.length > 0 ? models.join(', ') : '(none configured)'}`,
  ];
  if (generated) {
    // Generated for this run only: shown once, so the operator can use it.
    lines.push(
      `  key:     ${proxy.masterKey}  (generated for this run; set general_settings.master_key or SWITCHYARD_MASTER_KEY to keep one)`,
    );
  } else {
    lines.push(
      `  key:     ${maskSecret(proxy.masterKey)}  (from ${proxy.masterKeySource === 'config' ? 'general_settings.master_key' : 'the environment'})`,
    );
  }
  const key = generated ? proxy.masterKey : '$SWITCHYARD_KEY';
  const example = models.find((model) => !model.includes('*') && !model.includes('embed')) ?? models[0];
  if (example) {
    lines.push(
      '',
      'Try it:',
      `  curl ${proxy.url}/v1/chat/completions -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\`,
      `    -d '{"model":"${example}","messages":[{"role":"user","content":"Hello"}]}'`,
    );
  }
  return `${lines.join('\n')}\n`;
}
