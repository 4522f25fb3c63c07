export const id = 725;
export const ids = [725];
export const modules = {

/***/ 80267:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ Limiter)
/* harmony export */ });
/**
 * A counting semaphore: at most `size` holders at once, served in order. The
 * zstd encoders of every layer share one, so frames compressed at once stay
 * near the number of cores however many layers run.
 */
class Limiter {
    size;
    active = 0;
    waiting = [];
    constructor(size) {
        this.size = size;
        if (!Number.isSafeInteger(size) || size < 1)
            throw new RangeError(`a limiter needs a size of at least 1, not ${size}`);
    }
    /** Resolves once a slot is free; call the returned function exactly once to give it back. */
    async acquire() {
        if (this.active < this.size) {
            this.active++;
        }
        else {
            await new Promise((resolve) => this.waiting.push(resolve));
        }
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const next = this.waiting.shift();
            if (next)
                next(); // the slot passes straight on
            else
                this.active--;
        };
    }
}
//# sourceMappingURL=limiter.js.map

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

/***/ 3339:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZR: () => (/* binding */ isExternalLayer),
/* harmony export */   a5: () => (/* binding */ isFixedLayer)
/* harmony export */ });
/* unused harmony export isNonDistributable */
/**
 * Docker's foreign layers and OCI's non-distributable ones (deprecated in
 * image-spec 1.1, still in Windows images): their bytes may be barred from being
 * redistributed in another form.
 */
const NON_DISTRIBUTABLE = /^application\/vnd\.(docker\.image\.rootfs\.foreign\.diff\.tar(\.gzip)?|oci\.image\.layer\.nondistributable\.v1\.tar(\+\w+)?)$/;
/** Whether a layer's type is a foreign or non-distributable one. */
function isNonDistributable(layer) {
    return NON_DISTRIBUTABLE.test(layer.mediaType);
}
/**
 * A layer registries do not hold: a non-distributable type that names the `urls`
 * it is fetched from. Copies leave it where it lives (as skopeo and containerd
 * do); one without `urls` is a blob like any other, held and copied.
 */
function isExternalLayer(layer) {
    return isNonDistributable(layer) && (layer.urls?.length ?? 0) > 0;
}
/**
 * A layer whose bytes stay exactly as they are: non-distributable (its license
 * may forbid another form), or named by `urls` (the bytes there are what its
 * digest names). A recompression keeps such layers as they are.
 */
function isFixedLayer(layer) {
    return isNonDistributable(layer) || (layer.urls?.length ?? 0) > 0;
}
//# sourceMappingURL=foreign-layers.js.map

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

/***/ 48292:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ bufferPool)
/* harmony export */ });
/* unused harmony export BufferPool */
/**
 * Large buffers of one size, handed out and given back. A pipeline that
 * allocates and drops an 8 MiB buffer per step leaves the freeing to the
 * garbage collector and glibc, and its resident memory drifts up with the
 * data; one that reuses a few buffers stays where it started. Buffers beyond
 * `keep` free ones are left to the collector.
 */
class BufferPool {
    size;
    keep;
    free = [];
    constructor(size, keep) {
        this.size = size;
        this.keep = keep;
    }
    take() {
        return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    }
    /** Gives a buffer back; the caller must not touch it (or any view of it) afterwards. */
    give(buffer) {
        if (buffer.length === this.size && this.free.length < this.keep)
            this.free.push(buffer);
    }
}
const pools = new Map();
/** The process-wide pool of buffers of `size` bytes. */
function bufferPool(size, keep = 8) {
    let pool = pools.get(size);
    if (!pool) {
        pool = new BufferPool(size, keep);
        pools.set(size, pool);
    }
    return pool;
}
//# sourceMappingURL=buffer-pool.js.map

/***/ }),

/***/ 59725:
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
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/credentials/credential-chain.js + 2 modules
var credential_chain = __webpack_require__(32808);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/util/buffer-pool.js
var buffer_pool = __webpack_require__(48292);
// EXTERNAL MODULE: ./packages/core/dist/compress/limiter.js
var limiter = __webpack_require__(80267);
;// CONCATENATED MODULE: ./packages/core/dist/compress/zstd-frames.js






/** zstd's own default, and what `zstd` and containers/image use. */
const DEFAULT_ZSTD_LEVEL = 3;
const MIN_ZSTD_LEVEL = 1;
const MAX_ZSTD_LEVEL = 22;
/**
 * Uncompressed bytes per zstd frame, and the window each frame gets (see
 * `windowLogFor`). On 256 MiB of /usr: 4 MiB frames 97.5 MB, `zstd -3` in one
 * frame (a 2 MiB window) 99.6 MB, 8 MiB frames 92.9 MB. 8 MiB frames would be
 * smaller still but put peak RSS over 250 MiB (two frames in compression, each
 * copied whole into zstd's window, plus the frames waiting): 4 MiB keeps it
 * about 240 MiB (bench/recompress.mjs).
 */
const DEFAULT_FRAME_SIZE = 4 * 1024 * 1024;
/** Output buffer of one compression round trip: a frame needs a few of them. */
const OUTPUT_CHUNK = 1024 * 1024;
/**
 * The window of a frame: its whole content. zlib's stream hands zstd the frame
 * in a write that does not end it, so zstd copies it into a buffer of window +
 * one block; with level 3's 2 MiB window a 4 MiB frame wrapped around that
 * buffer and half of it went through zstd's slower two-segment match finder.
 * A window that holds the frame keeps it in one segment: on 256 MiB of /usr,
 * 4 MiB frames took ~7% less CPU and came out 2.4% smaller. Decoders need no
 * more memory than before: a frame that declares its size (ours pledge it)
 * and fits its window is a single segment, decoded into the frame size.
 */
function windowLogFor(frameSize) {
    return Math.ceil(Math.log2(frameSize));
}
/**
 * One frame: the whole input in one write, then the end, so its bytes depend
 * on the input alone. The output comes back as zlib's chunks, not joined
 * (joining would copy every frame once more).
 */
function compressFrame(input, level, windowLog) {
    return new Promise((resolve, reject) => {
        const zstd = (0,external_node_zlib_.createZstdCompress)({
            params: {
                [external_node_zlib_.constants.ZSTD_c_compressionLevel]: level,
                [external_node_zlib_.constants.ZSTD_c_windowLog]: windowLog,
                // The 4-byte content checksum `zstd` writes too: decoders check it at the end of each frame.
                [external_node_zlib_.constants.ZSTD_c_checksumFlag]: 1,
            },
            pledgedSrcSize: input.length,
            chunkSize: OUTPUT_CHUNK,
        });
        const output = [];
        zstd.on('data', (chunk) => output.push(chunk));
        zstd.once('error', reject);
        zstd.once('end', () => resolve(output));
        zstd.end(input);
    });
}
/** Frames compressed at once across every encoder of the process (unless one brings its own limiter). */
let sharedLimiter;
function defaultZstdLimiter() {
    sharedLimiter ??= new limiter/* Limiter */.j(Math.max(2, (0,external_node_os_.availableParallelism)()));
    return sharedLimiter;
}
function checkZstdLevel(level) {
    if (!Number.isSafeInteger(level) || level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `zstd level ${level} is out of range`, {
            hint: `use a whole number from ${MIN_ZSTD_LEVEL} (fastest) to ${MAX_ZSTD_LEVEL} (smallest); ${DEFAULT_ZSTD_LEVEL} is zstd's default`,
        });
    }
    return level;
}
/**
 * A zstd encoder that cuts its input into frames of a fixed size and
 * compresses several at once on libuv's thread pool (Node 24's zlib zstd, one
 * stream per frame), emitting them in order. Concatenated frames are one valid
 * zstd stream (RFC 8878 §3), which every decoder reads, containerd's and
 * containers/image's included.
 *
 * Why not one `zlib.createZstdCompress` stream for the whole layer: on Node 24
 * its `nbWorkers` parameter breaks the stream (`ERR_STREAM_PUSH_AFTER_EOF` once
 * the input passes a few MiB), single-threaded it holds one core, and its bytes
 * depend on how the writes happen to be queued (the last write may or may not
 * carry the end of the frame). Each frame here is compressed from one buffer in
 * one write that ends it, so the same input gives the same bytes however it
 * arrives, and a layer recompressed twice has one digest.
 */
