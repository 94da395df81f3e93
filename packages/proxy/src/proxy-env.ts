import type { Switchyard } from '@switchyard/core';
import type { Store } from '@switchyard/store';
import type { GovernanceVariables } from './governance/governance-middleware.js';
import type { KeyInvalidation } from './governance/key-invalidation.js';
import type { KeyResolver } from './governance/key-resolver.js';
import type { Logger } from './logger.js';
import type { AccessGroups } from './management/access-groups.js';
import type { AuthVariables } from './middleware/auth/index.js';
import type { ErrorDialectVariables } from './middleware/error-dialect/index.js';
import type { RouteTraceVariables } from './middleware/route-trace/index.js';

/** Typed context of every route: `c.get('auth')`, `c.get('requestId')`, `c.get('errorDialect')`. */
export interface ProxyEnv {
  Variables: AuthVariables &
    ErrorDialectVariables &
    RouteTraceVariables &
    Partial<GovernanceVariables> & { requestId: string };
}

/** What routes need from the app, passed explicitly instead of looked up through the context. */
export interface ProxyServices {
  gateway: Switchyard;
  logger: Logger;
  /** Let clients send api_key / api_base in the body (litellm's allow_client_side_credentials). */
  allowClientSideCredentials: boolean;
  /** Keys, users, teams and spend (absent: master key only, no management API). */
  store?: Store;
  /** Virtual-key lookups, cached; management routes invalidate what they change. */
  keyResolver?: KeyResolver;
  /** Tells every replica's key cache about a change (`announce(tokens)` or `announce('all')`). */
  keyInvalidation?: KeyInvalidation;
  /** litellm's model access groups (deployments' `model_info.access_groups`): group → model names. */
  accessGroups: AccessGroups;
}
