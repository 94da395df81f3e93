export {
  type AppSettings,
  AppSettingsError,
  defaultConfigFile,
  defaultHost,
  defaultPort,
  readAppSettings,
} from './app-settings.js';
export { type ProxyAppIo, runProxyApp } from './run-proxy-app.js';
export { type StartMessage, startMessage } from './start-message.js';
