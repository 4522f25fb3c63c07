export const id = 966;
export const ids = [966];
export const modules = {

/***/ 25963:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gX: () => (/* binding */ annotationsFor),
/* harmony export */   yB: () => (/* binding */ readAnnotationFile)
/* harmony export */ });
/* unused harmony export parseAnnotationFile */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);


function parseAnnotationFile(text, origin) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation file ${origin} is not valid JSON: ${error.message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation file ${origin} must be a JSON object of objects`, {
            hint: 'e.g. {"$manifest": {"org.opencontainers.image.source": "..."}, "app.tar": {"key": "value"}}',
        });
    }
    for (const [key, annotations] of Object.entries(value)) {
        if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation file ${origin}: "${key}" must map to an object of strings`);
        }
        for (const [name, v] of Object.entries(annotations)) {
            if (typeof v !== 'string')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation file ${origin}: ${key}.${name} must be a string`);
        }
    }
    return value;
}
async function readAnnotationFile(path) {
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8').catch((error) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `cannot read annotation file ${path}: ${error.code ?? error.message}`);
    });
    return parseAnnotationFile(text, path);
}
/**
 * The annotations an input gets from the annotation file: the entry of its
 * title, then the entry of its path as written on the command line (`site/`,
 * `./notes.txt`), which is the key oras looks up; `$`-keys are never a file's.
 */
function annotationsFor(file, title, written) {
    const entry = (key) => (key === undefined || key.startsWith('$') ? {} : (file?.[key] ?? {}));
    return written === undefined || written === title ? entry(title) : { ...entry(title), ...entry(written) };
}
//# sourceMappingURL=annotation-file.js.map

/***/ }),

/***/ 92057:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ fileBlobSource),
/* harmony export */   w: () => (/* binding */ knownFileBlobSource)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8649);
/* harmony import */ var _util_buffer_pool_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48292);





/**
 * Bytes per read of the hashing pass. Two buffers of this size are reused for a
 * whole file (and across files): no allocation per chunk, so no garbage to collect
 * and a resident size that does not grow with the file. 256 KiB because on the
 * machines measured, page-cache reads of 512 KiB and more cost the kernel 3× the
 * CPU per byte (0.5 s/GiB against 0.15 s/GiB); SHA-256 runs at the same speed either way.
 */
const HASH_READ_BYTES = 256 * 1024;
/** What the upload reads at a time (createReadStream's highWaterMark): undici sends each chunk as one write. */
const UPLOAD_READ_BYTES = 1024 * 1024;
/** A file as a blob: hashed once up front (the digest must be known before upload), re-readable for retries. */
async function fileBlobSource(path, descriptor) {
    let size;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path);
        if (!info.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `${path} is not a regular file`);
        size = info.size;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, {
            hint: 'check the path; it is relative to the working directory',
        });
    }
    const { digest, hashed } = await hashFile(path);
    if (hashed !== size)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `${path} changed while it was being read`);
    const { mediaType, ...rest } = descriptor;
    // Field order as the image spec lists it, so manifests read the way peers write them.
    return knownFileBlobSource(path, { mediaType, digest, size, ...rest });
}
/**
 * A file whose digest and size are known already, because this process wrote it
 * and hashed it as it did (a packed directory): re-readable for retries, not hashed again.
 */
function knownFileBlobSource(path, descriptor) {
    const { size } = descriptor;
    return {
        descriptor,
        open: (start = 0, end = size - 1) => size === 0 ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { start: 0, end: -1 }) : (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { start, end, highWaterMark: UPLOAD_READ_BYTES }),
    };
}
/**
 * SHA-256 of a file: two buffers from a pool, the read of the next one (in libuv's
 * thread pool) under way while the current one is hashed, so reading and hashing
 * overlap and the pass takes about as long as SHA-256 alone.
 */
async function hashFile(path) {
    const pool = (0,_util_buffer_pool_js__WEBPACK_IMPORTED_MODULE_3__/* .bufferPool */ .R)(HASH_READ_BYTES, 4);
    let reading = pool.take();
    let filled = pool.take();
    let handle;
    let pending;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, 'r');
        const hash = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .createDigester */ .QC)();
        let hashed = 0;
        pending = handle.read(reading, 0, HASH_READ_BYTES, 0);
        for (;;) {
            const { bytesRead } = await pending;
            pending = undefined;
            if (bytesRead === 0)
                break;
            hashed += bytesRead;
            [filled, reading] = [reading, filled];
            pending = handle.read(reading, 0, HASH_READ_BYTES, hashed);
            hash.update(filled.subarray(0, bytesRead));
        }
        return { digest: `sha256:${hash.digest('hex')}`, hashed };
    }
    finally {
        // No read may still be writing into a buffer that goes back to the pool.
        await pending?.catch(() => undefined);
        await handle?.close();
        pool.give(reading);
        pool.give(filled);
    }
}
//# sourceMappingURL=file-source.js.map

/***/ }),

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

/***/ 35034:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ DEFAULT_ARTIFACT_TYPE),
  X: () => (/* binding */ pushArtifact)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/oci/annotations.js
var oci_annotations = __webpack_require__(98034);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/compress/limiter.js
var limiter = __webpack_require__(80267);
// EXTERNAL MODULE: ./packages/core/dist/artifact/artifact-inputs.js
var artifact_inputs = __webpack_require__(35469);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-file.js
var annotation_file = __webpack_require__(25963);
// EXTERNAL MODULE: ./packages/core/dist/artifact/manifest-annotations.js
var manifest_annotations = __webpack_require__(61415);
// EXTERNAL MODULE: ./packages/core/dist/manifests/tag-moves.js
var tag_moves = __webpack_require__(8744);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./packages/core/dist/fs/atomic-write.js
var atomic_write = __webpack_require__(43901);
// EXTERNAL MODULE: ./packages/core/dist/artifact/safe-extract.js
var safe_extract = __webpack_require__(23120);
;// CONCATENATED MODULE: ./packages/core/dist/artifact/directory-tar.js
/**
 * Packs a directory into a reproducible tar+gzip, laid out the way oras lays out a
 * pushed directory (`<name>/`, then `<name>/...`), so `oras pull` unpacks it.
 *
 * Reproducible means the bytes depend only on names, contents, file kinds and the
 * executable bit: we walk the tree ourselves, sort by byte order, and write every
 * header ourselves (node-tar's Header/Pax encoders, no node-tar walking), with
 * a fixed mtime, uid/gid 0, no user or group names, and no atime/ctime.
 */









const BLOCK = 512;
/** node-tar, loaded by the first packDirectory: most verbs never pack a directory. */
let tar;
const MAX_OCTAL_SIZE = 0o77777777777; // what a ustar size field holds; beyond, pax says it
async function packDirectory(dir, options) {
    const { name } = options;
    // A title may be nested ("dist/site", as oras titles `oras push ref dist/site`), but
    // only in plain form: no empty, ".", or ".." parts, nothing the extractor would refuse.
    const parts = name.split('/');
    if ((0,safe_extract/* unsafePathReason */.m0)(name) || parts.some((part) => part === '' || part === '.')) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `"${name}" cannot be the top-level name of a packed directory`, {
            hint: 'use a relative path without "." or ".." parts, such as the directory\'s basename',
        });
    }
    const mtime = options.mtime ?? new Date(0);
    if (!Number.isFinite(mtime.getTime()) || mtime.getTime() < 0) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `mtime ${String(mtime)} is not a time after 1970`);
    }
    // Whole seconds: tar headers hold seconds, and a fraction would leak into a pax header.
    const seconds = new Date(Math.floor(mtime.getTime() / 1000) * 1000);
    const rootStat = await (0,promises_.stat)(dir).catch((error) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot read directory ${dir}`, { cause: error });
    });
    if (!rootStat.isDirectory())
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${dir} is not a directory`);
    const entries = [{ kind: 'dir', name: `${name}/` }];
    await walk(dir, '', name, entries);
    // Byte order of the names as written (UTF-8), not JS's UTF-16 order; a parent
    // always sorts before its children because it is their prefix.
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    tar ??= await __webpack_require__.e(/* import() */ 697).then(__webpack_require__.bind(__webpack_require__, 98697));
    await (0,promises_.mkdir)(options.tempDir, { recursive: true });
    const path = (0,atomic_write/* tempPathFor */.FD)((0,external_node_path_.join)(options.tempDir, `${parts[parts.length - 1]}.tar.gz`));
    const tarDigester = new digest/* DigestingStream */.Xi();
    const gzDigester = new digest/* DigestingStream */.Xi();
    try {
        // zlib writes gzip header mtime 0 and no file name, so gzip adds nothing variable.
        await (0,external_node_stream_promises_.pipeline)(tarStream(entries, seconds), tarDigester, (0,external_node_zlib_.createGzip)({ level: options.gzipLevel ?? 6 }), gzDigester, (0,external_node_fs_.createWriteStream)(path, { flags: 'wx' }));
    }
    catch (error) {
        await (0,promises_.rm)(path, { force: true });
        throw error;
    }
    return { path, size: gzDigester.size, digest: gzDigester.digest, tarDigest: tarDigester.digest };
}
/** Collects the tree below `abs` (names only; contents are read while writing). */
async function walk(abs, rel, name, out) {
    for (const child of await (0,promises_.readdir)(abs, { withFileTypes: true })) {
        const childAbs = (0,external_node_path_.join)(abs, child.name);
        const childRel = rel === '' ? child.name : `${rel}/${child.name}`;
        const entryName = `${name}/${childRel}`;
        // The extractor refuses these names (e.g. a backslash); better to say so at push time.
        const reason = (0,safe_extract/* unsafePathReason */.m0)(entryName);
        if (reason)
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot pack ${childAbs}: ${reason}`);
        if (child.isDirectory()) {
            out.push({ kind: 'dir', name: `${entryName}/` });
            await walk(childAbs, childRel, name, out);
        }
        else if (child.isFile()) {
            out.push({ kind: 'file', name: entryName, source: childAbs });
        }
        else if (child.isSymbolicLink()) {
            const target = await (0,promises_.readlink)(childAbs);
            // Same rule as extraction, so what we push can be pulled.
            const problem = (0,safe_extract/* unsafeLinkTargetReason */.qD)(childRel, target);
            if (problem) {
                throw new errors/* OcikitError */.Gu('UNSAFE_PATH', `symlink ${childAbs} -> ${target}: ${problem}`, {
                    hint: 'only symlinks that stay inside the directory can be packed; replace it with a copy or a relative link',
                });
            }
            out.push({ kind: 'symlink', name: entryName, target });
        }
        else {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot pack ${childAbs}: not a regular file, directory or symlink`, {
                hint: 'sockets, fifos and devices have no place in an artifact; remove them or pack a cleaner directory',
            });
        }
    }
}
async function* tarStream(entries, mtime) {
    for (const entry of entries) {
        if (entry.kind === 'dir') {
            yield header({ path: entry.name, type: 'Directory', mode: 0o755, size: 0 }, mtime);
        }
        else if (entry.kind === 'symlink') {
            // 0777 is what every tar writes for a symlink; its mode means nothing.
            yield header({ path: entry.name, type: 'SymbolicLink', mode: 0o777, size: 0, linkpath: entry.target }, mtime);
        }
        else {
            yield* fileBlocks(entry.name, entry.source, mtime);
        }
    }
    yield Buffer.alloc(BLOCK * 2); // end-of-archive marker
}
async function* fileBlocks(name, source, mtime) {
    // O_NOFOLLOW + fstat: what we read is the regular file we walked, not something
    // swapped in for it since.
    const handle = await (0,promises_.open)(source, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0));
    try {
        const info = await handle.stat();
        if (!info.isFile())
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${source} changed while packing`);
        const mode = info.mode & 0o111 ? 0o755 : 0o644;
        yield header({ path: name, type: 'File', mode, size: info.size }, mtime);
        let read = 0;
        if (info.size > 0) {
            for await (const chunk of handle.createReadStream({ start: 0, end: info.size - 1, autoClose: false })) {
                read += chunk.length;
                yield chunk;
            }
        }
        // A file that shrank would leave the header's size a lie and the archive corrupt.
        if (read !== info.size) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${source} changed size while packing`, {
                detail: `expected ${info.size} bytes, read ${read}`,
            });
        }
        const pad = (BLOCK - (info.size % BLOCK)) % BLOCK;
        if (pad > 0)
            yield Buffer.alloc(pad);
    }
    finally {
        await handle.close();
    }
}
/** One ustar header, preceded by a pax header when a name or size does not fit ustar. */
function header(fields, mtime) {
    const data = { ...fields, uid: 0, gid: 0, uname: '', gname: '', mtime, linkpath: fields.linkpath ?? '' };
    const { Header, Pax } = tar; // loaded by packDirectory, the only way here
    const ustar = new Header(data);
    ustar.encode();
    const block = ustar.block;
    if (!ustar.needPax)
        return block;
    const pax = new Pax({
        path: fields.path,
        linkpath: fields.linkpath,
        mtime,
        size: fields.size > MAX_OCTAL_SIZE ? fields.size : undefined,
    });
    return Buffer.concat([pax.encode(), block]);
}
//# sourceMappingURL=directory-tar.js.map
// EXTERNAL MODULE: ./packages/core/dist/artifact/file-source.js
var file_source = __webpack_require__(92057);
// EXTERNAL MODULE: ./packages/core/dist/fs/spool-file.js
var spool_file = __webpack_require__(30834);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/artifact/file-mode.js
var file_mode = __webpack_require__(22051);
// EXTERNAL MODULE: ./packages/core/dist/util/printable.js
var printable = __webpack_require__(69172);
// EXTERNAL MODULE: ./packages/core/dist/target/push-tagged.js
var push_tagged = __webpack_require__(64409);
;// CONCATENATED MODULE: ./packages/core/dist/artifact/push-artifact.js






















/** oras's default when an artifact names no type: OCI 1.1 requires one with an empty config. */
const DEFAULT_ARTIFACT_TYPE = 'application/vnd.unknown.artifact.v1';
/**
 * Pushes files and directories as one OCI 1.1 artifact: each file a layer titled
 * with its path, each directory a reproducible tar+gzip layer oras unpacks.
 */
async function pushArtifact(target, options) {
    const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'ocikit-push-'));
    try {
        const created = options.sourceDateEpoch === undefined ? new Date() : new Date(options.sourceDateEpoch * 1000);
        // Whatever can be refused is refused before a file is read or a byte is sent.
        const plans = await planLayers(options);
        const configSource = options.platform
            ? platformConfigSource(options)
            : options.config
                ? await prepareConfig(options.config, options.annotationFile)
                : emptySource(options.annotationFile?.$config);
        const tagMoves = await (0,tag_moves/* readTagMoves */.d)(target, options.tags, { ...(options.noOverwrite ? { noOverwrite: true } : {}), ...(options.progress ? { progress: options.progress } : {}) });
        const concurrency = Math.max(1, options.concurrency ?? 3);
        const { sources, outcomes } = await prepareAndPush([...plans.map((plan) => () => prepareLayer(plan, options, workDir, created)), async () => configSource], concurrency, (source) => target.pushBlob(source, { progress: options.progress, ...(options.signal ? { signal: options.signal } : {}) }), options.signal);
        const layerSources = sources.slice(0, plans.length);
        if (options.inlineMax !== undefined && options.inlineMax > 0)
            await inlineSmallLayers(layerSources, options.inlineMax);
        const manifest = buildManifest(options, layerSources, configSource, created);
        const bytes = (0,oci_manifest/* encodeManifest */.Gb)(manifest);
        if (bytes.length > oci_manifest/* MAX_MANIFEST_BYTES */.ZJ) {
            throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `the manifest would be ${bytes.length} bytes, over the ${oci_manifest/* MAX_MANIFEST_BYTES */.ZJ}-byte limit registries keep to`, {
                hint: options.inlineMax ? `lower ${(0,errors/* optionRef */.$j)('inline-max')}: inlined layers count towards the manifest` : 'push fewer files, or pack them into a directory',
            });
        }
        const descriptor = (0,oci_manifest/* describeManifest */.FK)(manifest, bytes);
        options.signal?.throwIfAborted();
        await (0,push_tagged/* pushTagged */.h)(target, descriptor, bytes, options.tags);
        options.progress?.done?.(descriptor, 'uploaded');
        await tagMoves.report(descriptor);
        return {
            descriptor,
            manifest,
            layers: layerSources.map((source, i) => ({ descriptor: source.descriptor, outcome: outcomes[i] })),
            tags: options.tags,
        };
    }
    finally {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}
/** Checks every input (titles, media types, that it exists) without reading any. */
async function planLayers(options) {
    const titles = new Set();
    const plans = [];
    for (const file of options.files) {
        const stdin = file.path === '-';
        const named = stdin ? (options.stdinName ?? 'stdin') : (file.title ?? (0,artifact_inputs/* titleForPath */.zm)(file.path));
        const fromFile = (0,annotation_file/* annotationsFor */.gX)(options.annotationFile, named, stdin ? undefined : file.path);
        // A title in the annotation file renames the layer, and a directory's tar root with it (as oras does).
        const given = fromFile[oci_annotations/* Annotation */.Y.Title];
        if (given !== undefined)
            checkGivenTitle(given, file.path);
        const title = given ?? named;
        checkInputTitle(title, file.path);
        if (titles.has(title)) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `two inputs would both be titled "${title}"`, {
                hint: 'each file in an artifact needs its own name; rename or move one of them',
            });
        }
        titles.add(title);
        const annotations = { [oci_annotations/* Annotation */.Y.Title]: title, ...fromFile };
        if (file.mediaType !== undefined && !(0,media_types/* isValidMediaType */.Hw)(file.mediaType)) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
        }
        if (file.path === '-') {
            if (!options.stdin)
                throw new errors/* OcikitError */.Gu('INVALID_INPUT', '"-" reads standard input, but none is available here');
            plans.push({ file, title, annotations });
            continue;
        }
        const info = await (0,promises_.stat)(file.path).catch(() => {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${file.path} does not exist`, { hint: 'paths are relative to the working directory' });
        });
        plans.push({ file, title, annotations, info });
    }
    return plans;
}
/** A title made from a path or --stdin-name: a file name every puller can write and print. */
function checkInputTitle(title, path) {
    const problem = (0,artifact_inputs/* titleProblem */.Q9)(title);
    if (problem) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${path === '-' ? 'standard input' : (0,printable/* printable */.g)(path)} would be titled "${(0,printable/* printable */.g)(title.slice(0, 200))}", which cannot be a file name in an artifact: ${problem}`, {
            hint: `rename the file (or give standard input another ${(0,errors/* optionRef */.$j)('stdin-name')})`,
        });
    }
}
/** A title the annotation file gives: it must name a path inside whatever directory the artifact is pulled to. */
function checkGivenTitle(title, path) {
    const problem = (0,artifact_inputs/* titleProblem */.Q9)(title);
    if (problem) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the annotation file titles ${(0,printable/* printable */.g)(path)} "${(0,printable/* printable */.g)(title.slice(0, 200))}", which cannot be a file name in an artifact: ${problem}`, {
            hint: 'give a relative path without ".." parts as its org.opencontainers.image.title, or leave the title out',
        });
    }
}
/** Reads one input into a blob source: standard input spooled, a directory packed, a file hashed. */
async function prepareLayer(plan, options, workDir, created) {
    const { file, title, annotations, info } = plan;
    if (!info) {
        // Hashed as it is spooled: no second read.
        const spooled = await (0,spool_file/* spoolToFile */.x)(workDir, options.stdin);
        return (0,file_source/* knownFileBlobSource */.w)(spooled.path, { mediaType: file.mediaType ?? media_types/* MediaType */.zu.DefaultFile, digest: spooled.digest, size: spooled.size, annotations });
    }
    if (info.isDirectory()) {
        const packed = await packDirectory(file.path, {
            name: title,
            tempDir: workDir,
            ...(options.sourceDateEpoch === undefined ? {} : { mtime: created }),
        });
        const descriptor = {
            mediaType: file.mediaType ?? media_types/* MediaType */.zu.LayerGzip,
            digest: packed.digest,
            size: packed.size,
            annotations: {
                ...annotations,
                [oci_annotations/* Annotation */.Y.OrasContentDigest]: packed.tarDigest,
                [oci_annotations/* Annotation */.Y.OrasUnpack]: 'true',
            },
        };
        // packDirectory hashed the archive as it wrote it: no second read.
        return (0,file_source/* knownFileBlobSource */.w)(packed.path, descriptor);
    }
    // A file layer carries no mode: an executable says so in an annotation that pull honours.
    const mode = info.mode & 0o111 ? { [file_mode/* FILE_MODE_ANNOTATION */.ZU]: (0,file_mode/* formatFileMode */.B$)(info.mode) } : {};
    return (0,file_source/* fileBlobSource */.H)(file.path, { mediaType: file.mediaType ?? media_types/* MediaType */.zu.DefaultFile, annotations: { ...annotations, ...mode } });
}
/**
 * Prepares the blobs one at a time, in order, and starts each upload as soon as
 * its blob is ready, at most `concurrency` at once: the next file is hashed while
 * the ones before it go up, and no more than one waits ready ahead of the uploads
 * (a packed directory is a temp file). Results come in input order. As with
 * mapConcurrent, the first failure stops new work and is rethrown once the
 * uploads under way settle, so no transfer is left dangling.
 */
