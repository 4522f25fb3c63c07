export const id = 485;
export const ids = [485];
export const modules = {

/***/ 87485:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   releaseTag: () => (/* binding */ releaseTag),
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37473);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71403);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(32098);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43345);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99345);
/* harmony import */ var _setup_install_release_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12766);
/* harmony import */ var _target_options_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19152);
/**
 * install: ocikit itself on PATH, as setup-oras puts oras there, so a workflow can
 * run the CLI's verbs that have no action (tag, resolve, tags, manifest, login).
 * The release workflow pushes the standalone binaries as one index
 * (`ocikit release`, `<registry>/<repository>:<version>`); this pulls the runner's
 * platform's binary from it with setup's own core (setup/install-release.ts: the
 * tool cache, core's pull, which checks every byte against its digest, the sha256 in
 * the release's SHA256SUMS). The default version is this action's own release.
 */





/** The index's tag for a `version` input: the release tags it with the bare version (`v1.2.3` is `1.2.3`). */
function releaseTag(version) {
    const tag = /^v\d/.test(version) ? version.slice(1) : version;
    try {
        (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_4__/* .checkTag */ .Bs)(tag);
    }
    catch {
        throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_INPUT', `input "version" is "${version.slice(0, 80)}", not a version of ocikit`, {
            hint: `a release's version, such as ${_ocikit_core__WEBPACK_IMPORTED_MODULE_6__/* .OCIKIT_VERSION */ .l} (or v${_ocikit_core__WEBPACK_IMPORTED_MODULE_6__/* .OCIKIT_VERSION */ .l}); leave it out for this action's own release`,
        });
    }
    return tag;
}
function releaseInputs(env) {
    return () => {
        const tag = releaseTag((0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .getString */ .AA)('version', env) || _ocikit_core__WEBPACK_IMPORTED_MODULE_6__/* .OCIKIT_VERSION */ .l);
        const registry = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .getString */ .AA)('registry', env);
        const repository = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .getString */ .AA)('repository', env);
        if (!registry || !repository) {
            throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_INPUT', `input "${registry ? 'repository' : 'registry'}" is empty`, {
                hint: 'leave both out for ocikit\'s own releases (ghcr.io, ocikit/ocikit/cli), or name a mirror of them',
            });
        }
        const reference = (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_4__/* .parseReference */ .F2)(`${registry}/${repository}:${tag}`);
        return { reference, registries: (0,_target_options_js__WEBPACK_IMPORTED_MODULE_3__/* .registryHosts */ .j$)(reference) };
    };
}
async function run(env = process.env) {
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_1__/* .runAction */ .Cs)('install', async (secrets, signal) => {
        const { progress, connection, reference } = (0,_target_options_js__WEBPACK_IMPORTED_MODULE_3__/* .startStep */ .bP)(env, secrets, signal, releaseInputs(env));
        await (0,_setup_install_release_js__WEBPACK_IMPORTED_MODULE_2__/* .installRelease */ .R)({ action: 'install', name: 'ocikit', reference, connection, progress, env });
    });
}
//# sourceMappingURL=install.js.map

/***/ }),

/***/ 43123:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ checkToolName),
/* harmony export */   Z: () => (/* binding */ binaryFileName)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/**
 * The file name a binary is installed under: the `name` input, which is also the
 * tool-cache directory name, so it must be one plain path component. On Windows
 * a name without an extension gets `.exe`, so one `name` serves a whole matrix.
 */

function checkToolName(name) {
    if (name === '.' || name === '..' || !/^[A-Za-z0-9._+-]+$/.test(name)) {
        throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `input "name" is "${name.slice(0, 80)}", not a file name`, {
            hint: 'the name of the binary as it should be on PATH: letters, digits, ".", "_", "+" and "-", no "/"',
        });
    }
    return name;
}
function binaryFileName(name, platform) {
    return platform.os === 'windows' && !/\.[A-Za-z0-9]+$/.test(name) ? `${name}.exe` : name;
}
//# sourceMappingURL=binary-name.js.map

/***/ }),

/***/ 12766:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ installRelease)
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
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/setup.js
/** setup's and install's job summary: which binary, which version, for which platform, from where, and whether the tool cache had it. */


