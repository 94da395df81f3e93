import type { Store } from '@switchyard/store';
import type { Hono, MiddlewareHandler } from 'hono';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';
import type { AccessGroups } from './access-groups.js';
import { keyListRoutes } from './key-list-routes.js';
import { keyRoutes } from './key-routes.js';
import { type ManagementServices, masterKeyCheck, principalOf } from './management-services.js';
import { authorizeRoute } from './policy/index.js';
import { spendRoutes } from './spend-routes.js';
import { teamRoutes } from './team-routes.js';
import { userRoutes } from './user-routes.js';

export interface ManagementOptions {
  store: Store;
  /** The proxy's master key: a key value chosen through the API may not equal it. */
  masterKey: string;
  /** litellm's model access groups, for checking the models a key is given. */
  accessGroups?: AccessGroups;
  now?: () => number;
}

/** Path patterns of the management API (a key's `allowed_routes` is checked on each). */
const managementPaths = ['/key/*', '/user/*', '/team/*', '/spend/logs', '/global/spend', '/global/spend/*'];

/**
 * litellm's management API: virtual keys (`/key/*`), users (`/user/*`), teams (`/team/*`) and
 * spend (`/spend/logs`, `/global/spend`, `/global/spend/report`), with litellm's roles checked by
 * the policy module before anything is read or written.
 */
export function managementRoutes(
  app: Hono<ProxyEnv>,
  services: ProxyServices,
  options: ManagementOptions,
): void {
  const management: ManagementServices = {
    store: options.store,
    ...(services.keyResolver ? { keyResolver: services.keyResolver } : {}),
    ...(services.keyInvalidation ? { keyInvalidation: services.keyInvalidation } : {}),
    accessGroups: options.accessGroups ?? new Map(),
    logger: services.logger,
    now: options.now ?? Date.now,
    isMasterKey: masterKeyCheck(options.masterKey),
  };
  const routeGuard: MiddlewareHandler<ProxyEnv> = async function managementRouteGuard(c, next) {
    authorizeRoute(principalOf(c), c.req.path);
    await next();
  };
  for (const path of managementPaths) app.use(path, routeGuard);
  keyRoutes(app, management);
  keyListRoutes(app, management);
  userRoutes(app, management);
  teamRoutes(app, management);
  spendRoutes(app, management);
}
