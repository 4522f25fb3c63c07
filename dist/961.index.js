export const id = 961;
export const ids = [961];
export const modules = {

/***/ 67961:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(59805);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/artifact/pull-artifact.js + 2 modules
var pull_artifact = __webpack_require__(90277);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(66501);
;// CONCATENATED MODULE: ./packages/github/dist/setup/binary-name.js
/**
 * The file name a binary is installed under: the `name` input, which is also the
 * tool-cache directory name, so it must be one plain path component. On Windows
 * a name without an extension gets `.exe`, so one `name` serves a whole matrix.
 */

function checkToolName(name) {
    if (name === '.' || name === '..' || !/^[A-Za-z0-9._+-]+$/.test(name)) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `input "name" is "${name.slice(0, 80)}", not a file name`, {
            hint: 'the name of the binary as it should be on PATH: letters, digits, ".", "_", "+" and "-", no "/"',
        });
    }
    return name;
}
function binaryFileName(name, platform) {
    return platform.os === 'windows' && !/\.[A-Za-z0-9]+$/.test(name) ? `${name}.exe` : name;
}
//# sourceMappingURL=binary-name.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./packages/github/dist/setup/install-record.js
/**
 * What setup leaves next to an installed binary (`.ocikit-setup.json` in its
 * tool-cache directory): where it came from and the digest of the file. A later
 * run that finds the directory trusts it only if it came from the same repository
 * and the file still hashes to that digest; otherwise it installs again.
 */




const INSTALL_RECORD = '.ocikit-setup.json';
async function writeInstallRecord(dir, record) {
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, INSTALL_RECORD), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
}
async function sha256File(path) {
    const hash = (0,digest/* createDigester */.QC)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
}
/** The record of a usable installation in `dir`, or why it is not one. */
async function checkInstallation(dir, repository, file) {
    let record;
    try {
        record = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, INSTALL_RECORD), 'utf8'));
    }
    catch (error) {
        return { problem: `${(0,external_node_path_.join)(dir, INSTALL_RECORD)} cannot be read (${error.code ?? 'not JSON'})` };
    }
    if (record.repository !== repository)
        return { problem: `it holds ${record.file} from ${record.repository}, not from ${repository}` };
    if (record.file !== file)
        return { problem: `it holds ${record.file}, not ${file}` };
    const actual = await sha256File((0,external_node_path_.join)(dir, file)).catch((error) => `(${error.code ?? 'unreadable'})`);
    if (actual !== record.fileDigest)
        return { problem: `${file} there is ${actual}, not ${record.fileDigest} as installed` };
    return record;
}
//# sourceMappingURL=install-record.js.map
;// CONCATENATED MODULE: ./packages/github/dist/setup/tool-version.js
/**
 * The version a released binary is kept under in the runner's tool cache
 * (`$RUNNER_TOOL_CACHE/<name>/<version>/<arch>`). @actions/tool-cache finds only
 * SemVer versions, so:
 *   - a digest is `0.0.0-<algorithm>-<hex>` (exact: the content cannot change);
 *   - a SemVer tag (`v1.2.3`, `1.2.3-rc.1`) is that version: trusted to name one
 *     release, as setup-node and the other setup-* actions trust theirs;
 *   - any other tag (`latest`, `main`) may move, so it names no version until the
 *     registry has resolved it to a digest.
 */

function digestVersion(digest) {
    return `0.0.0-${digest.replace(':', '-')}`;
}
/** The version from the reference alone; undefined when only the registry can say (a tag that is not SemVer). */
function versionFromReference(reference) {
    if (reference.digest !== undefined)
        return digestVersion(reference.digest);
    const tag = reference.tag ?? 'latest';
    return (0,tool_cache/* isExplicitVersion */.FV)(tag) ? tag.replace(/^v+/, '') : undefined;
}
//# sourceMappingURL=tool-version.js.map
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/setup.js
/** setup's job summary: which binary, which version, for which platform, from where, and whether the tool cache had it. */


async function writeSetupSummary(reference, version, dir, record, cacheHit) {
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z
        .addHeading('ocikit setup', 3)
        .addTable([
        (0,summary/* header */.wx)('Binary', 'Version', 'Platform', 'Size', 'File digest', 'From'),
        [(0,summary/* code */.aY)(record.file), (0,summary/* code */.aY)(version), (0,summary/* code */.aY)(record.platform), (0,summary/* formatBytes */.z3)(record.size), (0,summary/* code */.aY)(record.fileDigest), (0,summary/* code */.aY)(reference)],
    ])
        .addRaw(cacheHit
        ? `Found in the tool cache at ${(0,summary/* code */.aY)(dir)} (file digest checked); nothing was downloaded.`
        : `Pulled and verified, installed in the tool cache at ${(0,summary/* code */.aY)(dir)} and added to PATH.`, true));
}
//# sourceMappingURL=setup.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/setup.js
/**
 * setup: install a binary released with `release` (one artifact per platform
 * behind an index) for the runner's platform, as setup-node and the other setup-*
 * actions do: look in the runner's tool cache first (@actions/tool-cache `find`),
 * else pull (core's pullArtifact, which picks the runner's platform from the
 * index and verifies every byte), keep it there (`cacheDir`), and add it to PATH.
 * A digest or a SemVer tag is found in the tool cache with no request at all;
 * another tag is resolved first, since it may have moved (see setup/tool-version.ts).
 */













