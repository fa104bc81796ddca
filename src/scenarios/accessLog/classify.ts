import type { PageKind } from '../schema/workload.ts';
import type { AccessLogEntry } from './parseLine.ts';

/** A user's rule: requests whose path matches the pattern (and method, if given) are of this kind. */
export interface ClassRule {
  /** A regular expression tested against the path with its query string. */
  pattern: string;
  method?: string | undefined;
  kind: PageKind;
}

/** Files the CDN or Apache sends as they are (WordPress's themes, uploads and scripts). */
const STATIC_FILE = /\.(?:css|js|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|pdf|zip|mp4|txt|xml)(?:\?|$)/i;

/**
 * The default classes, for a WordPress site such as raspberrypi.org in 2015. Facts of WordPress,
 * not of the seeds: comments are POSTed to /wp-comments-post.php; the admin is /wp-admin/ and
 * /wp-login.php, and media are uploaded through /wp-admin/async-upload.php or media-new.php;
 * /wp-content/ and /wp-includes/ hold static files; WP Supercache does not cache a URL with a
 * query string (its default), so those are rendered. Every other GET is a cacheable page.
 */
export function defaultKindOf(entry: AccessLogEntry): PageKind {
  const { method, path } = entry;
  if (path.startsWith('/wp-comments-post.php')) return method === 'POST' ? 'comments' : 'uncached';
  if (/^\/wp-admin\/(?:async-upload|media-new)\.php/.test(path) && method === 'POST') return 'uploads';
  if (path.startsWith('/wp-admin') || path.startsWith('/wp-login.php') || path.startsWith('/xmlrpc.php'))
    return 'admin';
  if (path.startsWith('/wp-content/') || path.startsWith('/wp-includes/') || STATIC_FILE.test(path))
    return 'static';
  if (method !== 'GET' && method !== 'HEAD') return 'uncached';
  return path.includes('?') ? 'uncached' : 'cached';
}

/** The compiled form of the user's rules, tried in order before the defaults. */
export type Classifier = (entry: AccessLogEntry) => PageKind;

/** A classifier from the user's rules (first match wins) and then the defaults. */
export function classifier(rules: readonly ClassRule[] = []): Classifier {
  const compiled = rules.map((rule) => ({ ...rule, regex: new RegExp(rule.pattern) }));
  return (entry) => {
    for (const rule of compiled) {
      if (rule.method !== undefined && rule.method !== entry.method) continue;
      if (rule.regex.test(entry.path)) return rule.kind;
    }
    return defaultKindOf(entry);
  };
}