class ZstdFrameEncoder extends external_node_stream_.Transform {
    level;
    frameSize;
    windowLog;
    limiter;
    maxQueued;
    pool;
    /** The frame being filled; taken from the pool when its first byte arrives. */
    segment;
    filled = 0;
    queue = [];
    failure;
    /** Woken when the reader takes output (or the encoder is destroyed). */
    readers = [];
    constructor(options = {}) {
        const frameSize = options.frameSize ?? DEFAULT_FRAME_SIZE;
        // At most about a frame of output waits for a slow reader (an upload on the wire) before input stops.
        super({ readableHighWaterMark: frameSize });
        this.level = checkZstdLevel(options.level ?? DEFAULT_ZSTD_LEVEL);
        this.frameSize = frameSize;
        // Above 128 MiB a frame's window passes what decoders accept by default (zstd's 2^27).
        if (!Number.isSafeInteger(this.frameSize) || this.frameSize < 64 * 1024 || this.frameSize > 128 * 1024 * 1024) {
            throw new RangeError(`a zstd frame of ${this.frameSize} bytes is out of range (64 KiB to 128 MiB)`);
        }
        this.windowLog = windowLogFor(this.frameSize);
        this.limiter = options.limiter ?? defaultZstdLimiter();
        this.maxQueued = Math.max(1, options.maxQueued ?? 2);
        this.pool = (0,buffer_pool/* bufferPool */.R)(this.frameSize, this.limiter.size + 1);
    }
    _transform(chunk, _encoding, callback) {
        this.fill(chunk).then(() => callback(), callback);
    }
    _flush(callback) {
        const finish = async () => {
            if (this.filled > 0)
                await this.dispatch();
            while (this.queue.length > 0)
                await this.queue[0].done;
            if (this.failure)
                throw this.failure;
        };
        finish().then(() => callback(), callback);
    }
    _read(size) {
        for (const wake of this.readers.splice(0))
            wake();
        super._read(size);
    }
    _destroy(error, callback) {
        this.failure ??= error ?? new Error('the zstd encoder was destroyed');
        for (const wake of this.readers.splice(0))
            wake();
        if (this.segment)
            this.pool.give(this.segment);
        this.segment = undefined;
        callback(error);
    }
    async fill(chunk) {
        let position = 0;
        while (position < chunk.length) {
            this.segment ??= this.pool.take();
            const count = Math.min(this.frameSize - this.filled, chunk.length - position);
            chunk.copy(this.segment, this.filled, position, position + count);
            position += count;
            this.filled += count;
            if (this.filled === this.frameSize)
                await this.dispatch();
        }
    }
    /** Starts compressing the segment filled so far, once this encoder and the shared limiter have room. */
    async dispatch() {
        const segment = this.segment;
        const input = segment.subarray(0, this.filled);
        this.segment = undefined;
        this.filled = 0;
        // Bounded on both sides: frames in the works, and output the reader has not taken yet.
        // (Transform's own backpressure misses output pushed between writes, as ours is.)
        while (this.queue.length >= this.maxQueued || (this.readableLength >= this.readableHighWaterMark && !this.failure)) {
            if (this.queue.length >= this.maxQueued)
                await this.queue[0].done;
            else
                await new Promise((resolve) => this.readers.push(resolve));
        }
        if (this.failure) {
            this.pool.give(segment);
            throw this.failure;
        }
        const release = await this.limiter.acquire();
        const job = { settled: false, output: undefined, done: Promise.resolve() };
        job.done = compressFrame(input, this.level, this.windowLog).then((output) => {
            job.output = output;
        }, (error) => {
            this.failure ??= error;
            this.destroy(this.failure);
        }).finally(() => {
            release();
            this.pool.give(segment); // zlib is done with it
            job.settled = true;
            this.emitSettled();
        });
        this.queue.push(job);
    }
    /** Pushes the frames at the head of the queue that are done, in input order. */
    emitSettled() {
        while (this.queue[0]?.settled) {
            const job = this.queue.shift();
            if (job.output && !this.destroyed)
                for (const chunk of job.output)
                    this.push(chunk);
        }
    }
}
//# sourceMappingURL=zstd-frames.js.map
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-client.js + 4 modules
var registry_client = __webpack_require__(310);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/copy/fetched-blob-source.js
var fetched_blob_source = __webpack_require__(97193);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress_progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/registry/read-bounded.js
var read_bounded = __webpack_require__(68218);
// EXTERNAL MODULE: ./packages/core/dist/util/map-concurrent.js
var map_concurrent = __webpack_require__(49307);
// EXTERNAL MODULE: ./packages/core/dist/platform/match.js
var match = __webpack_require__(3161);
// EXTERNAL MODULE: ./packages/core/dist/referrers/content-kinds.js + 1 modules
var content_kinds = __webpack_require__(84251);
;// CONCATENATED MODULE: ./packages/core/dist/compress/carry-referrers.js


/**
 * What becomes of one referrer of a manifest that recompression replaced. An
 * SBOM or a scan report describes the image's content, which recompression
 * keeps (the same tars, the same config), so it is carried: the same config,
 * layers and annotations with `subject` pointed at the new manifest (a new
 * manifest, so a new digest). A signature, an attestation or any document
 * that names its subject's digest inside is left (undefined), and so is a
 * referrer index.
 */
function carryReferrer(from, bytes, subject) {
    const manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, `referrer ${from.digest}`, from.mediaType);
    if ((0,oci_manifest/* isIndex */.nw)(manifest))
        return undefined;
    const types = [manifest.artifactType, manifest.config.mediaType, ...manifest.layers.map((layer) => layer.mediaType)];
    if (types.some((type) => type !== undefined && (0,content_kinds/* isSubjectBoundType */.Js)(type)))
        return undefined;
    const repointed = { ...manifest, subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size } };
    const out = (0,oci_manifest/* encodeManifest */.Gb)(repointed);
    return { descriptor: (0,oci_manifest/* describeManifest */.FK)(repointed, out), bytes: out, blobs: [manifest.config, ...manifest.layers] };
}
//# sourceMappingURL=carry-referrers.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/foreign-layers.js
var foreign_layers = __webpack_require__(3339);
;// CONCATENATED MODULE: ./packages/core/dist/compress/layer-types.js


