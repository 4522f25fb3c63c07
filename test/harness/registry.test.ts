// Proves the harness itself: the registries it starts are real, reachable,
// enforce auth when asked, work with skopeo, and go away when stopped.
import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { skopeo } from './peers.js';
import { startRegistry, useRegistry } from './registry.js';

describe('anonymous registry', () => {
  const registry = useRegistry();

  test('answers /v2/ with 200', async () => {
    const response = await fetch(`${registry.url}/v2/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test('stores a blob via POST then PUT', async () => {
    const blob = Buffer.from('hello from the ocikit harness\n');
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;

    const session = await fetch(`${registry.url}/v2/harness/blobs/uploads/`, { method: 'POST' });
    expect(session.status).toBe(202);
    const location = new URL(session.headers.get('location') ?? '', registry.url);
    location.searchParams.set('digest', digest);

    const put = await fetch(location, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: blob,
    });
    expect(put.status).toBe(201);

    const got = await fetch(`${registry.url}/v2/harness/blobs/${digest}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(blob);
  });

  test('skopeo inspect of a missing image fails cleanly', async () => {
    const result = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/x:y`], {
      allowFailure: true,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/manifest unknown/i);
  });
});

describe('basic-auth registry', () => {
  const registry = useRegistry({ auth: 'basic' });

  test('answers 401 without credentials and 200 with them', async () => {
    const anonymous = await fetch(`${registry.url}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

    const [user, password] = Object.entries(registry.users)[0] ?? [];
    expect(user).toBe('ocikit');
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    const authed = await fetch(`${registry.url}/v2/`, { headers: { authorization: `Basic ${basic}` } });
    expect(authed.status).toBe(200);

    const wrong = Buffer.from(`${user}:not-the-password`).toString('base64');
    expect((await fetch(`${registry.url}/v2/`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
  });
});

test('REGISTRY_* variables of the test process do not reach the registry', async () => {
  // Were it leaked, this override would make the registry fail to listen.
  process.env.REGISTRY_HTTP_ADDR = 'nowhere:-1';
  try {
    const registry = await startRegistry();
    try {
      expect((await fetch(`${registry.url}/v2/`)).status).toBe(200);
    } finally {
      await registry.stop();
    }
  } finally {
    delete process.env.REGISTRY_HTTP_ADDR;
  }
});

test('stop() frees the port and removes the storage', async () => {
  const registry = await startRegistry();
  const port = Number(registry.host.split(':')[1]);
  await registry.stop();
  await registry.stop(); // idempotent

  await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
  expect(existsSync(registry.storageDir)).toBe(false);
});
