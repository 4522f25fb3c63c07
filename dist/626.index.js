export const id = 626;
export const ids = [626];
export const modules = {

/***/ 49626:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ copyGraph)
});

// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress_progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/util/map-concurrent.js
var map_concurrent = __webpack_require__(49307);
// EXTERNAL MODULE: ./packages/core/dist/copy/fetched-blob-source.js
var fetched_blob_source = __webpack_require__(97193);
// EXTERNAL MODULE: ./packages/core/dist/referrers/discover.js
var discover = __webpack_require__(30882);
;// CONCATENATED MODULE: ./packages/core/dist/referrers/copy-referrers.js



/**
 * Copies the whole referrers graph of each of `subjects` (every level,
 * cosign's legacy tags too) from `source` to `destination`, parents before
 * their referrers: for a copied index, its own and those of every manifest in
 * it (each platform's signatures and SBOMs), as `oras cp -r` carries them.
 * Each referrer is copied with `copyOne` (a graph copy), so the destination
 * lists it the way it lists referrers: a registry through its API or by
 * recreating the `sha256-<hex>` tag index, a layout in index.json. A referrer
 * the destination holds but does not list (an interrupted earlier copy) is
 * stored again so that it gets listed.
 */
async function copyReferrers(source, destination, subjects, copyOne, options = {}) {
    const concurrency = Math.max(1, options.concurrency ?? 3);
    const graphs = await (0,discover/* discoverReferrersOf */.n)(source, subjects, {
        concurrency: Math.max(concurrency, 8),
        ...(options.progress ? { progress: options.progress } : {}),
    });
    const result = { copied: 0, skipped: 0 };
    let level = graphs.map((graph) => ({ parent: graph.subject, nodes: graph.referrers }));
    while (level.length > 0) {
        const next = [];
        await (0,map_concurrent/* mapConcurrent */._)(level, concurrency, async ({ parent, nodes }) => {
            if (nodes.length === 0)
                return;
            const listed = new Set((await listedAt(destination, parent)).map((d) => d.digest));
            await (0,map_concurrent/* mapConcurrent */._)(nodes, concurrency, async (node) => {
                const { digest } = node.descriptor;
                if (node.legacy ? await tagged(destination, node.legacy.tag, digest) : listed.has(digest)) {
                    result.skipped++;
                }
                else {
                    const wasThere = await copyOne(digest, node.legacy?.tag);
                    if (wasThere && !node.legacy && !(await listsAfterCopy(destination, parent, digest))) {
                        // Held but not listed: storing the manifest again makes the destination list it.
                        const fetched = await source.fetchManifest(node.descriptor);
                        await destination.pushManifest(fetched.descriptor, fetched.bytes);
                    }
                    result.copied++;
                }
            });
            for (const node of nodes)
                next.push({ parent: node.descriptor, nodes: node.referrers });
        });
        level = next;
    }
    return result;
}
async function listedAt(destination, subject) {
    if (!destination.referrers)
        return [];
    return (await destination.referrers(subject)).manifests;
}
async function listsAfterCopy(destination, subject, digest) {
    if (!destination.referrers)
        return true;
    return (await destination.referrers(subject)).manifests.some((d) => d.digest === digest);
}
async function tagged(destination, tag, digest) {
    try {
        return (await destination.resolve(tag)).digest === digest;
    }
    catch (error) {
        if ((0,errors/* isOcikitError */.CI)(error, 'NOT_FOUND'))
            return false;
        throw error;
    }
}
//# sourceMappingURL=copy-referrers.js.map
// EXTERNAL MODULE: ./packages/core/dist/oci/foreign-layers.js
var foreign_layers = __webpack_require__(3339);
;// CONCATENATED MODULE: ./packages/core/dist/copy/copy-graph.js










/** Deeper than any real image or artifact graph; what is deeper is refused, not walked. */
const MAX_DEPTH = 16;
/** Manifests held in memory while a graph is copied (each at most 4 MiB). */
const MAX_MANIFESTS = 10_000;
/**
 * Manifest bytes one copy holds until they are written (children after their
 * blobs): with 10,000 manifests of up to 4 MiB a registry could make that 40 GB.
 * Real graphs (indexes of a few dozen platforms and their referrers) hold a few MiB.
 */
