// The one script line of templates/<verb>.yml, run as a runner runs it (`sh -c` with
// the job's variables, the inputs interpolated as GitLab does) with the built CLI as
// `ocikit` on PATH, as in the ocikit image, against an OCI layout in the project: the
// line runs the CLI's `ocikit gitlab <verb>`, whose exit code is the job's, and
// without ocikit on PATH the same from npm with npx (a stand-in npx that runs the
// built CLI, since the package is not published). run-component.test.ts checks the
// arguments each input becomes, components.test.ts every component against a registry.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CLI_BIN, REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { type RunResult, run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';
import { interpolatedJob, readTemplate } from './component-spec.js';

const cliVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const PASSWORD = 'never-Sh0wn-password';

let root: string;
let withOcikit: string;
let withNpx: string;
let runs = 0;

beforeAll(async () => {
  assertCliBuilt();
  root = makeTempDir('ocikit-template-scripts-');
  withOcikit = join(root, 'bin-ocikit');
  withNpx = join(root, 'bin-npx');
  await mkdir(withOcikit);
  await mkdir(withNpx);
  await symlink(CLI_BIN, join(withOcikit, 'ocikit'));
  // Records its arguments, then runs the built CLI as npx runs the package's bin.
  await writeFile(
    join(withNpx, 'npx'),
    [
      '#!/bin/sh',
      'printf "%s\\n" "$*" > npx-args.txt',
      `[ "$1 $2 $3 $4 $5" = "--yes --package @ocikit/cli@${cliVersion} -- ocikit" ] || { echo "unexpected npx call: $*" >&2; exit 97; }`,
      'shift 5',
      `exec node "${CLI_BIN}" "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
});

/** templates/<verb>.yml's script with these inputs, in a fresh project holding `files`, with `bin` first on PATH. */
async function runScript(verb: string, inputs: Record<string, unknown>, bin: string, files: Record<string, string> = {}): Promise<RunResult & { dir: string }> {
  const dir = join(root, `project-${++runs}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await mkdir(dir, { recursive: true });
  const template = readTemplate(verb, join(REPO_ROOT, 'templates', `${verb}.yml`));
  const { env, script } = interpolatedJob(template, inputs, {
    PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: join(root, 'home'),
    LANG: 'C.UTF-8',
    CI: 'true',
    CI_JOB_NAME: `ocikit-${verb}`,
    CI_JOB_NAME_SLUG: `ocikit-${verb}`,
    CI_PROJECT_URL: 'https://gitlab.example.com/ocikit/ocikit',
    CI_COMMIT_SHA: 'c0ffee',
    MY_PASSWORD: PASSWORD,
  });
  expect(script).toHaveLength(1);
  const result = await run('sh', ['-c', script[0]!], { cwd: dir, env });
  expect(result.stdout).not.toContain(PASSWORD);
  expect(result.stderr).not.toContain(PASSWORD);
  return { ...result, dir };
}

describe('the script line', () => {
  it('runs `ocikit gitlab <verb>` from PATH: the verb runs, the outputs are written', async () => {
    const result = await runScript('push', { reference: 'oci-layout:./out:v1', files: 'app.txt\nsite', annotations: 'com.example.note=a "quoted" $$value' }, withOcikit, {
      'app.txt': 'the app\n',
      'site/index.html': '<h1>hi</h1>\n',
    });
    expect(result.stderr).toMatch(/^\$ ocikit push --compression gzip --annotation org\.opencontainers\.image\.source=https:\/\/gitlab\.example\.com\/ocikit\/ocikit /m);
    expect(result.code).toBe(0);
    const dotenv = await readFile(join(result.dir, '.ocikit', 'ocikit-push.env'), 'utf8');
    expect(dotenv).toMatch(/^OCIKIT_DIGEST=sha256:[0-9a-f]{64}\nOCIKIT_REFERENCE=oci-layout:\.\/out:v1@sha256:[0-9a-f]{64}\nOCIKIT_JSON=\.ocikit\/ocikit-push\.json\n$/);
    const json = JSON.parse(await readFile(join(result.dir, '.ocikit', 'ocikit-push.json'), 'utf8')) as { layers: unknown[]; tags: string[] };
    expect(json.tags).toEqual(['v1']);
    expect(json.layers).toHaveLength(2);
    // The annotation reached the manifest as written: quotes and a literal $ are data.
    const index = JSON.parse(await readFile(join(result.dir, 'out', 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    const manifest = JSON.parse(await readFile(join(result.dir, 'out', 'blobs', 'sha256', index.manifests[0]!.digest.slice(7)), 'utf8')) as { annotations: Record<string, string> };
    expect(manifest.annotations['com.example.note']).toBe('a "quoted" $value');
    expect(result.stdout).toMatch(/^pushed oci-layout:\.\/out:v1@sha256:/);
  });

  it("exits with the verb's code, saying why once; an input error exits 2 before any run", async () => {
    // Nothing listens on port 1: the push fails (1) and its error is the one in the log.
    const failed = await runScript('push', { reference: '127.0.0.1:1/app:v1', files: 'app.txt', username: 'me', password: '$MY_PASSWORD' }, withOcikit, { 'app.txt': 'x' });
    expect(failed.code).toBe(1);
    expect(failed.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(failed.stderr).toMatch(/^error: .*could not reach/m);
    expect(failed.stderr).toContain('--username me --password *** --json');
    const empty = await runScript('pull', { reference: '$UNSET_VARIABLE' }, withOcikit);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('error: the input reference is empty\n  hint: give `reference:` under the component\'s `inputs:`\n');
  });

  it("names the component's inputs in errors and hints, not the CLI's flags", async () => {
    // Refused before any request: the hint says which input to set, as the component spells it.
    const http = await runScript('pull', { reference: 'http://127.0.0.1:1/app:v1' }, withOcikit);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/hint: write "127\.0\.0\.1:1\/app:v1" and add the `plain-http` input/);
    expect(http.stderr).not.toContain('--plain-http');
  });

  it('runs the CLI through npx --package @ocikit/cli@<the pinned version> where ocikit is not on PATH', async () => {
    const result = await runScript('push', { reference: 'oci-layout:./npx-layout:v1', files: 'app.txt' }, withNpx, { 'app.txt': 'x' });
    expect(result.stderr).toContain(`ocikit is not on PATH: running it with npx from @ocikit/cli@${cliVersion}\n`);
    expect(result.code).toBe(0);
    expect(await readFile(join(result.dir, 'npx-args.txt'), 'utf8')).toBe(`--yes --package @ocikit/cli@${cliVersion} -- ocikit gitlab push\n`);
    expect(await readFile(join(result.dir, '.ocikit', 'ocikit-push.env'), 'utf8')).toMatch(/^OCIKIT_DIGEST=sha256:/);
  });
});
