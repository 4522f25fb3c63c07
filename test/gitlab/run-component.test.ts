// The GitLab components' program (packages/gitlab's runComponent, what `ocikit gitlab
// <verb>` runs) with the job's variables made from templates/<verb>.yml as GitLab and
// the runner make them, in this process. Its CLI runs go to a recording runner in
// place of the CLI's main: a stand-in, because what is checked here is what the real
// CLI cannot show, the exact argv each input becomes and the temporary Docker config
// it is handed (which credential goes to which registry), read while the run lasts.
// template-scripts.test.ts runs the template's one line with the real CLI, and
// components.test.ts every component under gitlab-ci-local against a real registry,
// the credential routing included (its copy-no-credential job).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isOcikitError } from '@ocikit/core';
import { runComponent } from '../../packages/gitlab/src/index.js';
import { makeTempDir } from '../harness/temp.js';
import { REPO_ROOT, interpolatedJob, readTemplate } from './component-spec.js';

const CI_HOST = 'registry.gitlab.example.com';
const SECRET = 'job-S3cret-never-logged';
const OTHER_SECRET = 'other-S3cret-never-logged';
const INPUT_SECRET = 'input-S3cret-never-logged';

interface Call {
  args: string[];
  env: Record<string, string | undefined>;
  config?: { auths?: Record<string, { auth: string }>; credHelpers?: Record<string, string>; credsStore?: string };
  configMode?: number;
}

interface JobRun {
  /** runComponent's return (0, or a failed CLI run's code); undefined when it threw. */
  code: number | undefined;
  /** What it threw: an input error is an OcikitError the CLI prints (exit 2). */
  error: unknown;
  stdout: string;
  stderr: string;
  calls: Call[];
  secrets: Set<string>;
  dir: string;
  tmp: string;
}

interface JobOptions {
  env?: Record<string, string>;
  files?: Record<string, string>;
  /** What the --json run prints. */
  json?: unknown;
  /** The exit code of the CLI runs (0 by default). */
  exitCode?: number;
}

let root: string;
let runs = 0;

beforeAll(() => {
  root = makeTempDir('ocikit-run-component-');
});

/**
 * Runs the component `verb` with these inputs (the others at their defaults) and
 * these job variables, in a fresh project directory holding `files`.
 */
