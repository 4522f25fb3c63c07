export const id = 277;
export const ids = [277];
export const modules = {

/***/ 90277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ copyForPull),
  O: () => (/* binding */ pullArtifact)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/fs/atomic-write.js
var atomic_write = __webpack_require__(43901);
;// CONCATENATED MODULE: ./packages/core/dist/fs/move-tree.js



/**
 * Moves everything under `from` into `to`, merging directories, all or nothing.
 * Each file lands by rename (same filesystem), so a reader sees the old file or
 * the new one. Whatever can be known to fail (an existing file without
 * `overwrite`, a file where a directory is) is refused before the first rename;
 * should a rename still fail part-way, those already done are undone (what they
 * replaced put back), so `to` is as it was.
 */
async function moveTreeInto(from, to, options) {
    await assertMovable(from, to, options.overwrite, options.skip);
    await (0,promises_.mkdir)(to, { recursive: true });
    // Replaced files wait here until the whole move has succeeded: same filesystem, so renames.
    const aside = await (0,promises_.mkdtemp)((0,external_node_path_.join)(to, '.ocikit-replaced-'));
    const placed = [];
    try {
        await move(from, to, options.skip, aside, placed);
    }
    catch (error) {
        await undo(placed);
        throw error;
    }
    finally {
        await (0,promises_.rm)(aside, { recursive: true, force: true });
    }
}
async function move(from, to, skip, aside, placed) {
    for (const name of await (0,promises_.readdir)(from)) {
        if (name === skip)
            continue;
        const source = (0,external_node_path_.join)(from, name);
        const destination = (0,external_node_path_.join)(to, name);
        const existing = await (0,promises_.lstat)(destination).catch(() => undefined);
        if (existing?.isDirectory()) {
            // assertMovable saw to it that the source is a directory too.
            await move(source, destination, undefined, aside, placed);
            continue;
        }
        let replaced;
        if (existing) {
            replaced = (0,external_node_path_.join)(aside, String(placed.length));
            await (0,promises_.rename)(destination, replaced);
        }
        try {
            await (0,promises_.rename)(source, destination);
        }
        catch (error) {
            if (replaced)
                await (0,promises_.rename)(replaced, destination);
            throw error;
        }
        placed.push(replaced ? { path: destination, replaced } : { path: destination });
    }
}
/** Takes back the renames done, last first: new things removed, replaced ones put back. */
async function undo(placed) {
    for (const { path, replaced } of placed.reverse()) {
        await (0,promises_.rm)(path, { recursive: true, force: true });
        if (replaced)
            await (0,promises_.rename)(replaced, path);
    }
}
async function assertMovable(from, to, overwrite, skip) {
    for (const name of await (0,promises_.readdir)(from)) {
        if (name === skip)
            continue;
        const source = (0,external_node_path_.join)(from, name);
        const destination = (0,external_node_path_.join)(to, name);
        const existing = await (0,promises_.lstat)(destination).catch(() => undefined);
        if (!existing)
            continue;
        const sourceIsDirectory = (await (0,promises_.lstat)(source)).isDirectory();
        if (sourceIsDirectory && existing.isDirectory()) {
            await assertMovable(source, destination, overwrite, undefined);
        }
        else {
            const problem = placementProblem(destination, existing, sourceIsDirectory, overwrite);
            if (problem)
                throw problem;
        }
    }
}
/**
 * Why a file or directory cannot land where something already is, if it cannot:
 * a file never replaces a directory, and nothing replaces anything unless
 * `overwrite`. (A directory over a directory merges: its entries are asked in turn.)
 */
