// The soak in the suite: 50 pushes and 50 attaches, 4 at a time, in this process
// against the real registry. bench/soak.mjs runs 500 (with forced GC for clean RSS
// figures). See soak.ts for what is measured.
import { expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { pushArtifact } from '../../packages/core/src/artifact/push-artifact.js';
import { attachArtifact } from '../../packages/core/src/referrers/attach.js';
import { RegistryClient } from '../../packages/core/src/registry/registry-client.js';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { startRegistry } from '../harness/registry.js';
import { runSoak } from './soak.js';

const OPERATIONS = 50;
const CONCURRENCY = 4;

test(`${OPERATIONS} pushes and attaches: connections reused, no descriptor or temp-file leak, RSS flat`, async () => {
  const lines: string[] = [];
  const result = await runSoak(
    {
      core: { RegistryClient, RemoteRepository, pushArtifact, attachArtifact },
      startRegistry: () => startRegistry(),
      startFaultProxy: (upstream) => startFaultProxy(upstream),
      ...(typeof globalThis.gc === 'function' ? { gc: globalThis.gc } : {}),
    },
    { operations: OPERATIONS, concurrency: CONCURRENCY, fileSize: 256 * 1024, log: (line) => lines.push(line) },
  );
  const report = `${JSON.stringify({ ...result, samples: undefined }, null, 1)}\n${lines.join('\n')}`;
  if (process.env.OCIKIT_SOAK_REPORT) writeFileSync(process.env.OCIKIT_SOAK_REPORT, `${report}\n`);
  // Every operation makes more than 10 requests; connections stay near the concurrency (the pool
  // holds up to 32, and a request whose answer came early may cost one more), not near the requests.
  expect({ requests: result.requests > OPERATIONS * 10, connectionsBounded: result.connections <= 8 * CONCURRENCY, report }).toEqual({ requests: true, connectionsBounded: true, report });
  // No descriptor outlives the run: once the client, the proxy and the registry are stopped, the count is back where it started.
  expect({ fds: result.fds.afterClose - result.fds.before <= 1, report }).toEqual({ fds: true, report });
  expect(result.leftoverTemp).toEqual([]);
  // Without forced GC (jest) RSS is noisy; it must still not grow with the operations by much.
  expect({ growth: result.rss.growthMiB < 64 && result.rss.lateGrowthMiB < 32, report }).toEqual({ growth: true, report });
}, 300_000);
