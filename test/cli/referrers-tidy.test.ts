// `referrers tidy` in its three front ends, each as a user runs it, against the real
// distribution registry (no referrers API): the built CLI, the committed actions
// bundle as the runner runs it, and the GitLab component's program with the variables
// its template gives it. What tidy does is tested once, in test/core/referrers-tidy.test.ts;
// here: the text, the JSON, the outputs, the exit codes, each front end's words.
// A fault proxy plays a registry that refuses the index write (no real one here does on demand).
import { describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, MediaType, RemoteRepository, pushArtifact, referrersTag } from '@ocikit/core';
import { runAction } from '../harness/action-runner.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { REPO_ROOT, interpolatedJob, readTemplate } from '../gitlab/component-spec.js';

const registry = useRegistry();
const work = makeTempDir('ocikit-tidy-cli-');
let serial = 0;

/** A subject and one referrer of it, listed the old way (no artifactType, no annotations) in a hand-written index. */
async function oldIndex(repository: string): Promise<{ subject: Descriptor; referrer: Descriptor }> {
  const repo = new RemoteRepository({ registry: registry.host, repository }, { referrersMode: 'api' });
  try {
    const file = join(work, `f-${serial++}.txt`);
    await writeFile(file, `content ${serial} ${Math.random()}\n`);
    const subject = (await pushArtifact(repo, { files: [{ path: file }], tags: ['v1'] })).descriptor;
    const referrer = (await pushArtifact(repo, { files: [{ path: file }], tags: [], subject, artifactType: 'application/vnd.example.report' })).descriptor;
    const index = JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [{ mediaType: referrer.mediaType, digest: referrer.digest, size: referrer.size }] });
    const put = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject.digest)}`, { method: 'PUT', headers: { 'content-type': MediaType.ImageIndex }, body: index });
    expect(put.status).toBe(201);
    return { subject, referrer };
  } finally {
    await repo.close();
  }
}

async function listedTypes(repository: string, subject: string): Promise<Array<string | undefined>> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject)}`, { headers: { accept: MediaType.ImageIndex } });
  return ((await response.json()) as { manifests: Descriptor[] }).manifests.map((d) => d.artifactType);
}

describe('ocikit referrers tidy', () => {
  it('prints the dry run, its JSON, then applies; no Digest: line (it writes no one manifest)', async () => {
    const { subject, referrer } = await oldIndex('cli/tidy');
    const target = `${registry.host}/cli/tidy`;
    const dry = await ocikit(['referrers', 'tidy', target]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      [
        `${referrersTag(subject.digest)}: repair`,
        `    describe ${referrer.digest}: artifactType application/vnd.example.report; annotations org.opencontainers.image.created`,
        `dry run: 1 sha256-<hex> index looked at in ${target}, 1 change to make; nothing written (--apply writes them)`,
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await ocikit(['referrers', 'tidy', target, '--json'])).stdout);
    expect(json).toMatchObject({ repository: target, via: 'tag', applied: false, changes: 1, indexes: [{ action: 'repair', described: [{ digest: referrer.digest }] }] });
    expect(await listedTypes('cli/tidy', subject.digest)).toEqual([undefined]);

    const applied = await ocikit(['referrers', 'tidy', `${target}:v1`, '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^ {4}-> written: sha256:[0-9a-f]{64}$/m);
    expect(applied.stdout).toContain(`1 sha256-<hex> index looked at in ${target}@${subject.digest}: 1 change applied`);
    expect(applied.stdout).not.toMatch(/^Digest:/m);
    expect(await listedTypes('cli/tidy', subject.digest)).toEqual(['application/vnd.example.report']);
    expect((await ocikit(['referrers', 'tidy', target])).stdout).toBe(`1 sha256-<hex> index looked at in ${target}: nothing to tidy\n`);
  });

  it('exits 2 on a usage error, 1 when a change failed (a proxy refuses the index write), and says so', async () => {
    expect((await ocikit(['referrers', 'tidy'])).code).toBe(2);
    expect((await ocikit(['referrers', 'tidy', `${registry.host}/cli/tidy`, '--aply'])).code).toBe(2);
    await writeFile(join(work, 'app.txt'), 'app\n');
    expect((await ocikit(['push', `oci-layout:${work}/layout:v1`, 'app.txt'], { cwd: work })).code).toBe(0);
    const layout = await ocikit(['referrers', 'tidy', `oci-layout:${work}/layout`]);
    expect(layout.code).toBe(1);
    expect(layout.stderr).toContain('an OCI layout lists referrers in its index.json');

    const { subject } = await oldIndex('cli/denied');
    const proxy = await startFaultProxy(registry.url);
    try {
      proxy.setRules([{ match: { method: 'PUT', path: /\/manifests\/sha256-/ }, fault: { kind: 'status', status: 403, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }) } }]);
      const denied = await ocikit(['referrers', 'tidy', `${proxy.host}/cli/denied`, '--apply']);
      expect(denied.code).toBe(1);
      expect(denied.stdout).toContain(
        `    -> failed: writing the referrers index ${proxy.host}/cli/denied:${referrersTag(subject.digest)} failed (HTTP 403); registry said: DENIED: requested access to the resource is denied; hint: a repair of the tag schema needs push access to the repository`,
      );
      expect(denied.stderr).toContain('error: 1 change of the tidy failed');
    } finally {
      await proxy.stop();
    }
  });
});

