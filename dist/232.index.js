export const id = 232;
export const ids = [232];
export const modules = {

/***/ 30834:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ spoolToFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8649);






/**
 * Writes a stream to a new temp file in `dir`, hashing it on the way. The name
 * (`.blob.ocikit-<hex>.tmp`) is one an OCI layout tolerates in its directories.
 * On any error the file is removed and the error rethrown.
 */
async function spoolToFile(dir, stream, signal) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir, { recursive: true });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, `.blob.ocikit-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    const digesting = new _oci_digest_js__WEBPACK_IMPORTED_MODULE_5__/* .DigestingStream */ .Xi('sha256');
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(stream, digesting, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(path, { flags: 'wx' }), signal ? { signal } : {});
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(path, { force: true });
        throw error;
    }
    return { path, digest: digesting.digest, size: digesting.size };
}
//# sourceMappingURL=spool-file.js.map

/***/ }),

/***/ 22235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ OciLayoutStore)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/fs/atomic-write.js
var atomic_write = __webpack_require__(43901);
// EXTERNAL MODULE: ./packages/core/dist/fs/spool-file.js
var spool_file = __webpack_require__(30834);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var oci_digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress_progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrer-descriptor.js
var referrer_descriptor = __webpack_require__(31386);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrers-tag.js
var referrers_tag = __webpack_require__(16056);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./packages/core/dist/layout/index-lock.js






const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;
/**
 * Tail of the in-process queue per file. The lock file alone would do, but
 * queueing in memory first spares same-process callers (a `Promise.all` of
 * tags) from polling the file system against each other.
 */
const queues = new Map();
/**
 * Runs `update` while holding the lock on `file` (index.json): first in this
 * process's queue, then by `<file>.lock` against other processes. `update` must
 * re-read the file itself: whatever was read before the lock may be stale.
 */
async function withFileLock(file, update, options = {}) {
    const key = (0,external_node_path_.resolve)(file);
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
        const release = await acquire(`${key}.lock`, options);
        try {
            return await update();
        }
        finally {
            await release();
        }
    });
    // The queue must keep moving after a failure; the caller still sees it through `run`.
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
        if (queues.get(key) === tail)
            queues.delete(key);
    });
    return run;
}
async function acquire(lockPath, options) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    // The token lets release tell our lock from one another process took after breaking ours as stale.
    const token = `${process.pid}@${(0,external_node_os_.hostname)()} ${(0,external_node_crypto_.randomBytes)(8).toString('hex')}\n`;
    const deadline = Date.now() + timeoutMs;
    let delay = 5;
    for (;;) {
        try {
            const handle = await (0,promises_.open)(lockPath, 'wx');
            try {
                await handle.writeFile(token);
            }
            finally {
                await handle.close();
            }
            return () => releaseLock(lockPath, token);
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
        }
        if (await breakIfStale(lockPath, staleMs))
            continue;
        if (Date.now() >= deadline) {
            const holder = (await (0,promises_.readFile)(lockPath, 'utf8').catch(() => '')).split(' ')[0] || 'unknown';
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${options.name ?? lockPath}: index.json stayed locked for ${timeoutMs / 1000} s`, {
                detail: `lock file ${lockPath} is held by ${holder}`,
                hint: `if no other ocikit is writing to this layout, delete ${lockPath}`,
            });
        }
        // Jittered so that several waiters do not retry in lockstep.
        await (0,external_node_timers_promises_.setTimeout)(delay + Math.random() * delay);
        delay = Math.min(delay * 2, 100);
    }
}
/**
 * Removes a lock left by a process that died holding it. Renaming first makes
 * the break atomic: of several waiters that all saw the same stale lock, only
 * one moves it, and a lock that was replaced in the meantime (other inode or
 * mtime) is put back instead of being thrown away.
 */
