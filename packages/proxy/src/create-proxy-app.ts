import { NotFoundError, PayloadTooLargeError, type Switchyard, SwitchyardError } from '@switchyard/core';
import type { Store } from '@switchyard/store';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { renderAnthropicError } from './anthropic/anthropic-error-body.js';
import { governance, governedPaths } from './governance/governance-middleware.js';
import { createKeyInvalidation, type KeyInvalidation } from './governance/key-invalidation.js';
import { createKeyResolver, type KeyResolver } from './governance/key-resolver.js';
import type { Limiter } from './governance/limiter.js';
import type { SpendLogWriter } from './governance/spend-log-writer.js';
import { bodyLimit } from './http/body-limit.js';
import { renderOpenAIError } from './http/openai-error-body.js';
import { type Logger, silentLogger } from './logger.js';
import type { AccessGroups } from './management/access-groups.js';
import { managementRoutes } from './management/management-routes.js';
import { modelAccess } from './management/model-access.js';
import { auth } from './middleware/auth/index.js';
import { errorDialect } from './middleware/error-dialect/index.js';
import { routeTrace } from './middleware/route-trace/index.js';
import type { ProxyEnv, ProxyServices } from './proxy-env.js';
import { anthropicMessagesPaths, anthropicMessagesRoutes } from './routes/anthropic-messages.js';
import { audioRoutes } from './routes/audio.js';
import { chatCompletionsRoutes } from './routes/chat-completions.js';
import { completionsRoutes } from './routes/completions.js';
import { embeddingsRoutes } from './routes/embeddings.js';
import { healthPaths, healthRoutes } from './routes/health.js';
import { imagesRoutes } from './routes/images.js';
import { modelsRoutes } from './routes/models.js';
import { moderationsRoutes } from './routes/moderations.js';
import { rerankRoutes } from './routes/rerank.js';
import { responsesRoutes } from './routes/responses.js';

export interface ProxyAppOptions {
  gateway: Switchyard;
  /** Keys, users, teams and spend; without it only the master key is accepted. */
  store?: Store;
  /** Resolves virtual keys (default: one built on `store`). */
  keyResolver?: KeyResolver;
  /** Announces key, user and team changes to every replica (default: this process only). */
  keyInvalidation?: KeyInvalidation;
  /**
   * Enforcement on the model routes (limits, budgets, spend logs); the caller owns and closes both.
   * Without it virtual keys are only authenticated.
   */
  governance?: { limiter: Limiter; spendLogs: SpendLogWriter };
  /** litellm's model access groups (`accessGroupsFromDeployments`): group name → model names. */
  accessGroups?: AccessGroups;
  /** Required: every route but the health probes needs it. */
  masterKey: string;
  /** Largest request body accepted. Default 32 MiB. */
  maxRequestBytes?: number;
  allowClientSideCredentials?: boolean;
  logger?: Logger;
  version?: string;
  now?: () => number;
}

/**
 * The proxy as a Hono app: request id, body limit, auth, routes; errors in OpenAI's shape, or in
 * Anthropic's on the Anthropic Messages routes.
 */
export function createProxyApp(options: ProxyAppOptions): Hono<ProxyEnv> {
  if (!options.masterKey) throw new Error('createProxyApp needs a masterKey');
  const logger = options.logger ?? silentLogger;
  const keyResolver =
    options.keyResolver ?? (options.store ? createKeyResolver({ store: options.store }) : undefined);
  const keyInvalidation =
    options.keyInvalidation ??
    (keyResolver ? createKeyInvalidation({ resolver: keyResolver, logger }) : undefined);
  const services: ProxyServices = {
    gateway: options.gateway,
    ...(options.store ? { store: options.store } : {}),
    ...(keyResolver ? { keyResolver } : {}),
    ...(keyInvalidation ? { keyInvalidation } : {}),
    accessGroups: options.accessGroups ?? new Map(),
    logger,
    allowClientSideCredentials: options.allowClientSideCredentials ?? false,
  };
  const maxBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
  const secrets = [options.masterKey];
  const app = new Hono<ProxyEnv>();

  // Echoes a client's X-Request-Id when it is a plain token of at most 128 characters.
  app.use(requestId({ limitLength: 128 }));
  // Before the body limit and auth, so their errors on these routes are in Anthropic's shape too.
  for (const path of anthropicMessagesPaths) {
    app.use(path, errorDialect({ dialect: 'anthropic' }));
    app.use(`${path}/*`, errorDialect({ dialect: 'anthropic' }));
  }
  app.use(
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new PayloadTooLargeError({
          message: `The request body is larger than the limit of ${maxBytes} bytes.`,
        });
      },
    }),
  );
  app.use(
    auth({
      masterKey: options.masterKey,
      publicPaths: healthPaths,
      ...(keyResolver ? { resolveKey: (key: string) => keyResolver.resolve(key) } : {}),
    }),
  );
  app.use(routeTrace());
  if (options.governance) {
    const enforce = governance({
      ...options.governance,
      gateway: options.gateway,
      logger,
      modelAccess: (principal, model) => modelAccess(principal, model, services.accessGroups),
    });
    for (const path of governedPaths) app.use(path, enforce);
  }

  healthRoutes(app, options.version ?? '0.0.0');
  chatCompletionsRoutes(app, services);
  anthropicMessagesRoutes(app, services);
  completionsRoutes(app, services);
  embeddingsRoutes(app, services);
  moderationsRoutes(app, services);
  imagesRoutes(app, services);
  rerankRoutes(app, services);
  responsesRoutes(app, services);
  audioRoutes(app, services);
  modelsRoutes(app, services, (options.now ?? Date.now)());
  if (options.store) {
    managementRoutes(app, services, {
      store: options.store,
      masterKey: options.masterKey,
      accessGroups: services.accessGroups,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  app.notFound(() => {
    throw new NotFoundError({ message: 'Route not found.', code: 'route_not_found' });
  });
  app.onError((error, c) => {
    const known = SwitchyardError.isInstance(error) ? error : fromHono(error);
    if (!known || known.status >= 500) {
      logger.error('request failed', {
        requestId: c.get('requestId'),
        // The route, not the path: /key/{key}/regenerate carries a plaintext key in its path.
        path: c.req.routePath,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ...(known?.provider ? { provider: known.provider } : {}),
      });
    }
    if (c.get('errorDialect') === 'anthropic') {
      const rendered = renderAnthropicError(known ?? error, { secrets, requestId: c.get('requestId') });
      return c.json(rendered.body, rendered.status as 500, rendered.headers);
    }
    const rendered = renderOpenAIError(known ?? error, secrets);
    return c.json(rendered.body, rendered.status as 500, rendered.headers);
  });
  return app;
}

function fromHono(error: unknown): SwitchyardError | undefined {
  if (!(error instanceof HTTPException)) return undefined;
  return new SwitchyardError({
    message: error.message || 'Bad request',
    status: error.status,
    type: error.status >= 500 ? 'server_error' : 'invalid_request_error',
  });
}
