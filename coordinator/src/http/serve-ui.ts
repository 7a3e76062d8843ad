import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the built web app from `dir`: files by path (never outside `dir`), `index.html` for `/`
 * and for any path without a file extension (the app routes by hash, so this is only a fallback).
 * Vite's hashed assets are cached for a year; `index.html` is always revalidated. Returns null when
 * there is no such file, so the caller answers 404; a path that is not valid percent-encoded UTF-8
 * (`/%E0%A4%A`, `/%zz`) is a 400 `PATH_INVALID`.
 */
export function serveUi(dir: string) {
  const root = resolve(dir);
  return async (c: Context): Promise<Response | null> => {
    const path = decodePath(new URL(c.req.url).pathname);
    const wanted = path === '/' || extname(path) === '' ? '/index.html' : path;
    const file = resolve(join(root, wanted));
    if (file !== root && !file.startsWith(root + sep)) return null;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const body = await readFile(file);
    const isAsset = wanted.startsWith('/assets/');
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        // The app talks only to its own origin and to the wallet the browser injects.
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      },
    });
  };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch (cause) {
    throw new AppError(
      'PATH_INVALID',
      `Path ${pathname.slice(0, 200)} is not valid percent-encoded UTF-8.`,
      { cause },
    );
  }
}