const MAX_HELD_MANIFEST_BYTES = 256 * 1024 * 1024;
/**
 * Copies a manifest or index and everything it points to (config, layers,
 * child manifests, recursively; OCI and Docker types) from one target to
 * another. What the destination holds is skipped: a blob by `HEAD`, a manifest
 * with its whole subtree (a registry accepts a manifest only once its blobs
 * are there, and this copy writes children before parents, so whatever is
 * there is complete). Blobs stream from source to destination, verified, a few
 * at a time, mounted instead when both are repositories of one registry.
 *
 * A manifest with a `subject` (a signature, an SBOM) brings its subject along,
 * and the subject's subject, each with everything it points to, written before
 * the manifest that refers to it: the copy is a complete graph, as `oras cp`
 * makes it (oras-go counts the subject among a manifest's successors). A
 * subject the source no longer holds is left out with a warning. The subject's
 * other referrers are not copied: they are not part of what was named.
 *
 * The root is tagged `destinationRef` at the destination; without one, with
 * the source tag; when the source was named by digest, it is stored by digest.
 */
async function copyGraph(source, sourceRef, destination, destinationRef, options = {}) {
    const root = await source.fetchManifest(sourceRef);
    const rootManifest = (0,oci_manifest/* parseManifest */.Ng)(root.bytes, `${source.name}:${sourceRef}`, root.descriptor.mediaType);
    const result = await copyManifestGraph(source, sourceRef, root, rootManifest, destination, destinationRef, options, true);
    if (!options.referrers)
        return result;
    const { referrers: _referrers, ...one } = options;
    const copyOne = async (digest, tag) => {
        const fetched = await source.fetchManifest(tag ?? digest);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `${source.name}:${tag ?? digest}`, fetched.descriptor.mediaType);
        // Its subject is copied already: referrers are copied after the manifests they refer to.
        const copied = await copyManifestGraph(source, tag ?? digest, fetched, manifest, destination, tag, one, false);
        return copied.manifests.copied === 0;
    };
    const subjects = await manifestsOfGraph(source, result.descriptor, rootManifest, options.concurrency);
    const referrers = await copyReferrers(source, destination, subjects, copyOne, {
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.progress ? { progress: options.progress } : {}),
    });
    return { ...result, referrers };
}
/**
 * The root and every manifest below it through index entries (nested indexes
 * read from the source), each once, the root first: the manifests whose
 * referrers `copy --referrers` carries. Subjects are not followed: the
 * referrers of what a copied referrer refers to are not part of the copy.
 */
async function manifestsOfGraph(source, root, rootManifest, concurrency = 3) {
    const found = new Map([[root.digest, identity(root)]]);
    let level = [{ descriptor: root, manifest: rootManifest }];
    for (let depth = 0; level.length > 0; depth++) {
        if (depth > MAX_DEPTH) {
            throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${source.name}: indexes nest more than ${MAX_DEPTH} levels deep below ${root.digest}`);
        }
        const indexes = [];
        for (const { manifest } of level) {
            if (!(0,oci_manifest/* isIndex */.nw)(manifest))
                continue;
            for (const entry of manifest.manifests) {
                if (!(0,media_types/* isManifestMediaType */.CM)(entry.mediaType) || found.has(entry.digest))
                    continue;
                found.set(entry.digest, identity(entry));
                if ((0,media_types/* isIndexMediaType */.$$)(entry.mediaType))
                    indexes.push(entry);
            }
        }
        if (found.size > MAX_MANIFESTS) {
            throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${source.name}: the graph below ${root.digest} has more than ${MAX_MANIFESTS} manifests`);
        }
        level = await (0,map_concurrent/* mapConcurrent */._)(indexes, Math.max(1, concurrency), async (descriptor) => {
            const fetched = await source.fetchManifest(descriptor);
            return { descriptor, manifest: (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `manifest ${descriptor.digest} in ${source.name}`, descriptor.mediaType) };
        });
    }
    return [...found.values()];
}
function identity(descriptor) {
    return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}
