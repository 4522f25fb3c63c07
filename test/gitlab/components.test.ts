// The GitLab components run as GitLab runs them: gitlab-ci-local (shell executor)
// includes them the catalog way, `component:
// $CI_SERVER_FQDN/$CI_PROJECT_PATH/<verb>@$CI_COMMIT_SHA`, from a git work tree whose
// remote is gitlab.example.com/ocikit/ocikit, and their jobs run the repo's built
// CLI against the real docker-registry with Basic auth. One pipeline run serves
// several tests; the assertions are on the registry, the files and the reports.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { MediaType, RemoteRepository, staticCredentials } from '@ocikit/core';
import { snapshotTree } from '../harness/fixtures.js';
import { buildImage, pushImage, sampleContent } from '../harness/images.js';
import {
  type GitlabProject,
  type GitlabRun,
  PIPELINE_CREATED_AT,
  componentAt,
  makeGitlabProject,
  runGitlabCiLocal,
  writePipeline,
} from '../harness/gitlab-ci-local.js';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { sarif } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { includeProblems, parsePipeline } from './component-spec.js';

const PASSWORD = 'the-s3cret-pass';
const JOB_TOKEN = 'job-T0ken-4-the-registry';
const WRONG = 'Wr0ng-pass-never-shown';
const MIRROR_PASSWORD = 'mirr0r-pass-never-shown';
const SECRETS = [PASSWORD, JOB_TOKEN, WRONG, MIRROR_PASSWORD];
const cliVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const registry = useRegistry({ auth: 'basic', users: { ocikit: PASSWORD, 'gitlab-ci-token': JOB_TOKEN, mirror: MIRROR_PASSWORD } });

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';

interface Manifest {
  mediaType?: string;
  artifactType?: string;
  annotations: Record<string, string>;
  config: { mediaType: string; digest: string };
  layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>;
  manifests: Array<{ mediaType: string; digest: string; artifactType?: string; platform?: { os: string; architecture: string }; annotations?: Record<string, string> }>;
}

async function manifest(repository: string, reference: string): Promise<{ status: number; digest?: string; body?: Manifest }> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    headers: { authorization: basic('ocikit', PASSWORD), accept: MANIFEST_TYPES },
  });
  if (response.status !== 200) return { status: response.status };
  return { status: 200, digest: response.headers.get('docker-content-digest') ?? '', body: (await response.json()) as Manifest };
}

/** A job's log as the test reads it: everything the job printed, for the assertions that it stays clean. */
function expectCleanLog(log: string): void {
  for (const secret of SECRETS) expect(log).not.toContain(secret);
  expect(log).not.toContain('\u001b');
}

let project: GitlabProject;
let shortSha: string;
/** The packaged chart the project holds (helm/demo-0.1.0.tgz), as `tar` made it. */
let chart: Buffer;