function placementProblem(destination, existing, sourceIsDirectory, overwrite) {
    if (sourceIsDirectory && existing.isDirectory())
        return undefined;
    if (existing.isDirectory()) {
        return new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot replace directory ${destination} with a file`, { hint: 'move the directory away, or pull into another directory' });
    }
    if (!overwrite)
        return new errors/* OcikitError */.Gu('INVALID_INPUT', `${destination} already exists`, { hint: `remove it, or pull without ${(0,errors/* optionRef */.$j)('keep-old-files')} to replace it` });
    return undefined;
}
//# sourceMappingURL=move-tree.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/annotations.js
var annotations = __webpack_require__(98034);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/platform/match.js
var match = __webpack_require__(3161);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/artifact/file-mode.js
var file_mode = __webpack_require__(22051);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./packages/core/dist/progress/counting-stream.js

/** A pass-through that reports the running byte count of a transfer. */
function countingStream(descriptor, progress) {
    let count = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            count += chunk.length;
            progress?.bytes?.(descriptor, count);
            callback(null, chunk);
        },
    });
}
//# sourceMappingURL=counting-stream.js.map
// EXTERNAL MODULE: ./packages/core/dist/copy/fetched-blob-source.js
var fetched_blob_source = __webpack_require__(97193);
// EXTERNAL MODULE: ./packages/core/dist/util/map-concurrent.js
var map_concurrent = __webpack_require__(49307);
// EXTERNAL MODULE: ./packages/core/dist/util/pipe-through.js
var pipe_through = __webpack_require__(73307);
// EXTERNAL MODULE: ./packages/core/dist/artifact/artifact-inputs.js
var artifact_inputs = __webpack_require__(35469);
// EXTERNAL MODULE: ./packages/core/dist/artifact/safe-extract.js
var safe_extract = __webpack_require__(23120);
;// CONCATENATED MODULE: ./packages/core/dist/artifact/pull-artifact.js




















const STAGING_PREFIX = '.ocikit-pull-';
async function planPull(target, reference, options) {
    const root = await target.fetchManifest(reference);
    const rootManifest = (0,oci_manifest/* parseManifest */.Ng)(root.bytes, `${target.name}:${reference}`, root.descriptor.mediaType);
    let fetched = root;
    let picked;
    if ((0,oci_manifest/* isIndex */.nw)(rootManifest)) {
        // An index of platforms: take the entry a client on the wanted platform would take.
        const entry = pickPlatformEntry(rootManifest, options, `${target.name}:${reference}`);
        picked = { index: root.descriptor, platform: entry.platform };
        fetched = await target.fetchManifest(entry);
    }
    const manifest = picked ? (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `${target.name}@${fetched.descriptor.digest}`, fetched.descriptor.mediaType) : rootManifest;
    if ((0,oci_manifest/* isIndex */.nw)(manifest)) {
        throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${target.name}:${reference} is an index of ${manifest.manifests.length} manifests, not an artifact`, {
            hint: 'pull one of its manifests by digest (`ocikit resolve` / `skopeo inspect --raw` lists them)',
        });
    }
    const layers = selectLayers(manifest, options, target, reference);
    return { read: picked ? [root, fetched] : [root], fetched, manifest, layers, ...(picked ? { picked } : {}) };
}
/**
 * Pulls an artifact's titled layers into a directory. Every layer is downloaded
 * and verified into a staging directory first; only when all of them are in
 * does anything move into place, so a failure leaves the output as it was.
 */