async function runJob(verb: string, inputs: Record<string, unknown>, options: JobOptions = {}): Promise<JobRun> {
  const dir = join(root, `run-${++runs}`);
  const tmp = join(root, `tmp-${runs}`);
  await mkdir(dir, { recursive: true });
  await mkdir(tmp, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const template = readTemplate(verb, join(REPO_ROOT, 'templates', `${verb}.yml`));
  const { env } = interpolatedJob(template, inputs, {
    HOME: join(root, 'home'),
    TMPDIR: tmp,
    CI: 'true',
    CI_JOB_NAME: `ocikit-${verb}`,
    CI_JOB_NAME_SLUG: `ocikit-${verb}`,
    CI_PROJECT_URL: 'https://gitlab.example.com/ocikit/ocikit',
    CI_COMMIT_SHA: 'c0ffee',
    CI_PIPELINE_CREATED_AT: '2025-06-01T12:34:56Z',
    ...options.env,
  });
  const calls: Call[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const secrets = new Set<string>();
  let code: number | undefined;
  let error: unknown;
  try {
    code = await runComponent(verb, {
      env,
      cwd: dir,
      stdout: { write: (text: string) => stdout.push(text) },
      stderr: { write: (text: string) => stderr.push(text) },
      secrets,
      runCli: async (args, cliEnv) => {
        const call: Call = { args, env: { ...cliEnv } };
        const at = args.indexOf('--registry-config');
        if (at >= 0) {
          call.config = JSON.parse(readFileSync(args[at + 1]!, 'utf8')) as Call['config'];
          call.configMode = statSync(args[at + 1]!).mode & 0o777;
        }
        calls.push(call);
        const output = args.includes('--format') ? args.indexOf('--format') : args.indexOf('--output');
        const printed = args.includes('--json')
          ? JSON.stringify(options.json ?? { digest: 'sha256:1234', reference: 'r@sha256:1234' })
          : `the ${output >= 0 ? args[output + 1] : 'text'} output\n`;
        return { code: options.exitCode ?? 0, stdout: printed };
      },
    });
  } catch (thrown) {
    error = thrown;
  }
  const result = { code, error, stdout: stdout.join(''), stderr: stderr.join(''), calls, secrets, dir, tmp };
  // Nothing the job prints, nor its error, shows a secret.
  for (const secret of [SECRET, OTHER_SECRET, INPUT_SECRET]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    expect(String(error ?? '')).not.toContain(secret);
  }
  return result;
}

/** The input error a run threw (which the CLI prints after `error:`, exit 2). */
function inputError(run: JobRun): string {
  expect(run.code).toBeUndefined();
  expect(isOcikitError(run.error, 'INVALID_INPUT') || isOcikitError(run.error, 'INVALID_REFERENCE')).toBe(true);
  return (run.error as Error).message;
}

const basicAuth = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');
const ciJob = { CI_REGISTRY: CI_HOST, CI_REGISTRY_USER: 'gitlab-ci-token', CI_REGISTRY_PASSWORD: SECRET };

describe('credentials for one registry', () => {
  it('the job credentials for $CI_REGISTRY as the CLI flags, the password masked in the log and kept as a secret', async () => {
    const result = await runJob('push', { reference: `${CI_HOST}/group/app:v1`, files: 'app.txt' }, { env: ciJob });
    expect(result.code).toBe(0);
    expect(result.calls.map((c) => c.args)).toEqual([
      ['push', '--compression', 'gzip', '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit', '--annotation', 'org.opencontainers.image.revision=c0ffee',
        '--annotation', 'org.opencontainers.image.created=2025-06-01T12:34:56Z', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password', SECRET, '--json', '--', `${CI_HOST}/group/app:v1`, 'app.txt'],
    ]);
    expect(result.stderr).toContain(`ocikit: credentials for ${CI_HOST}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD\n`);
    expect(result.stderr).toContain('--username gitlab-ci-token --password *** --json --');
    expect([...result.secrets]).toContain(SECRET);
    // The CLI runs with CI set (plain progress lines) and without the password input.
    expect(result.calls[0]!.env.CI).toBe('true');
    expect(result.calls[0]!.env.OCIKIT_IN_PASSWORD).toBeUndefined();
  });

  it('the inputs first, the job token for $CI_REGISTRY only, DOCKER_AUTH_CONFIG for any other registry', async () => {
    const inputs = await runJob('pull', { reference: `${CI_HOST}/group/app:v1`, username: 'me', password: '$MY_TOKEN' }, { env: { ...ciJob, MY_TOKEN: INPUT_SECRET } });
    expect(inputs.calls[0]!.args).toEqual(expect.arrayContaining(['--username', 'me', '--password', INPUT_SECRET]));
    expect(inputs.stderr).toContain(`credentials for ${CI_HOST}: the username and password inputs`);
    expect([...inputs.secrets]).toContain(INPUT_SECRET);

    const token = await runJob('pull', { reference: `${CI_HOST}/group/app:v1` }, { env: { CI_REGISTRY: CI_HOST, CI_JOB_TOKEN: SECRET } });
    expect(token.calls[0]!.args).toEqual(expect.arrayContaining(['--username', 'gitlab-ci-token', '--password', SECRET]));
    expect(token.stderr).toContain('gitlab-ci-token / CI_JOB_TOKEN');

    const docker = { auths: { 'other.example.com': { auth: basicAuth('robot', OTHER_SECRET) } } };
    const other = await runJob('pull', { reference: 'other.example.com/group/app:v1' }, { env: { CI_REGISTRY: CI_HOST, CI_JOB_TOKEN: SECRET, DOCKER_AUTH_CONFIG: JSON.stringify(docker) } });
    expect(other.calls[0]!.args).not.toContain('--username');
    expect(other.calls[0]!.config).toEqual(docker);
    expect(other.calls[0]!.configMode).toBe(0o600);
    expect(other.stderr).toContain('credentials for other.example.com: DOCKER_AUTH_CONFIG');
    expect(await readdir(other.tmp)).toEqual([]);
  });

  it('refuse a username without a password, naming the inputs', async () => {
    const result = await runJob('push', { reference: `${CI_HOST}/group/app:v1`, username: 'me', password: '$UNDEFINED_PROTECTED' }, { env: ciJob });
    expect(inputError(result)).toBe('the password input is empty while the username input is set');
    expect(result.calls).toEqual([]);
  });
});

describe('credentials for two registries (copy)', () => {
  it('combine the job credentials for $CI_REGISTRY and DOCKER_AUTH_CONFIG into one 0600 config, removed afterwards', async () => {
    const docker = {
      auths: { 'https://other.example.com': { auth: basicAuth('robot', OTHER_SECRET) }, [`https://${CI_HOST}`]: { auth: basicAuth('stale', 'stale') } },
      credHelpers: { [CI_HOST]: 'ecr-login', 'helped.example.com': 'pass' },
    };
    const result = await runJob(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'other.example.com/mirror/app:v1', referrers: true },
      { env: { ...ciJob, DOCKER_AUTH_CONFIG: JSON.stringify(docker) } },
    );
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(1);
    const [call] = result.calls;
    expect(call!.args).toEqual(['copy', '--referrers', '--concurrency', '3', '--registry-config', expect.any(String), '--json', '--', `${CI_HOST}/group/app:v1`, 'other.example.com/mirror/app:v1']);
    expect(call!.configMode).toBe(0o600);
    // The job's credential wins over what DOCKER_AUTH_CONFIG held for $CI_REGISTRY (auths and helper alike).
    expect(call!.config).toEqual({
      auths: { 'https://other.example.com': { auth: basicAuth('robot', OTHER_SECRET) }, [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } },
      credHelpers: { 'helped.example.com': 'pass' },
    });
    expect(result.stderr).toContain('credentials for other.example.com: DOCKER_AUTH_CONFIG');
    expect(result.stderr).toContain(`credentials for ${CI_HOST}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    expect(await readdir(result.tmp)).toEqual([]);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-copy.env'), 'utf8')).toMatch(/^OCIKIT_DIGEST=sha256:1234\n/);
  });

  it('send the job token to $CI_REGISTRY only, and the inputs to the destination only', async () => {
    const alone = await runJob('copy', { source: `${CI_HOST}/group/app:v1`, destination: 'docker.io/example/app:v1' }, { env: { CI_REGISTRY: CI_HOST, CI_JOB_TOKEN: SECRET } });
    expect(alone.code).toBe(0);
    expect(alone.calls[0]!.config).toEqual({ auths: { [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } } });
    expect(alone.calls[0]!.args).not.toContain('--username');
    expect(alone.stderr).toContain('credentials for docker.io: none (anonymous)');

    const inputs = await runJob(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'example/app:v1', username: 'me', password: '$MY_TOKEN' },
      { env: { ...ciJob, MY_TOKEN: INPUT_SECRET } },
    );
    expect(inputs.code).toBe(0);
    // Docker Hub under Docker's own key for it (core's setAuthEntry), the job's credential under $CI_REGISTRY.
    expect(inputs.calls[0]!.config!.auths).toEqual({ 'https://index.docker.io/v1/': { auth: basicAuth('me', INPUT_SECRET) }, [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } });
    expect(inputs.stderr).toContain('credentials for docker.io: the username and password inputs');
    expect(inputs.calls[0]!.args).not.toContain(INPUT_SECRET);
    expect([...inputs.secrets]).toEqual(expect.arrayContaining([INPUT_SECRET, SECRET]));
  });

  it('take the flags when both ends are on one registry', async () => {
    const result = await runJob('copy', { source: `${CI_HOST}/group/app:v1`, destination: `${CI_HOST}/group/app-copy:v1` }, { env: ciJob });
    expect(result.code).toBe(0);
    expect(result.calls[0]!.args).toEqual(['copy', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password', SECRET, '--json', '--', `${CI_HOST}/group/app:v1`, `${CI_HOST}/group/app-copy:v1`]);
  });

  it('refuse a DOCKER_AUTH_CONFIG that is not JSON without quoting it', async () => {
    const result = await runJob(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'other.example.com/app:v1' },
      { env: { ...ciJob, DOCKER_AUTH_CONFIG: `{"auths": {"other.example.com": {"auth": "${OTHER_SECRET}"` } },
    );
    expect(inputError(result)).toMatch(/^the registry config DOCKER_AUTH_CONFIG is not valid JSON/);
    expect(result.calls).toEqual([]);
    expect(await readdir(result.tmp)).toEqual([]);
  });
});

describe('the verb parts', () => {
  it('index: an array of sources (one per item, or several lines in one), other registries combined', async () => {
    const result = await runJob(
      'index',
      {
        reference: `${CI_HOST}/group/app:v1`,
        sources: [':v1-amd64', `${CI_HOST}/group/app@sha256:${'a'.repeat(64)}=linux/arm64\nother.example.com/base:v1=linux/s390x`],
        'allow-duplicates': true,
        annotations: 'org.example.k=v',
      },
      { env: { ...ciJob, DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { 'other.example.com': { auth: basicAuth('robot', OTHER_SECRET) } } }) } },
    );
    expect(result.code).toBe(0);
    const args = result.calls[0]!.args;
    expect(args.slice(0, 2)).toEqual(['index', 'create']);
    expect(args.slice(args.indexOf('--'))).toEqual(['--', `${CI_HOST}/group/app:v1`, ':v1-amd64', `${CI_HOST}/group/app@sha256:${'a'.repeat(64)}=linux/arm64`, 'other.example.com/base:v1=linux/s390x']);
    expect(args).toEqual(expect.arrayContaining(['--allow-duplicates', '--annotation', 'org.example.k=v', '--registry-config']));
    // The index carries no time: the pipeline's source and revision only.
    expect(args.filter((a) => a.startsWith('org.opencontainers.'))).toEqual(['org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit', 'org.opencontainers.image.revision=c0ffee']);
    expect(Object.keys(result.calls[0]!.config!.auths!).sort()).toEqual(['other.example.com', CI_HOST].sort());
  });

  it('index: remove takes platforms or digests, and refuses what belongs to create and add', async () => {
    const removed = await runJob('index', { command: 'remove', reference: `${CI_HOST}/group/app:v1`, sources: ['linux/s390x'] }, { env: ciJob });
    expect(removed.code).toBe(0);
    expect(removed.calls[0]!.args).toEqual(['index', 'remove', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password', SECRET, '--json', '--', `${CI_HOST}/group/app:v1`, 'linux/s390x']);
    const wrong = await runJob('index', { command: 'remove', reference: `${CI_HOST}/group/app:v1`, sources: ['linux/s390x'], annotations: 'a=b', replace: true }, { env: ciJob });
    expect(inputError(wrong)).toBe('command remove takes no annotations, replace');
    expect(wrong.calls).toEqual([]);
  });

  it('helm: push finds the one .tgz of a directory and its .prov; pull names oci://<repository>/<chart>', async () => {
    const files = { 'dist/charts/app-1.2.3.tgz': 'tgz', 'dist/charts/app-1.2.3.tgz.prov': 'prov' };
    const pushed = await runJob('helm', { chart: 'dist/charts', repository: `${CI_HOST}/group/charts/`, provenance: true }, { env: ciJob, files });
    expect(pushed.code).toBe(0);
    expect(pushed.calls[0]!.args.slice(0, 4)).toEqual(['helm', 'push', '--prov', 'dist/charts/app-1.2.3.tgz.prov']);
    expect(pushed.calls[0]!.args.slice(-3)).toEqual(['--', 'dist/charts/app-1.2.3.tgz', `oci://${CI_HOST}/group/charts`]);
    expect(pushed.stderr).toContain(`credentials for ${CI_HOST}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    // A repository that is a bare host (helm allows it) is on that host, not on Docker Hub.
    const bare = await runJob('helm', { chart: 'dist/charts', repository: CI_HOST }, { env: ciJob, files });
    expect(bare.calls[0]!.args.slice(-2)).toEqual(['dist/charts/app-1.2.3.tgz', `oci://${CI_HOST}`]);
    expect(bare.stderr).toContain(`credentials for ${CI_HOST}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    const pulled = await runJob(
      'helm',
      { command: 'pull', chart: 'app', version: '1.2.3', repository: `oci://${CI_HOST}/group/charts` },
      { env: ciJob, json: { reference: 'r', digest: 'sha256:1', name: 'app', version: '1.2.3', path: '.ocikit/charts/app-1.2.3.tgz' } },
    );
    expect(pulled.code).toBe(0);
    expect(pulled.calls[0]!.args.slice(0, 6)).toEqual(['helm', 'pull', '--output', '.ocikit/charts', '--version', '1.2.3']);
    expect(pulled.calls[0]!.args.at(-1)).toBe(`oci://${CI_HOST}/group/charts/app`);
    expect(await readFile(join(pulled.dir, '.ocikit', 'ocikit-helm.env'), 'utf8')).toContain('OCIKIT_VERSION=1.2.3\nOCIKIT_FILE=.ocikit/charts/app-1.2.3.tgz\n');
    const versioned = await runJob('helm', { chart: 'dist/charts', repository: CI_HOST, version: '1.0.0' }, { files });
    expect(inputError(versioned)).toBe('the input version is for command pull');
    const two = await runJob('helm', { chart: 'dist', repository: CI_HOST }, { files: { 'dist/a-1.tgz': 'a', 'dist/b-1.tgz': 'b' } });
    expect(inputError(two)).toBe('the input chart is dist, which holds 2 .tgz files (a-1.tgz, b-1.tgz)');
  });

  it('discover: the JSON, then the Mermaid graph into ocikit-referrers.md and the tree into the log', async () => {
    const json = { reference: `${CI_HOST}/group/app@sha256:1`, digest: 'sha256:1', via: 'tag', referrers: [{ digest: 'sha256:2', referrers: [{ digest: 'sha256:3', referrers: [] }] }] };
    const result = await runJob('discover', { reference: `${CI_HOST}/group/app:v1`, depth: 2, legacy: false }, { env: ciJob, json });
    expect(result.code).toBe(0);
    expect(result.calls.map((c) => c.args.filter((a) => ['--json', '--format', 'mermaid', 'tree', '--no-legacy', '--depth'].includes(a)))).toEqual([
      ['--no-legacy', '--depth', '--json'],
      ['--no-legacy', '--format', 'mermaid', '--depth'],
      ['--no-legacy', '--format', 'tree', '--depth'],
    ]);
    for (const call of result.calls) expect(call.args).toEqual(expect.arrayContaining(['--password', SECRET]));
    expect(await readFile(join(result.dir, 'ocikit-referrers.md'), 'utf8')).toBe(
      `# Referrers of ${CI_HOST}/group/app@sha256:1\n\n2 referrers (1 direct), found in the sha256-<hex> tag schema.\n\nthe mermaid output\n`,
    );
    expect(result.stdout).toMatch(/^the tree output\n/);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-discover.env'), 'utf8')).toContain('OCIKIT_COUNT=2\nOCIKIT_MARKDOWN=ocikit-referrers.md\n');
  });

  it('verify: the digest and reference of the subject for later jobs and the log (verify pushes nothing of its own)', async () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:5', size: 10, reference: `${CI_HOST}/group/app:v1@sha256:5` };
    const json = { subject, predicateType: 'https://sigstore.dev/cosign/sign/v1', via: 'api', verified: true, referrers: [{ digest: 'sha256:6', outcome: 'verified' }] };
    const result = await runJob('verify', { reference: `${CI_HOST}/group/app:v1`, 'public-key': 'cosign.pub' }, { env: ciJob, json });
    expect(result.code).toBe(0);
    expect(result.calls[0]!.args.slice(0, 3)).toEqual(['verify', '--key', 'cosign.pub']);
    expect(result.stdout).toContain(`subject: ${subject.reference}\n  verified sha256:6\nverified: true\ndigest: sha256:5\n`);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-verify.env'), 'utf8')).toBe(
      `OCIKIT_DIGEST=sha256:5\nOCIKIT_REFERENCE=${subject.reference}\nOCIKIT_JSON=.ocikit/ocikit-verify.json\nOCIKIT_VERIFIED=true\nOCIKIT_SUBJECT=${subject.reference}\n`,
    );
  });

  it('sign: a PEM key goes by the environment and is a secret; a file variable by its path', async () => {
    const pem = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${OTHER_SECRET}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----`;
    const signed = await runJob('sign', { reference: `${CI_HOST}/group/app:v1`, key: '$SIGNING_KEY', tlog: false }, { env: { ...ciJob, SIGNING_KEY: pem } });
    expect(signed.code).toBe(0);
    expect(signed.calls[0]!.args.slice(0, 4)).toEqual(['sign', '--key', 'env://OCIKIT_IN_KEY', '--no-tlog']);
    expect(signed.calls[0]!.env.OCIKIT_IN_KEY).toBe(pem);
    expect([...signed.secrets]).toContain(pem);
    const fromFile = await runJob('sign', { reference: `${CI_HOST}/group/app:v1`, key: '/builds/tmp/COSIGN_KEY' }, { env: ciJob });
    expect(fromFile.calls[0]!.args.slice(0, 3)).toEqual(['sign', '--key', '/builds/tmp/COSIGN_KEY']);
    const neither = await runJob('sign', { reference: `${CI_HOST}/group/app:v1` }, { env: ciJob });
    expect(inputError(neither)).toBe('sign needs the input key or keyless: true');
  });

  it('registry text in the log (a verify message, a pulled path) is one line, its control characters escaped', async () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:5', size: 10, reference: `${CI_HOST}/group/app:v1@sha256:5` };
    // A GitLab section marker and a forged line, as a hostile signature or registry could carry them.
    const hostile = 'bad\n\u001b[0Ksection_start:1:x\r\u001b[0Kforged line';
    const json = { subject, via: 'api', verified: false, referrers: [{ digest: 'sha256:6', outcome: 'refused', check: 'signature', message: hostile }] };
    const result = await runJob('verify', { reference: `${CI_HOST}/group/app:v1`, 'public-key': 'cosign.pub' }, { env: ciJob, json });
    expect(result.stdout).toContain('  refused sha256:6 (signature): bad\\n\\x1b[0Ksection_start:1:x\\r\\x1b[0Kforged line\n');
    expect(result.stdout).not.toMatch(/\u001b|\r|^forged line/m);
    const pulled = await runJob('pull', { reference: `${CI_HOST}/group/app:v1` }, { json: { reference: 'r', digest: 'sha256:1', files: [{ path: 'out/\u2028forged', unpacked: false }] } });
    expect(pulled.stdout).toContain('  wrote out/\\u2028forged\n');
  });

  it("push: the pipeline's annotations under the user's, the annotation file's $manifest keys (created included) as much as the input's", async () => {
    const annotationFile = JSON.stringify({ $manifest: { 'org.opencontainers.image.created': '2020-01-01T00:00:00Z' }, 'app.txt': { 'org.opencontainers.image.source': "a file key, not the manifest's" } });
    const pushed = await runJob(
      'push',
      { reference: 'oci-layout:./out:v1', files: 'app.txt', 'annotation-file': 'annotations.json', annotations: 'org.opencontainers.image.revision=mine' },
      { files: { 'annotations.json': annotationFile, 'app.txt': 'x' } },
    );
    expect(pushed.code).toBe(0);
    // The pipeline's first, the input's after (the CLI takes the last value of a key); created is left to the file (which the CLI reads).
    expect(pushed.calls[0]!.args).toEqual([
      'push', '--compression', 'gzip', '--annotation-file', 'annotations.json', '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit',
      '--annotation', 'org.opencontainers.image.revision=c0ffee', '--annotation', 'org.opencontainers.image.revision=mine', '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'app.txt',
    ]);
    const stdin = await runJob('push', { reference: 'oci-layout:./out:v1', files: '-:text/plain' });
    expect(inputError(stdin)).toBe('the input files names standard input (-), which cannot be pushed from a job');
  });

  it('release and attach: the pipeline annotations under the ones given', async () => {
    const released = await runJob('release', { reference: 'oci-layout:./out:v1', files: 'dist/a=linux/amd64\n', annotations: 'org.opencontainers.image.source=https://example.com/mine' });
    expect(released.code).toBe(0);
    expect(released.calls[0]!.args).toEqual([
      'release', '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit', '--annotation', 'org.opencontainers.image.revision=c0ffee',
      '--annotation', 'org.opencontainers.image.created=2025-06-01T12:34:56Z', '--annotation', 'org.opencontainers.image.source=https://example.com/mine',
      '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'dist/a=linux/amd64',
    ]);
    // Checked by core's parser, as the CLI checks them, before any run.
    const bad = await runJob('release', { reference: 'oci-layout:./out:v1', files: 'dist/a\n' });
    expect(inputError(bad)).toBe('"dist/a" names no platform');
    expect(bad.calls).toEqual([]);
    // With SOURCE_DATE_EPOCH, created is the CLI's reproducible time.
    const attached = await runJob('attach', { subject: 'oci-layout:./out:v1', files: 'scan.sarif', 'referrers-mode': 'tag' }, { env: { SOURCE_DATE_EPOCH: '0' } });
    expect(attached.code).toBe(0);
    expect(attached.calls[0]!.args).toEqual([
      'attach', '--referrers-mode', 'tag', '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit',
      '--annotation', 'org.opencontainers.image.revision=c0ffee', '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'scan.sarif',
    ]);
  });
});

describe("the inputs that are the CLI's options (scripts/front-ends.ts, docs/front-ends.md)", () => {
  /** The options of the one CLI run, before the shared ones: what the inputs became. */
  const optionsOf = (run: JobRun): string[] => {
    expect(run.code).toBe(0);
    const args = run.calls[0]!.args;
    return args.slice(0, args.indexOf('--json'));
  };

  it('push and release: platform, overwrite: false, inline-max, compression; none of them at their defaults', async () => {
    const pushed = await runJob('push', { reference: 'oci-layout:./out:v1', files: 'app.txt', platform: 'linux/arm64', overwrite: false, 'inline-max': 1024, compression: 'zstd' });
    expect(optionsOf(pushed)).toEqual(expect.arrayContaining(['--platform', 'linux/arm64', '--no-overwrite', '--inline-max', '1024', '--compression', 'zstd']));
    const plain = optionsOf(await runJob('push', { reference: 'oci-layout:./out:v1', files: 'app.txt' }));
    for (const flag of ['--platform', '--no-overwrite', '--inline-max', '--debug']) expect(plain).not.toContain(flag);
    const released = await runJob('release', { reference: 'oci-layout:./out:v1', files: 'dist/a=linux/amd64', overwrite: false });
    expect(optionsOf(released)).toContain('--no-overwrite');
    expect(optionsOf(await runJob('release', { reference: 'oci-layout:./out:v1', files: 'dist/a=linux/amd64' }))).not.toContain('--no-overwrite');
  });

  it('pull: artifact-type, platform, compatible-platforms, max-unpack-bytes, referrers-mode', async () => {
    const pulled = await runJob('pull', {
      reference: 'oci-layout:./in:v1',
      'artifact-type': 'application/spdx+json',
      platform: 'linux/arm/v7',
      'compatible-platforms': true,
      'max-unpack-bytes': 4096,
      'referrers-mode': 'tag',
    });
    expect(optionsOf(pulled)).toEqual([
      'pull', '--output', 'pulled', '--platform', 'linux/arm/v7', '--artifact-type', 'application/spdx+json', '--referrers-mode', 'tag',
      '--compatible-platforms', '--max-unpack-bytes', '4096', '--concurrency', '3',
    ]);
    expect(optionsOf(await runJob('pull', { reference: 'oci-layout:./in:v1' }))).toEqual(['pull', '--output', 'pulled', '--concurrency', '3']);
  });

  it('attach: inline-max, and sign with the signing inputs (refused without sign: true)', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${OTHER_SECRET}\n-----END PRIVATE KEY-----`;
    const signed = await runJob(
      'attach',
      { subject: 'oci-layout:./out:v1', files: 'scan.sarif', 'inline-max': 512, sign: true, key: '$SIGNING_KEY', tlog: false, 'tsa-url': 'https://tsa.example.com' },
      { env: { SIGNING_KEY: pem } },
    );
    expect(optionsOf(signed).slice(0, 7)).toEqual(['attach', '--sign', '--key', 'env://OCIKIT_IN_KEY', '--no-tlog', '--tsa-url', 'https://tsa.example.com']);
    expect(optionsOf(signed)).toEqual(expect.arrayContaining(['--inline-max', '512']));
    expect(signed.calls[0]!.env.OCIKIT_IN_KEY).toBe(pem);
    expect([...signed.secrets]).toContain(pem);
    const keyless = await runJob('attach', { subject: 'oci-layout:./out:v1', files: 'scan.sarif', sign: true, keyless: true });
    expect(optionsOf(keyless).slice(0, 3)).toEqual(['attach', '--sign', '--keyless']);
    const unsigned = await runJob('attach', { subject: 'oci-layout:./out:v1', files: 'scan.sarif', key: 'cosign.key', tlog: false });
    expect(inputError(unsigned)).toBe('the signing inputs key, tlog were given without sign: true');
    const neither = await runJob('attach', { subject: 'oci-layout:./out:v1', files: 'scan.sarif', sign: true });
    expect(inputError(neither)).toBe('attach with sign: true needs the input key or keyless: true');
  });

  it('attest: the predicate file and its type, signed as sign signs', async () => {
    const attested = await runJob('attest', {
      reference: `${CI_HOST}/group/app:v1`,
      predicate: 'provenance.json',
      type: 'https://slsa.dev/provenance/v1',
      key: '/builds/tmp/COSIGN_KEY',
      tlog: false,
      'referrers-mode': 'api',
    }, { env: ciJob });
    expect(optionsOf(attested)).toEqual([
      'attest', '--predicate', 'provenance.json', '--type', 'https://slsa.dev/provenance/v1', '--key', '/builds/tmp/COSIGN_KEY', '--no-tlog',
      '--referrers-mode', 'api', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password', SECRET,
    ]);
    expect(inputError(await runJob('attest', { reference: `${CI_HOST}/group/app:v1`, predicate: 'p.json', type: 'https://slsa.dev/provenance/v1' }))).toBe(
      'attest needs the input key or keyless: true',
    );
    expect(inputError(await runJob('attest', { reference: `${CI_HOST}/group/app:v1`, predicate: '$UNSET', type: 't', keyless: true }))).toBe('the input predicate is empty');
  });

  it('verify: insecure-ignore-tlog; recompress: temp-dir; every component: debug', async () => {
    const verified = await runJob('verify', { reference: 'oci-layout:./out:v1', 'public-key': 'cosign.pub', 'insecure-ignore-tlog': true, debug: true }, { json: { subject: {}, verified: true } });
    expect(optionsOf(verified)).toEqual(['verify', '--key', 'cosign.pub', '--insecure-ignore-tlog', '--concurrency', '3', '--debug']);
    const recompressed = await runJob('recompress', { source: 'oci-layout:./out:v1', 'temp-dir': '/builds/tmp/spool' });
    expect(optionsOf(recompressed).slice(0, 5)).toEqual(['recompress', '--mode', 'replace', '--temp-dir', '/builds/tmp/spool']);
    // discover's further runs (the graph, the table for the log) take it too.
    const discovered = await runJob('discover', { reference: 'oci-layout:./out:v1', format: 'table', debug: true }, { json: { reference: 'r', referrers: [] } });
    expect(discovered.calls.map((c) => c.args.filter((a) => ['--format', 'mermaid', 'table', '--json', '--debug'].includes(a)))).toEqual([
      ['--debug', '--json'],
      ['--format', 'mermaid', '--debug'],
      ['--format', 'table', '--debug'],
    ]);
    expect(discovered.stdout).toMatch(/^the table output\n/);
  });
});

describe('the outputs', () => {
  it('are the JSON result and a dotenv report named by the job, OCIKIT_* by default; PUSHED names what the job shipped, pinned by digest', async () => {
    const digest = `sha256:${'1'.repeat(64)}`;
    const json = { reference: `${CI_HOST}/group/app:v1@${digest}`, digest, tags: ['v1'], layers: [{}] };
    const result = await runJob('push', { reference: `${CI_HOST}/group/app:v1` }, { env: { ...ciJob, CI_JOB_NAME_SLUG: 'push-app' }, json });
    expect(await readFile(join(result.dir, '.ocikit', 'push-app.env'), 'utf8')).toBe(
      `OCIKIT_DIGEST=${digest}\nOCIKIT_REFERENCE=${json.reference}\nOCIKIT_JSON=.ocikit/push-app.json\nOCIKIT_PUSHED=${CI_HOST}/group/app@${digest}\n`,
    );
    expect(JSON.parse(await readFile(join(result.dir, '.ocikit', 'push-app.json'), 'utf8'))).toEqual(json);
    expect(result.stdout).toBe(
      `pushed ${json.reference}\ntags: v1\nlayers: 1\ndigest: ${digest}\noutputs: .ocikit/push-app.json; .ocikit/push-app.env (OCIKIT_DIGEST, OCIKIT_REFERENCE, OCIKIT_JSON, OCIKIT_PUSHED)\n`,
    );
  });

  it('give no PUSHED for a referrer (it describes an artifact, it is not one the job ships) nor for an OCI layout', async () => {
    const digest = `sha256:${'2'.repeat(64)}`;
    const subject = { digest: `sha256:${'3'.repeat(64)}`, reference: `${CI_HOST}/group/app:v1@sha256:${'3'.repeat(64)}` };
    const attached = await runJob('attach', { subject: `${CI_HOST}/group/app:v1`, files: 'sbom.spdx.json' }, { env: ciJob, json: { digest, reference: `${CI_HOST}/group/app@${digest}`, subject }, files: { 'sbom.spdx.json': '{}' } });
    expect(await readFile(join(attached.dir, '.ocikit', 'ocikit-attach.env'), 'utf8')).not.toContain('PUSHED');
    const layout = await runJob('push', { reference: 'oci-layout:./out:v1' }, { json: { reference: `oci-layout:./out:v1@${digest}`, digest, tags: ['v1'], layers: [] } });
    expect(await readFile(join(layout.dir, '.ocikit', 'ocikit-push.env'), 'utf8')).not.toContain('PUSHED');
  });

  it('take the output-prefix input, so two ocikit jobs that one job needs do not overwrite each other', async () => {
    const json = { subject: { digest: 'sha256:5', reference: `${CI_HOST}/group/app:v1@sha256:5` }, verified: true, referrers: [] };
    const result = await runJob('verify', { reference: `${CI_HOST}/group/app:v1`, 'public-key': 'cosign.pub', 'output-prefix': 'APP_' }, { env: ciJob, json });
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-verify.env'), 'utf8')).toBe(
      `APP_DIGEST=sha256:5\nAPP_REFERENCE=${json.subject.reference}\nAPP_JSON=.ocikit/ocikit-verify.json\nAPP_VERIFIED=true\nAPP_SUBJECT=${json.subject.reference}\n`,
    );
    expect(result.stdout).toContain('(APP_DIGEST, APP_REFERENCE, APP_JSON, APP_VERIFIED, APP_SUBJECT)');
    const wrong = await runJob('push', { reference: 'oci-layout:./out:v1', 'output-prefix': '1-BAD' });
    expect(inputError(wrong)).toBe('the input output-prefix is "1-BAD", which cannot start a variable name');
  });

  it('are not written when a run fails: the job exits with its code, and it said why', async () => {
    const result = await runJob('push', { reference: 'oci-layout:./out:v1' }, { exitCode: 1 });
    expect(result.code).toBe(1);
    expect(result.error).toBeUndefined();
    await expect(readdir(join(result.dir, '.ocikit'))).rejects.toThrow(/ENOENT/);
    expect(result.stdout).toBe('');
  });
});

describe('the inputs', () => {
  it('are read as the template passes them, and refused when the template did not', async () => {
    const template = readTemplate('push', join(REPO_ROOT, 'templates', 'push.yml'));
    const { env } = interpolatedJob(template, { reference: 'oci-layout:./out:v1' }, {});
    delete env.OCIKIT_TYPED_INPUTS;
    await expect(
      runComponent('push', { env, cwd: root, stdout: { write: () => true }, stderr: { write: () => true }, secrets: new Set(), runCli: async () => ({ code: 0, stdout: '{}' }) }),
    ).rejects.toThrow('OCIKIT_TYPED_INPUTS is not set');
    await expect(
      runComponent('teleport', { env, cwd: root, stdout: { write: () => true }, stderr: { write: () => true }, secrets: new Set(), runCli: async () => ({ code: 0, stdout: '{}' }) }),
    ).rejects.toThrow('there is no GitLab component teleport');
  });

  it('refuse an empty required input, and a choice that is not one of its options', async () => {
    expect(inputError(await runJob('copy', { source: `${CI_HOST}/group/app:v1`, destination: '$UNSET' }))).toBe('the input destination is empty');
    expect(inputError(await runJob('discover', { reference: `${CI_HOST}/group/app:v1`, format: 'html' }))).toBe('the input format is "html", not one of tree, table, json, mermaid');
  });
});
