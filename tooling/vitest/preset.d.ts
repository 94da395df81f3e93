import type { UserConfig } from 'vitest/config';
import type { InlineConfig } from 'vitest/node';

export function switchyardPreset(overrides?: InlineConfig): UserConfig;
declare const config: UserConfig;
export default config;