async function pullArtifact(target, reference, options) {
    const { fetched, manifest, layers: selected, picked } = await planPull(target, reference, options);
    if (options.outputDir === '-')
        return { ...(await pullToStdout(target, fetched.descriptor, manifest, selected, options)), ...picked };
    await refuseKnownConflicts(selected, options.outputDir, Boolean(options.keepOldFiles));
    await (0,promises_.mkdir)(options.outputDir, { recursive: true });
    const staging = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.outputDir, STAGING_PREFIX));
    try {
        const files = await (0,map_concurrent/* mapConcurrent */._)(selected, Math.max(1, options.concurrency ?? 3), (layer) => stageLayer(target, layer, staging, options));
        await moveTreeInto(staging, options.outputDir, { overwrite: !options.keepOldFiles });
        return {
            ...picked,
            descriptor: fetched.descriptor,
            manifest,
            files: files.map((file) => ({ ...file, path: (0,external_node_path_.join)(options.outputDir, file.title) })),
        };
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
/**
 * Refuses, before a byte is downloaded, a layer that could not land: a file over a
 * directory, and with `keepOldFiles` anything over what exists. What a directory
 * layer holds is only known once it is unpacked; the move checks that, all or nothing.
 */
async function refuseKnownConflicts(layers, outputDir, keepOldFiles) {
    for (const layer of layers) {
        const destination = (0,external_node_path_.join)(outputDir, layer.annotations[annotations/* Annotation */.Y.Title].replace(/\/+$/, ''));
        const existing = await (0,promises_.lstat)(destination).catch(() => undefined);
        if (!existing)
            continue;
        const problem = placementProblem(destination, existing, layer.annotations?.[annotations/* Annotation */.Y.OrasUnpack] === 'true', !keepOldFiles);
        if (problem)
            throw problem;
    }
}
/**
 * Copies exactly what `pullArtifact` with these options reads from `source` (the
 * manifests, and the layers it would write; not the config, not the other
 * platforms) into `destination`, verified as it goes: a store a later pull can be
 * served from, by the same reference's digest, as from the source.
 */
async function copyForPull(source, reference, destination, options = {}) {
    const plan = await planPull(source, reference, options);
    await (0,map_concurrent/* mapConcurrent */._)(plan.layers, Math.max(1, options.concurrency ?? 3), (layer) => destination.pushBlob(new fetched_blob_source/* FetchedBlobSource */.S(source, layer)));
    // Children before what lists them.
    for (const fetched of [...plan.read].reverse())
        await destination.pushManifest(fetched.descriptor, fetched.bytes);
    return plan.read[0].descriptor;
}
/** The index entry for the wanted platform (default: this machine's), or an error naming what there is. */
function pickPlatformEntry(index, options, what) {
    const wanted = typeof options.platform === 'string' ? (0,platform/* parsePlatform */.Y8)(options.platform) : (options.platform ?? (0,platform/* hostPlatform */.ol)());
    const chosen = (0,match/* selectPlatform */.md)(index.manifests, wanted, { compatible: Boolean(options.compatiblePlatforms) });
    if (!chosen) {
        const offered = (0,match/* describePlatforms */.Qb)(index.manifests);
        throw new errors/* OcikitError */.Gu('NOT_FOUND', `${what} has no entry for ${(0,platform/* platformString */.Fd)(wanted)}${options.platform === undefined ? ' (this machine)' : ''}`, {
            hint: offered.length
                ? `it has ${offered.join(', ')}; pick one with ${(0,errors/* optionRef */.$j)('platform')}${/^arm/.test(wanted.architecture) || wanted.architecture === 'amd64' ? `, or accept an older compatible one with ${(0,errors/* optionRef */.$j)('compatible-platforms')}` : ''}`
                : 'none of its entries names a platform; pull one by digest',
        });
    }
    if (chosen.rank > 0)
        options.progress?.warning?.(`${what}: no ${(0,platform/* platformString */.Fd)(wanted)} entry; taking the compatible ${(0,platform/* platformString */.Fd)(chosen.descriptor.platform)}`);
    return chosen.descriptor;
}
function selectLayers(manifest, options, target, reference) {
    const wanted = options.mediaTypes?.length ? new Set(options.mediaTypes) : undefined;
    const titles = new Set();
    const selected = [];
    for (const layer of manifest.layers) {
        if (wanted && !wanted.has(layer.mediaType))
            continue;
        const title = layer.annotations?.[annotations/* Annotation */.Y.Title];
        if (title === undefined) {
            options.progress?.warning?.(`skipping layer ${layer.digest} of ${target.name}:${reference}: it has no title`);
            continue;
        }
        (0,artifact_inputs/* checkTitle */.Tq)(title);
        const key = title.replace(/\/+$/, '').replace(/^(\.\/)+/, '');
        if (titles.has(key)) {
            throw new errors/* OcikitError */.Gu('UNSAFE_PATH', `${target.name}:${reference} has two layers titled "${title}"`, {
                hint: `one would overwrite the other; pull them separately with ${(0,errors/* optionRef */.$j)('media-type')}`,
            });
        }
        titles.add(key);
        selected.push(layer);
    }
    if (selected.length === 0) {
        throw new errors/* OcikitError */.Gu('NOT_FOUND', `${target.name}:${reference} has no titled layer${wanted ? ` of type ${[...wanted].join(', ')}` : ''} to pull`, {
            hint: `its layers: ${manifest.layers.map((l) => l.mediaType).join(', ') || 'none'}`,
        });
    }
    return selected;
}
async function stageLayer(target, layer, staging, options) {
    const title = layer.annotations[annotations/* Annotation */.Y.Title];
    const unpack = layer.annotations?.[annotations/* Annotation */.Y.OrasUnpack] === 'true';
    const mode = unpack ? undefined : (0,file_mode/* parseFileMode */.Px)(layer.annotations?.[file_mode/* FILE_MODE_ANNOTATION */.ZU], title);
    options.progress?.start?.(layer, title, 'download');
    const stream = reportingProgress(await target.fetchBlob(layer), layer, options.progress);
    if (unpack) {
        const extractOptions = {
            overwrite: false,
            root: title,
            ...(layer.annotations?.[annotations/* Annotation */.Y.OrasContentDigest] ? { expectedTarDigest: layer.annotations[annotations/* Annotation */.Y.OrasContentDigest] } : {}),
            ...(options.maxUnpackedBytes ? { maxBytes: options.maxUnpackedBytes } : {}),
        };
        // Entries carry the whole title as their leading path (oras's layout), so they extract into staging
        // itself; nothing may land beside the title.
        await (0,safe_extract/* extractTarSafely */.Du)(stream, staging, extractOptions);
    }
    else {
        await (0,atomic_write/* writeStreamAtomic */.Zs)((0,external_node_path_.join)(staging, title), stream);
        if (mode !== undefined)
            await (0,promises_.chmod)((0,external_node_path_.join)(staging, title), mode);
    }
    options.progress?.done?.(layer, 'downloaded');
    return { title, descriptor: layer, path: '', unpacked: unpack };
}
/**
 * A blob stream that reports its bytes to `progress`: by the verifier's own count
 * when the target hands out its VerifyingStream (no extra stream for every chunk
 * to pass through), else through a counting pass-through.
 */
function reportingProgress(stream, layer, progress) {
    const report = progress?.bytes;
    if (!report)
        return stream;
    if (stream instanceof digest/* VerifyingStream */.SC && stream.onBytes === undefined) {
        stream.onBytes = (count) => report.call(progress, layer, count);
        return stream;
    }
    return (0,pipe_through/* pipeThrough */.W)(stream, countingStream(layer, progress));
}
async function pullToStdout(target, descriptor, manifest, selected, options) {
    if (selected.length !== 1 || !options.stdout) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `-o - writes one file to standard output, but ${selected.length} layers match`, {
            hint: `pick one with ${(0,errors/* optionRef */.$j)('media-type')}`,
        });
    }
    const layer = selected[0];
    // Verify before a single byte reaches stdout: it cannot be taken back.
    const spoolDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'ocikit-stdout-'));
    try {
        const spooled = (0,external_node_path_.join)(spoolDir, 'blob');
        options.progress?.start?.(layer, layer.annotations[annotations/* Annotation */.Y.Title], 'download');
        await (0,atomic_write/* writeStreamAtomic */.Zs)(spooled, reportingProgress(await target.fetchBlob(layer), layer, options.progress));
        options.progress?.done?.(layer, 'downloaded');
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(spooled), options.stdout, { end: false });
    }
    finally {
        await (0,promises_.rm)(spoolDir, { recursive: true, force: true });
    }
    return { descriptor, manifest, files: [{ title: layer.annotations[annotations/* Annotation */.Y.Title], descriptor: layer, path: '-', unpacked: false }] };
}
//# sourceMappingURL=pull-artifact.js.map

