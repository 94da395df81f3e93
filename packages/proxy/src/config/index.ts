export { ConfigError, type ConfigIssue } from './config-error.js';
export type {
  CacheParams,
  CustomProviderConfig,
  GeneralSettings,
  LitellmParams,
  LitellmSettings,
  ModelInfoConfig,
  ModelListEntry,
  RouterSettings,
  SwitchyardConfig,
} from './config-schema.js';
export {
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  type ParseConfigOptions,
  parseConfig,
} from './load-config.js';
