export const id = 69;
export const ids = [69];
export const modules = {

/***/ 61415:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ manifestAnnotations)
/* harmony export */ });
/** The manifest's annotations: given > annotation file > CI run > ocikit's own. */
function manifestAnnotations(sources) {
    return { ...sources.own, ...sources.run, ...sources.file, ...sources.given };
}
//# sourceMappingURL=manifest-annotations.js.map

/***/ }),

/***/ 77837:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   Fd: () => (/* binding */ platformString),
/* harmony export */   Y8: () => (/* binding */ parsePlatform),
/* harmony export */   _l: () => (/* binding */ canonicalPlatform),
/* harmony export */   ol: () => (/* binding */ hostPlatform)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);
/**
 * Platforms as people write them (`linux/arm64`, `linux/arm/v7`,
 * `windows(10.0.17763)/amd64`) and as the image spec stores them
 * (`{"architecture", "os", "os.version", "os.features", "variant"}`), with
 * containerd's normalisation so that `aarch64`, `arm64` and `arm64/v8` are one
 * platform, `x86_64` is `amd64` and a bare `arm` is `arm/v7`.
 */


/** What a platform component may contain: containerd's `[A-Za-z0-9_-]+`, plus `.` for arm64 minor variants. */
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
const OS_VERSION = /^[A-Za-z0-9_.-]+$/;
/**
 * `os[(os.version)]/arch[/variant]` to a platform, as written (not normalised):
 * what is recorded is what the user said. Normalisation happens when matching.
 */
function parsePlatform(value) {
    const bad = (reason) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `"${value.slice(0, 100)}" is not a platform: ${reason}`, {
            hint: 'write os/architecture[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7, darwin/arm64',
        });
    };
    if (value.trim() !== value || value === '')
        bad('it is empty or has surrounding whitespace');
    const parts = value.split('/');
    if (parts.length < 2 || parts.length > 3)
        bad('expected 2 or 3 parts separated by "/"');
    const [osPart, architecture, variant] = parts;
    const withVersion = /^([^()]+)\(([^()]*)\)$/.exec(osPart);
    const os = withVersion ? withVersion[1] : osPart;
    const osVersion = withVersion ? withVersion[2] : undefined;
    for (const [name, part] of [['os', os], ['architecture', architecture], ['variant', variant]]) {
        if (part === undefined)
            continue;
        if (part === '')
            bad(`the ${name} is empty`);
        if (!COMPONENT.test(part))
            bad(`the ${name} "${part}" has characters other than letters, digits, ".", "_" and "-"`);
    }
    if (osVersion !== undefined && !OS_VERSION.test(osVersion))
        bad(`the os.version "${osVersion}" is malformed`);
    return {
        architecture,
        os,
        ...(osVersion !== undefined ? { 'os.version': osVersion } : {}),
        ...(variant !== undefined ? { variant } : {}),
    };
}
/** `os/arch[/variant]` (with `(os.version)` after the os when there is one). */
function platformString(platform) {
    const os = platform['os.version'] ? `${platform.os}(${platform['os.version']})` : platform.os;
    return [os, platform.architecture, platform.variant].filter((part) => part !== undefined && part !== '').join('/');
}
/**
 * A platform in the image spec's field order (architecture, os, os.version,
 * os.features, variant, features), with empty optional fields left out: the
 * shape index entries and platform configs are written in.
 */
function canonicalPlatform(platform) {
    return {
        architecture: platform.architecture,
        os: platform.os,
        ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
        ...(platform['os.features']?.length ? { 'os.features': [...platform['os.features']] } : {}),
        ...(platform.variant ? { variant: platform.variant } : {}),
        ...(platform.features?.length ? { features: [...platform.features] } : {}),
    };
}
/**
 * containerd's `platforms.Normalize`: lowercase, architecture aliases
 * (`x86_64` → `amd64`, `aarch64` → `arm64`, `armhf` → `arm/v7`, `i386` → `386`),
 * the default variants dropped or filled in (`arm64/v8` → `arm64`, `arm` →
 * `arm/v7`, `amd64/v1` → `amd64`), `macos` → `darwin`.
 */