/** Not Docker's own, but what containerd, BuildKit and regctl (`image mod --layer-compress zstd`) call a zstd layer of a Docker image. */
const DOCKER_LAYER_ZSTD = 'application/vnd.docker.image.rootfs.diff.tar.zstd';
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';
const GZIP_LAYERS = [media_types/* MediaType */.zu.LayerGzip, media_types/* MediaType */.zu.DockerLayerGzip];
const ZSTD_LAYERS = [media_types/* MediaType */.zu.LayerZstd, DOCKER_LAYER_ZSTD];
const UNCOMPRESSED_LAYERS = [media_types/* MediaType */.zu.Layer, DOCKER_LAYER];
const DOCKER_FOREIGN_LAYER_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';
const OCI_NONDISTRIBUTABLE_LAYER_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';
const DOCKER_FOREIGN_LAYER = 'application/vnd.docker.image.rootfs.foreign.diff.tar';
const OCI_NONDISTRIBUTABLE_LAYER = 'application/vnd.oci.image.layer.nondistributable.v1.tar';
/** Docker types and the OCI types an OCI manifest gives the same blobs (skopeo's mapping, plus zstd). */
const OCI_TYPE_OF_DOCKER = {
    [media_types/* MediaType */.zu.DockerConfig]: media_types/* MediaType */.zu.ImageConfig,
    [media_types/* MediaType */.zu.DockerLayerGzip]: media_types/* MediaType */.zu.LayerGzip,
    [DOCKER_LAYER]: media_types/* MediaType */.zu.Layer,
    [DOCKER_LAYER_ZSTD]: media_types/* MediaType */.zu.LayerZstd,
    [DOCKER_FOREIGN_LAYER_GZIP]: OCI_NONDISTRIBUTABLE_LAYER_GZIP,
    [DOCKER_FOREIGN_LAYER]: OCI_NONDISTRIBUTABLE_LAYER,
};
/** The configs whose `rootfs.diff_ids` a recompression checks its layers against. */
const IMAGE_CONFIG_TYPES = [media_types/* MediaType */.zu.ImageConfig, media_types/* MediaType */.zu.DockerConfig];
/**
 * containers/image's mark on an index entry whose layers are zstd: podman,
 * buildah, skopeo and CRI-O prefer such an entry over a gzip one of the same
 * platform; clients that do not know it take the first match.
 */
const ZSTD_INSTANCE_ANNOTATION = 'io.github.containers.compression.zstd';
/** estargz metadata: true of the gzip blob only, a lie once the layer is zstd. */
const GZIP_ONLY_ANNOTATIONS = ['containerd.io/snapshot/stargz/toc.digest', 'io.containers.estargz.uncompressed-size'];
function layerKind(layer) {
    if ((0,foreign_layers/* isFixedLayer */.a5)(layer))
        return 'foreign';
    if (GZIP_LAYERS.includes(layer.mediaType))
        return 'gzip';
    if (ZSTD_LAYERS.includes(layer.mediaType))
        return 'zstd';
    if (UNCOMPRESSED_LAYERS.includes(layer.mediaType))
        return 'uncompressed';
    return 'other';
}
function isZstdInstance(entry) {
    return entry.annotations?.[ZSTD_INSTANCE_ANNOTATION] === 'true';
}
/** The zstd layer's descriptor: the gzip one's fields (annotations but estargz's) with the new type, digest and size. */
function zstdLayerDescriptor(gzip, zstd) {
    const layer = { ...gzip, mediaType: media_types/* MediaType */.zu.LayerZstd, digest: zstd.digest, size: zstd.size };
    if (layer.annotations) {
        const kept = Object.fromEntries(Object.entries(layer.annotations).filter(([key]) => !GZIP_ONLY_ANNOTATIONS.includes(key)));
        if (Object.keys(kept).length > 0)
            layer.annotations = kept;
        else
            delete layer.annotations;
    }
    return layer;
}
/**
 * A Docker descriptor as an OCI manifest carries it (skopeo maps the same way; the
 * zstd and uncompressed layers too, so that no Docker type is left in an OCI
 * manifest); others as they are.
 */
function ociDescriptor(descriptor) {
    const mediaType = OCI_TYPE_OF_DOCKER[descriptor.mediaType];
    return mediaType ? { ...descriptor, mediaType } : descriptor;
}
//# sourceMappingURL=layer-types.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./packages/core/dist/fs/spool-file.js
var spool_file = __webpack_require__(30834);
;// CONCATENATED MODULE: ./packages/core/dist/target/blob-stream.js




/**
 * Stores a stream whose digest is known only at its end, invisible until
 * `commit`: by the store's own streaming path (chunked upload, temp file in
 * the layout's blobs/), or by a temp file and an ordinary `pushBlob`.
 */
async function stageBlobStream(target, stream, options) {
    const { mediaType, signal, tempDir } = options;
    if (tempDir === undefined && target.stageBlobStream) {
        return target.stageBlobStream(stream, { mediaType, ...(signal ? { signal } : {}) });
    }
    const spooled = await (0,spool_file/* spoolToFile */.x)(tempDir ?? (0,external_node_os_.tmpdir)(), stream, signal);
    const descriptor = { mediaType, digest: spooled.digest, size: spooled.size };
    let state = 'staged';
    return {
        descriptor,
        async commit() {
            if (state !== 'staged')
                throw new Error(`the blob ${descriptor.digest} was ${state} already`);
            state = 'committed';
            try {
                const source = { descriptor, open: (start, end) => (0,external_node_fs_.createReadStream)(spooled.path, { start, end }) };
                const outcome = await target.pushBlob(source, signal ? { signal } : {});
                return outcome === 'skipped' ? 'skipped' : 'uploaded';
            }
            finally {
                await (0,promises_.rm)(spooled.path, { force: true });
            }
        },
        async abort() {
            if (state !== 'staged')
                return;
            state = 'aborted';
            await (0,promises_.rm)(spooled.path, { force: true });
        },
    };
}
/** `stageBlobStream` and `commit` in one: the descriptor of what was stored. */
async function pushBlobStream(target, stream, options) {
    const staged = await stageBlobStream(target, stream, options);
    await staged.commit();
    return staged.descriptor;
}
//# sourceMappingURL=blob-stream.js.map
;// CONCATENATED MODULE: ./packages/core/dist/util/coalescing-stream.js

/**
 * Passes bytes on in pieces of at least `minBytes` (the last may be smaller).
 *
 * Sockets hand over 64 KiB at a time; a zlib stream makes one thread-pool
 * round trip per piece written to it, so feeding it 1 MiB pieces instead cut
 * the main thread's share of recompressing a 500 MiB layer by about a third
 * (bench/recompress.mjs). The one extra copy costs far less than the round
 * trips it saves. A piece already large enough goes through as it is.
 */
class CoalescingStream extends external_node_stream_.Transform {
    minBytes;
    parts = [];
    held = 0;
    constructor(minBytes) {
        super();
        this.minBytes = minBytes;
        if (!Number.isSafeInteger(minBytes) || minBytes < 1)
            throw new RangeError(`a coalescing size of ${minBytes} bytes is not a positive whole number`);
    }
    _transform(chunk, _encoding, callback) {
        if (this.held === 0 && chunk.length >= this.minBytes) {
            callback(null, chunk);
            return;
        }
        this.parts.push(chunk);
        this.held += chunk.length;
        if (this.held >= this.minBytes)
            this.release();
        callback();
    }
    _flush(callback) {
        if (this.held > 0)
            this.release();
        callback();
    }
    release() {
        const piece = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.held);
        this.parts = [];
        this.held = 0;
        this.push(piece);
    }
}
//# sourceMappingURL=coalescing-stream.js.map
;// CONCATENATED MODULE: ./packages/core/dist/compress/recompress-layer.js