/***/ }),

/***/ 97193:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ FetchedBlobSource)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);


/**
 * A blob of one target as what an upload to another reads. Uploads open their
 * bytes in order (one `PUT`, or `PATCH` chunks one after the other), so a single
 * download feeds them all; an `open` at an offset the download has already
 * passed (a request sent again) starts a fresh download. Nothing is fetched
 * until the first `open`, so a blob the destination skips or mounts costs no
 * download. The download is verified: the range that ends the blob errors
 * instead of ending when its bytes do not match the digest.
 */
class FetchedBlobSource {
    target;
    descriptor;
    signal;
    download;
    stream;
    /** Bytes taken from the current download so far. */
    position = 0;
    /** Taken from the download but past the end of the range that took them. */
    leftover;
    /** Opens are served one at a time, in order. */
    queue = Promise.resolve();
    /** The range being served: a newer `open` means its reader has given up on it. */
    serving;
    constructor(target, descriptor, signal) {
        this.target = target;
        this.descriptor = descriptor;
        this.signal = signal;
    }
    open(start = 0, end = this.descriptor.size - 1) {
        const range = new node_stream__WEBPACK_IMPORTED_MODULE_0__.PassThrough();
        // A reader that stopped without destroying its stream (an HTTP request that failed) would
        // otherwise hold the queue forever, waiting for a drain that never comes.
        this.serving?.destroy();
        this.serving = range;
        this.queue = this.queue.then(() => this.serve(range, start, end - start + 1)).catch((error) => {
            range.destroy(error);
        });
        return range;
    }
    /** Ends the download, if one is open (after the upload, whatever its outcome). */
    close() {
        this.serving?.destroy();
        this.endDownload();
    }
    endDownload() {
        this.stream?.destroy();
        this.stream = undefined;
        this.download = undefined;
        this.leftover = undefined;
    }
    async serve(range, start, length) {
        if (range.destroyed)
            return;
        if (!this.download || start < this.position) {
            this.endDownload();
            this.stream = await this.target.fetchBlob(this.descriptor, this.signal ? { signal: this.signal } : {});
            this.download = this.stream[Symbol.asyncIterator]();
            this.position = 0;
        }
        await this.take(start - this.position, undefined);
        await this.take(length, range);
        if (this.position === this.descriptor.size) {
            // The verifying stream reports a wrong digest only at its end: reach it before ending the range.
            const after = await this.download.next();
            if (!after.done)
                throw this.tooLong();
            this.endDownload();
        }
        range.end();
    }
    /** Moves `count` bytes from the download into `range` (or drops them, to skip ahead). */
    async take(count, range) {
        let remaining = count;
        while (remaining > 0) {
            let chunk = this.leftover;
            this.leftover = undefined;
            if (!chunk) {
                const next = await this.download.next();
                if (next.done)
                    throw this.tooShort();
                chunk = next.value;
            }
            if (chunk.length > remaining) {
                this.leftover = chunk.subarray(remaining);
                chunk = chunk.subarray(0, remaining);
            }
            remaining -= chunk.length;
            this.position += chunk.length;
            if (range && !range.write(chunk))
                await drained(range);
        }
    }
    tooShort() {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `blob ${this.descriptor.digest} from ${this.target.name} ended early`, {
            detail: `expected ${this.descriptor.size} bytes, got ${this.position}`,
        });
    }
    tooLong() {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `blob ${this.descriptor.digest} from ${this.target.name} is longer than its descriptor`, {
            detail: `expected ${this.descriptor.size} bytes`,
        });
    }
}
/** Waits until `stream` wants more, or fails when its reader has closed it. */
function drained(stream) {
    return new Promise((resolve, reject) => {
        if (stream.destroyed) {
            reject(new Error('the reader closed the stream'));
            return;
        }
        const done = (error) => {
            stream.off('drain', onDrain);
            stream.off('close', onClose);
            if (error)
                reject(error);
            else
                resolve();
        };
        const onDrain = () => done();
        const onClose = () => done(new Error('the reader closed the stream'));
        stream.on('drain', onDrain);
        stream.on('close', onClose);
    });
}
//# sourceMappingURL=fetched-blob-source.js.map

