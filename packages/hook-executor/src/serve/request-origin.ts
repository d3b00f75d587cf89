// Who may talk to `serve`: processes on this machine that name it by its loopback address. A web
// page can reach 127.0.0.1 too — directly (a `text/plain` POST needs no CORS preflight) or through
// DNS rebinding (evil.example resolving to 127.0.0.1) — so a request with a foreign Host, or with an
// Origin (browsers send one with every POST; Claude Code and curl send none), is refused before
// anything else is looked at. (Sec-Fetch-* would not do: node's own fetch sends Sec-Fetch-Mode.)
import type http from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

/** Why the request must be refused (one line for the log), or undefined when it may proceed. */
export function foreignRequest(headers: http.IncomingHttpHeaders, port: number): string | undefined {
  const host = headers.host?.toLowerCase();
  if (!host) return 'no Host header';
  const colon = host.lastIndexOf(':');
  const name = colon >= 0 ? host.slice(0, colon) : host;
  const hostPort = colon >= 0 ? host.slice(colon + 1) : undefined;
  if (!LOOPBACK_NAMES.has(name) || (hostPort !== undefined && hostPort !== String(port))) return `foreign Host ${JSON.stringify(host.slice(0, 80))}`;
  if (headers.origin !== undefined) return `a browser's Origin ${JSON.stringify(headers.origin.slice(0, 80))}`;
  return undefined;
}
