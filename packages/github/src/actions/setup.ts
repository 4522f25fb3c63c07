/**
 * setup: install a binary released with `release` (one artifact per platform
 * behind an index) for the runner's platform, as setup-node and the other setup-*
 * actions do: look in the runner's tool cache first (@actions/tool-cache `find`),
 * else pull (core's pullArtifact, which picks the runner's platform from the
 * index and verifies every byte), keep it there (`cacheDir`), and add it to PATH.
 * A digest or a SemVer tag is found in the tool cache with no request at all;
 * another tag is resolved first, since it may have moved (see setup/tool-version.ts).
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
import { type Env, getRequired } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { type ActionProgress, runAction } from '../run-action.js';
import { binaryFileName, checkToolName } from '../setup/binary-name.js';
import { type InstallRecord, checkInstallation, writeInstallRecord } from '../setup/install-record.js';
import { digestVersion, versionFromReference } from '../setup/tool-version.js';
import { writeSetupSummary } from '../summaries/setup.js';
import { referenceInput, startStep } from '../target-options.js';

interface Tool {
  name: string;
  /** The file name on PATH (`.exe` added on Windows). */
  file: string;
  /** The reference's repository or layout, without tag or digest: what an installation must come from. */
  repository: string;
  /** The tool cache's architecture directory (Node's `process.arch`, as @actions/tool-cache uses). */
  arch: string;
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
async function install(tool: Tool, version: string, target: Target, wanted: string, progress: ActionProgress, temp: string): Promise<{ dir: string; record: InstallRecord }> {
  const work = await mkdtemp(join(temp, 'ocikit-setup-'));
  try {
    const platform = hostPlatform();
    const result = await pullArtifact(target, wanted, { outputDir: join(work, 'pulled'), platform, progress });
    const [file, ...more] = result.files;
    if (!file || more.length > 0 || file.unpacked) {
      throw new OcikitError('INVALID_INPUT', `${target.name}@${result.descriptor.digest} for ${platformString(result.platform ?? platform)} holds ${result.files.length} file(s)${file?.unpacked ? ' (a directory)' : ''}, not one binary`, {
        hint: 'setup installs one file per platform, as `ocikit release` (or the release action) pushes them',
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

function runnerDirectories(env: Env): { temp: string } {
  for (const name of ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP']) {
    if (!env[name]) {
      throw new OcikitError('INVALID_INPUT', `${name} is not set: setup needs the runner's tool cache and temp directory`, {
        hint: 'run it on a GitHub Actions runner (or set RUNNER_TOOL_CACHE and RUNNER_TEMP)',
      });
    }
  }
  return { temp: env.RUNNER_TEMP! };
}

async function report(reference: Reference, version: string, found: { dir: string; record: InstallRecord }, cacheHit: boolean): Promise<void> {
  const pinned = pinnedReference(reference, reference.tag, found.record.digest);
  actions.addPath(found.dir);
  actions.info(`${cacheHit ? 'Found' : 'Installed'} ${found.record.file} ${version} (${found.record.platform}) from ${pinned} in ${found.dir}`);
  setOutputs({ path: found.dir, version, 'cache-hit': String(cacheHit), digest: found.record.digest, reference: pinned });
  await writeSetupSummary(pinned, version, found.dir, found.record, cacheHit);
}

export async function run(env: Env = process.env): Promise<void> {
  await runAction('setup', async (secrets, signal) => {
    const { progress, connection, reference } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const name = checkToolName(getRequired('name', env));
    const { temp } = runnerDirectories(env);
    const tool: Tool = { name, file: binaryFileName(name, hostPlatform()), repository: formatReference(withSelector(reference, {})), arch: process.arch };

    // A digest or a SemVer tag names its version without asking the registry.
    const known = versionFromReference(reference);
    const cached = known ? await findInstalled(tool, known) : undefined;
    if (known && cached) return report(reference, known, cached, true);

    const { target, selector } = await openTarget(reference, connection);
    try {
      let version = known;
      let wanted = selector;
      if (!version) {
        // A tag that may move: the digest it names now is the version.
        wanted = (await target.resolve(selector)).digest;
        version = digestVersion(wanted);
        const found = await findInstalled(tool, version);
        if (found) return await report(reference, version, found, true);
      }
      await report(reference, version, await install(tool, version, target, wanted, progress, temp), false);
    } finally {
      await target.close();
    }
  });
}
