// What a job pushed, announced to the runner through $GITHUB_ARTIFACTS (the file the
// runner reads, one `oci://<registry>/<repository>@sha256:<hex>` a line, which
// actions/attest attests with no inputs): the actions' bundle as the runner runs it,
// against the real docker-registry.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionResult, runAction } from '../harness/action-runner.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.value);
}

async function workspace(): Promise<{ cwd: string; artifacts: string }> {
  const cwd = makeTempDir('ocikit-announce-');
  await writeFile(join(cwd, 'app.txt'), 'shipped\n');
  await writeFile(join(cwd, 'sbom.spdx.json'), JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'app', dataLicense: 'CC0-1.0', documentNamespace: 'https://example.com/app', creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: test'] }, packages: [] }));
  return { cwd, artifacts: join(cwd, 'runner-artifacts.txt') };
}

describe('GITHUB_ARTIFACTS', () => {
  it('gets a line per artifact the job ships, pinned by digest with no tag; not the referrers that describe them', async () => {
    const { cwd, artifacts } = await workspace();
    const env = { GITHUB_ARTIFACTS: artifacts };
    const pushed = await runAction('push', { cwd, env, inputs: { reference: `${registry.host}/gh/announced:v1`, files: 'app.txt', 'plain-http': 'true' } });
    expect(errors(pushed)).toEqual([]);
    const copied = await runAction('copy', { cwd, env, inputs: { source: `${registry.host}/gh/announced:v1`, destination: `${registry.host}/gh/announced-copy:v1`, 'plain-http': 'true' } });
    expect(errors(copied)).toEqual([]);
    // An SBOM attached to it describes the artifact; it is not one the job ships.
    const attached = await runAction('attach', { cwd, env, inputs: { subject: pushed.outputs.reference!, files: 'sbom.spdx.json', 'plain-http': 'true' } });
    expect(errors(attached)).toEqual([]);
    expect(await readFile(artifacts, 'utf8')).toBe(
      `oci://${registry.host}/gh/announced@${pushed.outputs.digest}\noci://${registry.host}/gh/announced-copy@${copied.outputs.digest}\n`,
    );
  });

  it('is left alone for an OCI layout, and when the runner does not set it', async () => {
    const { cwd, artifacts } = await workspace();
    const layout = await runAction('push', { cwd, env: { GITHUB_ARTIFACTS: artifacts }, inputs: { reference: 'oci-layout:./out:v1', files: 'app.txt' } });
    expect(errors(layout)).toEqual([]);
    const unset = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/not-announced:v1`, files: 'app.txt', 'plain-http': 'true' } });
    expect(errors(unset)).toEqual([]);
    await expect(readFile(artifacts, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never fails the step: a file that cannot be written is a warning, the push stands', async () => {
    const { cwd } = await workspace();
    const directory = join(cwd, 'a-directory');
    await mkdir(directory);
    const result = await runAction('push', { cwd, env: { GITHUB_ARTIFACTS: directory }, inputs: { reference: `${registry.host}/gh/announce-fails:v1`, files: 'app.txt', 'plain-http': 'true' } });
    expect(result.code).toBe(0);
    expect(errors(result)).toEqual([]);
    expect(result.outputs.digest).toMatch(/^sha256:/);
    expect(result.commands.filter((c) => c.command === 'warning').map((c) => c.value)).toEqual([
      expect.stringMatching(new RegExp(`^could not announce oci://${registry.host.replace(/\./g, '\\.')}/gh/announce-fails@sha256:[0-9a-f]{64} in GITHUB_ARTIFACTS \\(EISDIR`)),
    ]);
  });
});
