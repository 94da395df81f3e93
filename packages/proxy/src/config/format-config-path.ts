const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/**
 * Renders a path into the config the way a user reads it: dots for keys, `[n]` for list indexes,
 * e.g. `model_list[2].litellm_params.model`. Keys that are not plain words (such as
 * `gpt-3.5-turbo`) are quoted: `router_settings.model_group_alias["gpt-3.5-turbo"]`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return text;
}

/** True when `path` is `ancestor` itself or lies inside it. */
export function isWithinConfigPath(path: string, ancestor: string): boolean {
  if (ancestor === '') return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path.charAt(ancestor.length);
  return next === '' || next === '.' || next === '[';
}