function normalizePlatform(platform) {
    let os = platform.os.toLowerCase();
    if (os === 'macos')
        os = 'darwin';
    let architecture = platform.architecture.toLowerCase();
    let variant = (platform.variant ?? '').toLowerCase();
    switch (architecture) {
        case 'i386':
            architecture = '386';
            variant = '';
            break;
        case 'x86_64':
        case 'x86-64':
        case 'amd64':
            architecture = 'amd64';
            if (variant === 'v1')
                variant = '';
            break;
        case 'aarch64':
        case 'arm64':
            architecture = 'arm64';
            if (['8', 'v8', 'v8.0'].includes(variant))
                variant = '';
            else if (['9', '9.0', 'v9.0'].includes(variant))
                variant = 'v9';
            break;
        case 'armhf':
            architecture = 'arm';
            variant = 'v7';
            break;
        case 'armel':
            architecture = 'arm';
            variant = 'v6';
            break;
        case 'arm':
            if (variant === '' || variant === '7')
                variant = 'v7';
            else if (['5', '6', '8'].includes(variant))
                variant = `v${variant}`;
            break;
    }
    return {
        architecture,
        os,
        ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
        ...(platform['os.features']?.length ? { 'os.features': platform['os.features'] } : {}),
        ...(variant ? { variant } : {}),
    };
}
/** Node's `os.arch()` names to the image spec's GOARCH names. */
const NODE_ARCH = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
    mips: 'mips',
    mipsel: 'mipsle',
    mips64el: 'mips64le',
};
const NODE_OS = { win32: 'windows', sunos: 'solaris' };
/** The platform this process runs on, as an image index names it (what `pull` picks by default). */
function hostPlatform() {
    const os = NODE_OS[(0,node_os__WEBPACK_IMPORTED_MODULE_0__.platform)()] ?? (0,node_os__WEBPACK_IMPORTED_MODULE_0__.platform)();
    const nodeArchitecture = (0,node_os__WEBPACK_IMPORTED_MODULE_0__.arch)();
    let architecture = NODE_ARCH[nodeArchitecture] ?? nodeArchitecture;
    if (nodeArchitecture === 'ppc64')
        architecture = (0,node_os__WEBPACK_IMPORTED_MODULE_0__.endianness)() === 'LE' ? 'ppc64le' : 'ppc64';
    if (architecture === 'arm') {
        const armVersion = process.config.variables.arm_version;
        return { architecture, os, variant: `v${armVersion ?? 7}` };
    }
    return { architecture, os };
}
//# sourceMappingURL=platform.js.map

/***/ }),

/***/ 64409:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ pushTagged)
/* harmony export */ });
/**
 * A manifest pushed under its tags: none (by digest), one, or several, which a
 * registry that takes them in one request gets in one (pushManifestTags). Every
 * verb that pushes tags goes through here.
 */
async function pushTagged(target, descriptor, bytes, tags) {
    if (tags.length > 1 && target.pushManifestTags)
        return target.pushManifestTags(descriptor, bytes, tags);
    const [first, ...rest] = tags;
    await target.pushManifest(descriptor, bytes, first);
    for (const tag of rest)
        await target.pushManifest(descriptor, bytes, tag);
}
//# sourceMappingURL=push-tagged.js.map

/***/ }),

/***/ 45355:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ sourceDateEpoch)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since the epoch that fix
 * the time every verb writes (`org.opencontainers.image.created`, tar mtimes), so
 * the same inputs give the same digest. Every front end reads it here, so a value
 * means the same in the CLI, an action and a GitLab job.
 */

