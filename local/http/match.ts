/** Route matching as API Gateway HTTP APIs do it: most specific template wins, 405 on a wrong method. */
import type { RouteSpec } from '../../functions/routes';
import { MethodNotAllowedError } from '../../functions/http/errors';
import { MalformedRequestError } from '../../shared/errors';
import { requestProblem } from '../../shared/i18n';

export interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  params: string[];
  /** Literal segments first: API Gateway prefers the most specific route. */
  specificity: number;
}

export interface RouteMatch {
  route: CompiledRoute;
  /** Percent-decoded path parameters by name. */
  params: Record<string, string>;
}

/** Compiles a route table, most specific templates first (the order {@link matchRoute} relies on). */
export function compileRoutes(specs: readonly RouteSpec[]): CompiledRoute[] {
  return specs.map(compileRoute).sort((a, b) => b.specificity - a.specificity);
}

/** `/v1/applications/{id}` -> a regex; `{name+}` (greedy) matches the rest of the path. */
function compileRoute(spec: RouteSpec): CompiledRoute {
  const params: string[] = [];
  let specificity = 0;
  const source = spec.path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!param) {
        specificity += 2;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      params.push(param[1]!); // group 1 is not optional
      if (param[2]) return '(.+)';
      specificity += 1;
      return '([^/]+)';
    })
    .join('/');
  return { spec, pattern: new RegExp(`^${source}$`), params, specificity };
}

/**
 * The route for a method and path; undefined when no template matches, 405 when only the method is wrong.
 *
 * @example
 * matchRoute(compileRoutes(routes), 'GET', '/v1/applications/a-1')?.params; // { id: 'a-1' }
 */
export function matchRoute(routes: readonly CompiledRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const byPath = routes.flatMap((route) => {
    const m = route.pattern.exec(rawPath);
    return m ? [{ route, values: m.slice(1) }] : [];
  });
  if (byPath.length === 0) return undefined;
  const hit = byPath.find((x) => x.route.spec.method === method);
  if (!hit) throw new MethodNotAllowedError(`${method} is not allowed on ${rawPath}`, [...new Set(byPath.map((x) => x.route.spec.method))]);
  const params: Record<string, string> = {};
  hit.route.params.forEach((name, i) => {
    try {
      params[name] = decodeURIComponent(hit.values[i]!); /* one value per parameter */
    } catch {
      throw new MalformedRequestError(requestProblem('path-parameter-encoding', { name }));
    }
  });
  return { route: hit.route, params };
}