/***/ }),

/***/ 3161:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qb: () => (/* binding */ describePlatforms),
/* harmony export */   md: () => (/* binding */ selectPlatform),
/* harmony export */   my: () => (/* binding */ samePlatform),
/* harmony export */   qq: () => (/* binding */ ATTESTATION_REFERENCE_DIGEST),
/* harmony export */   r2: () => (/* binding */ isAttestationEntry)
/* harmony export */ });
/* unused harmony exports ATTESTATION_REFERENCE_TYPE, acceptedPlatforms */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77837);

/** BuildKit's attestation manifests: `unknown/unknown`, tied to their image by annotations. */
const ATTESTATION_REFERENCE_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_REFERENCE_DIGEST = 'vnd.docker.reference.digest';
/** Whether two platforms are the same once normalised (os.version only when both name one). */
function samePlatform(a, b) {
    const x = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(a);
    const y = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(b);
    return (x.os === y.os &&
        x.architecture === y.architecture &&
        (x.variant ?? '') === (y.variant ?? '') &&
        (x['os.version'] === undefined || y['os.version'] === undefined || x['os.version'] === y['os.version']));
}
/**
 * The platforms a request for `wanted` accepts, most preferred first: the
 * platform itself, then (with `compatible`) containerd's fallbacks.
 */