async function prepareAndPush(prepares, concurrency, push, signal) {
    const slots = new limiter/* Limiter */.j(concurrency);
    const sources = new Array(prepares.length);
    const outcomes = new Array(prepares.length);
    const uploads = [];
    let failure;
    try {
        for (const [index, prepare] of prepares.entries()) {
            if (failure)
                break;
            signal?.throwIfAborted();
            const source = await prepare();
            sources[index] = source;
            const release = await slots.acquire();
            if (failure) {
                release();
                break;
            }
            uploads.push(push(source)
                .then((outcome) => void (outcomes[index] = outcome), (error) => void (failure ??= { error }))
                .finally(release));
        }
    }
    catch (error) {
        failure ??= { error };
    }
    await Promise.all(uploads);
    if (failure)
        throw failure.error;
    return { sources, outcomes };
}
/** The config of an artifact for one platform: an image config naming only the platform. */
function platformConfigSource(options) {
    if (options.config) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'a platform and a config cannot both be given', {
            hint: `the platform is recorded in a config of its own; put it in your config file instead (architecture, os), or drop ${(0,errors/* optionRef */.$j)('platform')}`,
        });
    }
    const bytes = Buffer.from(JSON.stringify((0,platform/* canonicalPlatform */._l)(options.platform)));
    const annotations = options.annotationFile?.$config;
    const descriptor = {
        mediaType: media_types/* MediaType */.zu.ImageConfig,
        digest: (0,digest/* digestOf */.ol)(bytes),
        size: bytes.length,
        ...(annotations ? { annotations } : {}),
    };
    return { descriptor, open: (start = 0, end = bytes.length - 1) => external_node_stream_.Readable.from([bytes.subarray(start, end + 1)]) };
}
async function prepareConfig(config, annotationFile) {
    const annotations = annotationFile?.$config;
    return (0,file_source/* fileBlobSource */.H)(config.path, {
        mediaType: config.mediaType ?? media_types/* MediaType */.zu.ImageConfig,
        ...(annotations ? { annotations } : {}),
    });
}
/** The OCI 1.1 empty config; an annotation file's `$config` annotations go on its descriptor, as oras puts them. */
function emptySource(annotations) {
    const { data: _data, ...empty } = oci_manifest/* EMPTY_DESCRIPTOR */.gi;
    const descriptor = annotations && Object.keys(annotations).length > 0 ? { ...empty, annotations: { ...annotations } } : empty;
    return {
        descriptor,
        open: () => external_node_stream_.Readable.from([Buffer.from(oci_manifest/* EMPTY_JSON */.JO)]),
    };
}
function buildManifest(options, layers, config, created) {
    // A platform config stands in for the empty one: the artifact still needs its type (as oras does).
    const usesEmptyConfig = config.descriptor.mediaType === media_types/* MediaType */.zu.Empty || options.platform !== undefined;
    const artifactType = options.artifactType ?? (usesEmptyConfig ? DEFAULT_ARTIFACT_TYPE : undefined);
    const annotations = (0,manifest_annotations/* manifestAnnotations */.g)({
        own: { [oci_annotations/* Annotation */.Y.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z') },
        run: options.runAnnotations,
        file: options.annotationFile?.$manifest,
        given: options.annotations,
    });
    const manifest = {
        schemaVersion: 2,
        mediaType: media_types/* MediaType */.zu.ImageManifest,
        ...(artifactType ? { artifactType } : {}),
        config: config.descriptor,
        // OCI 1.1: an artifact with no files still carries one layer, the empty descriptor.
        layers: layers.length ? layers.map((l) => l.descriptor) : [withoutData(oci_manifest/* EMPTY_DESCRIPTOR */.gi)],
        ...(options.subject ? { subject: options.subject } : {}),
        annotations,
    };
    return manifest;
}
function withoutData(descriptor) {
    const { data: _data, ...rest } = descriptor;
    return rest;
}
/** Adds OCI 1.1 `data` (the bytes, base64) to the descriptors of layers no larger than `max`. */
async function inlineSmallLayers(layers, max) {
    for (const layer of layers) {
        if (layer.descriptor.size > max)
            continue;
        const chunks = [];
        for await (const chunk of layer.open())
            chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        if (bytes.length !== layer.descriptor.size)
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${displayTitle(layer.descriptor)} changed while it was being pushed`);
        layer.descriptor.data = bytes.toString('base64');
    }
}
function displayTitle(descriptor) {
    return descriptor.annotations?.[oci_annotations/* Annotation */.Y.Title] ?? descriptor.digest;
}
//# sourceMappingURL=push-artifact.js.map

/***/ }),

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

/***/ 8744:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ readTagMoves)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/**
 * What moving a tag leaves behind. Referrers (signatures, SBOMs, scan reports)
 * hang off a digest, not a tag: a tag pushed over another manifest takes the name
 * away from them without a sound. So the tags are read before anything is pushed
 * (an existing one refused under `noOverwrite`), and a tag that moves off a
 * manifest with referrers is said out loud.
 */

/** Where each tag points now; under `noOverwrite`, refuses when one exists. Read before the first byte goes out. */
async function readTagMoves(target, tags, options = {}) {
    const before = new Map();
    for (const tag of new Set(tags)) {
        const current = await target.resolve(tag).catch((error) => {
            if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isOcikitError */ .CI)(error) && error.code === 'NOT_FOUND')
                return undefined;
            throw error;
        });
        if (!current)
            continue;
        if (options.noOverwrite) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('ALREADY_EXISTS', `${target.name}:${tag} exists (${current.digest}); nothing was pushed`, {
                hint: `pick another tag, or leave out ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('no-overwrite')} to move it`,
            });
        }
        before.set(tag, current);
    }
    return {
        async report(descriptor) {
            const moved = [...before].filter(([, old]) => old.digest !== descriptor.digest);
            for (const [tag, old] of moved) {
                const count = await referrerCount(target, old);
                if (count === 0)
                    continue;
                options.progress?.warning?.(`${target.name}:${tag} moved from ${old.digest} to ${descriptor.digest}; ` +
                    `${count === 1 ? 'the referrer' : `the ${count} referrers`} of ${old.digest} (signatures, SBOMs, reports) ${count === 1 ? 'stays' : 'stay'} with it and no longer ${count === 1 ? 'reaches' : 'reach'} ${tag}. ` +
                    `Attach them again to the new digest, or use ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('no-overwrite')} to refuse a tag that exists`);
            }
        },
    };
}
/** How many referrers a manifest has; 0 when the target cannot tell (a warning is not worth failing a push for). */
async function referrerCount(target, descriptor) {
    if (!target.referrers)
        return 0;
    try {
        return (await target.referrers(descriptor)).manifests.length;
    }
    catch {
        return 0;
    }
}
//# sourceMappingURL=tag-moves.js.map

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

/***/ })

};
