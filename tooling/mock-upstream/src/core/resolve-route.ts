import type { MockProvider, MockRoute } from './provider.js';

export interface ResolvedRoute {
  provider: MockProvider;
  route: MockRoute;
  params: Record<string, string>;
}

/** The request path without the first of the provider's prefixes it starts with. */
export function stripPathPrefix(provider: MockProvider, path: string): string {
  for (const prefix of provider.pathPrefixes) {
    if (prefix === '') {
      return path;
    }
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      return path.slice(prefix.length) || '/';
    }
  }
  return path;
}

/** Whether a rule's path and a request path name the same route, prefixes aside. */
export function isSameRoutePath(provider: MockProvider, rulePath: string, requestPath: string): boolean {
  return (
    rulePath === requestPath || stripPathPrefix(provider, rulePath) === stripPathPrefix(provider, requestPath)
  );
}

/** Finds the provider route for a method and path; `:name` segments capture path parameters. */
export function resolveRoute(
  providers: readonly MockProvider[],
  method: string,
  path: string,
): ResolvedRoute | undefined {
  for (const provider of providers) {
    const routePath = stripPathPrefix(provider, path);
    if (routePath === path && !provider.pathPrefixes.includes('')) {
      continue;
    }
    for (const route of provider.routes) {
      const params = route.method === method ? matchPathPattern(route.path, routePath) : undefined;
      if (params !== undefined) {
        return { provider, route, params };
      }
    }
  }
  return undefined;
}

function matchPathPattern(pattern: string, path: string): Record<string, string> | undefined {
  const patternSegments = pattern.split('/');
  const pathSegments = path.replace(/\/+$/, '').split('/');
  if (patternSegments.length !== pathSegments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, segment] of patternSegments.entries()) {
    const actual = pathSegments[index] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') {
        return undefined;
      }
      params[segment.slice(1)] = safeDecode(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