function acceptedPlatforms(wanted, options = {}) {
    const normalized = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(wanted);
    return options.compatible ? platformVector(normalized) : [normalized];
}
/** containerd's `platformVector`: a platform and the older ones that run on it, best first. */
function platformVector(platform) {
    const vector = [platform];
    const base = { os: platform.os, ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}) };
    const version = (variant) => {
        const match = /^v?(\d+)$/.exec(variant ?? '');
        return match ? Number(match[1]) : Number.NaN;
    };
    switch (platform.architecture) {
        case 'amd64': {
            const level = version(platform.variant);
            for (let v = level - 1; v >= 1; v--)
                vector.push({ ...base, architecture: 'amd64', ...(v > 1 ? { variant: `v${v}` } : {}) });
            vector.push({ ...base, architecture: '386' });
            break;
        }
        case 'arm': {
            const level = version(platform.variant);
            for (let v = level - 1; v >= 5; v--)
                vector.push({ ...base, architecture: 'arm', variant: `v${v}` });
            break;
        }
        case 'arm64': {
            // Every arm64 runs 32-bit arm up to v8.
            vector.push(...platformVector({ ...base, architecture: 'arm', variant: 'v8' }));
            break;
        }
    }
    return vector;
}
/** Whether an index entry is a BuildKit attestation (or other `unknown/unknown` entry) rather than a platform. */
function isAttestationEntry(descriptor) {
    if (descriptor.annotations?.[ATTESTATION_REFERENCE_TYPE] !== undefined)
        return true;
    return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}
/**
 * The entry of `manifests` a client asking for `wanted` takes, or undefined.
 * Attestations and entries without a platform never match.
 */
function selectPlatform(manifests, wanted, options = {}) {
    const accepted = acceptedPlatforms(wanted, options);
    let best;
    manifests.forEach((descriptor, index) => {
        if (!descriptor.platform || isAttestationEntry(descriptor))
            return;
        const rank = accepted.findIndex((platform) => samePlatform(platform, descriptor.platform));
        if (rank < 0)
            return;
        if (!best || rank < best.rank)
            best = { descriptor, index, rank };
    });
    return best;
}
/** The platforms an index offers, as people read them (for messages). */
function describePlatforms(manifests) {
    return manifests.filter((d) => d.platform && !isAttestationEntry(d)).map((d) => (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformString */ .Fd)(d.platform));
}
//# sourceMappingURL=match.js.map

/***/ })

};
