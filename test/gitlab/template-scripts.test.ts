// The components' job scripts run as a runner runs them (`sh -c` with the job's
// variables), with the inputs interpolated as GitLab interpolates them, against a
// stand-in `ocikit` that records its arguments, its standard input and the Docker
// config it is handed. A stand-in, not the real CLI, because what is checked here is
// what the real one cannot show: the exact argv each input becomes, and the temporary
// Docker config the job writes and deletes (which credential goes to which registry).
// components.test.ts runs the real CLI under gitlab-ci-local against a real registry,
// including the routing (its copy-no-credential job: the job token never reaches
// another registry).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';
import { readTemplate } from './component-spec.js';

const CI_HOST = 'registry.gitlab.example.com';
const SECRET = 'job-S3cret-never-logged';
const OTHER_SECRET = 'other-S3cret-never-logged';
const INPUT_SECRET = 'input-S3cret-never-logged';

interface Call {
  args: string[];
  stdin: string;
  config?: { auths?: Record<string, { auth: string }>; credHelpers?: Record<string, string>; credsStore?: string };
  configMode?: number;
}

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  calls: Call[];
  dir: string;
  tmp: string;
}

// Records one call a line; prints FAKE_JSON for --json runs, the -o format's name otherwise.
const FAKE_OCIKIT = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const stdin = fs.readFileSync(0, 'utf8');
const at = args.indexOf('--registry-config');
const call = { args, stdin };
if (at >= 0) {
  call.config = JSON.parse(fs.readFileSync(args[at + 1], 'utf8'));
  call.configMode = fs.statSync(args[at + 1]).mode & 0o777;
}
fs.appendFileSync(process.env.FAKE_CALLS, JSON.stringify(call) + '\\n');
const output = args.indexOf('--output');
process.stdout.write(args.includes('--json') ? process.env.FAKE_JSON : \`the \${output >= 0 ? args[output + 1] : 'text'} output\\n\`);
`;

let root: string;
let bin: string;

beforeAll(async () => {
  root = makeTempDir('ocikit-template-scripts-');
  bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'ocikit'), FAKE_OCIKIT, { mode: 0o755 });
});

let runs = 0;

/**
 * Runs templates/<verb>.yml's script with these inputs (the others at their defaults) and
 * these job variables, in a fresh project directory holding `files`.
 */