/** The graph copy of one root, without its referrers; with `withSubjects`, with its subject chain. */
async function copyManifestGraph(source, sourceRef, root, rootManifest, destination, destinationRef, options, withSubjects) {
    const descriptor = rootDescriptor(root.descriptor, rootManifest);
    const tag = destinationTag(sourceRef, destinationRef, descriptor, destination);
    const result = {
        descriptor,
        ...(tag === undefined ? {} : { tag }),
        blobs: { copied: 0, mounted: 0, skipped: 0 },
        manifests: { copied: 0, skipped: 0 },
        bytes: 0,
    };
    // Already there under that name: nothing to send, not even the tag (unless its subject is missing: an older copy).
    const subject = withSubjects ? rootManifest.subject : undefined;
    if ((await holds(destination, tag ?? descriptor.digest, descriptor)) && (!subject || (await destination.exists(subject)))) {
        result.manifests.skipped++;
        return result;
    }
    const plan = await planCopy(source, destination, { ...root, descriptor }, rootManifest, options, result, withSubjects);
    const concurrency = Math.max(1, options.concurrency ?? 3);
    await (0,map_concurrent/* mapConcurrent */._)(plan.blobs, concurrency, async (blob) => {
        const from = new fetched_blob_source/* FetchedBlobSource */.S(source, blob, options.signal);
        try {
            const outcome = await destination.pushBlob(from, {
                ...(options.progress ? { progress: options.progress } : {}),
                ...(options.signal ? { signal: options.signal } : {}),
                ...(options.anonymousMount ? { anonymousMount: true } : {}),
                mountFrom: source,
            });
            if (outcome === 'uploaded') {
                result.blobs.copied++;
                result.bytes += blob.size;
            }
            else {
                result.blobs[outcome]++;
            }
        }
        finally {
            from.close();
        }
    });
    // Children before parents: a registry refuses an index whose manifests it does not hold.
    for (const node of plan.manifests)
        await pushManifest(destination, node, undefined, options.progress);
    await pushManifest(destination, { descriptor, bytes: root.bytes }, tag, options.progress);
    result.manifests.copied += plan.manifests.length;
    // A root that was there already has only been tagged.
    if (plan.rootExisted)
        result.manifests.skipped++;
    else
        result.manifests.copied++;
    return result;
}
/**
 * Walks the graph below the root: reads child manifests from the source (a
 * few at a time), leaves out subtrees the destination already holds, and
 * collects the blobs, deduplicated (platforms of one image share layers).
 */
async function planCopy(source, destination, root, rootManifest, options, result, withSubjects) {
    const concurrency = Math.max(1, options.concurrency ?? 3);
    const blobs = new Map();
    const manifests = [];
    const visits = new Map();
    let heldBytes = 0;
    const subjectOf = (manifest) => withSubjects && manifest.subject && (0,media_types/* isManifestMediaType */.CM)(manifest.subject.mediaType) ? manifest.subject : undefined;
    const visit = async (node, manifest, depth) => {
        if (depth > MAX_DEPTH) {
            throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${source.name}: manifests nest more than ${MAX_DEPTH} levels deep below ${root.descriptor.digest}`, {
                hint: 'this is not an image or artifact graph any tool writes; check what pushed it',
            });
        }
        const [children, leaves] = partition((0,oci_manifest/* isIndex */.nw)(manifest) ? manifest.manifests : [manifest.config, ...manifest.layers]);
        for (const blob of leaves) {
            if ((0,foreign_layers/* isExternalLayer */.ZR)(blob))
                continue;
            if (!blobs.has(blob.digest))
                blobs.set(blob.digest, blob);
        }
        await visitChildren(node, children, subjectOf(manifest), depth);
    };
    // The subject is written before what refers to it, like any child.
    const visitChildren = async (node, children, subject, depth) => {
        await (0,map_concurrent/* mapConcurrent */._)(subject ? [...children, subject] : children, concurrency, (child) => {
            let visiting = visits.get(child.digest);
            if (!visiting) {
                visiting = (async () => {
                    if (await destination.exists(child)) {
                        result.manifests.skipped++;
                        return;
                    }
                    if (visits.size > MAX_MANIFESTS) {
                        throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${source.name}: the graph below ${root.descriptor.digest} has more than ${MAX_MANIFESTS} manifests`);
                    }
                    const fetched = child === subject ? await fetchSubject(source, child, node.descriptor, options) : await source.fetchManifest(child);
                    if (!fetched)
                        return;
                    heldBytes += fetched.bytes.length;
                    if (heldBytes > MAX_HELD_MANIFEST_BYTES) {
                        throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `${source.name}: the manifests below ${root.descriptor.digest} add up to more than ${MAX_HELD_MANIFEST_BYTES} bytes`, {
                            hint: 'no image or artifact graph is that large; copy its parts (each platform manifest) one by one, or check the source',
                        });
                    }
                    await visit(fetched, (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `manifest ${child.digest} in ${source.name}`, child.mediaType), depth + 1);
                    manifests.push(fetched);
                })();
                visits.set(child.digest, visiting);
            }
            return visiting;
        });
    };
    const rootExisted = await destination.exists(root.descriptor);
    if (!rootExisted)
        await visit(root, rootManifest, 0);
    // What is there is complete, but for a subject that an older copy may have left behind.
    else
        await visitChildren(root, [], subjectOf(rootManifest), 0);
    return { rootExisted, blobs: [...blobs.values()], manifests };
}
/**
 * The subject of `referrer` from the source; undefined, with a warning, when
 * the source no longer holds it (registries accept referrers of absent
 * subjects, and such a referrer is still worth copying).
 */
