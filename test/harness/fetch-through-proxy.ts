import { request } from 'node:http';

/** What {@link fetchThroughProxy} got. */
export interface ProxiedResponse {
  status: number;
  contentType: string;
  body: string;
  bytes: number;
}

/**
 * A GET through the fixture internet's proxy (absolute-form request line), as a simulated
 * extension fetches: no cookie, no credentials, the given User-Agent. Redirects are not followed.
 *
 * @example
 * const page = await fetchThroughProxy(internet.proxyUrl, 'http://news.example.com/articles/1');
 */
export function fetchThroughProxy(
  proxyUrl: string,
  url: string,
  userAgent = 'PlazaSimulatedExtension/1.0',
): Promise<ProxiedResponse> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: proxy.hostname,
        port: Number(proxy.port),
        method: 'GET',
        path: url,
        headers: { host: new URL(url).host, 'user-agent': userAgent },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: raw.toString('utf8'),
            bytes: raw.byteLength,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
