// Talking to a running server from the CLI (`--ensure`, `--status`): node:http only, short timeouts.
import http from 'node:http';

export interface ClientAnswer {
  readonly status: number;
  readonly body: string;
}

export function request(url: string, options: { method?: string; token?: string; body?: string; timeoutMs?: number } = {}): Promise<ClientAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        timeout: options.timeoutMs ?? 2000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The server's /health answer when it is up and is the process `pid`; undefined otherwise. */
export async function health(url: string, pid: number, token?: string): Promise<Record<string, unknown> | undefined> {
  try {
    const answer = await request(`${url}/health`, { timeoutMs: 1500, ...(token ? { token } : {}) });
    const body = JSON.parse(answer.body) as { ok?: boolean; pid?: number };
    return answer.status === 200 && body.ok === true && body.pid === pid ? body : undefined;
  } catch {
    return undefined;
  }
}