async function runScript(
  verb: string,
  inputs: Record<string, unknown>,
  options: { env?: Record<string, string>; files?: Record<string, string>; json?: unknown } = {},
): Promise<ScriptRun> {
  const template = readTemplate(verb, join(REPO_ROOT, 'templates', `${verb}.yml`));
  const value = (name: string): unknown => {
    if (!(name in template.inputs)) throw new Error(`${verb} has no input ${name}`);
    return name in inputs ? inputs[name] : template.inputs[name]!.default;
  };
  for (const name of Object.keys(template.inputs)) if (!(name in inputs) && !('default' in template.inputs[name]!)) throw new Error(`${verb}: give ${name}`);
  // GitLab's interpolation: a value alone is the value; inside text, an array is its JSON.
  const interpolate = (text: string): string =>
    text.replace(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g, (_m, name: string) => {
      const v = value(name);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  const job = template.body['$[[ inputs.job-name ]]'] as { variables: Record<string, string>; script: string[] };
  const dir = join(root, `run-${++runs}`);
  const tmp = join(dir, '..', `tmp-${runs}`);
  await mkdir(dir, { recursive: true });
  await mkdir(tmp, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const base: Record<string, string> = {
    PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: join(root, 'home'),
    TMPDIR: tmp,
    LANG: 'C.UTF-8',
    CI: 'true',
    CI_JOB_NAME: `ocikit-${verb}`,
    CI_JOB_NAME_SLUG: `ocikit-${verb}`,
    CI_PROJECT_URL: 'https://gitlab.example.com/ocikit/ocikit',
    CI_COMMIT_SHA: 'c0ffee',
    CI_PIPELINE_CREATED_AT: '2025-06-01T12:34:56Z',
    FAKE_CALLS: join(dir, '..', `calls-${runs}.jsonl`),
    FAKE_JSON: JSON.stringify(options.json ?? { digest: 'sha256:1234', reference: 'r@sha256:1234' }),
    ...options.env,
  };
  // The runner expands variables in the job's variables ($$ is a literal $).
  const expand = (text: string): string =>
    text.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (m, braced?: string, bare?: string) => (m === '$$' ? '$' : (base[braced ?? bare!] ?? '')));
  const env = { ...Object.fromEntries(Object.entries(job.variables).map(([k, v]) => [k, expand(interpolate(String(v)))])), ...base };
  const result = await run('sh', ['-c', job.script.map(interpolate).join('\n')], { cwd: dir, env });
  const calls = (await readFile(env.FAKE_CALLS!, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Call);
  for (const secret of [SECRET, OTHER_SECRET, INPUT_SECRET]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, calls, dir, tmp };
}

const basicAuth = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');
const ciJob = { CI_REGISTRY: CI_HOST, CI_REGISTRY_USER: 'gitlab-ci-token', CI_REGISTRY_PASSWORD: SECRET };

describe('credentials for two registries (copy)', () => {
  it('combine the job credentials for $CI_REGISTRY and DOCKER_AUTH_CONFIG into one 0600 config, removed afterwards', async () => {
    const docker = {
      auths: { 'https://other.example.com': { auth: basicAuth('robot', OTHER_SECRET) }, [`https://${CI_HOST}`]: { auth: basicAuth('stale', 'stale') } },
      credHelpers: { [CI_HOST]: 'ecr-login', 'helped.example.com': 'pass' },
    };
    const result = await runScript(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'other.example.com/mirror/app:v1', referrers: true },
      { env: { ...ciJob, DOCKER_AUTH_CONFIG: JSON.stringify(docker) } },
    );
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(1);
    const [call] = result.calls;
    expect(call!.args).toEqual(['copy', '--referrers', '--concurrency', '3', '--registry-config', expect.any(String), '--json', '--', `${CI_HOST}/group/app:v1`, 'other.example.com/mirror/app:v1']);
    expect(call!.stdin).toBe('');
    expect(call!.configMode).toBe(0o600);
    // The job's credential wins over what DOCKER_AUTH_CONFIG held for $CI_REGISTRY (auths and helper alike).
    expect(call!.config).toEqual({
      auths: { 'https://other.example.com': { auth: basicAuth('robot', OTHER_SECRET) }, [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } },
      credHelpers: { 'helped.example.com': 'pass' },
    });
    expect(result.stderr).toContain(`credentials for other.example.com: DOCKER_AUTH_CONFIG`);
    expect(result.stderr).toContain(`credentials for ${CI_HOST}: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD`);
    expect(await readdir(result.tmp)).toEqual([]);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-copy.env'), 'utf8')).toMatch(/^OCIKIT_DIGEST=sha256:1234\n/);
  });

  it('send the job token to $CI_REGISTRY only, and the inputs to the destination only', async () => {
    const alone = await runScript('copy', { source: `${CI_HOST}/group/app:v1`, destination: 'docker.io/example/app:v1' }, { env: { CI_REGISTRY: CI_HOST, CI_JOB_TOKEN: SECRET } });
    expect(alone.code).toBe(0);
    expect(alone.calls[0]!.config).toEqual({ auths: { [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } } });
    expect(alone.calls[0]!.args).not.toContain('--username');
    expect(alone.stderr).toContain('credentials for docker.io: none (anonymous)');

    const inputs = await runScript(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'example/app:v1', username: 'me', password: '$MY_TOKEN' },
      { env: { ...ciJob, MY_TOKEN: INPUT_SECRET } },
    );
    expect(inputs.code).toBe(0);
    expect(inputs.calls[0]!.config!.auths).toEqual({ 'docker.io': { auth: basicAuth('me', INPUT_SECRET) }, [CI_HOST]: { auth: basicAuth('gitlab-ci-token', SECRET) } });
    expect(inputs.stderr).toContain('credentials for docker.io: the username and password inputs');
  });

  it('take the flags and standard input when both ends are on one registry', async () => {
    const result = await runScript('copy', { source: `${CI_HOST}/group/app:v1`, destination: `${CI_HOST}/group/app-copy:v1` }, { env: ciJob });
    expect(result.code).toBe(0);
    expect(result.calls[0]!.args).toEqual(['copy', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password-stdin', '--json', '--', `${CI_HOST}/group/app:v1`, `${CI_HOST}/group/app-copy:v1`]);
    expect(result.calls[0]!.stdin).toBe(`${SECRET}\n`);
  });

  it('refuse a DOCKER_AUTH_CONFIG that is not JSON without quoting it', async () => {
    const result = await runScript(
      'copy',
      { source: `${CI_HOST}/group/app:v1`, destination: 'other.example.com/app:v1' },
      { env: { ...ciJob, DOCKER_AUTH_CONFIG: `{"auths": {"other.example.com": {"auth": "${OTHER_SECRET}"` } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DOCKER_AUTH_CONFIG is not a Docker config.json (not JSON)');
    expect(result.calls).toEqual([]);
  });
});

describe('the verb parts', () => {
  it('index: an array of sources (one per item, or several lines in one), other registries combined', async () => {
    const result = await runScript(
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
    const removed = await runScript('index', { command: 'remove', reference: `${CI_HOST}/group/app:v1`, sources: ['linux/s390x'] }, { env: ciJob });
    expect(removed.code).toBe(0);
    expect(removed.calls[0]!.args).toEqual(['index', 'remove', '--concurrency', '3', '--username', 'gitlab-ci-token', '--password-stdin', '--json', '--', `${CI_HOST}/group/app:v1`, 'linux/s390x']);
    const wrong = await runScript('index', { command: 'remove', reference: `${CI_HOST}/group/app:v1`, sources: ['linux/s390x'], annotations: 'a=b', replace: true }, { env: ciJob });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('command remove takes no annotations, replace');
    expect(wrong.calls).toEqual([]);
  });

  it('helm: push finds the one .tgz of a directory and its .prov; pull names oci://<repository>/<chart>', async () => {
    const files = { 'dist/charts/app-1.2.3.tgz': 'tgz', 'dist/charts/app-1.2.3.tgz.prov': 'prov' };
    const pushed = await runScript('helm', { chart: 'dist/charts', repository: `${CI_HOST}/group/charts/`, provenance: true }, { env: ciJob, files });
    expect(pushed.code).toBe(0);
    expect(pushed.calls[0]!.args.slice(0, 4)).toEqual(['helm', 'push', '--prov', 'dist/charts/app-1.2.3.tgz.prov']);
    expect(pushed.calls[0]!.args.slice(-3)).toEqual(['--', 'dist/charts/app-1.2.3.tgz', `oci://${CI_HOST}/group/charts`]);
    const pulled = await runScript(
      'helm',
      { command: 'pull', chart: 'app', version: '1.2.3', repository: `oci://${CI_HOST}/group/charts` },
      { env: ciJob, json: { reference: 'r', digest: 'sha256:1', name: 'app', version: '1.2.3', path: '.ocikit/charts/app-1.2.3.tgz' } },
    );
    expect(pulled.code).toBe(0);
    expect(pulled.calls[0]!.args.slice(0, 6)).toEqual(['helm', 'pull', '--output', '.ocikit/charts', '--version', '1.2.3']);
    expect(pulled.calls[0]!.args.at(-1)).toBe(`oci://${CI_HOST}/group/charts/app`);
    expect(await readFile(join(pulled.dir, '.ocikit', 'ocikit-helm.env'), 'utf8')).toContain('OCIKIT_VERSION=1.2.3\nOCIKIT_FILE=.ocikit/charts/app-1.2.3.tgz\n');
    const versioned = await runScript('helm', { chart: 'dist/charts', repository: CI_HOST, version: '1.0.0' }, { files });
    expect(versioned.code).toBe(2);
    expect(versioned.stderr).toContain('version is for command pull');
  });

  it('discover: the JSON, then the Mermaid graph into ocikit-referrers.md and the tree into the log', async () => {
    const json = { reference: `${CI_HOST}/group/app@sha256:1`, digest: 'sha256:1', via: 'tag', referrers: [{ digest: 'sha256:2', referrers: [{ digest: 'sha256:3', referrers: [] }] }] };
    const result = await runScript('discover', { reference: `${CI_HOST}/group/app:v1`, depth: 2, legacy: false }, { env: ciJob, json });
    expect(result.code).toBe(0);
    expect(result.calls.map((c) => c.args.filter((a) => ['--json', 'mermaid', 'tree', '--no-legacy', '--depth'].includes(a)))).toEqual([
      ['--no-legacy', '--depth', '--json'],
      ['--no-legacy', 'mermaid', '--depth'],
      ['--no-legacy', 'tree', '--depth'],
    ]);
    for (const call of result.calls) expect(call.stdin).toBe(`${SECRET}\n`);
    expect(await readFile(join(result.dir, 'ocikit-referrers.md'), 'utf8')).toBe(
      `# Referrers of ${CI_HOST}/group/app@sha256:1\n\n2 referrers (1 direct), found in the sha256-<hex> tag schema.\n\nthe mermaid output\n`,
    );
    expect(result.stdout).toMatch(/^the tree output\n/);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-discover.env'), 'utf8')).toContain('OCIKIT_COUNT=2\nOCIKIT_MARKDOWN=ocikit-referrers.md\n');
  });

  it('verify: the digest and reference of the subject for later jobs and the log (verify pushes nothing of its own)', async () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:5', size: 10, reference: `${CI_HOST}/group/app:v1@sha256:5` };
    const json = { subject, predicateType: 'https://sigstore.dev/cosign/sign/v1', via: 'api', verified: true, referrers: [{ digest: 'sha256:6', outcome: 'verified' }] };
    const result = await runScript('verify', { reference: `${CI_HOST}/group/app:v1`, 'public-key': 'cosign.pub' }, { env: ciJob, json });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`subject: ${subject.reference}\n  verified sha256:6\nverified: true\ndigest: sha256:5\n`);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-verify.env'), 'utf8')).toBe(
      `OCIKIT_DIGEST=sha256:5\nOCIKIT_REFERENCE=${subject.reference}\nOCIKIT_JSON=.ocikit/ocikit-verify.json\nOCIKIT_VERIFIED=true\nOCIKIT_SUBJECT=${subject.reference}\n`,
    );
  });

  it('registry text in the log (a verify message, a pulled path) is one line, its control characters escaped', async () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:5', size: 10, reference: `${CI_HOST}/group/app:v1@sha256:5` };
    // A GitLab section marker and a forged line, as a hostile signature or registry could carry them.
    const hostile = 'bad\n\u001b[0Ksection_start:1:x\r\u001b[0Kforged line';
    const json = { subject, via: 'api', verified: false, referrers: [{ digest: 'sha256:6', outcome: 'failed', check: 'signature', message: hostile }] };
    const result = await runScript('verify', { reference: `${CI_HOST}/group/app:v1`, 'public-key': 'cosign.pub' }, { env: ciJob, json });
    expect(result.stdout).toContain('  failed sha256:6 (signature): bad\\n\\u001b[0Ksection_start:1:x\\r\\u001b[0Kforged line\n');
    expect(result.stdout).not.toMatch(/\u001b|\r|^forged line/m);
  });

  it("push: the pipeline's annotations under the user's, the annotation file's $manifest keys (created included) as much as the input's", async () => {
    const annotationFile = JSON.stringify({ $manifest: { 'org.opencontainers.image.created': '2020-01-01T00:00:00Z' }, 'app.txt': { 'org.opencontainers.image.source': 'a file key, not the manifest\'s' } });
    const pushed = await runScript(
      'push',
      { reference: 'oci-layout:./out:v1', files: 'app.txt', 'annotation-file': 'annotations.json', annotations: 'org.opencontainers.image.revision=mine' },
      { files: { 'annotations.json': annotationFile, 'app.txt': 'x' } },
    );
    expect(pushed.code).toBe(0);
    // Only the pipeline's source is added: revision is the input's, created the file's (which the CLI reads).
    expect(pushed.calls[0]!.args).toEqual([
      'push', '--annotation-file', 'annotations.json', '--annotation', 'org.opencontainers.image.revision=mine',
      '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit', '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'app.txt',
    ]);
  });

  it('release and attach: the pipeline annotations under the ones given', async () => {
    const released = await runScript('release', { reference: 'oci-layout:./out:v1', files: 'dist/a=linux/amd64\n', annotations: 'org.opencontainers.image.source=https://example.com/mine' });
    expect(released.code).toBe(0);
    expect(released.calls[0]!.args).toEqual([
      'release', '--annotation', 'org.opencontainers.image.source=https://example.com/mine', '--annotation', 'org.opencontainers.image.revision=c0ffee',
      '--annotation', 'org.opencontainers.image.created=2025-06-01T12:34:56Z', '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'dist/a=linux/amd64',
    ]);
    const bad = await runScript('release', { reference: 'oci-layout:./out:v1', files: 'dist/a\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"dist/a" is not path[:mediaType]=os/arch[/variant]');
    const attached = await runScript('attach', { subject: 'oci-layout:./out:v1', files: 'scan.sarif', 'referrers-mode': 'tag' }, { env: { SOURCE_DATE_EPOCH: '0' } });
    expect(attached.code).toBe(0);
    expect(attached.calls[0]!.args).toEqual([
      'attach', '--referrers-mode', 'tag', '--annotation', 'org.opencontainers.image.source=https://gitlab.example.com/ocikit/ocikit',
      '--annotation', 'org.opencontainers.image.revision=c0ffee', '--concurrency', '3', '--json', '--', 'oci-layout:./out:v1', 'scan.sarif',
    ]);
  });
});