/**
 * Gunzip's input and output per round trip to the thread pool: Node's 16 KiB
 * default output and the socket's 64 KiB reads would cost thousands of round
 * trips per layer (1 MiB measured fastest on 516 MiB of /usr: bench/recompress.mjs).
 */
const GUNZIP_PIECE = 1024 * 1024;
/**
 * One tar+gzip layer to tar+zstd, streamed end to end: download (verified
 * against the layer's digest) → gunzip → sha256 of the tar (its diff_id) →
 * zstd frames → upload (digest of the bytes that go up). Nothing of the layer
 * is held whole; the blob is staged, not committed, so the caller can check
 * the diff_id before anything becomes visible.
 */
async function recompressLayer(source, destination, layer, options = {}) {
    const { progress, signal } = options;
    progress?.start?.(layer, (0,progress_progress/* displayName */.QC)(layer), 'recompress');
    const download = await source.fetchBlob(layer, signal ? { signal } : {});
    // The download and the upload session open now; the bytes wait for this layer's turn to
    // decompress, so the next layer is ready to flow the moment the one before it is decompressed.
    const turn = options.gunzipLimiter?.acquire();
    let read = 0;
    const counter = new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            const pass = () => {
                read += chunk.length;
                progress?.bytes?.(layer, read);
                callback(null, chunk);
            };
            if (read === 0 && turn)
                turn.then(pass, callback);
            else
                pass();
        },
    });
    const tar = new digest/* DigestingStream */.Xi('sha256');
    const encoder = new ZstdFrameEncoder({
        ...(options.level !== undefined ? { level: options.level } : {}),
        ...(options.frameSize !== undefined ? { frameSize: options.frameSize } : {}),
        ...(options.limiter ? { limiter: options.limiter } : {}),
    });
    const gunzip = (0,external_node_zlib_.createGunzip)({ chunkSize: GUNZIP_PIECE });
    // Decompressed to the end, or failed (even before its turn came: the turn then passes straight on).
    gunzip.once('close', () => void turn?.then((release) => release()));
    // Any stage's error destroys every stage and reaches the upload, which then gives up its session.
    const zstd = (0,external_node_stream_.pipeline)(download, counter, new CoalescingStream(GUNZIP_PIECE), gunzip, tar, encoder, () => undefined);
    let staged;
    try {
        staged = await stageBlobStream(destination, zstd, {
            mediaType: media_types/* MediaType */.zu.LayerZstd,
            ...(signal ? { signal } : {}),
            ...(options.tempDir !== undefined ? { tempDir: options.tempDir } : {}),
        });
    }
    catch (error) {
        download.destroy();
        throw layerError(error, layer, source);
    }
    // Reported done once committed (recompress.ts), with the zstd blob's digest and size: not yet stored.
    return { source: layer, staged, diffId: tar.digest, uncompressedSize: tar.size };
}
/** zlib's terse errors, as a sentence about the layer. */
function layerError(error, layer, source) {
    const code = error.code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
        return new errors/* OcikitError */.Gu('INVALID_INPUT', `layer ${layer.digest} of ${source.name} is not valid gzip data`, {
            detail: `${code}: ${error.message}`,
            hint: 'the blob is not what its media type (tar+gzip) says; rebuild or push the image again',
            cause: error,
        });
    }
    return error;
}
/**
 * Layers decompressed at once for a process with `cores` cores. One layer's
 * gunzip (a single thread, ~400 MB/s of tar here) feeds about two cores of
 * zstd at level 3, so one layer in decompression keeps about three cores
 * busy; more would only add memory (each holds its frames and upload chunks).
 * On 2 cores, handing over at the end of each gunzip instead of running two
 * layers side by side kept the speed and saved ~25 MiB of peak RSS on 4
 * layers (bench/recompress.mjs).
 */
function gunzipSlots(cores) {
    return new limiter/* Limiter */.j(Math.max(1, Math.round(cores / 3)));
}
//# sourceMappingURL=recompress-layer.js.map
;// CONCATENATED MODULE: ./packages/core/dist/compress/recompress.js














/** Configs are small; a larger one is refused before it is buffered. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Deeper than any real index nesting; what is deeper is refused, not walked. */
const MAX_DEPTH = 8;
/**
 * Recompresses the image or index `sourceRef` of `source` into `destination`:
 * every tar+gzip layer of the selected images becomes tar+zstd, streamed
 * (recompress-layer.ts), several layers at once. The uncompressed tar of each
 * layer is checked against its config's `rootfs.diff_ids`; only when every
 * layer of every image is right does anything become visible at the
 * destination: the zstd blobs are committed, the configs (the same blobs) and
 * what is carried as it is copied, then the manifests pushed, children before
 * parents, the root last (under `destinationTag`, else by digest).
 *
 * Docker schema 2 manifests and lists that get zstd layers become OCI ones
 * (Docker's format has no zstd type); annotations, platforms, subjects and
 * artifact types are kept. BuildKit attestation manifests are carried as they
 * are and re-pointed at the image they describe; those that name it in
 * `subject` too (BuildKit >= 0.32) are stored again with `subject` set to the
 * zstd image, so the index and the referrers list agree on what they describe.
 */
