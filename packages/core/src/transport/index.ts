export { Deadline } from './deadline.js';
export {
  createHttpTransport,
  type HttpTransport,
  type HttpTransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './http-transport.js';
export { type LazyTransport, lazyTransport } from './lazy-transport.js';
export { mapTransportError } from './map-transport-error.js';