async function breakIfStale(lockPath, staleMs) {
    const seen = await (0,promises_.stat)(lockPath).catch(() => undefined);
    if (!seen)
        return true; // released between our open and stat: try again at once
    if (Date.now() - seen.mtimeMs < staleMs)
        return false;
    const aside = `${lockPath}.stale-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    try {
        await (0,promises_.rename)(lockPath, aside);
    }
    catch {
        return true; // another waiter moved it first
    }
    const moved = await (0,promises_.stat)(aside);
    if (moved.ino !== seen.ino || moved.mtimeMs !== seen.mtimeMs) {
        // We took a fresh lock: give it back unless someone has locked again since.
        await (0,promises_.link)(aside, lockPath).catch(() => undefined);
    }
    await (0,promises_.unlink)(aside).catch(() => undefined);
    return true;
}
async function releaseLock(lockPath, token) {
    const current = await (0,promises_.readFile)(lockPath, 'utf8').catch(() => undefined);
    if (current === token)
        await (0,promises_.unlink)(lockPath).catch(() => undefined);
}
//# sourceMappingURL=index-lock.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/annotations.js
var oci_annotations = __webpack_require__(98034);
;// CONCATENATED MODULE: ./packages/core/dist/layout/layout-index.js




const LAYOUT_FILE = 'oci-layout';
const LAYOUT_VERSION = '1.0.0';
/** Checks the `oci-layout` marker file; `name` is how the layout is named in messages. */
function checkLayoutFile(bytes, name) {
    let version;
    try {
        version = JSON.parse(new TextDecoder().decode(bytes)).imageLayoutVersion;
    }
    catch {
        version = undefined;
    }
    if (typeof version !== 'string') {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${name}: ${LAYOUT_FILE} is not JSON with an imageLayoutVersion`);
    }
    // The spec has had one version; a later 1.x stays readable by its own rules.
    if (!version.startsWith('1.')) {
        throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${name}: image layout version ${version} is not supported (expected ${LAYOUT_VERSION})`);
    }
}
/** What `open({ create: true })` writes: an index with nothing in it yet. */
function emptyIndex() {
    return { schemaVersion: 2, mediaType: media_types/* MediaType */.zu.ImageIndex, manifests: [] };
}
/**
 * Parses index.json. Not `parseManifest`: that caps at the 4 MiB a registry may
 * serve, while a local layout with many tags may legitimately grow past it.
 * Unknown fields are kept so that rewriting the file does not lose another
 * tool's data.
 */
function parseIndexJson(bytes, what) {
    const fail = (problem) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not a valid OCI image index: ${problem}`, {
            hint: 'the layout was damaged or written by something that is not an OCI tool',
        });
    };
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (error) {
        fail(`not UTF-8 JSON (${error.message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail('not a JSON object');
    const index = value;
    if (index.schemaVersion !== 2)
        fail('schemaVersion must be 2');
    if (index.mediaType === undefined)
        index.mediaType = media_types/* MediaType */.zu.ImageIndex; // optional in the spec; we always write it
    if (index.mediaType !== media_types/* MediaType */.zu.ImageIndex)
        fail(`mediaType must be ${media_types/* MediaType */.zu.ImageIndex}`);
    if (!Array.isArray(index.manifests))
        return fail('manifests must be an array');
    index.manifests.forEach((d, i) => (0,oci_manifest/* validateDescriptor */.sA)(d, `manifests[${i}]`, what));
    return index;
}
function refNameOf(descriptor) {
    return descriptor.annotations?.[oci_annotations/* Annotation */.Y.RefName];
}
/** The descriptor without its ref name: the tag is index bookkeeping, not part of the manifest's identity. */
function withoutRefName(descriptor) {
    const { annotations, ...rest } = descriptor;
    if (!annotations)
        return { ...rest };
    const { [oci_annotations/* Annotation */.Y.RefName]: _refName, ...others } = annotations;
    return Object.keys(others).length > 0 ? { ...rest, annotations: others } : { ...rest };
}
/** Every tag in the index, sorted, each once. */
function tagsOf(index) {
    const names = new Set();
    for (const entry of index.manifests) {
        const name = refNameOf(entry);
        if (name !== undefined)
            names.add(name);
    }
    return [...names].sort();
}
/**
 * Points `tag` at `descriptor` in `index` (mutating it); returns whether anything
 * changed. The tag leaves every other entry; an entry left untagged is dropped
 * when another entry still lists its manifest, so re-tagging does not pile up
 * duplicates, and kept otherwise (as skopeo does), because the index is what
 * keeps a manifest reachable in a layout.
 */
function applyTag(index, descriptor, tag) {
    const holders = index.manifests.filter((e) => refNameOf(e) === tag);
    if (holders.length === 1 && holders[0]?.digest === descriptor.digest)
        return false;
    const untagged = new Set();
    const entries = index.manifests.map((e) => {
        if (refNameOf(e) !== tag)
            return e;
        const bare = withoutRefName(e);
        untagged.add(bare);
        return bare;
    });
    const kept = entries.filter((e, i) => !untagged.has(e) || !entries.some((other, j) => j !== i && other.digest === e.digest && (!untagged.has(other) || j < i)));
    // Reuse an untagged listing of the same manifest rather than list it twice.
    const reuse = kept.findIndex((e) => e.digest === descriptor.digest && refNameOf(e) === undefined);
    const base = reuse >= 0 ? kept[reuse] : withoutRefName(descriptor);
    const tagged = { ...base, annotations: { ...base.annotations, [oci_annotations/* Annotation */.Y.RefName]: tag } };
    delete tagged.data; // embedded content belongs in blobs/, not in index.json
    if (reuse >= 0)
        kept[reuse] = tagged;
    else
        kept.push(tagged);
    index.manifests = kept;
    return true;
}
//# sourceMappingURL=layout-index.js.map
;// CONCATENATED MODULE: ./packages/core/dist/layout/oci-layout-store.js















const INDEX_FILE = 'index.json';
/** An OCI image layout directory (image-spec v1.1 "image-layout") as a push and pull target. */
class OciLayoutStore {
    name;
    storing = 'write';
    root;
    /** What each manifest listed in index.json refers to (its subject), read once: manifests never change. */
    subjects = new Map();
    constructor(path) {
        this.name = `oci-layout:${path}`;
        this.root = (0,external_node_path_.resolve)(path);
    }
    static async open(path, options = {}) {
        const store = new OciLayoutStore(path);
        await store.init(options.create ?? false);
        return store;
    }
    async init(create) {
        const info = await (0,promises_.stat)(this.root).catch(() => undefined);
        if (info && !info.isDirectory()) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${this.name} is not a directory`, { hint: 'an OCI image layout is a directory' });
        }
        if (!info && !create) {
            throw new errors/* OcikitError */.Gu('NOT_FOUND', `${this.name}: no such directory`, { hint: 'pass a layout directory, or create one' });
        }
        const layoutBytes = await (0,promises_.readFile)((0,external_node_path_.join)(this.root, LAYOUT_FILE)).catch(notFoundAs(undefined));
        if (layoutBytes === undefined) {
            // Only an empty directory may become a layout: writing into anything else could bury the user's files.
            const present = info ? (await (0,promises_.readdir)(this.root)).filter((f) => !/^\..*\.ocikit-[0-9a-f]+\.tmp$/.test(f)) : [];
            if (present.length > 0 || !create) {
                throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${this.name} is not an OCI image layout: it has no ${LAYOUT_FILE} file`, {
                    hint: create ? 'choose an empty or new directory for a new layout' : 'check the path, or create the layout first',
                });
            }
            // oci-layout first: from then on a concurrent opener sees a layout, not a foreign non-empty directory.
            await (0,atomic_write/* writeFileAtomic */.Zf)((0,external_node_path_.join)(this.root, LAYOUT_FILE), JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }));
            await (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'blobs', 'sha256'), { recursive: true });
        }
        else {
            checkLayoutFile(layoutBytes, this.name);
        }
        if (await this.readIndexIfPresent())
            return;
        if (!create)
            throw this.noIndex();
        await this.updateIndex(() => false, { createIfMissing: true });
    }
    async resolve(reference) {
        if (/^sha(256|512):/.test(reference)) {
            (0,oci_digest/* parseDigest */.m)(reference); // a malformed digest says so, rather than "not found"
            const listed = (await this.readIndex()).manifests.find((e) => e.digest === reference);
            if (listed)
                return withoutRefName(listed);
            return this.describeBlob(reference);
        }
        // Not validated as a tag: layouts from other tools may name entries by full reference.
        const index = await this.readIndex();
        const entry = index.manifests.find((e) => refNameOf(e) === reference);
        if (entry)
            return withoutRefName(entry);
        const known = tagsOf(index);
        throw new errors/* OcikitError */.Gu('NOT_FOUND', `tag "${reference}" not found in ${this.name}`, {
            hint: known.length === 0 ? 'the layout has no tags yet' : `tags here: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`,
        });
    }
    /** A manifest that is in blobs/ but not listed in index.json: its descriptor comes from its content. */
    async describeBlob(digest) {
        const bytes = await this.readManifestBytes(digest, undefined);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, `manifest ${digest} in ${this.name}`);
        const descriptor = { mediaType: manifest.mediaType, digest: digest, size: bytes.length };
        if (manifest.artifactType)
            descriptor.artifactType = manifest.artifactType;
        return descriptor;
    }
    async exists(descriptor) {
        const info = await (0,promises_.stat)(this.blobPath(descriptor.digest)).catch(() => undefined);
        return info !== undefined && info.isFile() && info.size === descriptor.size;
    }
    async fetchBlob(descriptor, options = {}) {
        options.signal?.throwIfAborted();
        if (descriptor.data !== undefined) {
            // OCI 1.1 `data`: the bytes are in the descriptor; verified like any blob, no file read.
            return external_node_stream_.Readable.from([Buffer.from(descriptor.data, 'base64')]).pipe(new oci_digest/* VerifyingStream */.SC(descriptor, `inline data of ${descriptor.digest}`));
        }
        const handle = await (0,promises_.open)(this.blobPath(descriptor.digest), 'r').catch((error) => {
            throw this.missing(error, `blob ${descriptor.digest}`);
        });
        const what = `blob ${descriptor.digest} in ${this.name}`;
        const verifier = new oci_digest/* VerifyingStream */.SC(descriptor, what);
        // The stream owns the handle from here: it closes it at its end or on destroy.
        (0,external_node_stream_.pipeline)(handle.createReadStream(), verifier, () => undefined);
        if (options.signal)
            (0,external_node_stream_.addAbortSignal)(options.signal, verifier);
        return verifier;
    }
    async fetchManifest(reference) {
        const descriptor = typeof reference === 'string' ? await this.resolve(reference) : reference;
        const what = `manifest ${descriptor.digest} in ${this.name}`;
        if (descriptor.size > oci_manifest/* MAX_MANIFEST_BYTES */.ZJ) {
            throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${what} is ${descriptor.size} bytes, over the ${oci_manifest/* MAX_MANIFEST_BYTES */.ZJ}-byte manifest limit`);
        }
        if (typeof reference !== 'string' && reference.data !== undefined) {
            const inline = new Uint8Array(Buffer.from(reference.data, 'base64'));
            if (inline.length !== reference.size) {
                throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `inline data of ${what}: size does not match its descriptor`, { detail: `expected ${reference.size} bytes, got ${inline.length}` });
            }
            (0,oci_digest/* verifyBytes */.RV)(inline, reference.digest, `inline data of ${what}`);
            (0,oci_manifest/* parseManifest */.Ng)(inline, what, reference.mediaType);
            return { descriptor, bytes: inline };
        }
        const bytes = await this.readManifestBytes(descriptor.digest, descriptor.size);
        (0,oci_manifest/* parseManifest */.Ng)(bytes, what, descriptor.mediaType);
        return { descriptor, bytes };
    }
    /** Reads a manifest blob, refusing before buffering when it is over the limit, and verifies it. */
    async readManifestBytes(digest, expectedSize) {
        const what = `manifest ${digest} in ${this.name}`;
        const handle = await (0,promises_.open)(this.blobPath(digest), 'r').catch((error) => {
            throw this.missing(error, `manifest ${digest}`);
        });
        try {
            const { size } = await handle.stat();
            if (size > oci_manifest/* MAX_MANIFEST_BYTES */.ZJ) {
                throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${what} is ${size} bytes, over the ${oci_manifest/* MAX_MANIFEST_BYTES */.ZJ}-byte manifest limit`);
            }
            if (expectedSize !== undefined && size !== expectedSize) {
                throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `${what}: size does not match its descriptor`, {
                    detail: `expected ${expectedSize} bytes, the file has ${size}`,
                });
            }
            const bytes = new Uint8Array(await handle.readFile());
            (0,oci_digest/* verifyBytes */.RV)(bytes, digest, what);
            return bytes;
        }
        finally {
            await handle.close();
        }
    }
    async pushBlob(source, options = {}) {
        const { descriptor } = source;
        const { progress, signal } = options;
        const path = this.blobPath(descriptor.digest);
        signal?.throwIfAborted();
        progress?.start?.(descriptor, (0,progress_progress/* displayName */.QC)(descriptor), this.storing);
        if (await this.exists(descriptor)) {
            progress?.done?.(descriptor, 'skipped');
            return 'skipped';
        }
        const verifier = new oci_digest/* VerifyingStream */.SC(descriptor, `blob ${descriptor.digest} pushed to ${this.name}`);
        let transferred = 0;
        const counter = new external_node_stream_.Transform({
            transform(chunk, _encoding, callback) {
                transferred += chunk.length;
                progress?.bytes?.(descriptor, transferred);
                callback(null, chunk);
            },
        });
        // An error anywhere (a digest mismatch at the end included) reaches `counter`, so the temp file is removed.
        const stream = (0,external_node_stream_.pipeline)(source.open(), verifier, counter, () => undefined);
        if (signal)
            (0,external_node_stream_.addAbortSignal)(signal, stream);
        await (0,atomic_write/* writeStreamAtomic */.Zs)(path, stream);
        progress?.done?.(descriptor, (0,progress_progress/* storedOutcome */.Kh)(this.storing));
        return 'uploaded';
    }
    /** A stream of unknown digest into a temp file in blobs/, hashed on the way; `commit` renames it into place. */
    async stageBlobStream(stream, options) {
        options.signal?.throwIfAborted();
        const spooled = await (0,spool_file/* spoolToFile */.x)((0,external_node_path_.join)(this.root, 'blobs', 'sha256'), stream, options.signal);
        const descriptor = { mediaType: options.mediaType, digest: spooled.digest, size: spooled.size };
        let state = 'staged';
        return {
            descriptor,
            commit: async () => {
                if (state !== 'staged')
                    throw new Error(`the blob ${descriptor.digest} was ${state} already`);
                state = 'committed';
                if (await this.exists(descriptor)) {
                    await (0,promises_.rm)(spooled.path, { force: true });
                    return 'skipped';
                }
                await (0,promises_.rename)(spooled.path, this.blobPath(descriptor.digest));
                return 'uploaded';
            },
            abort: async () => {
                if (state !== 'staged')
                    return;
                state = 'aborted';
                await (0,promises_.rm)(spooled.path, { force: true });
            },
        };
    }
    async pushManifest(descriptor, bytes, tag) {
        if (tag !== undefined)
            (0,reference/* checkTag */.Bs)(tag);
        const what = `manifest ${descriptor.digest} pushed to ${this.name}`;
        if (bytes.length !== descriptor.size) {
            throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `${what}: size does not match its descriptor`, {
                detail: `expected ${descriptor.size} bytes, got ${bytes.length}`,
            });
        }
        (0,oci_digest/* verifyBytes */.RV)(bytes, descriptor.digest, what);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, what, descriptor.mediaType);
        if (!(await this.exists(descriptor)))
            await (0,atomic_write/* writeFileAtomic */.Zf)(this.blobPath(descriptor.digest), bytes);
        if (tag !== undefined) {
            await this.updateIndex((index) => applyTag(index, descriptor, tag));
        }
        else if (manifest.subject) {
            // A referrer: nothing points to it, so index.json lists it (untagged, as oras does) for referrers() to find.
            const entry = {
                mediaType: descriptor.mediaType,
                digest: descriptor.digest,
                size: descriptor.size,
                ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}),
            };
            // Its subject too, when the layout holds it unlisted (an index's platform manifest): oras resolves a
            // digest only among the manifests index.json lists, so `oras discover` could not name the subject.
            const subject = manifest.subject;
            const subjectHeld = (0,media_types/* isManifestMediaType */.CM)(subject.mediaType) && (await this.exists(subject));
            await this.updateIndex((index) => {
                let changed = false;
                if (subjectHeld && !index.manifests.some((e) => e.digest === subject.digest)) {
                    index.manifests.push({ mediaType: subject.mediaType, digest: subject.digest, size: subject.size });
                    changed = true;
                }
                if (!index.manifests.some((e) => e.digest === descriptor.digest)) {
                    index.manifests.push(entry);
                    changed = true;
                }
                return changed;
            });
        }
        // Other untagged manifests stay out of index.json (but a referrer's subject): a child is reachable through what points to it.
    }
    /**
     * The referrers of `subject`: every manifest index.json lists (tagged or not)
     * whose `subject` is it, and the entries of a tag-schema index (`sha256-<hex>`)
     * if one was copied in from a registry.
     */
    async referrers(subject, query = {}) {
        const index = await this.readIndex();
        const found = new Map();
        for (const entry of index.manifests) {
            if (!(0,media_types/* isManifestMediaType */.CM)(entry.mediaType) || found.has(entry.digest))
                continue;
            const known = await this.subjectOfEntry(entry);
            if (known?.subject === subject.digest)
                found.set(entry.digest, known.referrer);
        }
        const tagged = index.manifests.find((e) => refNameOf(e) === (0,referrers_tag/* referrersTag */.L)(subject.digest));
        if (tagged && tagged.digest !== subject.digest) {
            try {
                const { bytes } = await this.fetchManifest(withoutRefName(tagged));
                const listed = (0,oci_manifest/* parseManifest */.Ng)(bytes, `referrers index ${tagged.digest} in ${this.name}`);
                if ('manifests' in listed) {
                    for (const d of listed.manifests) {
                        if (!(0,media_types/* isManifestMediaType */.CM)(d.mediaType) || found.has(d.digest))
                            continue;
                        // The manifest itself, when the layout has it, says best what it is (a copy may have dropped
                        // artifactType from the index, as skopeo 1.9 does) and whether it refers to this subject at all.
                        const known = await this.subjectOfEntry(d);
                        if (!known)
                            found.set(d.digest, d);
                        else if (known.subject === subject.digest)
                            found.set(d.digest, known.referrer);
                    }
                }
            }
            catch (error) {
                if (!(error instanceof errors/* OcikitError */.Gu))
                    throw error; // a damaged tag-schema index lists nothing
            }
        }
        return { manifests: (0,referrer_descriptor/* filterByArtifactType */.Ul)([...found.values()], query.artifactType), via: 'layout' };
    }
    async subjectOfEntry(entry) {
        const cached = this.subjects.get(entry.digest);
        if (cached)
            return cached;
        let bytes;
        try {
            bytes = await this.readManifestBytes(entry.digest, entry.size);
        }
        catch (error) {
            if (error instanceof errors/* OcikitError */.Gu && error.code === 'NOT_FOUND')
                return undefined; // listed but gone: not ours to fail on
            throw error;
        }
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, `manifest ${entry.digest} in ${this.name}`, entry.mediaType);
        const known = { subject: manifest.subject?.digest, referrer: (0,referrer_descriptor/* referrerDescriptor */.xh)(entry, manifest) };
        this.subjects.set(entry.digest, known);
        return known;
    }
    async tag(descriptor, tag) {
        (0,reference/* checkTag */.Bs)(tag);
        // Read and verified, as a registry's tag re-sends the manifest it read: a tag never names bytes that were changed.
        await this.readManifestBytes(descriptor.digest, descriptor.size).catch((error) => {
            if (!(0,errors/* isOcikitError */.CI)(error, 'NOT_FOUND'))
                throw error;
            throw new errors/* OcikitError */.Gu('NOT_FOUND', `cannot tag ${descriptor.digest} as "${tag}": ${this.name} does not hold that manifest`, {
                hint: 'push the manifest first',
            });
        });
        await this.updateIndex((index) => applyTag(index, descriptor, tag));
    }
    /** Every tag, sorted; `n` is a page size and a layout has one page. */
    async tags(options = {}) {
        const tags = tagsOf(await this.readIndex());
        const last = options.last;
        return last === undefined ? tags : tags.filter((tag) => tag > last);
    }
    /**
     * Removes every index.json entry of the manifest (all its tags), as a
     * registry's delete does. The blob stays in blobs/: another index in the
     * layout may still list it as a child.
     */
    async deleteManifest(descriptor) {
        let found = false;
        await this.updateIndex((index) => {
            const kept = index.manifests.filter((entry) => entry.digest !== descriptor.digest);
            found = kept.length < index.manifests.length;
            index.manifests = kept;
            return found;
        });
        if (!found) {
            throw new errors/* OcikitError */.Gu('NOT_FOUND', `${descriptor.digest} is not listed in ${this.name}'s index.json`, {
                hint: 'only manifests the layout lists (tagged or not) can be deleted; `ocikit tags` shows its tags',
            });
        }
    }
    /** The entries of index.json as they are (tags included as ref name annotations). */
    async listManifests() {
        return (await this.readIndex()).manifests;
    }
    async close() {
        // Nothing is held between calls: the index lock lives only inside an update.
    }
    blobPath(digest) {
        // parseDigest admits only known algorithms and lowercase hex, so the path cannot leave blobs/.
        const { algorithm, hex } = (0,oci_digest/* parseDigest */.m)(digest);
        return (0,external_node_path_.join)(this.root, 'blobs', algorithm, hex);
    }
    async readIndex() {
        const index = await this.readIndexIfPresent();
        if (!index)
            throw this.noIndex();
        return index;
    }
    async readIndexIfPresent() {
        const bytes = await (0,promises_.readFile)((0,external_node_path_.join)(this.root, INDEX_FILE)).catch(notFoundAs(undefined));
        return bytes && parseIndexJson(bytes, `${INDEX_FILE} of ${this.name}`);
    }
    noIndex() {
        return new errors/* OcikitError */.Gu('INVALID_INPUT', `${this.name} is not a complete OCI image layout: it has no ${INDEX_FILE}`, {
            hint: 'the layout is damaged; recreate it',
        });
    }
    /**
     * Read-modify-write of index.json under the layout's lock. The index is
     * re-read inside the lock (what was read before may be stale); `change` edits
     * it in place and says whether to write it back.
     */
    async updateIndex(change, options = {}) {
        const path = (0,external_node_path_.join)(this.root, INDEX_FILE);
        await withFileLock(path, async () => {
            const current = await this.readIndexIfPresent();
            if (!current && !options.createIfMissing)
                throw this.noIndex();
            const index = current ?? emptyIndex();
            if (change(index) || !current)
                await (0,atomic_write/* writeFileAtomic */.Zf)(path, JSON.stringify(index));
        }, { name: this.name });
    }
    missing(error, what) {
        if (error.code !== 'ENOENT')
            return error;
        return new errors/* OcikitError */.Gu('NOT_FOUND', `${what} not found in ${this.name}`, {
            hint: 'the layout does not hold it; push it or copy it in first',
        });
    }
}
/** For `.catch`: turns a missing file into `value`, rethrows anything else. */
function notFoundAs(value) {
    return (error) => {
        if (error.code === 'ENOENT')
            return value;
        throw error;
    };
}
//# sourceMappingURL=oci-layout-store.js.map

/***/ }),

/***/ 55232:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ openTarget)
/* harmony export */ });
/* harmony import */ var _layout_oci_layout_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22235);
/* harmony import */ var _reference_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37473);
/* harmony import */ var _registry_remote_repository_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33114);



/** A reference string to the store it names: a registry repository or an OCI layout directory. */
async function openTarget(reference, options = {}) {
    const parsed = typeof reference === 'string' ? (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(reference) : reference;
    const target = parsed.kind === 'oci-layout'
        ? await _layout_oci_layout_store_js__WEBPACK_IMPORTED_MODULE_1__/* .OciLayoutStore */ .J.open(parsed.path, { create: Boolean(options.create) })
        : new _registry_remote_repository_js__WEBPACK_IMPORTED_MODULE_2__/* .RemoteRepository */ .N(parsed, options);
    return { target, reference: parsed, selector: (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .referenceSelector */ .d3)(parsed) };
}
//# sourceMappingURL=open-target.js.map

/***/ })

};