async function fetchSubject(source, subject, referrer, options) {
    try {
        return await source.fetchManifest(subject);
    }
    catch (error) {
        if (!(0,errors/* isOcikitError */.CI)(error, 'NOT_FOUND'))
            throw error;
        options.progress?.warning?.(`${source.name} does not hold ${subject.digest}, the subject of ${referrer.digest}: the referrer is copied without it`);
        return undefined;
    }
}
/** An index's entries split into manifests (walked) and anything else (copied as blobs). */
function partition(descriptors) {
    const manifests = descriptors.filter((d) => (0,media_types/* isManifestMediaType */.CM)(d.mediaType));
    return [manifests, descriptors.filter((d) => !(0,media_types/* isManifestMediaType */.CM)(d.mediaType))];
}
async function pushManifest(destination, node, tag, progress) {
    const { descriptor, bytes } = node;
    const platform = descriptor.platform ? ` ${descriptor.platform.os}/${descriptor.platform.architecture}${descriptor.platform.variant ? `/${descriptor.platform.variant}` : ''}` : '';
    progress?.start?.(descriptor, `${(0,media_types/* isIndexMediaType */.$$)(descriptor.mediaType) ? 'index' : 'manifest'}${platform}${tag ? ` ${tag}` : ''}`, destination.storing);
    await destination.pushManifest(descriptor, bytes, tag);
    progress?.done?.(descriptor, (0,progress_progress/* storedOutcome */.Kh)(destination.storing));
}
/** The root as the destination will hold it: what identifies it, without the source's index annotations. */
function rootDescriptor(fetched, manifest) {
    return {
        mediaType: fetched.mediaType,
        digest: fetched.digest,
        size: fetched.size,
        ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}),
    };
}
function destinationTag(sourceRef, destinationRef, root, destination) {
    if (destinationRef === undefined)
        return (0,digest/* isDigest */.Bc)(sourceRef) ? undefined : sourceRef;
    if (!(0,digest/* isDigest */.Bc)(destinationRef)) {
        (0,reference/* checkTag */.Bs)(destinationRef); // before any blob moves, not when the last manifest is refused
        return destinationRef;
    }
    if (destinationRef !== root.digest) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot copy ${root.digest} to ${destination.name}@${destinationRef}: the digests differ`, {
            hint: 'name the destination by tag, or by the digest of what is copied (or by repository alone)',
        });
    }
    return undefined;
}
/** Whether `selector` (a tag or digest) already names `root` at the destination. */
async function holds(destination, selector, root) {
    try {
        return (await destination.resolve(selector)).digest === root.digest;
    }
    catch (error) {
        if ((0,errors/* isOcikitError */.CI)(error, 'NOT_FOUND'))
            return false;
        throw error;
    }
}
//# sourceMappingURL=copy-graph.js.map

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

/***/ 30882:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ discoverReferrers),
/* harmony export */   n: () => (/* binding */ discoverReferrersOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24075);
/* harmony import */ var _util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49307);
/* harmony import */ var _referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31386);
/* harmony import */ var _referrers_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(16056);





const MAX_DEPTH = 32;
const MAX_NODES = 10_000;
/**
 * The referrers graph of a manifest (`ocikit discover`): its referrers, theirs,
 * and so on, level by level, each level's lists read a few at a time. Cosign's
 * tags of the pre-1.1 way show up too, marked as legacy.
 */
async function discoverReferrers(target, reference, options = {}) {
    if (!target.referrers)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const resolved = await target.resolve(reference);
    const subject = { mediaType: resolved.mediaType, digest: resolved.digest, size: resolved.size, ...(resolved.artifactType ? { artifactType: resolved.artifactType } : {}) };
    const [result] = await discoverReferrersOf(target, [subject], options);
    return result;
}
/**
 * The referrers graphs of several manifests of one target at once (the
 * manifests of an image index, for `copy --referrers`): one tag list read for
 * cosign's tags, the lists of all subjects read side by side. A manifest that is
 * one of the subjects is never listed as another's referrer: it is part of the
 * graph the subjects belong to (a BuildKit attestation manifest is both a child
 * of the index and a referrer of its image).
 */
async function discoverReferrersOf(target, subjects, options = {}) {
    const listReferrers = target.referrers?.bind(target);
    if (!listReferrers)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const maxDepth = Math.min(options.depth ?? MAX_DEPTH, MAX_DEPTH);
    const concurrency = Math.max(1, options.concurrency ?? 8);
    const legacyTags = options.legacy === false ? new Map() : await legacyTagsOf(target, options.progress);
    const results = subjects.map((subject) => ({ subject, referrers: [], count: 0 }));
    const visited = new Set(subjects.map((subject) => subject.digest));
    let total = 0;
    let level = results.map((result) => ({
        descriptor: result.subject,
        children: result.referrers,
        result,
    }));
    for (let depth = 0; level.length > 0 && depth < maxDepth; depth++) {
        const next = [];
        await (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_1__/* .mapConcurrent */ ._)(level, concurrency, async (node) => {
            const listing = await listReferrers(node.descriptor, options.artifactType === undefined ? {} : { artifactType: options.artifactType });
            node.result.via ??= listing.via;
            const found = [];
            for (const descriptor of listing.manifests) {
                if (visited.has(descriptor.digest))
                    continue;
                visited.add(descriptor.digest);
                found.push({ descriptor, referrers: [] });
            }
            for (const legacy of legacyTags.get(node.descriptor.digest) ?? []) {
                const descriptor = await legacyDescriptor(target, legacy);
                if (!descriptor || visited.has(descriptor.digest))
                    continue;
                if (options.artifactType !== undefined && descriptor.artifactType !== options.artifactType)
                    continue;
                visited.add(descriptor.digest);
                found.push({ descriptor, legacy, referrers: [] });
            }
            node.children.push(...sortReferrers(found));
            node.result.count += found.length;
            for (const child of found)
                next.push({ descriptor: child.descriptor, children: child.referrers, result: node.result });
        });
        total += next.length;
        if (total > MAX_NODES) {
            const what = subjects.length === 1 ? `${target.name}@${subjects[0].digest} has` : `the ${subjects.length} manifests of ${target.name} have`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('SIZE_LIMIT', `${what} more than ${MAX_NODES} referrers`, { hint: `narrow it with ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('artifact-type')} or ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('depth')}` });
        }
        level = next;
    }
    return results;
}
/** Siblings in a stable order: by artifact type, then oldest first, then digest. */
function sortReferrers(nodes) {
    return nodes.sort((a, b) => {
        const typeA = a.descriptor.artifactType ?? '';
        const typeB = b.descriptor.artifactType ?? '';
        if (typeA !== typeB)
            return typeA < typeB ? -1 : 1;
        const timeA = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAt */ .CT)(a.descriptor) ?? 0;
        const timeB = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAt */ .CT)(b.descriptor) ?? 0;
        if (timeA !== timeB)
            return timeA - timeB;
        return a.descriptor.digest < b.descriptor.digest ? -1 : a.descriptor.digest > b.descriptor.digest ? 1 : 0;
    });
}
/** Cosign's `sha256-<hex>.sig|.att|.sbom` tags by the digest they are about (one tag list read). */
async function legacyTagsOf(target, progress) {
    const byDigest = new Map();
    let tags;
    try {
        tags = await target.tags();
    }
    catch (error) {
        progress?.warning?.(`cannot list the tags of ${target.name}, so cosign's .sig/.att/.sbom tags are not shown: ${error.message}`);
        return byDigest;
    }
    for (const tag of tags) {
        const legacy = (0,_referrers_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .parseLegacyReferrerTag */ .u)(tag);
        if (!legacy)
            continue;
        byDigest.set(legacy.subjectDigest, [...(byDigest.get(legacy.subjectDigest) ?? []), legacy]);
    }
    return byDigest;
}
/**
 * The descriptor of what a cosign tag names. Such manifests have no
 * artifactType; the type shown is their first layer's (the simple-signing
 * payload, the DSSE envelope, the SBOM), which says what they hold.
 */
async function legacyDescriptor(target, legacy) {
    try {
        const fetched = await target.fetchManifest(legacy.tag);
        const manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifest */ .Ng)(fetched.bytes, `${target.name}:${legacy.tag}`, fetched.descriptor.mediaType);
        const descriptor = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .referrerDescriptor */ .xh)(fetched.descriptor, manifest);
        if (!manifest.artifactType && !(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .isIndex */ .nw)(manifest) && manifest.layers[0])
            descriptor.artifactType = manifest.layers[0].mediaType;
        return descriptor;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu && error.code === 'NOT_FOUND')
            return undefined; // deleted since the tag list was read
        throw error;
    }
}
//# sourceMappingURL=discover.js.map

/***/ })

};