beforeAll(async () => {
  // A Helm chart packaged as `helm package` lays it out: <name>/Chart.yaml in a .tgz.
  const work = makeTempDir('ocikit-gitlab-chart-');
  await mkdir(join(work, 'demo', 'templates'), { recursive: true });
  await writeFile(join(work, 'demo', 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndescription: A chart the component tests push\n');
  await writeFile(join(work, 'demo', 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n');
  chart = execFileSync('tar', ['-czf', '-', '-C', work, 'demo']);
  project = await makeGitlabProject({
    files: {
      'dist/app.txt': 'the app\n',
      'dist/site/index.html': '<h1>ocikit</h1>\n',
      'dist/site/assets/app.js': 'console.log("hi")\n',
      'src/main.txt': 'source\n',
      // For the repository's own pipeline, which pushes it.
      'README.md': '# ocikit\n',
      // For the example pipeline: the chart it packages.
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
      // For the every-verb pipeline.
      'helm/demo-0.1.0.tgz': chart,
      'helm/demo-0.1.0.tgz.prov': '-----BEGIN PGP SIGNED MESSAGE-----\nnot really signed\n',
      'reports/scan.sarif': JSON.stringify(sarif(), null, 2),
      'dist/tool-linux-amd64': '#!/bin/sh\necho linux/amd64\n',
      'dist/tool-linux-arm64': '#!/bin/sh\necho linux/arm64\n',
    },
  });
  shortSha = project.sha.slice(0, 8);
});

describe('push and pull components in a pipeline (gitlab-ci-local, docker-registry with Basic auth)', () => {
  let result: GitlabRun;
  const pipeline = (): Record<string, unknown> => ({
    stages: ['deploy', 'verify'],
    include: [
      {
        // To $CI_REGISTRY, with the job's own credentials; every text input at once.
        component: componentAt('push'),
        inputs: {
          'job-name': 'push-ci-registry',
          reference: '$CI_REGISTRY_IMAGE/dist:$CI_COMMIT_SHORT_SHA',
          files: 'dist/app.txt:text/plain\ndist/site\n',
          'artifact-type': 'application/vnd.ocikit.test.v1',
          annotations: 'com.example.note=spaces, commas, "quotes" and $$dollars\norg.opencontainers.image.source=https://example.com/mine\n',
          tags: 'latest, stable',
          'chunk-size': 64,
        },
      },
      {
        // To $CI_REGISTRY with no CI_REGISTRY_USER: the job token. Its outputs under their own names, beside push-ci-registry's.
        component: componentAt('push'),
        inputs: { 'job-name': 'push-job-token', reference: '$CI_REGISTRY/ocikit/ocikit/token:v1', files: 'dist/app.txt', 'output-prefix': 'TOKEN_' },
      },
      {
        // Another registry (by another name): DOCKER_AUTH_CONFIG.
        component: componentAt('push'),
        inputs: { 'job-name': 'push-docker-auth', reference: `localhost:${registry.host.split(':')[1]}/other/dist:v1`, files: 'dist/app.txt' },
      },
      {
        // The username and password inputs, the password from a variable.
        component: componentAt('push'),
        inputs: { 'job-name': 'push-inputs', reference: '$CI_REGISTRY/explicit/dist:v1', files: 'dist/app.txt', username: 'ocikit', password: '$MY_REGISTRY_PASSWORD' },
      },
      {
        component: componentAt('push'),
        inputs: { 'job-name': 'push-wrong-password', reference: '$CI_REGISTRY/wrong/dist:v1', files: 'dist/app.txt', username: 'ocikit', password: WRONG },
      },
      {
        // Pulls what push-ci-registry pushed, by the reference in its dotenv report.
        component: componentAt('pull'),
        inputs: { stage: 'verify', reference: '$OCIKIT_REFERENCE', path: 'pulled' },
      },
    ],
    'push-ci-registry': { variables: { CI_REGISTRY_USER: 'ocikit', CI_REGISTRY_PASSWORD: PASSWORD } },
    'push-job-token': { variables: { CI_JOB_TOKEN: JOB_TOKEN } },
    'push-docker-auth': {
      variables: { DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [`localhost:${registry.host.split(':')[1]}`]: { auth: Buffer.from(`ocikit:${PASSWORD}`).toString('base64') } } }) },
    },
    'push-inputs': { variables: { MY_REGISTRY_PASSWORD: PASSWORD } },
    'push-wrong-password': { allow_failure: true },
    // The job is the user's to extend: needs, variables.
    'ocikit-pull': { needs: ['push-ci-registry'], variables: { CI_REGISTRY_USER: 'ocikit', CI_REGISTRY_PASSWORD: PASSWORD } },
    'read-outputs': {
      stage: 'verify',
      needs: ['push-ci-registry', 'push-job-token'],
      script: ['echo "digest=$OCIKIT_DIGEST reference=$OCIKIT_REFERENCE json=$OCIKIT_JSON token=$TOKEN_REFERENCE" > read-outputs.txt'],
    },
  });

  beforeAll(async () => {
    const yaml = stringify(pipeline());
    expect(includeProblems(parsePipeline(yaml, 'components.yml'), 'components.yml')).toEqual([]);
    await writePipeline(project, 'ci/components.yml', yaml);
    result = await runGitlabCiLocal(project, { file: 'ci/components.yml', variables: { CI_REGISTRY: registry.host } });
  }, 90_000);

  it('runs every job, and only the one with the wrong password fails', async () => {
    expect(result.output).toMatch(/PASS\s+push-ci-registry/);
    for (const job of ['push-job-token', 'push-docker-auth', 'push-inputs', 'ocikit-pull', 'read-outputs']) {
      expect({ job, passed: new RegExp(`PASS\\s+${job}\\b`).test(result.output) }).toEqual({ job, passed: true });
    }
    expect(result.output).toMatch(/WARN\s+push-wrong-password/);
    expect(result.code).toBe(0);
  });

  it('pushes to $CI_REGISTRY with CI_REGISTRY_USER, the inputs and the pipeline annotations', async () => {
    const pushed = await manifest('ocikit/ocikit/dist', shortSha);
    expect(pushed.status).toBe(200);
    const body = pushed.body!;
    expect(body.artifactType).toBe('application/vnd.ocikit.test.v1');
    expect(body.layers.map((l) => [l.annotations?.['org.opencontainers.image.title'], l.mediaType])).toEqual([
      ['dist/app.txt', 'text/plain'],
      ['dist/site', 'application/vnd.oci.image.layer.v1.tar+gzip'],
    ]);
    expect(body.annotations).toMatchObject({
      'com.example.note': 'spaces, commas, "quotes" and $dollars',
      'org.opencontainers.image.source': 'https://example.com/mine', // the user's wins
      'org.opencontainers.image.revision': project.sha,
      'org.opencontainers.image.created': PIPELINE_CREATED_AT,
    });
    for (const tag of ['latest', 'stable']) expect((await manifest('ocikit/ocikit/dist', tag)).digest).toBe(pushed.digest);

    const log = await result.jobLog('push-ci-registry');
    expect(log).toContain(`credentials for ${registry.host}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    expect(log).toContain('--username ocikit --password *** --json');
    expectCleanLog(log);
  });

  it('writes the dotenv report and the JSON result, and later jobs read them', async () => {
    const pushed = await manifest('ocikit/ocikit/dist', shortSha);
    const reference = `${registry.host}/ocikit/ocikit/dist:${shortSha}@${pushed.digest}`;
    expect(await result.dotenv('.ocikit/push-ci-registry.env')).toEqual({
      OCIKIT_DIGEST: pushed.digest,
      OCIKIT_REFERENCE: reference,
      OCIKIT_JSON: '.ocikit/push-ci-registry.json',
      OCIKIT_PUSHED: `${registry.host}/ocikit/ocikit/dist@${pushed.digest}`,
    });
    const json = JSON.parse(await readFile(join(project.dir, '.ocikit', 'push-ci-registry.json'), 'utf8'));
    expect(json).toMatchObject({ reference, digest: pushed.digest, artifactType: 'application/vnd.ocikit.test.v1' });
    expect(json.tags).toEqual([shortSha, 'latest', 'stable']);
    // A job that needs two ocikit jobs gets both: the second's under its output-prefix.
    const token = await manifest('ocikit/ocikit/token', 'v1');
    const tokenReference = `${registry.host}/ocikit/ocikit/token:v1@${token.digest}`;
    expect(await result.dotenv('.ocikit/push-job-token.env')).toEqual({
      TOKEN_DIGEST: token.digest,
      TOKEN_REFERENCE: tokenReference,
      TOKEN_JSON: '.ocikit/push-job-token.json',
      TOKEN_PUSHED: `${registry.host}/ocikit/ocikit/token@${token.digest}`,
    });
    expect(await readFile(join(project.dir, 'read-outputs.txt'), 'utf8')).toBe(
      `digest=${pushed.digest} reference=${reference} json=.ocikit/push-ci-registry.json token=${tokenReference}\n`,
    );
  });

  it('pulls by the reference from the dotenv report into its path, verified', async () => {
    const pushed = await manifest('ocikit/ocikit/dist', shortSha);
    expect(await readFile(join(project.dir, 'pulled', 'dist', 'app.txt'), 'utf8')).toBe('the app\n');
    expect(await snapshotTree(join(project.dir, 'pulled', 'dist', 'site'))).toEqual(await snapshotTree(join(project.dir, 'dist', 'site')));
    expect(await result.dotenv('.ocikit/ocikit-pull.env')).toMatchObject({ OCIKIT_DIGEST: pushed.digest, OCIKIT_PATH: 'pulled' });
    const log = await result.jobLog('ocikit-pull');
    expect(log).toMatch(/pulled .*\/ocikit\/ocikit\/dist:[0-9a-f]{8}@sha256:/);
    expect(log).toMatch(/^(.* )?wrote pulled\/dist\/app\.txt$/m);
    expectCleanLog(log);
  });

  it('uses the job token, DOCKER_AUTH_CONFIG and the password input where each applies', async () => {
    expect((await manifest('ocikit/ocikit/token', 'v1')).status).toBe(200);
    expect(await result.jobLog('push-job-token')).toContain('gitlab-ci-token / CI_JOB_TOKEN');
    expect((await manifest('other/dist', 'v1')).status).toBe(200);
    expect(await result.jobLog('push-docker-auth')).toContain('DOCKER_AUTH_CONFIG');
    expect((await manifest('explicit/dist', 'v1')).status).toBe(200);
    expect(await result.jobLog('push-inputs')).toContain('the username and password inputs');
    for (const job of ['push-job-token', 'push-docker-auth', 'push-inputs']) expectCleanLog(await result.jobLog(job));
    // The Docker config written for DOCKER_AUTH_CONFIG is gone, and nothing secret was kept as an artifact.
    expect(await readdir(project.tmpDir)).toEqual([]);
    const kept = await readdir(join(project.dir, '.ocikit'));
    for (const file of kept) for (const secret of SECRETS) expect(await readFile(join(project.dir, '.ocikit', file), 'utf8')).not.toContain(secret);
  });

  it('fails a push with a wrong password, saying so without the password', async () => {
    expect((await manifest('wrong/dist', 'v1')).status).toBe(404);
    const log = await result.jobLog('push-wrong-password');
    expect(log).toMatch(/error: .*(401|unauthorized|denied|credentials)/i);
    expect(log).not.toMatch(/^push: /m);
    // The advice is the component's (its inputs, DOCKER_AUTH_CONFIG), not the CLI's flags.
    expect(log).toContain('in the component: the `username` and `password` inputs');
    expect(log).not.toContain('--password-stdin');
    expectCleanLog(log);
    expectCleanLog(result.output);
  });
});

describe('every other verb in one pipeline (gitlab-ci-local, docker-registry with Basic auth)', () => {
  let result: GitlabRun;
  let mirrorHost: string;
  const ci = (repository: string): string => `$CI_REGISTRY/ocikit/ocikit/${repository}`;
  const pipeline = (): Record<string, unknown> => ({
    stages: ['deploy', 'verify', 'check'],
    include: [
      // deploy: a release of two platforms, a chart with its provenance, a zstd copy of a gzip image.
      {
        component: componentAt('release'),
        inputs: { reference: ci('tool:v1'), files: 'dist/tool-linux-amd64=linux/amd64\ndist/tool-linux-arm64=linux/arm64\n', tags: 'stable' },
      },
      { component: componentAt('helm'), inputs: { chart: 'helm', repository: `oci://${ci('charts')}`, provenance: true } },
      { component: componentAt('recompress'), inputs: { source: ci('base:gzip'), destination: ci('base:zstd'), level: 5, referrers: true } },
      // verify: a SARIF report attached to the release, the release's index with one more platform, the chart pulled back.
      {
        component: componentAt('attach'),
        inputs: { stage: 'verify', subject: '$OCIKIT_REFERENCE', files: 'reports/scan.sarif', annotations: 'org.example.scanner=trivy' },
      },
      {
        component: componentAt('index'),
        inputs: { stage: 'verify', reference: ci('tool:all'), sources: ['$OCIKIT_REFERENCE', `${ci('base:gzip')}=linux/s390x`] },
      },
      {
        component: componentAt('helm'),
        inputs: { 'job-name': 'helm-pull', stage: 'verify', command: 'pull', repository: ci('charts'), chart: 'demo', version: '0.1.0', provenance: true },
      },
      // check: the referrers of the release, a copy with them to another registry, one platform taken out of the index.
      { component: componentAt('discover'), inputs: { stage: 'check', reference: '$OCIKIT_SUBJECT' } },
      {
        component: componentAt('copy'),
        inputs: { stage: 'check', source: '$OCIKIT_SUBJECT', destination: `${mirrorHost}/mirror/tool:v1`, referrers: true },
      },
      {
        // Without DOCKER_AUTH_CONFIG the other registry gets no credential: the job's own are for $CI_REGISTRY only.
        component: componentAt('copy'),
        inputs: { 'job-name': 'copy-no-credential', stage: 'check', source: ci('tool:v1'), destination: `${mirrorHost}/leak/tool:v1` },
      },
      {
        component: componentAt('index'),
        inputs: { 'job-name': 'index-remove', stage: 'check', command: 'remove', reference: ci('tool:all'), sources: ['linux/s390x'] },
      },
    ],
    'ocikit-attach': { needs: ['ocikit-release'] },
    'ocikit-index': { needs: ['ocikit-release'] },
    'helm-pull': { needs: ['ocikit-helm'] },
    'ocikit-discover': { needs: ['ocikit-attach'] },
    'ocikit-copy': {
      needs: ['ocikit-attach'],
      variables: { DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [mirrorHost]: { auth: Buffer.from(`mirror:${MIRROR_PASSWORD}`).toString('base64') } } }) },
    },
    'copy-no-credential': { needs: ['ocikit-release'], allow_failure: true },
    'index-remove': { needs: ['ocikit-index'] },
  });

  beforeAll(async () => {
    mirrorHost = `localhost:${registry.host.split(':')[1]}`;
    // A gzip image to recompress (and to add to the index), pushed as a build would.
    const repository = new RemoteRepository({ registry: registry.host, repository: 'ocikit/ocikit/base' }, { credentials: staticCredentials({ username: 'ocikit', password: PASSWORD }) });
    try {
      const image = await buildImage(makeTempDir('ocikit-gitlab-image-'), {
        platform: { os: 'linux', architecture: 's390x' },
        layers: [{ files: { 'etc/hello': sampleContent(64 * 1024, 'one') } }, { files: { 'usr/share/two': sampleContent(32 * 1024, 'two') } }],
      });
      await pushImage(repository, image, 'gzip');
    } finally {
      await repository.close();
    }
    const yaml = stringify(pipeline());
    expect(includeProblems(parsePipeline(yaml, 'verbs.yml'), 'verbs.yml')).toEqual([]);
    await writePipeline(project, 'ci/verbs.yml', yaml);
    result = await runGitlabCiLocal(project, {
      file: 'ci/verbs.yml',
      variables: { CI_REGISTRY: registry.host, CI_REGISTRY_USER: 'ocikit', CI_REGISTRY_PASSWORD: PASSWORD },
      timeoutMs: 150_000,
    });
  }, 180_000);

  it('runs every job, and only the copy without a credential for the other registry fails', async () => {
    for (const job of ['ocikit-release', 'ocikit-helm', 'ocikit-recompress', 'ocikit-attach', 'ocikit-index', 'helm-pull', 'ocikit-discover', 'ocikit-copy', 'index-remove']) {
      expect({ job, passed: new RegExp(`PASS\\s+${job}\\b`).test(result.output) }).toEqual({ job, passed: true });
    }
    expect(result.output).toMatch(/WARN\s+copy-no-credential/);
    expect(result.code).toBe(0);
    expectCleanLog(result.output);
    // Every Docker config the jobs wrote is gone.
    expect(await readdir(project.tmpDir)).toEqual([]);
  });

  it('release: one artifact per platform and the index over them, tagged, with the pipeline annotations', async () => {
    const index = await manifest('ocikit/ocikit/tool', 'v1');
    expect(index.body!.mediaType).toBe(MediaType.ImageIndex);
    expect(index.body!.manifests.map((m) => `${m.platform!.os}/${m.platform!.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.body!.annotations).toMatchObject({ 'org.opencontainers.image.revision': project.sha, 'org.opencontainers.image.created': PIPELINE_CREATED_AT });
    expect((await manifest('ocikit/ocikit/tool', 'stable')).digest).toBe(index.digest);
    const amd64 = await manifest('ocikit/ocikit/tool', index.body!.manifests[0]!.digest);
    // Titled by its base name (a pull writes tool-linux-amd64, not the build tree's dist/).
    expect(amd64.body!.layers.map((l) => l.annotations?.['org.opencontainers.image.title'])).toEqual(['tool-linux-amd64']);
    expect(await result.dotenv('.ocikit/ocikit-release.env')).toEqual({
      OCIKIT_DIGEST: index.digest,
      OCIKIT_REFERENCE: `${registry.host}/ocikit/ocikit/tool:v1@${index.digest}`,
      OCIKIT_JSON: '.ocikit/ocikit-release.json',
      OCIKIT_PUSHED: `${registry.host}/ocikit/ocikit/tool@${index.digest}`,
    });
  });

  it('attach → discover: the SARIF report is a referrer of the release, and discover shows it in the log, the JSON and the Markdown', async () => {
    const index = await manifest('ocikit/ocikit/tool', 'v1');
    // docker-registry has no referrers API: the report is listed under the sha256-<hex> tag.
    const listed = await manifest('ocikit/ocikit/tool', `sha256-${index.digest!.slice(7)}`);
    expect(listed.body!.manifests).toHaveLength(1);
    const referrer = listed.body!.manifests[0]!;
    expect(referrer.artifactType).toBe('application/sarif+json');
    expect(referrer.annotations).toMatchObject({ 'org.example.scanner': 'trivy', 'org.opencontainers.image.revision': project.sha });
    expect(await result.dotenv('.ocikit/ocikit-attach.env')).toEqual({
      OCIKIT_DIGEST: referrer.digest,
      OCIKIT_REFERENCE: `${registry.host}/ocikit/ocikit/tool@${referrer.digest}`,
      OCIKIT_JSON: '.ocikit/ocikit-attach.json',
      OCIKIT_SUBJECT: `${registry.host}/ocikit/ocikit/tool:v1@${index.digest}`,
    });

    expect(await result.dotenv('.ocikit/ocikit-discover.env')).toMatchObject({ OCIKIT_DIGEST: index.digest, OCIKIT_COUNT: '1', OCIKIT_MARKDOWN: 'ocikit-referrers.md' });
    const graph = JSON.parse(await readFile(join(project.dir, '.ocikit', 'ocikit-discover.json'), 'utf8'));
    expect(graph).toMatchObject({ digest: index.digest, referrers: [{ digest: referrer.digest, artifactType: 'application/sarif+json', referrers: [] }] });
    const markdown = await readFile(join(project.dir, 'ocikit-referrers.md'), 'utf8');
    expect(markdown).toMatch(new RegExp(`^# Referrers of ${registry.host}/ocikit/ocikit/tool@${index.digest}\\n\\n1 referrer \\(1 direct\\), found in the sha256-<hex> tag schema\\.\\n\\n\`\`\`mermaid\\ngraph LR\\n`));
    expect(markdown).toContain('application/sarif+json');
    const log = await result.jobLog('ocikit-discover');
    expect(log).toContain(`└── application/sarif+json`);
    expect(log).toContain(`    └── ${referrer.digest}`);
    expectCleanLog(log);
  });

  it('index: create lists the release and an image of another repository; remove takes a platform out', async () => {
    const created = await result.dotenv('.ocikit/ocikit-index.env');
    expect(created.OCIKIT_REFERENCE).toBe(`${registry.host}/ocikit/ocikit/tool:all@${created.OCIKIT_DIGEST}`);
    const first = await manifest('ocikit/ocikit/tool', created.OCIKIT_DIGEST!);
    expect(first.body!.manifests.map((m) => m.platform!.architecture)).toEqual(['amd64', 'arm64', 's390x']);
    expect(first.body!.annotations).toEqual({ 'org.opencontainers.image.source': expect.any(String), 'org.opencontainers.image.revision': project.sha });
    const base = await manifest('ocikit/ocikit/base', 'gzip');
    expect(first.body!.manifests[2]!.digest).toBe(base.digest);
    // The image from ocikit/ocikit/base is now in ocikit/ocikit/tool too (a registry refuses an index whose manifests it lacks).
    expect((await manifest('ocikit/ocikit/tool', base.digest!)).status).toBe(200);

    const now = await manifest('ocikit/ocikit/tool', 'all');
    expect(now.body!.manifests.map((m) => m.platform!.architecture)).toEqual(['amd64', 'arm64']);
    expect(await result.dotenv('.ocikit/index-remove.env')).toMatchObject({ OCIKIT_DIGEST: now.digest, OCIKIT_REFERENCE: `${registry.host}/ocikit/ocikit/tool:all@${now.digest}` });
  });

  it('helm: pushes the chart and its provenance as helm does, and pulls them back', async () => {
    const pushed = await manifest('ocikit/ocikit/charts/demo', '0.1.0');
    expect(pushed.body!.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    expect(pushed.body!.layers.map((l) => l.mediaType).sort()).toEqual(['application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'application/vnd.cncf.helm.chart.provenance.v1.prov']);
    expect(await result.dotenv('.ocikit/ocikit-helm.env')).toEqual({
      OCIKIT_DIGEST: pushed.digest,
      OCIKIT_REFERENCE: `${registry.host}/ocikit/ocikit/charts/demo:0.1.0@${pushed.digest}`,
      OCIKIT_JSON: '.ocikit/ocikit-helm.json',
      OCIKIT_VERSION: '0.1.0',
      OCIKIT_PUSHED: `${registry.host}/ocikit/ocikit/charts/demo@${pushed.digest}`,
    });
    const pulled = await result.dotenv('.ocikit/helm-pull.env');
    expect(pulled).toMatchObject({ OCIKIT_DIGEST: pushed.digest, OCIKIT_VERSION: '0.1.0', OCIKIT_FILE: '.ocikit/charts/demo-0.1.0.tgz' });
    expect(await readFile(join(project.dir, pulled.OCIKIT_FILE!))).toEqual(chart);
    expect(await readFile(join(project.dir, '.ocikit', 'charts', 'demo-0.1.0.tgz.prov'), 'utf8')).toContain('not really signed');
  });

  it('recompress: a zstd image of the gzip one, under the destination tag', async () => {
    const zstd = await manifest('ocikit/ocikit/base', 'zstd');
    expect(zstd.status).toBe(200);
    expect(zstd.body!.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd]);
    expect((await manifest('ocikit/ocikit/base', 'gzip')).body!.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerGzip, MediaType.LayerGzip]);
    expect(await result.dotenv('.ocikit/ocikit-recompress.env')).toMatchObject({
      OCIKIT_DIGEST: zstd.digest,
      OCIKIT_REFERENCE: `${registry.host}/ocikit/ocikit/base:zstd@${zstd.digest}`,
      OCIKIT_CHANGED: 'true',
    });
    // `referrers: true` reached the CLI: the report lists what was carried (the gzip image has no referrers).
    const { OCIKIT_JSON: reportFile } = await result.dotenv('.ocikit/ocikit-recompress.env');
    const report = JSON.parse(await readFile(join(project.dir, reportFile!), 'utf8')) as { rewritten: Array<{ carried?: unknown[] }> };
    expect(report.rewritten.map((r) => r.carried)).toEqual([[]]);
  });

  it('copy: to another registry with its referrers, each registry with its own credential', async () => {
    const index = await manifest('ocikit/ocikit/tool', 'v1');
    const copied = await manifest('mirror/tool', 'v1');
    expect(copied.digest).toBe(index.digest);
    const listed = await manifest('mirror/tool', `sha256-${index.digest!.slice(7)}`);
    expect(listed.body!.manifests.map((m) => m.artifactType)).toEqual(['application/sarif+json']);
    expect(await result.dotenv('.ocikit/ocikit-copy.env')).toEqual({
      OCIKIT_DIGEST: index.digest,
      OCIKIT_REFERENCE: `${mirrorHost}/mirror/tool:v1@${index.digest}`,
      OCIKIT_JSON: '.ocikit/ocikit-copy.json',
      OCIKIT_PUSHED: `${mirrorHost}/mirror/tool@${index.digest}`,
    });
    const json = JSON.parse(await readFile(join(project.dir, '.ocikit', 'ocikit-copy.json'), 'utf8'));
    expect(json).toMatchObject({ source: `${registry.host}/ocikit/ocikit/tool:v1@${index.digest}`, referrers: { copied: 1 } });
    const log = await result.jobLog('ocikit-copy');
    expect(log).toContain(`credentials for ${mirrorHost}: DOCKER_AUTH_CONFIG`);
    expect(log).toContain(`credentials for ${registry.host}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    expectCleanLog(log);

    // The job's credentials did not go to the other registry, which would have taken them.
    expect((await manifest('leak/tool', 'v1')).status).toBe(404);
    const refused = await result.jobLog('copy-no-credential');
    expect(refused).toContain(`credentials for ${mirrorHost}: none (anonymous)`);
    expect(refused).toMatch(new RegExp(`error: .*${mirrorHost}/v2/leak/tool/.*requires a username and password`));
    expectCleanLog(refused);
  });
});

describe('in an image without ocikit on PATH (plain Node 24)', () => {
  it('runs the CLI through npx --package @ocikit/cli@<the pinned version>', async () => {
    // A stand-in npx: records its arguments, then runs the repo's CLI as npx would run the package's bin.
    const fakeBin = join(project.dir, '..', 'npx-bin');
    await mkdir(fakeBin);
    await writeFile(
      join(fakeBin, 'npx'),
      [
        '#!/bin/sh',
        'printf "%s\\n" "$*" > npx-args.txt',
        `[ "$1 $2 $3 $4 $5" = "--yes --package @ocikit/cli@${cliVersion} -- ocikit" ] || { echo "unexpected npx call: $*" >&2; exit 97; }`,
        'shift 5',
        `exec node "${join(REPO_ROOT, 'packages', 'cli', 'bin', 'ocikit.js')}" "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    await writePipeline(
      project,
      'ci/npx.yml',
      stringify({ include: [{ component: componentAt('push'), inputs: { 'job-name': 'push-with-npx', reference: 'oci-layout:./npx-layout:v1', files: 'dist/app.txt' } }] }),
    );
    const result = await runGitlabCiLocal(project, { file: 'ci/npx.yml', binDir: fakeBin });
    expect(result.output).toMatch(/PASS\s+push-with-npx/);
    const log = await result.jobLog('push-with-npx');
    expect(log).toContain(`ocikit is not on PATH: running it with npx from @ocikit/cli@${cliVersion}`);
    expect(await readFile(join(project.dir, 'npx-args.txt'), 'utf8')).toMatch(
      new RegExp(`^--yes --package @ocikit/cli@${cliVersion.replace(/\./g, '\\.')} -- ocikit gitlab push\\n$`),
    );
    expect((await result.dotenv('.ocikit/push-with-npx.env')).OCIKIT_REFERENCE).toMatch(/^oci-layout:\.\/npx-layout:v1@sha256:[0-9a-f]{64}$/);
  }, 30_000);
});

describe('examples/gitlab/.gitlab-ci.yml', () => {
  it('builds, pushes, releases the chart, attaches the scan report to it, pulls and verifies when its components come from this commit', async () => {
    const example = await readFile(join(REPO_ROOT, 'examples', 'gitlab', '.gitlab-ci.yml'), 'utf8');
    const local = example.replace(/gitlab\.com\/ocikit\/ocikit\/([a-z-]+)@[\w.-]+/g, (_m, verb: string) => componentAt(verb));
    expect(local).not.toEqual(example);
    await writePipeline(project, 'ci/example.yml', local);
    const result = await runGitlabCiLocal(project, {
      file: 'ci/example.yml',
      variables: { CI_REGISTRY: registry.host, CI_REGISTRY_USER: 'ocikit', CI_REGISTRY_PASSWORD: PASSWORD },
    });
    expect(result.output).toMatch(/PASS\s+verify/);
    expect(result.code).toBe(0);
    const pushed = await manifest('ocikit/ocikit/dist', 'main');
    expect(pushed.body?.artifactType).toBe('application/vnd.example.dist.v1');
    expect(await result.jobLog('verify')).toMatch(/dist\/app\.tar\.gz: OK/);
    // The chart as helm pushes it, and the SARIF report listed as its referrer (the registry has no referrers API).
    const chart = await manifest('ocikit/ocikit/charts/app', '0.1.0');
    expect(chart.body?.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    const referrers = await manifest('ocikit/ocikit/charts/app', `sha256-${chart.digest!.slice(7)}`);
    expect(referrers.body?.manifests.map((m) => [m.artifactType, m.annotations?.['org.example.scanner']])).toEqual([['application/sarif+json', 'example-scanner']]);
    expect((await result.dotenv('.ocikit/ocikit-attach.env')).OCIKIT_SUBJECT).toBe(`${registry.host}/ocikit/ocikit/charts/app:0.1.0@${chart.digest}`);
    expectCleanLog(result.output);
  }, 60_000);
});

describe("the repository's own .gitlab-ci.yml", () => {
  it('includes its components from the commit, and releases only on semantic-version tags', async () => {
    await writePipeline(project, 'ci/own.yml', await readFile(join(REPO_ROOT, '.gitlab-ci.yml'), 'utf8'));
    const list = async (variables: Record<string, string>): Promise<string[]> => {
      const result = await runGitlabCiLocal(project, { file: 'ci/own.yml', variables, args: ['--list-json'] });
      expect(result.stderr).not.toMatch(/invalid|error/i);
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as Array<{ name: string; when: string }>).filter((j) => j.when !== 'never').map((j) => j.name);
    };
    const branch = await list({});
    const components = ['push', 'pull', 'release', 'helm', 'recompress', 'attach', 'discover', 'copy', 'index', 'helm-pull'].map((c) => `component-${c}`);
    expect(branch).toEqual(expect.arrayContaining(['test', 'cli-image', 'component-fixtures', ...components, 'component-verify', 'component-check']));
    expect(branch).not.toContain('release');
    expect(await list({ CI_COMMIT_TAG: '0.1.0', CI_COMMIT_BRANCH: '' })).toEqual(expect.arrayContaining(['release-check', 'release-image', 'release']));
    expect(await list({ CI_COMMIT_TAG: 'v0.1.0-not-semver-for-the-catalog', CI_COMMIT_BRANCH: '' })).not.toContain('release');
  }, 60_000);

  it('runs its component jobs and their checks (all but the test suite and the image build)', async () => {
    // What cli-image would have pushed: a gzip image under cli:<commit>, for component-recompress.
    const repository = new RemoteRepository({ registry: registry.host, repository: 'ocikit/ocikit/cli' }, { credentials: staticCredentials({ username: 'ocikit', password: PASSWORD }) });
    try {
      const image = await buildImage(makeTempDir('ocikit-gitlab-image-'), { platform: { os: 'linux', architecture: 'amd64' }, layers: [{ files: { 'usr/bin/ocikit': sampleContent(16 * 1024, 'cli') } }] });
      await pushImage(repository, image, project.sha);
    } finally {
      await repository.close();
    }
    await writePipeline(project, 'ci/own.yml', await readFile(join(REPO_ROOT, '.gitlab-ci.yml'), 'utf8'));
    const jobs = ['fixtures', 'push', 'pull', 'release', 'helm', 'recompress', 'attach', 'discover', 'copy', 'index', 'helm-pull', 'verify', 'check'].map((j) => `component-${j}`);
    const result = await runGitlabCiLocal(project, {
      file: 'ci/own.yml',
      variables: { CI_REGISTRY: registry.host, CI_REGISTRY_USER: 'ocikit', CI_REGISTRY_PASSWORD: PASSWORD },
      jobs,
      timeoutMs: 150_000,
    });
    for (const job of jobs) {
      const passed = new RegExp(`PASS\\s+${job}\\b`).test(result.output);
      // A failed job's log in the failure message.
      expect({ job, passed, log: passed ? '' : await result.jobLog(job).catch(() => result.output) }).toEqual({ job, passed: true, log: '' });
    }
    expect(result.code).toBe(0);
    expect(await result.jobLog('component-check')).toMatch(/ok: discover lists the SARIF report\n(.*\n)*ok: recompress made zstd layers/);
    expectCleanLog(result.output);
  }, 180_000);
});

describe('progress in a job log', () => {
  it('is plain lines when CI is set, even on a terminal', async () => {
    // `script` gives the CLI a pseudo-terminal: without CI it draws bars, with CI it must not.
    const dir = project.dir;
    const command = (ci: boolean, tag: string): string =>
      `${ci ? 'CI=true ' : ''}ocikit push oci-layout:./tty-layout:${tag} dist/app.txt dist/site`;
    const env = { PATH: `${project.binDir}:${join(process.execPath, '..')}:/usr/bin:/bin`, HOME: project.home, TERM: 'xterm' };
    const plain = await run('script', ['-qec', command(true, 'ci'), '/dev/null'], { cwd: dir, env });
    expect(plain.code).toBe(0);
    // One line per blob (the word is the progress renderer's: what a layout push says it did).
    expect(plain.stdout).toMatch(/^(uploaded|written)\s+dist\/app\.txt /m);
    expect(plain.stdout).not.toContain('\u001b');
    const bars = await run('script', ['-qec', command(false, 'tty'), '/dev/null'], { cwd: dir, env });
    expect(bars.code).toBe(0);
    expect(bars.stdout).toContain('\u001b['); // the check can fail: a terminal does get control sequences
  });
});
