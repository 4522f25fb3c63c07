// Runs the GitLab CI/CD components the way a GitLab job would, with gitlab-ci-local
// (npm, shell executor, no Docker): a temp git work tree whose remote makes
// CI_SERVER_FQDN/CI_PROJECT_PATH = gitlab.example.com/ocikit/ocikit, this repo's
// templates/ copied in and committed, so `include: component:
// $CI_SERVER_FQDN/$CI_PROJECT_PATH/<verb>@$CI_COMMIT_SHA` resolves to
// templates/<verb>.yml locally (any other reference makes gitlab-ci-local call
// `git ls-remote` and fail offline). See "The real parts in tests" in DESIGN.md.
//
// What a job sees: the repo's built CLI as `ocikit` on PATH (as in the ocikit
// image), Node 24 first on PATH, and nothing else of this process's environment
// (gitlab-ci-local's shell executor lets its own environment override job
// variables, so CI, OCIKIT_*, DOCKER_* or REGISTRY_* from the host must not leak).
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLI_BIN, REPO_ROOT, assertCliBuilt } from './ocikit-cli.js';
import { type RunResult, requireBinary, run } from './peers.js';
import { makeTempDir } from './temp.js';

export const GITLAB_HOST = 'gitlab.example.com';
export const GITLAB_PROJECT_PATH = 'ocikit/ocikit';
export const GITLAB_REMOTE = `https://${GITLAB_HOST}/${GITLAB_PROJECT_PATH}.git`;
/** How a pipeline in this repository (or its fixture) includes one of its own components. */
export const componentAt = (verb: string): string => `$CI_SERVER_FQDN/$CI_PROJECT_PATH/${verb}@$CI_COMMIT_SHA`;

const GCL_ENTRY = createRequire(import.meta.url).resolve('gitlab-ci-local/dist/index.js', { paths: [REPO_ROOT] });

/** Predefined variables gitlab-ci-local warns about when a run sets them; the tests set them on purpose. */
const PREDEFINED_WE_SET = [
  'CI_PIPELINE_CREATED_AT', 'CI_REGISTRY', 'CI_REGISTRY_USER', 'CI_REGISTRY_PASSWORD', 'CI_JOB_TOKEN', 'CI_COMMIT_TAG', 'CI_COMMIT_BRANCH',
];

export interface GitlabProject {
  /** The git work tree; jobs run here (shell executor) and write their files here. */
  dir: string;
  /** HEAD, what $CI_COMMIT_SHA is. */
  sha: string;
  /** PATH directory holding `ocikit` (the repo's built CLI). */
  binDir: string;
  /** HOME for gitlab-ci-local (its ~/.gitlab-ci-local lives there). */
  home: string;
  /** TMPDIR of the jobs, empty unless a job leaves something behind. */
  tmpDir: string;
}

export interface GitlabProjectOptions {
  /** Extra files (path relative to the work tree → content), committed with the templates. */
  files?: Record<string, string | Buffer>;
}

/** A git work tree with this repo's templates/, committed, and a remote on gitlab.example.com. */
export async function makeGitlabProject(options: GitlabProjectOptions = {}): Promise<GitlabProject> {
  requireBinary('git');
  requireBinary('rsync');
  assertCliBuilt();
  const root = makeTempDir('ocikit-gitlab-');
  const dir = join(root, 'project');
  const binDir = join(root, 'bin');
  const home = join(root, 'home');
  const tmpDir = join(root, 'tmp');
  await mkdir(tmpDir);
  await mkdir(dir);
  await mkdir(binDir);
  await mkdir(home);
  await symlink(CLI_BIN, join(binDir, 'ocikit'));
  await cp(join(REPO_ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const git = async (...args: string[]): Promise<string> => {
    const result = await run('git', args, { cwd: dir, env: cleanEnv({ home, binDir, tmpDir }) });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout.trim();
  };
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'ci@example.com');
  await git('config', 'user.name', 'ocikit tests');
  await git('remote', 'add', 'origin', GITLAB_REMOTE);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'fixture');
  return { dir, sha: await git('rev-parse', 'HEAD'), binDir, home, tmpDir };
}

export interface GitlabRunOptions {
  /** The pipeline file, relative to the work tree (written with writePipeline). */
  file: string;
  /** --variable KEY=value for every job (CI_PIPELINE_CREATED_AT is fixed unless given). */
  variables?: Record<string, string>;
  /** Only these jobs (default: the whole pipeline). */
  jobs?: string[];
  /** More gitlab-ci-local options (e.g. --list-json). */
  args?: string[];
  /** The PATH directory jobs get instead of the project's (which holds `ocikit`). */
  binDir?: string;
  timeoutMs?: number;
}

export interface GitlabRun extends RunResult {
  /** What gitlab-ci-local printed, stdout then stderr. */
  output: string;
  /** The log gitlab-ci-local kept of one job (its script's output). */
  jobLog(job: string): Promise<string>;
  /** The dotenv report a job wrote (parsed), as later jobs receive it. */
  dotenv(path: string): Promise<Record<string, string>>;
}

export const PIPELINE_CREATED_AT = '2025-06-01T12:34:56Z';

/** Writes a pipeline file (YAML text) into the work tree. */
export async function writePipeline(project: GitlabProject, file: string, yaml: string): Promise<void> {
  await mkdir(dirname(join(project.dir, file)), { recursive: true });
  await writeFile(join(project.dir, file), yaml);
}

/** `gitlab-ci-local --force-shell-executor` on the project: the components' `image` is ignored and jobs run here. */
export async function runGitlabCiLocal(project: GitlabProject, options: GitlabRunOptions): Promise<GitlabRun> {
  const variables = { CI_PIPELINE_CREATED_AT: PIPELINE_CREATED_AT, ...options.variables };
  const args = [
    GCL_ENTRY,
    '--file', options.file,
    '--force-shell-executor',
    '--no-color',
    '--max-job-name-padding', '0',
    '--ignore-predefined-vars', PREDEFINED_WE_SET.join(','),
    ...Object.entries(variables).flatMap(([key, value]) => ['--variable', `${key}=${value}`]),
    ...(options.args ?? []),
    ...(options.jobs ?? []),
  ];
  const result = await run(process.execPath, args, {
    cwd: project.dir,
    env: cleanEnv({ ...project, binDir: options.binDir ?? project.binDir }),
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  return {
    ...result,
    output: `${result.stdout}${result.stderr}`,
    jobLog: (job) => readFile(join(project.dir, '.gitlab-ci-local', 'output', `${safeJobName(job)}.log`), 'utf8'),
    dotenv: async (path) => parseDotenv(await readFile(join(project.dir, path), 'utf8')),
  };
}

export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not a dotenv line: ${JSON.stringify(line)}`);
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}

/** gitlab-ci-local's file name for a job: the name itself while it is made of [\w-]. */
function safeJobName(job: string): string {
  if (!/^[\w-]+$/.test(job)) throw new Error(`jobLog(): use job names of letters, digits, _ and - (got ${JSON.stringify(job)})`);
  return job;
}

function cleanEnv(project: Pick<GitlabProject, 'home' | 'binDir' | 'tmpDir'>): NodeJS.ProcessEnv {
  return {
    HOME: project.home,
    PATH: [project.binDir, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    LANG: 'C.UTF-8',
    TMPDIR: project.tmpDir,
    GIT_CONFIG_NOSYSTEM: '1',
  };
}
