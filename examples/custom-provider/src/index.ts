import { echo } from './echo-provider.js';

export { createEchoProvider, type EchoSettings, echo, echoCapabilities } from './echo-provider.js';
export { echoTransforms } from './echo-transforms.js';

// The proxy's custom_provider_map loads the default export (a provider, or a factory taking `{ id }`).
export default echo;
