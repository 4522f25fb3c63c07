/**
 * What setup and install share: a binary released with `release` (one artifact per
 * platform behind an index) installed for the runner's platform, as setup-node and
 * the other setup-* actions do: looked up in the runner's tool cache first
 * (@actions/tool-cache `find`), else pulled (core's pullArtifact, which picks the
 * runner's platform from the index and verifies every byte against its digest), kept
 * there (`cacheDir`), and added to PATH. A digest or a SemVer tag is found in the
 * tool cache with no request at all; another tag is resolved first, since it may have
 * moved (see tool-version.ts). An installation found there is used only if its file
 * still has the digest it was pulled with (install-record.ts).
 */
import * as actions from '@actions/core';
import * as toolCache from '@actions/tool-cache';
import {
  OcikitError,
  type Reference,
  type Target,
  formatReference,
  hostPlatform,
  openTarget,
  pinnedReference,
  platformString,
  pullArtifact,
  withSelector,
} from '@ocikit/core';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import type { ActionProgress } from '../run-action.js';
import { writeSetupSummary } from '../summaries/setup.js';
import type { ConnectionOptions } from '../target-options.js';
import { binaryFileName } from './binary-name.js';
import { type InstallRecord, checkInstallation, writeInstallRecord } from './install-record.js';
import { digestVersion, versionFromReference } from './tool-version.js';

interface Tool {
  name: string;
  /** The file name on PATH (`.exe` added on Windows). */
  file: string;
  /** The reference's repository or layout, without tag or digest: what an installation must come from. */
  repository: string;
  /** The tool cache's architecture directory (Node's `process.arch`, as @actions/tool-cache uses). */
  arch: string;
}

export interface InstallReleaseOptions {
  /** Which action installs (`setup`, `install`): the job summary's heading and the log's words. */
  action: string;
  /** The binary's name on PATH and in the tool cache (a checked file name). */
  name: string;
  reference: Reference;
  connection: ConnectionOptions;
  progress: ActionProgress;
  env: Env;
}

export interface Installed {
  /** The tool-cache directory put on PATH. */
  dir: string;
  version: string;
  cacheHit: boolean;
  record: InstallRecord;
}

/** The installation in the tool cache, if there is one to trust; says why when there is one it does not. */
async function findInstalled(tool: Tool, version: string): Promise<{ dir: string; record: InstallRecord } | undefined> {
  const dir = toolCache.find(tool.name, version, tool.arch);
  if (!dir) return undefined;
  const record = await checkInstallation(dir, tool.repository, tool.file);
  if ('problem' in record) {
    actions.warning(`tool cache: not using ${dir}: ${record.problem}; installing again`);
    return undefined;
  }
  return { dir, record };
}

/** Pulls the runner's platform's file into a directory of its own and installs it in the tool cache. */
async function pullIntoToolCache(
  tool: Tool,
  version: string,
  target: Target,
  wanted: string,
  options: InstallReleaseOptions,
  temp: string,
): Promise<{ dir: string; record: InstallRecord }> {
  const work = await mkdtemp(join(temp, `ocikit-${options.action}-`));
  try {
    const platform = hostPlatform();
    const result = await pullArtifact(target, wanted, { outputDir: join(work, 'pulled'), platform, progress: options.progress });
    const [file, ...more] = result.files;
    if (!file || more.length > 0 || file.unpacked) {
      throw new OcikitError('INVALID_INPUT', `${target.name}@${result.descriptor.digest} for ${platformString(result.platform ?? platform)} holds ${result.files.length} file(s)${file?.unpacked ? ' (a directory)' : ''}, not one binary`, {
        hint: `${options.action} installs one file per platform, as \`ocikit release\` (or the release action) pushes them`,
      });
    }
    const staging = join(work, 'install');
    await mkdir(staging);
    await rename(file.path, join(staging, tool.file));
    // A binary is to be run, whatever mode the layer recorded (none, from a plain push).
    if (process.platform !== 'win32') await chmod(join(staging, tool.file), 0o755);
    const record: InstallRecord = {
      repository: tool.repository,
      digest: result.index?.digest ?? result.descriptor.digest,
      manifest: result.descriptor.digest,
      platform: platformString(result.platform ?? platform),
      file: tool.file,
      fileDigest: file.descriptor.digest,
      size: file.descriptor.size,
    };
    await writeInstallRecord(staging, record);
    return { dir: await toolCache.cacheDir(staging, tool.name, version, tool.arch), record };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function runnerTemp(env: Env, action: string): string {
  for (const name of ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP']) {
    if (!env[name]) {
      throw new OcikitError('INVALID_INPUT', `${name} is not set: ${action} needs the runner's tool cache and temp directory`, {
        hint: 'run it on a GitHub Actions runner (or set RUNNER_TOOL_CACHE and RUNNER_TEMP)',
      });
    }
  }
  return env.RUNNER_TEMP!;
}

async function report(options: InstallReleaseOptions, installed: Installed): Promise<Installed> {
  const { reference } = options;
  const { dir, record, version, cacheHit } = installed;
  const pinned = pinnedReference(reference, reference.tag, record.digest);
  actions.addPath(dir);
  actions.info(`${cacheHit ? 'Found' : 'Installed'} ${record.file} ${version} (${record.platform}) from ${pinned} in ${dir}`);
  setOutputs({ path: dir, version, 'cache-hit': String(cacheHit), digest: record.digest, reference: pinned });
  await writeSetupSummary(`ocikit ${options.action}`, pinned, version, dir, record, cacheHit);
  return installed;
}

/** Installs the release `options.reference` names for this runner (or finds it installed) and puts it on PATH; sets the outputs and the summary. */
export async function installRelease(options: InstallReleaseOptions): Promise<Installed> {
  const { reference, name } = options;
  const temp = runnerTemp(options.env, options.action);
  const tool: Tool = { name, file: binaryFileName(name, hostPlatform()), repository: formatReference(withSelector(reference, {})), arch: process.arch };

  // A digest or a SemVer tag names its version without asking the registry.
  const known = versionFromReference(reference);
  const cached = known ? await findInstalled(tool, known) : undefined;
  if (known && cached) return report(options, { ...cached, version: known, cacheHit: true });

  const { target, selector } = await openTarget(reference, options.connection);
  try {
    let version = known;
    let wanted = selector;
    if (!version) {
      // A tag that may move: the digest it names now is the version.
      wanted = (await target.resolve(selector)).digest;
      version = digestVersion(wanted);
      const found = await findInstalled(tool, version);
      if (found) return await report(options, { ...found, version, cacheHit: true });
    }
    const pulled = await pullIntoToolCache(tool, version, target, wanted, options, temp);
    return await report(options, { ...pulled, version, cacheHit: false });
  } finally {
    await target.close();
  }
}
