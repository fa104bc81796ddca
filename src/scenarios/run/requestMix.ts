import type { RequestMix } from '../../model/requests/types.ts';
import type { PageCacheSpec, PageMix } from '../schema/index.ts';

/**
 * The scenario's page mix in the request engine's kinds. What "cached" means depends on the
 * caches the estate runs (003_fadcec8afe75cc12.txt): with staticify the key pages are always in
 * the static cache, even for logged-in users; with only Supercache a cached page can be dropped by
 * a comment; with neither, nothing is cached. Static assets the CDN does not offload reach a web
 * server as a cheap static file, as a key page does.
 */
export function requestMixOf(mix: PageMix, pageCache: PageCacheSpec, staticOffload: number): RequestMix {
  const staticShare = mix.static ?? 0;
  const cachedKind =
    pageCache.staticify !== 'off' ? 'keyPage' : pageCache.supercache ? 'page' : 'uncachedPage';
  const weights: RequestMix = {
    uncachedPage: mix.uncached ?? 0,
    loggedInPage: mix.loggedIn ?? 0,
    comment: mix.comments ?? 0,
    admin: mix.admin ?? 0,
    upload: mix.uploads ?? 0,
    slowPage: mix.slow ?? 0,
    staticAsset: staticShare * staticOffload,
    keyPage: 0,
    page: 0,
  };
  weights[cachedKind] = (weights[cachedKind] ?? 0) + (mix.cached ?? 0);
  weights.keyPage = (weights.keyPage ?? 0) + staticShare * (1 - staticOffload);
  return weights;
}