async function recompress(source, sourceRef, destination, destinationTag, options = {}) {
    const run = new Recompression(source, destination, options);
    return run.run(sourceRef, destinationTag);
}
class Recompression {
    source;
    destination;
    options;
    mode;
    concurrency;
    staged = [];
    copies = new Map();
    rewritten = [];
    built = new Map();
    toPush = [];
    blobsToCopy = new Map();
    treesToCopy = new Map();
    layerByDigest = new Map();
    keptLayers = 0;
    constructor(source, destination, options) {
        this.source = source;
        this.destination = destination;
        this.options = options;
        this.mode = options.mode ?? 'replace';
        this.concurrency = Math.max(1, options.concurrency ?? 3);
    }
    async run(sourceRef, destinationTag) {
        const root = await this.source.fetchManifest(sourceRef);
        const rootManifest = (0,oci_manifest/* parseManifest */.Ng)(root.bytes, `${this.source.name}:${sourceRef}`, root.descriptor.mediaType);
        const rootDescriptor = (0,oci_manifest/* describeManifest */.FK)(rootManifest, root.bytes);
        const plan = await this.planRoot(rootDescriptor, rootManifest);
        try {
            await this.stageLayers(plan);
            let top = this.build(plan);
            if (this.mode === 'add' && plan.kind === 'image' && top.changed)
                top = this.addIndexForImage(plan, top);
            const { referrersOf } = this.options;
            if (referrersOf) {
                // One lookup per rewritten manifest (two requests where the tag schema stands in for the API): side by side.
                await (0,map_concurrent/* mapConcurrent */._)(this.rewritten, this.concurrency, async (entry) => {
                    entry.referrers = await referrersOf(entry.from);
                });
            }
            await this.publish(top, rootDescriptor, root.bytes, destinationTag);
            if (this.options.carryReferrers)
                await (0,map_concurrent/* mapConcurrent */._)(this.rewritten, this.concurrency, (entry) => this.carryReferrers(entry));
            return this.result(top, destinationTag);
        }
        catch (error) {
            await Promise.all(this.staged.map((layer) => layer.staged.abort().catch(() => undefined)));
            throw error;
        }
    }
    // --- planning: read manifests and configs, decide what is recompressed ---
    async planRoot(descriptor, manifest) {
        if ((0,oci_manifest/* isIndex */.nw)(manifest))
            return this.planIndex(descriptor, manifest, 0);
        const plan = await this.planImage(descriptor, manifest, undefined);
        const selectors = this.options.platforms ?? [];
        if (plan.kind === 'image' && !this.selected(plan.config.platform)) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${this.source.name} is a single image for ${describePlatform(plan.config.platform)}, not for ${(0,errors/* optionRef */.$j)('platform')} ${selectors.map(platform_platform/* platformString */.Fd).join(', ')}`, {
                hint: `leave out ${(0,errors/* optionRef */.$j)('platform')} for a single image, or name its platform`,
            });
        }
        return plan;
    }
    async planIndex(descriptor, manifest, depth) {
        if (depth >= MAX_DEPTH) {
            throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${this.source.name}: indexes nested more than ${MAX_DEPTH} deep at ${descriptor.digest}`);
        }
        const children = await (0,map_concurrent/* mapConcurrent */._)(manifest.manifests, this.concurrency, (entry) => this.planEntry(entry, depth + 1));
        return { kind: 'index', descriptor, manifest, children };
    }
    async planEntry(entry, depth) {
        const carried = { kind: 'carried', descriptor: entry };
        if ((0,match/* isAttestationEntry */.r2)(entry))
            return this.planAttestation(entry);
        if (!(0,media_types/* isManifestMediaType */.CM)(entry.mediaType))
            return carried;
        if (this.mode === 'add' && isZstdInstance(entry))
            return carried;
        if (entry.platform && !this.selected(entry.platform))
            return carried;
        const fetched = await this.source.fetchManifest(entry);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `manifest ${entry.digest} in ${this.source.name}`, entry.mediaType);
        if ((0,oci_manifest/* isIndex */.nw)(manifest))
            return this.planIndex(entry, manifest, depth);
        const plan = await this.planImage(entry, manifest, entry.platform);
        if (plan.kind === 'image' && !entry.platform && !this.selected(plan.config.platform))
            return carried;
        return plan;
    }
    /** An attestation entry: carried, unless its manifest names its image in `subject` (then it may follow the image). */
    async planAttestation(entry) {
        const carried = { kind: 'carried', descriptor: entry };
        if (entry.mediaType !== media_types/* MediaType */.zu.ImageManifest)
            return carried;
        const fetched = await this.source.fetchManifest(entry);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `attestation manifest ${entry.digest} in ${this.source.name}`, entry.mediaType);
        return !(0,oci_manifest/* isIndex */.nw)(manifest) && manifest.subject ? { kind: 'attestation', descriptor: entry, manifest } : carried;
    }
    /** Whether `--platform` (if given) names this platform. */
    selected(platform) {
        const selectors = this.options.platforms ?? [];
        return selectors.length === 0 || (platform !== undefined && selectors.some((selector) => (0,match/* samePlatform */.my)(platform, selector)));
    }
    async planImage(descriptor, manifest, entryPlatform) {
        const carried = { kind: 'carried', descriptor };
        if (!IMAGE_CONFIG_TYPES.includes(manifest.config.mediaType))
            return carried; // an artifact, not an image
        if (!manifest.layers.some((layer) => layerKind(layer) === 'gzip'))
            return carried;
        const config = await this.readConfig(manifest.config, descriptor);
        if (config.diffIds.length !== manifest.layers.length) {
            throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `image ${descriptor.digest} in ${this.source.name} has ${manifest.layers.length} layers but its config lists ${config.diffIds.length} diff_ids`, {
                hint: 'the config does not describe these layers; rebuild the image',
            });
        }
        const platform = entryPlatform ?? config.platform;
        return { kind: 'image', descriptor, manifest, config, ...(platform ? { platform } : {}) };
    }
    async readConfig(config, image) {
        const what = `config ${config.digest} of image ${image.digest} in ${this.source.name}`;
        if (config.size > MAX_CONFIG_BYTES)
            throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${what} is ${config.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
        const stream = await this.source.fetchBlob(config, this.options.signal ? { signal: this.options.signal } : {});
        const bytes = await (0,read_bounded/* readBounded */.C)(stream, MAX_CONFIG_BYTES, what); // the stream verifies the digest before it ends
        let parsed;
        try {
            parsed = JSON.parse(bytes.toString('utf8'));
        }
        catch (error) {
            throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${what} is not JSON`, { detail: error.message });
        }
        const diffIds = parsed?.rootfs?.diff_ids;
        if (!Array.isArray(diffIds) || diffIds.some((id) => typeof id !== 'string')) {
            throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${what} has no rootfs.diff_ids`, {
                hint: 'an image config lists the digest of each uncompressed layer; this one does not, so its layers cannot be checked',
            });
        }
        const info = { diffIds: diffIds };
        if (typeof parsed.os === 'string' && typeof parsed.architecture === 'string') {
            info.platform = { architecture: parsed.architecture, os: parsed.os };
            if (typeof parsed.variant === 'string' && parsed.variant)
                info.platform.variant = parsed.variant;
            if (typeof parsed['os.version'] === 'string' && parsed['os.version'])
                info.platform['os.version'] = parsed['os.version'];
            if (Array.isArray(parsed['os.features']) && parsed['os.features'].length > 0)
                info.platform['os.features'] = parsed['os.features'];
        }
        return info;
    }
    // --- staging: every distinct tar+gzip layer to a staged tar+zstd blob ---
    images(node, into = []) {
        if (node.kind === 'image')
            into.push(node);
        if (node.kind === 'index')
            node.children.forEach((child) => this.images(child, into));
        return into;
    }
    /**
     * Every distinct tar+gzip layer to a staged tar+zstd blob, a few at once. Each
     * layer's tar is checked against the diff_id of every image that lists it as
     * soon as it is through: a corrupt or lying layer stops the rest.
     */
    async stageLayers(plan) {
        const layers = new Map();
        const uses = new Map();
        for (const image of this.images(plan)) {
            image.manifest.layers.forEach((layer, index) => {
                if (layerKind(layer) !== 'gzip')
                    return;
                if (!layers.has(layer.digest))
                    layers.set(layer.digest, layer);
                uses.set(layer.digest, [...(uses.get(layer.digest) ?? []), { image: image.descriptor, index, diffId: image.config.diffIds[index] }]);
            });
        }
        const { level, frameSize, tempDir, progress, signal } = this.options;
        const limiter = this.options.limiter ?? defaultZstdLimiter();
        const gunzipLimiter = gunzipSlots(limiter.size);
        // A layer in flight holds its frames and upload chunks: no more of them than cores, and only
        // gunzipLimiter's worth of them decompressing (the others finish their last frames and uploads).
        await (0,map_concurrent/* mapConcurrent */._)([...layers.values()], Math.min(this.concurrency, limiter.size), async (layer) => {
            const recompressed = await recompressLayer(this.source, this.destination, layer, {
                ...(level !== undefined ? { level } : {}),
                ...(frameSize !== undefined ? { frameSize } : {}),
                limiter,
                gunzipLimiter,
                ...(tempDir !== undefined ? { tempDir } : {}),
                ...(progress ? { progress } : {}),
                ...(signal ? { signal } : {}),
            });
            this.staged.push(recompressed);
            this.layerByDigest.set(layer.digest, recompressed);
            for (const use of uses.get(layer.digest) ?? []) {
                if (recompressed.diffId === use.diffId)
                    continue;
                throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `layer ${use.index + 1} (${layer.digest}) of image ${use.image.digest} in ${this.source.name} does not match its config`, {
                    detail: `its uncompressed tar is ${recompressed.diffId}, the config's rootfs.diff_ids[${use.index}] says ${use.diffId}`,
                    hint: 'the layer is corrupt or the config does not describe it; nothing was pushed. Rebuild the image, or push it again from a good copy',
                });
            }
        });
        // In the order the layers first appear (staging finishes in any order).
        this.layerByDigest = new Map([...layers.keys()].map((digest) => [digest, this.layerByDigest.get(digest)]));
    }
    // --- building: new manifests, bottom-up ---
    build(node) {
        const known = this.built.get(node);
        if (known)
            return known;
        const built = node.kind === 'image' ? this.buildImage(node) : node.kind === 'index' ? this.buildIndex(node) : { descriptor: node.descriptor, changed: false };
        this.built.set(node, built);
        return built;
    }
    buildImage(node) {
        const { manifest } = node;
        const layers = manifest.layers.map((layer) => {
            const recompressed = this.layerByDigest.get(layer.digest);
            if (recompressed && layerKind(layer) === 'gzip')
                return zstdLayerDescriptor(layer, recompressed.staged.descriptor);
            this.keptLayers++;
            // Kept as it is; copied unless it lives outside registries (a non-distributable layer without urls is held like any blob).
            if (!(0,foreign_layers/* isExternalLayer */.ZR)(layer))
                this.blobsToCopy.set(layer.digest, layer);
            return ociDescriptor(layer);
        });
        this.blobsToCopy.set(manifest.config.digest, manifest.config);
        // Spread first: fields we do not know (and the order of those we do) stay as they were.
        const rewritten = { ...manifest, mediaType: media_types/* MediaType */.zu.ImageManifest, config: ociDescriptor(manifest.config), layers };
        return this.emit(node.descriptor, rewritten, node.platform);
    }
    buildIndex(node) {
        const entries = node.manifest.manifests;
        const children = node.children.map((child) => this.build(child));
        const moved = new Map(); // old image digest -> the zstd one that stands for it
        // Attestations that name their image in `subject`, stored again for the image that moved (once each).
        const reattested = new Map();
        const attestationFor = (i) => {
            const child = node.children[i];
            if (child.kind !== 'attestation')
                return undefined;
            if (!reattested.has(i))
                reattested.set(i, this.reattest(child, moved));
            return reattested.get(i);
        };
        let manifests;
        if (this.mode === 'replace') {
            manifests = entries.map((entry, i) => {
                const child = children[i];
                if (!child.changed)
                    return entry;
                const kind = node.children[i].kind;
                if (kind === 'image')
                    moved.set(entry.digest, child.descriptor);
                return replacedEntry(entry, child.descriptor, kind === 'image');
            });
            manifests = manifests.map((entry, i) => repointed(entry, moved, () => attestationFor(i)) ?? entry);
        }
        else {
            manifests = entries.map((entry, i) => {
                // A nested index is rewritten in place (it holds its own gzip and zstd entries now).
                const child = children[i];
                return child.changed && node.children[i].kind === 'index' ? replacedEntry(entry, child.descriptor, false) : entry;
            });
            const variants = [];
            entries.forEach((entry, i) => {
                const child = children[i];
                if (!child.changed || node.children[i].kind !== 'image')
                    return;
                moved.set(entry.digest, child.descriptor);
                variants.push(replacedEntry(entry, child.descriptor, true));
            });
            const attestations = entries.map((entry, i) => repointed(entry, moved, () => attestationFor(i))).filter((entry) => entry !== undefined);
            manifests = [...manifests, ...variants, ...attestations];
            // In add mode the gzip images stay: at another destination they travel as they are.
            entries.forEach((entry, i) => {
                if (node.children[i].kind === 'image')
                    this.treesToCopy.set(entry.digest, entry);
            });
        }
        manifests = distinct(manifests);
        node.children.forEach((child) => {
            if (child.kind !== 'carried' && child.kind !== 'attestation')
                return;
            // An attestation stored again for its zstd image leaves the index in replace mode; otherwise it stays, as it is.
            if (child.kind === 'attestation' && manifests.every((entry) => entry.digest !== child.descriptor.digest))
                return;
            this.treesToCopy.set(child.descriptor.digest, child.descriptor);
        });
        const changed = children.some((child) => child.changed) || manifests.length !== entries.length;
        if (!changed)
            return { descriptor: node.descriptor, changed: false };
        const rewritten = { ...node.manifest, mediaType: media_types/* MediaType */.zu.ImageIndex, manifests };
        return this.emit(node.descriptor, rewritten, node.descriptor.platform);
    }
    /**
     * An attestation whose `subject` is an image that moved, stored again with
     * `subject` set to the zstd image (config, layers and annotations as they
     * were; the in-toto statements inside still name the image by its old
     * digest, as the legacy attestations re-pointed by annotation do); undefined
     * when its image did not move.
     */
    reattest(node, moved) {
        const { manifest } = node;
        const to = manifest.subject && moved.get(manifest.subject.digest);
        if (!to)
            return undefined;
        for (const blob of [manifest.config, ...manifest.layers])
            this.blobsToCopy.set(blob.digest, blob);
        const rewritten = { ...manifest, subject: { mediaType: to.mediaType, digest: to.digest, size: to.size } };
        return this.emit(node.descriptor, rewritten, undefined).descriptor;
    }
    /** A single image in add mode: an index of the gzip image first and the zstd one after it. */
    addIndexForImage(node, zstd) {
        const platform = node.config.platform;
        const gzip = { mediaType: node.descriptor.mediaType, digest: node.descriptor.digest, size: node.descriptor.size, ...(platform ? { platform } : {}) };
        const variant = replacedEntry({ ...gzip, mediaType: zstd.descriptor.mediaType }, zstd.descriptor, true);
        this.treesToCopy.set(gzip.digest, gzip);
        const index = { schemaVersion: 2, mediaType: media_types/* MediaType */.zu.ImageIndex, manifests: [gzip, variant] };
        return this.emit(node.descriptor, index, undefined);
    }
    emit(from, manifest, platform) {
        const bytes = (0,oci_manifest/* encodeManifest */.Gb)(manifest);
        const descriptor = (0,oci_manifest/* describeManifest */.FK)(manifest, bytes);
        this.toPush.push({ descriptor, bytes });
        const fromDescriptor = { mediaType: from.mediaType, digest: from.digest, size: from.size };
        this.rewritten.push({ from: fromDescriptor, to: descriptor, ...(platform ? { platform } : {}) });
        return { descriptor, bytes, changed: true };
    }
    // --- publishing: only after every layer checked out ---
    async publish(top, rootDescriptor, rootBytes, tag) {
        const { signal } = this.options;
        if (!top.changed)
            this.treesToCopy.set(rootDescriptor.digest, rootDescriptor);
        if (this.source !== this.destination) {
            const blobs = [...this.blobsToCopy.values()];
            await (0,map_concurrent/* mapConcurrent */._)(blobs, this.concurrency, (blob) => this.copyBlob(blob));
            await (0,map_concurrent/* mapConcurrent */._)([...this.treesToCopy.values()], this.concurrency, (tree) => this.copyTree(tree, 0));
        }
        await (0,map_concurrent/* mapConcurrent */._)(this.staged, this.concurrency, async (layer) => {
            const outcome = await layer.staged.commit();
            // What was stored is the zstd blob: its digest and size, not the gzip layer's that started the transfer.
            this.options.progress?.done?.(layer.source, outcome === 'skipped' ? outcome : (0,progress_progress/* storedOutcome */.Kh)(this.destination.storing), layer.staged.descriptor);
        });
        signal?.throwIfAborted();
        // Children before parents: a registry refuses an index whose children it does not hold.
        for (const [i, node] of this.toPush.entries()) {
            const last = i === this.toPush.length - 1;
            await this.destination.pushManifest(node.descriptor, node.bytes, last ? tag : undefined);
        }
        if (!top.changed && tag !== undefined) {
            await this.destination.pushManifest(rootDescriptor, rootBytes, tag);
        }
    }
    /** The referrers of `entry.from` that still hold for `entry.to`, pushed onto it (after it is published: a registry may refuse a referrer of a manifest it does not hold). */
    async carryReferrers(entry) {
        entry.carried = [];
        for (const referrer of entry.referrers ?? []) {
            if (!(0,media_types/* isManifestMediaType */.CM)(referrer.mediaType))
                continue;
            const fetched = await this.source.fetchManifest(referrer);
            const repointed = carryReferrer(referrer, fetched.bytes, entry.to);
            if (!repointed)
                continue;
            if (this.source !== this.destination)
                await (0,map_concurrent/* mapConcurrent */._)(repointed.blobs, this.concurrency, (blob) => this.copyBlob(blob));
            await this.destination.pushManifest(repointed.descriptor, repointed.bytes);
            entry.carried.push({ from: referrer, to: repointed.descriptor });
        }
    }
    copyBlob(descriptor) {
        let copy = this.copies.get(descriptor.digest);
        if (!copy) {
            copy = (async () => {
                const source = new fetched_blob_source/* FetchedBlobSource */.S(this.source, descriptor, this.options.signal);
                try {
                    await this.destination.pushBlob(source, {
                        mountFrom: this.source,
                        ...(this.options.progress ? { progress: this.options.progress } : {}),
                        ...(this.options.signal ? { signal: this.options.signal } : {}),
                    });
                }
                finally {
                    source.close();
                }
            })();
            this.copies.set(descriptor.digest, copy);
        }
        return copy;
    }
    /** A manifest (and everything it points to) as it is, unless the destination holds it already. */
    copyTree(descriptor, depth) {
        if (!(0,media_types/* isManifestMediaType */.CM)(descriptor.mediaType)) {
            return (0,foreign_layers/* isExternalLayer */.ZR)(descriptor) ? Promise.resolve() : this.copyBlob(descriptor);
        }
        let copy = this.copies.get(descriptor.digest);
        if (!copy) {
            copy = (async () => {
                if (depth >= MAX_DEPTH)
                    throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${this.source.name}: manifests nested more than ${MAX_DEPTH} deep at ${descriptor.digest}`);
                if (await this.destination.exists(descriptor))
                    return;
                const fetched = await this.source.fetchManifest(descriptor);
                const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `manifest ${descriptor.digest} in ${this.source.name}`, descriptor.mediaType);
                const next = (0,oci_manifest/* successors */.ir)(manifest);
                await (0,map_concurrent/* mapConcurrent */._)(next, this.concurrency, (child) => this.copyTree(child, depth + 1));
                await this.destination.pushManifest({ mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }, fetched.bytes);
            })();
            this.copies.set(descriptor.digest, copy);
        }
        return copy;
    }
    result(top, tag) {
        const layers = [...this.layerByDigest.values()].map((layer) => ({ from: layer.source, to: layer.staged.descriptor, diffId: layer.diffId }));
        return {
            descriptor: top.descriptor,
            ...(tag !== undefined ? { tag } : {}),
            mode: this.mode,
            changed: top.changed,
            rewritten: this.rewritten,
            layers,
            keptLayers: this.keptLayers,
            bytes: {
                gzip: this.staged.reduce((sum, layer) => sum + layer.source.size, 0),
                zstd: this.staged.reduce((sum, layer) => sum + layer.staged.descriptor.size, 0),
                uncompressed: this.staged.reduce((sum, layer) => sum + layer.uncompressedSize, 0),
            },
        };
    }
}
/** An index entry pointed at its new manifest; an image entry is marked as zstd for containers/image. */
function replacedEntry(entry, to, image) {
    const replaced = { ...entry, mediaType: to.mediaType, digest: to.digest, size: to.size };
    if (image)
        replaced.annotations = { ...entry.annotations, [ZSTD_INSTANCE_ANNOTATION]: 'true' };
    return replaced;
}
/**
 * An attestation entry pointed at the image that replaced the one it
 * describes (and at the attestation manifest `store` stores again for it,
 * when there is one); undefined when it describes none of them.
 */
function repointed(entry, moved, store) {
    const to = moved.get(entry.annotations?.[match/* ATTESTATION_REFERENCE_DIGEST */.qq] ?? '');
    if (to === undefined || !(0,match/* isAttestationEntry */.r2)(entry))
        return undefined;
    const stored = store();
    const manifest = stored ? { mediaType: stored.mediaType, digest: stored.digest, size: stored.size } : {};
    return { ...entry, ...manifest, annotations: { ...entry.annotations, [match/* ATTESTATION_REFERENCE_DIGEST */.qq]: to.digest } };
}
/** The entries without exact repeats (an index that held a zstd variant already, recompressed again). */
function distinct(entries) {
    const seen = new Set();
    return entries.filter((entry) => {
        const key = JSON.stringify(entry);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function describePlatform(platform) {
    return platform ? (0,platform_platform/* platformString */.Fd)(platform) : 'no platform';
}
//# sourceMappingURL=recompress.js.map
;// CONCATENATED MODULE: ./packages/core/dist/compress/recompress-reference.js






/**
 * `ocikit recompress <src> [<dst>]`: opens both ends and recompresses. Without
 * a destination the result goes back to the source repository under the
 * source's tag (by digest only when the source was named by digest). A
 * destination without a tag takes the source's. One repository named twice is
 * opened once, so nothing is copied to itself; two repositories of one
 * registry share a client (tokens, connections, cross-repository mounts).
 */
async function recompressReference(source, destination, options = {}) {
    const from = typeof source === 'string' ? (0,reference/* parseReference */.F2)(source) : source;
    const given = destination === undefined ? undefined : typeof destination === 'string' ? (0,reference/* parseReference */.F2)(destination) : destination;
    if (given?.digest !== undefined) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the destination ${given.kind === 'registry' ? `${given.registry}/${given.repository}` : given.path}@${given.digest} names a digest`, {
            hint: 'recompressed manifests get new digests; give the destination a tag, or none to take the source tag',
        });
    }
    const tag = given?.tag ?? from.tag ?? (from.digest === undefined ? 'latest' : undefined);
    const to = { ...(given ?? from), ...(tag !== undefined ? { tag } : {}) };
    if (tag === undefined)
        delete to.tag;
    delete to.digest;
    const shared = from.kind === 'registry' && to.kind === 'registry' && from.registry === to.registry
        ? new registry_client/* RegistryClient */.bP({ ...options, registry: from.registry, endpointHost: (0,reference/* registryEndpointHost */.dU)(from.registry) })
        : undefined;
    const targetOptions = { ...options, ...(shared ? { client: shared } : {}) };
    const opened = [];
    try {
        const sourceTarget = (await (0,open_target/* openTarget */.A)(from, targetOptions)).target;
        opened.push(sourceTarget);
        let destinationTarget = sourceTarget;
        if (!sameStore(from, to)) {
            destinationTarget = (await (0,open_target/* openTarget */.A)(to, { ...targetOptions, create: true })).target;
            opened.push(destinationTarget);
        }
        // Signatures and SBOMs name the old digests: report them so the pipeline can re-sign.
        const listReferrers = sourceTarget.referrers?.bind(sourceTarget);
        const referrersOf = options.referrersOf ?? (listReferrers ? async (subject) => (await listReferrers(subject)).manifests : undefined);
        const result = await recompress(sourceTarget, (0,reference/* referenceSelector */.d3)(from), destinationTarget, tag, {
            ...options,
            ...(referrersOf ? { referrersOf } : {}),
        });
        return { ...result, source: from, destination: to };
    }
    finally {
        for (const target of opened.reverse())
            await target.close();
        await shared?.close();
    }
}
function sameStore(a, b) {
    if (a.kind === 'registry' && b.kind === 'registry')
        return a.registry === b.registry && a.repository === b.repository;
    if (a.kind === 'oci-layout' && b.kind === 'oci-layout')
        return (0,external_node_path_.resolve)(a.path) === (0,external_node_path_.resolve)(b.path);
    return false;
}
//# sourceMappingURL=recompress-reference.js.map
;// CONCATENATED MODULE: ./packages/core/dist/results/recompress-result-json.js


function recompressResultJson(result) {
    return {
        reference: (0,reference/* pinnedReference */.ct)(result.destination, result.tag, result.descriptor.digest),
        ...result.descriptor,
        mode: result.mode,
        changed: result.changed,
        rewritten: result.rewritten.map((r) => ({
            from: r.from.digest,
            to: r.to.digest,
            mediaType: r.to.mediaType,
            ...(r.platform ? { platform: (0,platform_platform/* platformString */.Fd)(r.platform) } : {}),
            ...(r.referrers ? { referrers: r.referrers } : {}),
            ...(r.carried
                ? { carried: r.carried.map((c) => ({ from: c.from.digest, to: c.to.digest, ...(c.to.artifactType ? { artifactType: c.to.artifactType } : {}) })) }
                : {}),
        })),
        layers: result.layers.map((l) => ({ from: l.from.digest, to: l.to.digest, size: l.to.size, gzipSize: l.from.size, diffId: l.diffId })),
        keptLayers: result.keptLayers,
        bytes: result.bytes,
    };
}
//# sourceMappingURL=recompress-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var dist_summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/recompress.js
/** recompress's job summary: each layer gzip → zstd with both sizes, and the manifests that got new digests. */


const percent = (part, whole) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '');
async function writeRecompressSummary(json) {
    const summary = core/* summary */.z
        .addHeading('ocikit recompress', 3)
        .addTable([(0,dist_summary/* header */.wx)('Result', 'Media type', 'Mode'), [(0,dist_summary/* code */.aY)(json.reference), (0,dist_summary/* code */.aY)(json.mediaType), json.mode]]);
    if (!json.changed) {
        await (0,dist_summary/* writeSummary */.Sy)(summary.addRaw('Nothing to recompress: no tar+gzip layers; the source was carried as it is.', true));
        return;
    }
    summary
        .addTable([
        (0,dist_summary/* header */.wx)('gzip layer', 'zstd layer', 'gzip size', 'zstd size', 'zstd / gzip'),
        ...json.layers.slice(0, dist_summary/* MAX_ROWS */.pX).map((l) => [(0,dist_summary/* code */.aY)(l.from), (0,dist_summary/* code */.aY)(l.to), (0,dist_summary/* formatBytes */.z3)(l.gzipSize), (0,dist_summary/* formatBytes */.z3)(l.size), percent(l.size, l.gzipSize)]),
    ])
        .addRaw(`${json.layers.length} layer(s): ${(0,dist_summary/* formatBytes */.z3)(json.bytes.gzip)} gzip → ${(0,dist_summary/* formatBytes */.z3)(json.bytes.zstd)} zstd (${percent(json.bytes.zstd, json.bytes.gzip)}); ${json.keptLayers} kept as they were.`, true)
        .addTable([
        (0,dist_summary/* header */.wx)('Old digest', 'New digest', 'Platform', 'Referrers carried'),
        ...json.rewritten.slice(0, dist_summary/* MAX_ROWS */.pX).map((r) => [(0,dist_summary/* code */.aY)(r.from), (0,dist_summary/* code */.aY)(r.to), r.platform ?? '', String(r.carried?.length ?? 0)]),
    ])
        .addRaw(json.rewritten.some((r) => r.carried)
        ? 'SBOMs and reports were pointed at the new digests; signatures and attestations name the old ones: sign and attest again.'
        : 'Signatures and SBOMs of the old digests do not apply to the new ones: sign and attach again (`referrers: true` carries the SBOMs and reports).', true);
    await (0,dist_summary/* writeSummary */.Sy)(summary);
}
//# sourceMappingURL=recompress.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/recompress.js
/**
 * recompress: the tar+gzip layers of an image or index to tar+zstd, streamed,
 * the same core call as `ocikit recompress` (recompressReference).
 */