describe('the referrers-tidy action (bundled)', () => {
  it('reports a dry run in the outputs and the summary, then applies with apply: true', async () => {
    const { subject } = await oldIndex('gh/tidy');
    const reference = `${registry.host}/gh/tidy`;
    const dry = await runAction('referrers-tidy', { inputs: { reference } });
    expect(dry.code).toBe(0);
    expect(dry.outputs).toMatchObject({ changes: '1', failed: '0', refused: '0' });
    expect(dry.outputs.report).toContain('nothing written (the `apply` input writes them)');
    expect(JSON.parse(dry.outputs.json!)).toMatchObject({ applied: false, indexes: [{ tag: referrersTag(subject.digest), action: 'repair' }] });
    expect(dry.summary).toContain('ocikit referrers tidy');
    expect(dry.summary).toContain('dry run');

    const applied = await runAction('referrers-tidy', { inputs: { reference, apply: 'true' } });
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.outputs.json!)).toMatchObject({ applied: true, indexes: [{ outcome: 'written' }] });
    expect(await listedTypes('gh/tidy', subject.digest)).toEqual(['application/vnd.example.report']);
  });
});

describe('the referrers-tidy component (its program, as the template sets it up)', () => {
  it('writes the JSON and the dotenv counts; the log in its own words', async () => {
    const { subject } = await oldIndex('gl/tidy');
    const dir = makeTempDir('ocikit-gl-tidy-');
    const template = readTemplate('referrers-tidy', join(REPO_ROOT, 'templates', 'referrers-tidy.yml'));
    const { env } = interpolatedJob(template, { reference: `${registry.host}/gl/tidy`, apply: true }, { CI: 'true', CI_JOB_NAME: 'ocikit-referrers-tidy', CI_JOB_NAME_SLUG: 'ocikit-referrers-tidy' });
    const result = await ocikit(['gitlab', 'referrers-tidy'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${referrersTag(subject.digest)}: repair`);
    expect(result.stdout).not.toContain('digest:');
    expect(await readFile(join(dir, '.ocikit', 'ocikit-referrers-tidy.env'), 'utf8')).toBe(
      `OCIKIT_REFERENCE=${registry.host}/gl/tidy\nOCIKIT_JSON=.ocikit/ocikit-referrers-tidy.json\nOCIKIT_CHANGES=1\nOCIKIT_FAILED=0\nOCIKIT_REFUSED=0\n`,
    );
    expect(JSON.parse(await readFile(join(dir, '.ocikit', 'ocikit-referrers-tidy.json'), 'utf8'))).toMatchObject({ applied: true, changes: 1 });
    expect(await listedTypes('gl/tidy', subject.digest)).toEqual(['application/vnd.example.report']);
  });
});