function sourceDateEpoch(env = process.env) {
    const value = env.SOURCE_DATE_EPOCH;
    if (value === undefined || value === '')
        return undefined;
    const seconds = Number(value);
    // Whole seconds that a Date can hold (±8.64e12 s); anything else would make an invalid timestamp.
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds) || seconds > 8_640_000_000_000) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `SOURCE_DATE_EPOCH="${value.slice(0, 40)}" is not a number of seconds`, {
            hint: 'set it to e.g. $(git log -1 --format=%ct)',
        });
    }
    return seconds;
}
//# sourceMappingURL=source-date-epoch.js.map

/***/ }),

/***/ 62647:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-client.js + 4 modules
var registry_client = __webpack_require__(310);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/platform-index/assemble-index.js
var assemble_index = __webpack_require__(21488);
;// CONCATENATED MODULE: ./packages/core/dist/platform-index/index-references.js
/**
 * The `ocikit index create|add|remove` verbs on references: `<src-ref>[=os/arch[/variant]]`
 * arguments parsed, every repository of one registry spoken to through one
 * client (one token covers reading the sources and writing the index, which a
 * cross-repository mount needs), everything closed at the end.
 */








/**
 * `<ref>[=os/arch[/variant]]`. References cannot contain `=`, so the first one
 * starts the platform. `:tag` and `@digest` alone name a manifest in the
 * index's own repository.
 */