const MODES = ['replace', 'add'];
async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('recompress', async (secrets, signal) => {
        const { progress, connection, source, destination } = (0,target_options/* startStep */.bP)(env, secrets, signal, () => {
            const source = (0,reference/* parseReference */.F2)((0,inputs/* getRequired */.kA)('source', env));
            const destinationText = (0,inputs/* getString */.AA)('destination', env);
            const destination = destinationText ? (0,reference/* parseReference */.F2)(destinationText) : undefined;
            return { source, destination, registries: (0,target_options/* registryHosts */.j$)(source, ...(destination ? [destination] : [])), givenFor: (0,credential_chain/* givenCredentialRegistries */.Gq)(destination ?? source, [source]) };
        });
        const level = checkZstdLevel((0,inputs/* getPositiveInteger */.o0)('level', DEFAULT_ZSTD_LEVEL, env));
        const mode = (0,inputs/* getChoice */.m)('mode', MODES, 'replace', env);
        const platforms = (0,inputs/* getList */.vS)('platforms', { comma: true }, env).map((platform) => (0,platform_platform/* parsePlatform */.Y8)(platform));
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const carryReferrers = (0,inputs/* getBoolean */.pW)('referrers', false, env);
        const tempDir = (0,inputs/* getString */.AA)('temp-dir', env);
        const chunkSize = (0,inputs/* getPositiveInteger */.o0)('chunk-size', undefined, env);
        const result = await recompressReference(source, destination, {
            ...connection,
            level,
            mode,
            platforms,
            concurrency,
            carryReferrers,
            progress,
            ...(tempDir ? { tempDir } : {}),
            ...(chunkSize ? { chunkSize } : {}),
        });
        const json = recompressResultJson(result);
        core/* info */.pq(json.changed ? `Recompressed ${json.reference}` : `Nothing to recompress: ${json.reference} has no tar+gzip layers`);
        (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, changed: String(json.changed), json });
        await writeRecompressSummary(json);
    });
}
//# sourceMappingURL=recompress.js.map

/***/ })

};