/** The installation in the tool cache, if there is one to trust; says why when there is one it does not. */
async function findInstalled(tool, version) {
    const dir = tool_cache/* find */.I6(tool.name, version, tool.arch);
    if (!dir)
        return undefined;
    const record = await checkInstallation(dir, tool.repository, tool.file);
    if ('problem' in record) {
        core/* warning */.$e(`tool cache: not using ${dir}: ${record.problem}; installing again`);
        return undefined;
    }
    return { dir, record };
}
/** Pulls the runner's platform's file into a directory of its own and installs it in the tool cache. */
async function install(tool, version, target, wanted, progress, temp) {
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(temp, 'ocikit-setup-'));
    try {
        const platform = (0,platform_platform/* hostPlatform */.ol)();
        const result = await (0,pull_artifact/* pullArtifact */.O)(target, wanted, { outputDir: (0,external_node_path_.join)(work, 'pulled'), platform, progress });
        const [file, ...more] = result.files;
        if (!file || more.length > 0 || file.unpacked) {
            throw new errors/* OcikitError */.G('INVALID_INPUT', `${target.name}@${result.descriptor.digest} for ${(0,platform_platform/* platformString */.Fd)(result.platform ?? platform)} holds ${result.files.length} file(s)${file?.unpacked ? ' (a directory)' : ''}, not one binary`, {
                hint: 'setup installs one file per platform, as `ocikit release` (or the release action) pushes them',
            });
        }
        const staging = (0,external_node_path_.join)(work, 'install');
        await (0,promises_.mkdir)(staging);
        await (0,promises_.rename)(file.path, (0,external_node_path_.join)(staging, tool.file));
        // A binary is to be run, whatever mode the layer recorded (none, from a plain push).
        if (process.platform !== 'win32')
            await (0,promises_.chmod)((0,external_node_path_.join)(staging, tool.file), 0o755);
        const record = {
            repository: tool.repository,
            digest: result.index?.digest ?? result.descriptor.digest,
            manifest: result.descriptor.digest,
            platform: (0,platform_platform/* platformString */.Fd)(result.platform ?? platform),
            file: tool.file,
            fileDigest: file.descriptor.digest,
            size: file.descriptor.size,
        };
        await writeInstallRecord(staging, record);
        return { dir: await tool_cache/* cacheDir */.e8(staging, tool.name, version, tool.arch), record };
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
function runnerDirectories(env) {
    for (const name of ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP']) {
        if (!env[name]) {
            throw new errors/* OcikitError */.G('INVALID_INPUT', `${name} is not set: setup needs the runner's tool cache and temp directory`, {
                hint: 'run it on a GitHub Actions runner (or set RUNNER_TOOL_CACHE and RUNNER_TEMP)',
            });
        }
    }
    return { temp: env.RUNNER_TEMP };
}
async function report(reference, version, found, cacheHit) {
    const pinned = (0,reference_reference/* pinnedReference */.ct)(reference, reference.tag, found.record.digest);
    core/* addPath */.fM(found.dir);
    core/* info */.pq(`${cacheHit ? 'Found' : 'Installed'} ${found.record.file} ${version} (${found.record.platform}) from ${pinned} in ${found.dir}`);
    (0,outputs/* setOutputs */.n)({ path: found.dir, version, 'cache-hit': String(cacheHit), digest: found.record.digest, reference: pinned });
    await writeSetupSummary(pinned, version, found.dir, found.record, cacheHit);
}
async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)(async (secrets, signal) => {
        const { progress, connection, reference } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const name = checkToolName((0,inputs/* getRequired */.kA)('name', env));
        const { temp } = runnerDirectories(env);
        const tool = { name, file: binaryFileName(name, (0,platform_platform/* hostPlatform */.ol)()), repository: (0,reference_reference/* formatReference */.FH)((0,reference_reference/* withSelector */.eU)(reference, {})), arch: process.arch };
        // A digest or a SemVer tag names its version without asking the registry.
        const known = versionFromReference(reference);
        const cached = known ? await findInstalled(tool, known) : undefined;
        if (known && cached)
            return report(reference, known, cached, true);
        const { target, selector } = await (0,open_target/* openTarget */.A)(reference, connection);
        try {
            let version = known;
            let wanted = selector;
            if (!version) {
                // A tag that may move: the digest it names now is the version.
                wanted = (await target.resolve(selector)).digest;
                version = digestVersion(wanted);
                const found = await findInstalled(tool, version);
                if (found)
                    return await report(reference, version, found, true);
            }
            await report(reference, version, await install(tool, version, target, wanted, progress, temp), false);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=setup.js.map

/***/ })

};
