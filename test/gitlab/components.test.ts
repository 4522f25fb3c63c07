// The GitLab components run as GitLab runs them: gitlab-ci-local (shell executor)
// includes them the catalog way, `component:
// $CI_SERVER_FQDN/$CI_PROJECT_PATH/<verb>@$CI_COMMIT_SHA`, from a git work tree whose
// remote is gitlab.example.com/ocikit/ocikit, and their jobs run the repo's built
// CLI against the real docker-registry with Basic auth. One pipeline run serves
// several tests; the assertions are on the registry, the files and the reports.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { snapshotTree } from '../harness/fixtures.js';
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
import { useRegistry } from '../harness/registry.js';
import { includeProblems, parsePipeline } from './component-spec.js';

const PASSWORD = 'the-s3cret-pass';
const JOB_TOKEN = 'job-T0ken-4-the-registry';
const WRONG = 'Wr0ng-pass-never-shown';
const SECRETS = [PASSWORD, JOB_TOKEN, WRONG];
const cliVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const registry = useRegistry({ auth: 'basic', users: { ocikit: PASSWORD, 'gitlab-ci-token': JOB_TOKEN } });

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';

interface Manifest {
  artifactType?: string;
  annotations: Record<string, string>;
  layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>;
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

beforeAll(async () => {
  project = await makeGitlabProject({
    files: {
      'dist/app.txt': 'the app\n',
      'dist/site/index.html': '<h1>ocikit</h1>\n',
      'dist/site/assets/app.js': 'console.log("hi")\n',
      'src/main.txt': 'source\n',
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
        // To $CI_REGISTRY with no CI_REGISTRY_USER: the job token.
        component: componentAt('push'),
        inputs: { 'job-name': 'push-job-token', reference: '$CI_REGISTRY/ocikit/ocikit/token:v1', files: 'dist/app.txt' },
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
      needs: ['push-ci-registry'],
      script: ['echo "digest=$OCIKIT_DIGEST reference=$OCIKIT_REFERENCE json=$OCIKIT_JSON" > read-outputs.txt'],
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
    expect(log).toMatch(/--password-stdin/);
    expectCleanLog(log);
  });

  it('writes the dotenv report and the JSON result, and later jobs read them', async () => {
    const pushed = await manifest('ocikit/ocikit/dist', shortSha);
    const reference = `${registry.host}/ocikit/ocikit/dist:${shortSha}@${pushed.digest}`;
    expect(await result.dotenv('.ocikit/push-ci-registry.env')).toEqual({
      OCIKIT_DIGEST: pushed.digest,
      OCIKIT_REFERENCE: reference,
      OCIKIT_JSON: '.ocikit/push-ci-registry.json',
    });
    const json = JSON.parse(await readFile(join(project.dir, '.ocikit', 'push-ci-registry.json'), 'utf8'));
    expect(json).toMatchObject({ reference, digest: pushed.digest, artifactType: 'application/vnd.ocikit.test.v1' });
    expect(json.tags).toEqual([shortSha, 'latest', 'stable']);
    expect(await readFile(join(project.dir, 'read-outputs.txt'), 'utf8')).toBe(
      `digest=${pushed.digest} reference=${reference} json=.ocikit/push-ci-registry.json\n`,
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
    expectCleanLog(log);
    expectCleanLog(result.output);
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
      new RegExp(`^--yes --package @ocikit/cli@${cliVersion.replace(/\./g, '\\.')} -- ocikit push .*--json -- oci-layout:\\./npx-layout:v1 dist/app\\.txt\\n$`),
    );
    expect((await result.dotenv('.ocikit/push-with-npx.env')).OCIKIT_REFERENCE).toMatch(/^oci-layout:\.\/npx-layout:v1@sha256:[0-9a-f]{64}$/);
  }, 30_000);
});

describe('examples/gitlab/.gitlab-ci.yml', () => {
  it('builds, pushes, pulls and verifies when its components come from this commit', async () => {
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
    expect(branch).toEqual(expect.arrayContaining(['test', 'cli-image', 'component-push', 'component-pull', 'component-verify']));
    expect(branch).not.toContain('release');
    expect(await list({ CI_COMMIT_TAG: '0.1.0', CI_COMMIT_BRANCH: '' })).toEqual(expect.arrayContaining(['release-check', 'release-image', 'release']));
    expect(await list({ CI_COMMIT_TAG: 'v0.1.0-not-semver-for-the-catalog', CI_COMMIT_BRANCH: '' })).not.toContain('release');
  }, 60_000);
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
    expect(plain.stdout).toMatch(/uploaded\s+dist\/app\.txt/);
    expect(plain.stdout).not.toContain('\u001b');
    const bars = await run('script', ['-qec', command(false, 'tty'), '/dev/null'], { cwd: dir, env });
    expect(bars.code).toBe(0);
    expect(bars.stdout).toContain('\u001b['); // the check can fail: a terminal does get control sequences
  });
});