function parseIndexSourceArgument(argument, destination) {
    const eq = argument.indexOf('=');
    const refText = eq < 0 ? argument : argument.slice(0, eq);
    const platform = eq < 0 ? undefined : (0,platform_platform/* parsePlatform */.Y8)(argument.slice(eq + 1));
    let reference;
    if (refText.startsWith(':'))
        reference = (0,reference_reference/* withSelector */.eU)(destination, { tag: refText.slice(1) });
    else if (refText.startsWith('@'))
        reference = (0,reference_reference/* withSelector */.eU)(destination, { digest: refText.slice(1) });
    else
        reference = (0,reference_reference/* parseReference */.F2)(refText);
    return { reference, ...(platform ? { platform } : {}) };
}
/** A platform (`os/arch[/variant]`) or a digest, as `index remove` takes them. */
function parseIndexRemoval(argument) {
    return (0,digest/* isDigest */.Bc)(argument) ? argument : (0,platform_platform/* parsePlatform */.Y8)(argument);
}
/** `ocikit index create <dst-ref> <src-ref>[=platform]...` */
async function createIndexFromReferences(destination, sources, options = {}) {
    const to = typeof destination === 'string' ? (0,reference_reference/* parseReference */.F2)(destination) : destination;
    if (to.digest !== undefined) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the index reference names a digest (${to.digest}); an index gets the digest of its content`, {
            hint: 'name it by tag (registry/app:v1), or by repository alone for :latest',
        });
    }
    const parsed = sources.map((source) => parseIndexSourceArgument(source, to));
    const tags = (0,reference_reference/* pushTags */.YP)(to, options.tags); // checked before any request
    return withPool(options, async (pool) => {
        const target = await pool.open(to, true);
        const resolved = await Promise.all(parsed.map(async (s) => source(await pool.open(s.reference), s)));
        const result = await (0,assemble_index/* assembleIndex */.Hw)(target, resolved, tags, options);
        return { ...result, reference: to };
    });
}
/** `ocikit index add <index-ref> <src-ref>[=platform]...` */
async function addToIndexByReference(index, sources, options = {}) {
    const at = typeof index === 'string' ? (0,reference_reference/* parseReference */.F2)(index) : index;
    const parsed = sources.map((source) => parseIndexSourceArgument(source, at));
    const tags = options.tags?.map((tag) => (0,reference_reference/* extraTag */.d$)(at, tag)); // checked before any request
    return withPool(options, async (pool) => {
        const target = await pool.open(at);
        const resolved = await Promise.all(parsed.map(async (s) => source(await pool.open(s.reference), s)));
        const result = await (0,assemble_index/* addToIndex */.zO)(target, (0,reference_reference/* referenceSelector */.d3)(at), resolved, { ...options, ...(tags ? { tags } : {}) });
        return { ...result, reference: at };
    });
}
/** `ocikit index remove <index-ref> <platform|digest>...` */
async function removeFromIndexByReference(index, removals, options = {}) {
    const at = typeof index === 'string' ? (0,reference_reference/* parseReference */.F2)(index) : index;
    const remove = removals.map(parseIndexRemoval);
    const tags = options.tags?.map((tag) => (0,reference_reference/* extraTag */.d$)(at, tag)); // checked before any request
    return withPool(options, async (pool) => {
        const target = await pool.open(at);
        const result = await (0,assemble_index/* removeFromIndex */.nI)(target, (0,reference_reference/* referenceSelector */.d3)(at), remove, { ...options, ...(tags ? { tags } : {}) });
        return { ...result, reference: at };
    });
}
function source(target, argument) {
    return { target, selector: (0,reference_reference/* referenceSelector */.d3)(argument.reference), ...(argument.platform ? { platform: argument.platform } : {}) };
}
/**
 * Targets opened for one verb: one per repository or layout, and one client
 * per registry shared by all of that registry's repositories.
 */
class TargetPool {
    options;
    clients = new Map();
    targets = new Map();
    constructor(options) {
        this.options = options;
    }
    open(reference, create = false) {
        const key = reference.kind === 'registry' ? `${reference.registry}/${reference.repository}` : `oci-layout:${(0,external_node_path_.resolve)(reference.path)}`;
        let target = this.targets.get(key);
        if (!target) {
            let client;
            if (reference.kind === 'registry') {
                client = this.clients.get(reference.registry);
                if (!client) {
                    client = new registry_client/* RegistryClient */.bP({ ...this.options, registry: reference.registry, endpointHost: (0,reference_reference/* registryEndpointHost */.dU)(reference.registry) });
                    this.clients.set(reference.registry, client);
                }
            }
            target = (0,open_target/* openTarget */.A)(reference, { ...this.options, ...(client ? { client } : {}), create }).then((opened) => opened.target);
            this.targets.set(key, target);
        }
        return target;
    }
    async close() {
        const opened = await Promise.allSettled([...this.targets.values()]);
        for (const result of opened)
            if (result.status === 'fulfilled')
                await result.value.close();
        for (const client of this.clients.values())
            await client.close();
    }
}
async function withPool(options, run) {
    const pool = new TargetPool(options);
    try {
        return await run(pool);
    }
    finally {
        await pool.close();
    }
}
//# sourceMappingURL=index-references.js.map
// EXTERNAL MODULE: ./packages/core/dist/credentials/credential-chain.js + 2 modules
var credential_chain = __webpack_require__(32808);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-arguments.js
var annotation_arguments = __webpack_require__(89629);
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/platform/match.js
var match = __webpack_require__(3161);
;// CONCATENATED MODULE: ./packages/core/dist/results/index-result-json.js



function indexResultJson(result) {
    return {
        reference: (0,reference_reference/* pinnedReference */.ct)(result.reference, result.tags[0], result.descriptor.digest),
        ...result.descriptor,
        tags: result.tags,
        manifests: result.index.manifests.map((m) => ({
            digest: m.digest,
            mediaType: m.mediaType,
            ...(m.platform ? { platform: (0,platform_platform/* platformString */.Fd)(m.platform) } : {}),
            ...((0,match/* isAttestationEntry */.r2)(m) ? { attestation: true } : {}),
        })),
        copied: result.copied,
    };
}
//# sourceMappingURL=index-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/run-annotations.js
var run_annotations = __webpack_require__(10912);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var dist_summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/index.js
/** index's job summary: the index, each entry with its platform, and what was copied into its repository. */


async function writeIndexSummary(command, json) {
    const { copied } = json;
    const summary = core/* summary */.z
        .addHeading(`ocikit index ${command}`, 3)
        .addTable([(0,dist_summary/* header */.wx)('Index', 'Media type', 'Tags'), [(0,dist_summary/* code */.aY)(json.reference), (0,dist_summary/* code */.aY)(json.mediaType), json.tags.map(dist_summary/* code */.aY).join(' ') || '(none: by digest)']])
        .addTable([
        (0,dist_summary/* header */.wx)('Platform', 'Digest', 'Media type'),
        ...json.manifests.slice(0, dist_summary/* MAX_ROWS */.pX).map((m) => [m.attestation ? 'attestation' : (m.platform ?? '(none)'), (0,dist_summary/* code */.aY)(m.digest), (0,dist_summary/* code */.aY)(m.mediaType)]),
    ])
        .addRaw(`${json.manifests.length} entr${json.manifests.length === 1 ? 'y' : 'ies'}; copied into the repository: ${copied.manifests} manifest(s), ` +
        `blobs ${copied.blobs.copied} copied, ${copied.blobs.mounted} mounted, ${copied.blobs.skipped} present (${(0,dist_summary/* formatBytes */.z3)(copied.bytes)} sent)`, true);
    await (0,dist_summary/* writeSummary */.Sy)(summary);
}
//# sourceMappingURL=index.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/index.js
/**
 * index: assemble or update a multi-platform image index from manifests pushed
 * one platform each (matrix jobs), the same core calls as `ocikit index
 * create|add|remove` (createIndexFromReferences, addToIndexByReference,
 * removeFromIndexByReference).
 */








const COMMANDS = ['create', 'add', 'remove'];
async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('index', async (secrets, signal) => {
        const { progress, connection, reference, command, sources } = (0,target_options/* startStep */.bP)(env, secrets, signal, () => {
            const reference = (0,reference_reference/* parseReference */.F2)((0,inputs/* getRequired */.kA)('reference', env));
            const command = (0,inputs/* getChoice */.m)('command', COMMANDS, 'create', env);
            const sources = (0,inputs/* getList */.vS)('sources', {}, env);
            // create and add read manifests that may live in other repositories or registries; remove names entries.
            const sourceReferences = command === 'remove' ? [] : sources.map((s) => parseIndexSourceArgument(s, reference).reference);
            return { reference, command, sources, registries: (0,target_options/* registryHosts */.j$)(reference, ...sourceReferences), givenFor: (0,credential_chain/* givenCredentialRegistries */.Gq)(reference, sourceReferences) };
        });
        const userAnnotations = (0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'index');
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        if (command === 'remove' && (Object.keys(userAnnotations).length > 0 || artifactType)) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'inputs "annotations" and "artifact-type" apply to command create and add, not remove');
        }
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const options = {
            ...connection,
            concurrency: (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env),
            progress,
            tags: (0,inputs/* getList */.vS)('tags', { comma: true }, env),
            ...(command === 'remove' ? {} : { annotations: (0,run_annotations/* withRunAnnotations */.i)(userAnnotations, env) }),
            ...(artifactType ? { artifactType } : {}),
            ...((0,inputs/* getBoolean */.pW)('allow-duplicates', false, env) ? { allowDuplicates: true } : {}),
            ...((0,inputs/* getBoolean */.pW)('replace', false, env) ? { replace: true } : {}),
            ...((0,inputs/* getBoolean */.pW)('anonymous-mount', false, env) ? { anonymousMount: true } : {}),
            ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        };
        const result = command === 'create'
            ? await createIndexFromReferences(reference, sources, options)
            : command === 'add'
                ? await addToIndexByReference(reference, sources, options)
                : await removeFromIndexByReference(reference, sources, options);
        const json = indexResultJson(result);
        core/* info */.pq(`Pushed ${json.reference} (${json.manifests.length} entries)`);
        (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, json });
        await writeIndexSummary(command, json);
    });
}
//# sourceMappingURL=index.js.map

/***/ })

};
