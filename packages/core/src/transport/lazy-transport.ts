import { createHttpTransport, type HttpTransport } from './http-transport.js';

/** A provider's transport: the injected one, or its own pool created on first use. */
export interface LazyTransport {
  get(): HttpTransport;
  /** Closes the pool this created; an injected transport belongs to its owner and stays open. */
  close(): Promise<void>;
}

/** The one way providers hold their transport (no pool opened before the first call). */
export function lazyTransport(injected?: HttpTransport): LazyTransport {
  let own: HttpTransport | undefined;
  return {
    get: () => {
      if (injected) return injected;
      own ??= createHttpTransport();
      return own;
    },
    close: async () => {
      const created = own;
      own = undefined;
      await created?.close();
    },
  };
}