async function writeSetupSummary(heading, reference, version, dir, record, cacheHit) {
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z
        .addHeading(heading, 3)
        .addTable([
        (0,summary/* header */.wx)('Binary', 'Version', 'Platform', 'Size', 'File digest', 'From'),
        [(0,summary/* code */.aY)(record.file), (0,summary/* code */.aY)(version), (0,summary/* code */.aY)(record.platform), (0,summary/* formatBytes */.z3)(record.size), (0,summary/* code */.aY)(record.fileDigest), (0,summary/* code */.aY)(reference)],
    ])
        .addRaw(cacheHit
        ? `Found in the tool cache at ${(0,summary/* code */.aY)(dir)} (file digest checked); nothing was downloaded.`
        : `Pulled and verified, installed in the tool cache at ${(0,summary/* code */.aY)(dir)} and added to PATH.`, true));
}
//# sourceMappingURL=setup.js.map
// EXTERNAL MODULE: ./packages/github/dist/setup/binary-name.js
var binary_name = __webpack_require__(43123);
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
;// CONCATENATED MODULE: ./packages/github/dist/setup/install-release.js
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
async function pullIntoToolCache(tool, version, target, wanted, options, temp) {
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(temp, `ocikit-${options.action}-`));
    try {
        const platform = (0,platform_platform/* hostPlatform */.ol)();
        const result = await (0,pull_artifact/* pullArtifact */.O)(target, wanted, { outputDir: (0,external_node_path_.join)(work, 'pulled'), platform, progress: options.progress });
        const [file, ...more] = result.files;
        if (!file || more.length > 0 || file.unpacked) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${target.name}@${result.descriptor.digest} for ${(0,platform_platform/* platformString */.Fd)(result.platform ?? platform)} holds ${result.files.length} file(s)${file?.unpacked ? ' (a directory)' : ''}, not one binary`, {
                hint: `${options.action} installs one file per platform, as \`ocikit release\` (or the release action) pushes them`,
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
function runnerTemp(env, action) {
    for (const name of ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP']) {
        if (!env[name]) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${name} is not set: ${action} needs the runner's tool cache and temp directory`, {
                hint: 'run it on a GitHub Actions runner (or set RUNNER_TOOL_CACHE and RUNNER_TEMP)',
            });
        }
    }
    return env.RUNNER_TEMP;
}
async function report(options, installed) {
    const { reference } = options;
    const { dir, record, version, cacheHit } = installed;
    const pinned = (0,reference_reference/* pinnedReference */.ct)(reference, reference.tag, record.digest);
    core/* addPath */.fM(dir);
    core/* info */.pq(`${cacheHit ? 'Found' : 'Installed'} ${record.file} ${version} (${record.platform}) from ${pinned} in ${dir}`);
    (0,outputs/* setOutputs */.n)({ path: dir, version, 'cache-hit': String(cacheHit), digest: record.digest, reference: pinned });
    await writeSetupSummary(`ocikit ${options.action}`, pinned, version, dir, record, cacheHit);
    return installed;
}
/** Installs the release `options.reference` names for this runner (or finds it installed) and puts it on PATH; sets the outputs and the summary. */
async function installRelease(options) {
    const { reference, name } = options;
    const temp = runnerTemp(options.env, options.action);
    const tool = { name, file: (0,binary_name/* binaryFileName */.Z)(name, (0,platform_platform/* hostPlatform */.ol)()), repository: (0,reference_reference/* formatReference */.FH)((0,reference_reference/* withSelector */.eU)(reference, {})), arch: process.arch };
    // A digest or a SemVer tag names its version without asking the registry.
    const known = versionFromReference(reference);
    const cached = known ? await findInstalled(tool, known) : undefined;
    if (known && cached)
        return report(options, { ...cached, version: known, cacheHit: true });
    const { target, selector } = await (0,open_target/* openTarget */.A)(reference, options.connection);
    try {
        let version = known;
        let wanted = selector;
        if (!version) {
            // A tag that may move: the digest it names now is the version.
            wanted = (await target.resolve(selector)).digest;
            version = digestVersion(wanted);
            const found = await findInstalled(tool, version);
            if (found)
                return await report(options, { ...found, version, cacheHit: true });
        }
        const pulled = await pullIntoToolCache(tool, version, target, wanted, options, temp);
        return await report(options, { ...pulled, version, cacheHit: false });
    }
    finally {
        await target.close();
    }
}
//# sourceMappingURL=install-release.js.map

/***/ })

};
