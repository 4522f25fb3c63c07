export const id = 730;
export const ids = [730];
export const modules = {

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

/***/ 23120:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ extractTarSafely),
/* harmony export */   m0: () => (/* binding */ unsafePathReason),
/* harmony export */   qD: () => (/* binding */ unsafeLinkTargetReason)
/* harmony export */ });
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78474);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57075);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38522);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8649);
/* harmony import */ var _fs_atomic_write_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(43901);
/**
 * Extracts a tar or tar+gzip stream without trusting it. Anything unsafe is refused,
 * never silently rewritten (a stripped "../" or "/" would put files where nobody
 * expects them). Entries go into a private staging directory beside `outDir`;
 * only when the whole stream has been read, and its digest checked, are the staged
 * top-level entries renamed into `outDir`. On any failure `outDir` is untouched.
 *
 * node-tar only parses here: its Unpack sanitizes (strips) rather than refuses,
 * and writes straight into the destination.
 */








const DEFAULT_MAX_BYTES = 16 * 1024 ** 3;
/** Most entries (files, directories, links) created: an archive of millions of empty files is a bomb too. */
const MAX_ENTRIES = 1_000_000;
const LIMIT_HINT = `if the artifact really is this large, raise the limit (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .optionRef */ .$j)('max-unpack-bytes')})`;
/**
 * The tar stream itself carries headers and padding beyond file contents. It is
 * capped too (else a gzip of zeros after the end marker is an endless read), with
 * this much room for framing on top of maxBytes.
 */
const FRAMING_ALLOWANCE = 64 * 1024 * 1024;
/** Why an archive path is unsafe, or undefined when it is not. */
function unsafePathReason(path) {
    if (path.includes('\0'))
        return 'contains a NUL byte';
    if (path.includes('\\'))
        return 'contains a backslash (a Windows path separator)';
    if (path.startsWith('/'))
        return 'is an absolute path';
    if (/^[A-Za-z]:/.test(path))
        return 'starts with a Windows drive letter';
    if (path.split('/').includes('..'))
        return 'has a ".." component';
    return undefined;
}
/**
 * Why a symlink at archive path `linkPath` may not point at `target`, or undefined.
 * Only `../` steps first, then names: `a/..` is refused because where it leads
 * depends on what `a` is when followed (a symlink to `.` makes `a/..` the parent).
 * With that rule, counting the leading `..` against the link's depth is exact.
 */
function unsafeLinkTargetReason(linkPath, target, root = '') {
    if (target === '')
        return 'has an empty target';
    if (target.includes('\0') || target.includes('\\') || /^[A-Za-z]:/.test(target)) {
        return 'has a target that is not a plain relative path';
    }
    if (target.startsWith('/'))
        return 'has an absolute target';
    let ups = 0;
    let sawName = false;
    for (const part of components(target)) {
        if (part !== '..')
            sawName = true;
        else if (sawName)
            return 'has ".." after a name in its target';
        else
            ups++;
    }
    const depth = components(linkPath).length - 1 - components(root).length; // directories above the link, below the root
    if (ups > depth)
        return root ? `has a target outside "${root}"` : 'has a target outside the extraction directory';
    return undefined;
}
function components(path) {
    return path.split('/').filter((part) => part !== '' && part !== '.');
}
async function extractTarSafely(source, outDir, options = {}) {
    source.on('error', _fs_atomic_write_js__WEBPACK_IMPORTED_MODULE_6__/* .keepForConsumer */ .FT); // read below, after the awaits that set up the staging directory
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const expected = options.expectedTarDigest;
    const hash = expected === undefined ? undefined : (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .createDigester */ .QC)((0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .parseDigest */ .m)(expected).algorithm);
    const out = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(outDir).catch(() => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(outDir));
    const existing = await lstatIfExists(out);
    if (existing && !existing.isDirectory())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_INPUT', `${outDir} exists and is not a directory`);
    // Staging beside outDir: same filesystem, so the final renames are cheap and atomic.
    const staging = (0,_fs_atomic_write_js__WEBPACK_IMPORTED_MODULE_6__/* .tempPathFor */ .FD)(out);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(out, '..'), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(staging, { mode: 0o700 });
    // node-tar is loaded here, not with the module: most verbs never extract.
    const { Parser } = await __webpack_require__.e(/* import() */ 697).then(__webpack_require__.bind(__webpack_require__, 98697));
    const parser = new Parser({ strict: true, brotli: false, zstd: false });
    let failure;
    let fail;
    // Rejects on the first failure, so nothing waits forever on a stream we stopped feeding.
    const failed = new Promise((_, reject) => {
        fail = (error) => {
            failure ??= error;
            reject(failure);
        };
    });
    failed.catch(() => { });
    const extraction = new Extraction(staging, maxBytes, MAX_ENTRIES, failed, components(options.root ?? '').join('/'));
    // node-tar emits an entry only after the previous one ended; the chain also
    // waits for our (async) writing of the previous one.
    let chain = Promise.resolve();
    parser.on('entry', (entry) => {
        chain = chain
            .then(() => (failure === undefined ? extraction.handle(entry) : void entry.resume()))
            .catch((error) => {
            entry.resume();
            fail(error);
        });
    });
    // Unknown entry types and oversized pax headers: node-tar would skip them quietly.
    parser.on('ignoredEntry', (entry) => fail(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `refusing entry "${entry.path}": unsupported entry type ${entry.type}`)));
    parser.on('error', (error) => fail(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `not a valid tar archive: ${error.message}`, { cause: error })));
    let sawEof = false;
    parser.on('eof', () => (sawEof = true));
    const parsed = new Promise((done) => parser.on('end', done));
    try {
        let streamBytes = 0;
        let magic = Buffer.alloc(0);
        for await (const chunk of tarBytes(source)) {
            if (failure !== undefined)
                break;
            // node-tar sniffs compression itself; a gzip inside our gunzip would escape our digest and limits.
            if (magic.length < 2) {
                magic = Buffer.concat([magic, chunk.subarray(0, 2 - magic.length)]);
                if (magic[0] === 0x1f && magic[1] === 0x8b) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', 'refusing a gzip stream inside a gzip stream');
                }
            }
            streamBytes += chunk.length;
            if (streamBytes > maxBytes + FRAMING_ALLOWANCE) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('SIZE_LIMIT', `tar stream exceeds the ${maxBytes}-byte unpack limit (plus framing): a decompression bomb, or a bigger artifact than allowed`, {
                    hint: LIMIT_HINT,
                });
            }
            hash?.update(chunk);
            // After the end marker comes only padding: hash it, but node-tar would buffer it all.
            if (sawEof)
                continue;
            if (!parser.write(chunk))
                await Promise.race([(0,node_events__WEBPACK_IMPORTED_MODULE_0__.once)(parser, 'drain'), failed]);
        }
        if (failure === undefined) {
            parser.end();
            await Promise.race([parsed, failed]);
            await chain;
        }
        if (failure !== undefined)
            throw failure;
        if (!sawEof) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', 'tar archive ends without its end-of-archive marker', {
                hint: 'the download was probably cut short; retry',
            });
        }
        if (hash && expected !== undefined) {
            const actual = `${(0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .parseDigest */ .m)(expected).algorithm}:${hash.digest('hex')}`;
            if (actual !== expected) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('DIGEST_MISMATCH', 'tar archive does not match its expected digest', {
                    detail: `expected ${expected}, got ${actual}`,
                    hint: 'the registry returned other content than the manifest describes; retry, and report it if it persists',
                });
            }
        }
        const entries = await commit(staging, out, options.overwrite ?? false);
        return { files: extraction.files, bytes: extraction.bytes, entries };
    }
    catch (error) {
        fail(error);
        source.destroy();
        await chain; // every wait in it races `failed`, so it settles
        throw failure;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(staging, { recursive: true, force: true });
    }
}
/** The uncompressed tar bytes of `source`, gunzipped when it starts with gzip's magic. */
async function* tarBytes(source) {
    const chunks = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    let done = false;
    try {
        while (head.length < 2 && !done) {
            const next = await chunks.next();
            if (next.done)
                done = true;
            else
                head = Buffer.concat([head, Buffer.from(next.value)]);
        }
        async function* all() {
            if (head.length > 0)
                yield head;
            while (!done) {
                const next = await chunks.next();
                if (next.done)
                    done = true;
                else
                    yield Buffer.from(next.value);
            }
        }
        if (head[0] === 0x1f && head[1] === 0x8b) {
            // pipeline destroys gunzip with any source error, so iterating it throws that error;
            // gunzip's own (a cut or corrupt stream) are told in our words.
            try {
                yield* (0,node_stream__WEBPACK_IMPORTED_MODULE_3__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_3__.Readable.from(all()), (0,node_zlib__WEBPACK_IMPORTED_MODULE_4__.createGunzip)(), () => { });
            }
            catch (error) {
                throw isZlibError(error) ? gzipError(error) : error;
            }
        }
        else {
            yield* all();
        }
    }
    finally {
        await chunks.return?.();
    }
}
/** Writes entries into the staging directory, refusing anything unsafe. */
class Extraction {
    staging;
    maxBytes;
    maxEntries;
    cancelled;
    root;
    /** Everything created in staging so far, by normalized archive path. */
    kinds = new Map();
    files = 0;
    bytes = 0;
    constructor(staging, maxBytes, maxEntries, 
    /** Rejects when the extraction as a whole fails; waits on entry data race it. */
    cancelled, 
    /** What every entry must be or be below ('' for anything). */
    root) {
        this.staging = staging;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.cancelled = cancelled;
        this.root = root;
    }
    async handle(entry) {
        const path = this.checkedPath(entry.path);
        if (this.kinds.size >= this.maxEntries) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('SIZE_LIMIT', `refusing entry "${entry.path}": the archive has more than ${this.maxEntries} entries`, {
                hint: `ocikit unpacks at most this many files, directories and links from one layer (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .optionRef */ .$j)('max-unpack-bytes')} does not change it); push the directory as fewer, larger files`,
            });
        }
        const type = entry.type;
        if (path === '' && this.root === '') {
            // "./" in archives made with `tar -C dir .`: outDir itself, which we leave alone.
            if (type !== 'Directory')
                throw unsafe(entry.path, 'names the extraction directory itself');
            entry.resume();
            return;
        }
        if (this.root !== '' && path !== this.root && !path.startsWith(`${this.root}/`)) {
            throw unsafe(entry.path, `is outside "${this.root}", the layer's title (a directory layer writes only below its title)`);
        }
        const existing = this.kinds.get(path);
        // A later directory entry for an existing directory is harmless (all dirs are 0755).
        if (existing !== undefined && !(existing === 'dir' && type === 'Directory')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `refusing entry "${entry.path}": duplicate of an earlier entry`);
        }
        await this.makeParents(path, entry.path);
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.staging, path);
        switch (type) {
            case 'Directory':
                if (existing === undefined)
                    await this.makeDir(path);
                entry.resume();
                return;
            case 'File':
            case 'OldFile':
            case 'ContiguousFile':
                await this.writeFile(entry, target);
                this.kinds.set(path, 'file');
                this.files++;
                return;
            case 'SymbolicLink': {
                const linkTarget = entry.linkpath ?? '';
                const reason = unsafeLinkTargetReason(path, linkTarget, this.root);
                if (reason)
                    throw unsafe(entry.path, `symlink to "${linkTarget}" ${reason}`);
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.symlink)(linkTarget, target);
                this.kinds.set(path, 'symlink');
                entry.resume();
                return;
            }
            case 'Link': {
                const linkReason = unsafePathReason(entry.linkpath ?? '');
                if (linkReason)
                    throw unsafe(entry.path, `hardlink target "${entry.linkpath}" ${linkReason}`);
                const linkPath = components(entry.linkpath ?? '').join('/');
                if (this.kinds.get(linkPath) !== 'file') {
                    throw unsafe(entry.path, `hardlink to "${entry.linkpath}", which is not a file extracted before it`);
                }
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.staging, linkPath), target);
                this.kinds.set(path, 'file');
                this.files++;
                entry.resume();
                return;
            }
            case 'CharacterDevice':
            case 'BlockDevice':
            case 'FIFO':
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `refusing entry "${entry.path}": ${type} entries are not extracted`);
            default:
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `refusing entry "${entry.path}": unsupported entry type ${type}`);
        }
    }
    /** The normalized form of an archive path (no "." or empty parts), or a refusal. */
    checkedPath(path) {
        const reason = unsafePathReason(path);
        if (reason)
            throw unsafe(path, reason);
        return components(path).join('/');
    }
    /** Creates missing parent directories; refuses to go through a symlink or a file. */
    async makeParents(path, entryName) {
        const parts = path.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = parts.slice(0, i).join('/');
            const kind = this.kinds.get(parent);
            if (kind === 'symlink')
                throw unsafe(entryName, `passes through the symlink "${parent}"`);
            if (kind === 'file')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `refusing entry "${entryName}": "${parent}" is a file`);
            if (kind === undefined)
                await this.makeDir(parent);
        }
    }
    async makeDir(path) {
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.staging, path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(target);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(target, 0o755); // exact, whatever the umask
        this.kinds.set(path, 'dir');
    }
    async writeFile(entry, target) {
        // The header's size lets a bomb fail before a byte is written.
        if (this.bytes + entry.size > this.maxBytes)
            throw this.tooBig(entry.path);
        // "wx": never through, or over, anything already there.
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(target, 'wx', 0o600);
        try {
            const chunks = entry[Symbol.asyncIterator]();
            for (;;) {
                const next = await Promise.race([chunks.next(), this.cancelled]);
                if (next.done)
                    break;
                this.bytes += next.value.length;
                if (this.bytes > this.maxBytes)
                    throw this.tooBig(entry.path);
                await handle.write(next.value);
            }
            // Only the executable bit survives: no setuid/setgid/sticky, no group/other write.
            await handle.chmod((entry.mode ?? 0) & 0o111 ? 0o755 : 0o644);
        }
        finally {
            await handle.close();
        }
    }
    tooBig(entryName) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('SIZE_LIMIT', `refusing entry "${entryName}": archive content exceeds the ${this.maxBytes}-byte unpack limit`, {
            hint: LIMIT_HINT,
        });
    }
}
function unsafe(entryName, reason) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('UNSAFE_PATH', `refusing entry "${entryName}": ${reason}`);
}
/**
 * Moves staged top-level entries into `out`. Directories that already exist are
 * merged into (never replaced); anything else already there is a conflict, which
 * is refused before the first rename unless `overwrite`.
 */
async function commit(staging, out, overwrite) {
    const moves = [];
    const conflicts = [];
    await planMoves(staging, out, '', moves, conflicts);
    if (conflicts.length > 0 && !overwrite) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_INPUT', `refusing to overwrite "${conflicts[0]}" in ${out}`, {
            detail: conflicts.length > 1 ? `${conflicts.length} paths already exist: ${conflicts.slice(0, 10).join(', ')}` : undefined,
            hint: 'extract into an empty directory, or allow overwriting',
        });
    }
    const entries = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(staging)).sort();
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(out, { recursive: true });
    for (const move of moves) {
        if (move.replace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(move.to, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(move.from, move.to);
    }
    return entries;
}
async function lstatIfExists(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
async function planMoves(from, to, rel, moves, conflicts) {
    for (const name of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(from)).sort()) {
        const source = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(from, name);
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(to, name);
        const path = rel === '' ? name : `${rel}/${name}`;
        const there = await lstatIfExists(target);
        if (!there) {
            moves.push({ from: source, to: target, replace: false });
        }
        else if (there.isDirectory() && (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(source)).isDirectory()) {
            await planMoves(source, target, path, moves, conflicts);
        }
        else {
            conflicts.push(path);
            moves.push({ from: source, to: target, replace: true });
        }
    }
}
/** An error of zlib itself (`Z_BUF_ERROR`, `Z_DATA_ERROR`...), not one that came through it from the source. */
function isZlibError(error) {
    const code = error?.code;
    return !(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu) && typeof code === 'string' && code.startsWith('Z_');
}
function gzipError(error) {
    const cut = error.code === 'Z_BUF_ERROR';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .OcikitError */ .Gu('INVALID_CONTENT', `${cut ? 'the layer is a gzip stream that ends too soon' : 'the layer is not a valid gzip stream'} (zlib: ${error.message})`, {
        hint: cut ? 'the layer was cut short when it was pushed, or is corrupt; push it again' : 'the layer is corrupt, or not the tar+gzip its media type says; push it again',
        cause: error,
    });
}
//# sourceMappingURL=safe-extract.js.map

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

/***/ }),

/***/ 73730:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./packages/core/dist/artifact/file-source.js
var file_source = __webpack_require__(92057);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/fs/atomic-write.js
var atomic_write = __webpack_require__(43901);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/registry/read-bounded.js
var read_bounded = __webpack_require__(68218);
// EXTERNAL MODULE: ./packages/core/dist/registry/remote-repository.js + 4 modules
var remote_repository = __webpack_require__(33114);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./packages/core/dist/artifact/safe-extract.js
var safe_extract = __webpack_require__(23120);
;// CONCATENATED MODULE: ./packages/core/dist/helm/chart-archive.js
/**
 * Reads what a Helm chart archive (`helm package`'s `.tgz`) says about itself:
 * its `Chart.yaml` (and a v1 chart's `requirements.yaml`), found as Helm's
 * loader finds them: below the archive's one top directory. The archive is
 * streamed (gunzip, then node-tar's parser), with Helm's own bounds on what it
 * may expand to; nothing is written to disk.
 */






/** Helm's `MaxDecompressedChartSize`: what a whole chart may expand to. */
const MAX_CHART_EXPANDED_BYTES = 100 * 1024 * 1024;
/** Helm's `MaxDecompressedFileSize`: what one file of a chart may be. */
const MAX_CHART_FILE_BYTES = 5 * 1024 * 1024;
/** The chart's own files of interest, or an error saying why this is not a chart archive. */
async function readChartArchive(path) {
    const notAChart = (reason, hint = 'package the chart with `helm package <chart-dir>`, which writes <name>-<version>.tgz') => new errors/* OcikitError */.Gu('INVALID_INPUT', `${path} is not a Helm chart archive: ${reason}`, { hint });
    const info = await (0,promises_.stat)(path).catch((error) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path of the chart archive' });
    });
    if (info.isDirectory())
        throw notAChart('it is a directory', 'helm push takes the packaged chart: run `helm package <dir>` first');
    if (!info.isFile())
        throw notAChart('it is not a regular file');
    const magic = Buffer.alloc(2);
    const handle = await (0,promises_.open)(path, 'r');
    try {
        await handle.read(magic, 0, 2, 0);
    }
    finally {
        await handle.close();
    }
    if (magic[0] !== 0x1f || magic[1] !== 0x8b)
        throw notAChart('it is not gzip-compressed');
    const found = new Map();
    const { Parser } = await __webpack_require__.e(/* import() */ 697).then(__webpack_require__.bind(__webpack_require__, 98697)); // loaded here: only helm verbs read charts
    const parser = new Parser({ strict: true });
    let failure;
    const fail = (error) => {
        failure ??= error;
    };
    parser.on('entry', (entry) => {
        const problem = (0,safe_extract/* unsafePathReason */.m0)(entry.path);
        if (problem) {
            fail(notAChart(`the entry "${entry.path.slice(0, 200)}" ${problem}`));
            entry.resume();
            return;
        }
        const parts = entry.path.replace(/^(\.\/)+/, '').split('/').filter((p) => p !== '' && p !== '.');
        if (parts.length === 1 && parts[0] === 'Chart.yaml')
            fail(notAChart('its Chart.yaml is not inside the chart directory'));
        const name = parts.slice(1).join('/');
        if (['File', 'OldFile', 'ContiguousFile'].includes(entry.type) && parts.length === 2 && (name === 'Chart.yaml' || name === 'requirements.yaml')) {
            if (found.has(name) && found.get(name).directory !== parts[0]) {
                fail(notAChart(`it holds two charts (${found.get(name).directory}/ and ${parts[0]}/)`));
            }
            const chunks = [];
            let size = 0;
            entry.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_CHART_FILE_BYTES)
                    fail(notAChart(`its ${name} is larger than ${MAX_CHART_FILE_BYTES} bytes`));
                else
                    chunks.push(chunk);
            });
            entry.on('end', () => found.set(name, { directory: parts[0], bytes: Buffer.concat(chunks) }));
            return;
        }
        entry.resume();
    });
    parser.on('error', (error) => fail(notAChart(`its tar is broken (${error.message})`)));
    const ended = (0,external_node_events_.once)(parser, 'end');
    ended.catch(() => { }); // a parser error is reported through `failure`
    const gunzip = (0,external_node_zlib_.createGunzip)();
    let expanded = 0;
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(path).pipe(gunzip)) {
            expanded += chunk.length;
            if (expanded > MAX_CHART_EXPANDED_BYTES) {
                fail(notAChart(`it expands to more than ${MAX_CHART_EXPANDED_BYTES} bytes (Helm's limit for a chart)`));
            }
            if (failure)
                break;
            if (!parser.write(chunk))
                await (0,external_node_events_.once)(parser, 'drain');
        }
    }
    catch (error) {
        fail(notAChart(`its gzip stream is broken (${error.message})`));
    }
    if (failure) {
        gunzip.destroy();
        throw failure;
    }
    parser.end();
    await ended.catch(() => undefined);
    if (failure)
        throw failure;
    const chart = found.get('Chart.yaml');
    if (!chart)
        throw notAChart('it has no Chart.yaml in its top directory');
    const requirements = found.get('requirements.yaml');
    return {
        directory: chart.directory,
        chartYaml: chart.bytes,
        ...(requirements && requirements.directory === chart.directory ? { requirementsYaml: requirements.bytes } : {}),
    };
}
//# sourceMappingURL=chart-archive.js.map
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
;// CONCATENATED MODULE: ./packages/core/dist/helm/chart-metadata.js
/**
 * A chart's `Chart.yaml` as Helm loads it, and the bytes Helm derives from it:
 * the OCI config (`json.Marshal` of Helm's `chart.Metadata`, so struct field
 * order, `omitempty`, sorted map keys, Go's HTML escaping) and the manifest
 * annotations (`generateOCIAnnotations`). Sources: helm/helm
 * `pkg/chart/metadata.go`, `pkg/chart/dependency.go` (struct tags and
 * `Validate`, which also sanitises strings), `pkg/chart/loader/load.go`
 * (`requirements.yaml` of v1 charts), `pkg/registry/util.go`.
 */


/** SemVer 2.0.0 (semver.org's own pattern): what a chart version must be. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const ALIAS = /^[a-zA-Z0-9_-]+$/;
function isSemVer(version) {
    return SEMVER.test(version);
}
/**
 * Parses and validates `Chart.yaml` (plus a v1 chart's `requirements.yaml`)
 * the way Helm's loader does, and checks more than Helm's `Validate` where a
 * registry would otherwise get something helm cannot use: apiVersion is v1
 * or v2 (what `helm lint` demands), version is strict SemVer 2.
 */
function parseChartMetadata(chartYaml, requirementsYaml, where) {
    const raw = loadYamlMapping(chartYaml, `${where}: Chart.yaml`);
    if (requirementsYaml) {
        const requirements = loadYamlMapping(requirementsYaml, `${where}: requirements.yaml`);
        if (requirements.dependencies !== undefined)
            raw.dependencies = requirements.dependencies;
    }
    const bad = (reason, hint) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${where}: Chart.yaml ${reason}`, hint ? { hint } : {});
    };
    const field = new FieldReader(bad);
    const metadata = {};
    const put = (key, value) => {
        if (value !== undefined && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0))
            metadata[key] = value;
    };
    // chart.Metadata's fields, in its order; Validate sanitises the ones marked so.
    put('name', sanitize(field.string(raw, 'name')));
    put('home', sanitize(field.string(raw, 'home')));
    put('sources', field.strings(raw, 'sources')?.map(sanitize));
    put('version', field.string(raw, 'version'));
    put('description', sanitize(field.string(raw, 'description')));
    put('keywords', field.strings(raw, 'keywords')?.map(sanitize));
    put('maintainers', field.list(raw, 'maintainers')?.map((m, i) => maintainer(m, i, field, bad)));
    put('icon', sanitize(field.string(raw, 'icon')));
    put('apiVersion', field.string(raw, 'apiVersion'));
    put('condition', sanitize(field.string(raw, 'condition')));
    put('tags', sanitize(field.string(raw, 'tags')));
    put('appVersion', sanitize(field.string(raw, 'appVersion')));
    put('deprecated', field.bool(raw, 'deprecated'));
    const annotations = field.stringMap(raw, 'annotations');
    if (annotations && Object.keys(annotations).length)
        metadata.annotations = sortKeys(annotations);
    put('kubeVersion', sanitize(field.string(raw, 'kubeVersion')));
    put('dependencies', field.list(raw, 'dependencies')?.map((d, i) => dependency(d, i, field, bad)));
    put('type', field.string(raw, 'type'));
    const apiVersion = metadata.apiVersion;
    if (!apiVersion)
        bad('has no apiVersion', 'Helm 3 charts say apiVersion: v2');
    if (apiVersion !== 'v1' && apiVersion !== 'v2')
        bad(`has apiVersion "${apiVersion}"; Helm knows v1 and v2`);
    const name = metadata.name;
    if (!name)
        bad('has no name');
    if (name === '.' || name === '..' || name.includes('/') || name.includes('\\'))
        bad(`name "${name}" is not allowed`, 'a chart name is a plain name, e.g. my-app');
    const version = metadata.version;
    if (!version)
        bad('has no version', 'a chart version is SemVer 2, e.g. 1.2.3');
    if (!isSemVer(version))
        bad(`version "${version}" is not a SemVer 2 version`, 'write MAJOR.MINOR.PATCH with optional -prerelease and +build, e.g. 1.2.3 or 1.2.3-rc.1+build.5');
    if (!['', undefined, 'application', 'library'].includes(metadata.type))
        bad('type must be application or library');
    const seen = new Map();
    for (const d of metadata.dependencies ?? []) {
        const key = d.alias || d.name;
        if (seen.has(key))
            bad(`has more than one dependency with name or alias "${key}"`);
        seen.set(key, true);
    }
    return metadata;
}
/**
 * The manifest annotations `helm push` writes (helm/helm `pkg/registry/util.go`
 * `generateOCIAnnotations`): description, title, version, url, created,
 * source (the first of `sources`), authors (maintainers as `name (email)`,
 * comma separated), then the chart's own annotations except title and
 * version. Values are blank-trimmed for presence and kept as they are (UTF-8:
 * helm 4 escapes nothing beyond what Go's JSON encoder does).
 */
function helmManifestAnnotations(metadata, created) {
    const out = {};
    const add = (key, value) => {
        if (typeof value === 'string' && value.trim().length > 0)
            out[key] = value;
    };
    add('org.opencontainers.image.description', metadata.description);
    add('org.opencontainers.image.title', metadata.name);
    add('org.opencontainers.image.version', metadata.version);
    add('org.opencontainers.image.url', metadata.home);
    add('org.opencontainers.image.created', created);
    const sources = metadata.sources;
    if (sources?.length)
        add('org.opencontainers.image.source', sources[0]);
    const maintainers = metadata.maintainers;
    if (maintainers?.length) {
        add('org.opencontainers.image.authors', maintainers.map((m) => `${m.name ?? ''}${m.email ? ` (${m.email})` : ''}`).join(', '));
    }
    for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
        if (key === 'org.opencontainers.image.version' || key === 'org.opencontainers.image.title')
            continue;
        out[key] = value;
    }
    return sortKeys(out);
}
/**
 * JSON as Go's `encoding/json` writes it: compact, and `<`, `>`, `&`, U+2028
 * and U+2029 escaped. Objects keep the key order they are built in (callers
 * sort map keys, as Go does for maps, and keep struct order for structs).
 */
function goJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Helm's `sanitizeString`: whitespace becomes a space, what is not printable goes. */
function sanitize(value) {
    if (value === undefined)
        return undefined;
    return value
        .replace(/[\t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g, ' ')
        .replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '');
}
function sortKeys(map) {
    return Object.fromEntries(Object.keys(map).sort().map((key) => [key, map[key]]));
}
/** Arbitrary YAML values (import-values) as Go marshals `interface{}`: maps with sorted keys. */
function goValue(value) {
    if (Array.isArray(value))
        return value.map(goValue);
    if (value !== null && typeof value === 'object')
        return sortKeys(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, goValue(v)])));
    return value;
}
/** The yaml package, loaded on first use rather than with core: only helm verbs read YAML. */
let yaml;
/**
 * @internal Loads the YAML parser ahead of parseChartMetadata, by `import()`, which
 * bundlers follow (the helm action's bundle carries it as a chunk). prepareHelmChart does.
 */
async function loadChartYamlParser() {
    yaml ??= await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 38815, 19));
}
function parseYaml(source, options) {
    // A caller that did not load it first: by require, synchronously, so parsing stays a
    // plain function (for Node, `import` and `require` of yaml both give its CommonJS build).
    yaml ??= (0,external_node_module_.createRequire)(import.meta.url)('yaml');
    return yaml.parse(source, options);
}
function loadYamlMapping(bytes, what) {
    let value;
    try {
        // YAML 1.1, as Helm's go-yaml reads it (yes/no are booleans there too); go-yaml leaves
        // timestamps as the strings they are unless it decodes into a time, which Helm never does.
        value = parseYaml(bytes.toString('utf8'), {
            version: '1.1',
            customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
            maxAliasCount: 100,
            prettyErrors: false,
        });
    }
    catch (error) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not valid YAML`, { detail: error.message.split('\n')[0] });
    }
    if (value === null || value === undefined)
        return {};
    if (typeof value !== 'object' || Array.isArray(value))
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not a YAML mapping`);
    return value;
}
/** Reads fields with Go's conversions (sigs.k8s.io/yaml turns scalars into strings for string fields). */
class FieldReader {
    bad;
    constructor(bad) {
        this.bad = bad;
    }
    string(object, key, where = '') {
        const value = object[key];
        if (value === undefined || value === null)
            return undefined;
        if (typeof value === 'string')
            return value;
        if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
            return String(value);
        return this.bad(`${where}${key} must be a string, not ${Array.isArray(value) ? 'a list' : 'a mapping'}`);
    }
    strings(object, key, where = '') {
        const list = this.list(object, key, where);
        return list?.map((item, i) => this.string({ [`${key}[${i}]`]: item }, `${key}[${i}]`, where) ?? '');
    }
    list(object, key, where = '') {
        const value = object[key];
        if (value === undefined || value === null)
            return undefined;
        if (!Array.isArray(value))
            return this.bad(`${where}${key} must be a list`);
        return value;
    }
    bool(object, key, where = '') {
        const value = object[key];
        if (value === undefined || value === null)
            return undefined;
        if (typeof value !== 'boolean')
            return this.bad(`${where}${key} must be true or false`);
        return value;
    }
    stringMap(object, key) {
        const value = object[key];
        if (value === undefined || value === null)
            return undefined;
        if (typeof value !== 'object' || Array.isArray(value))
            return this.bad(`${key} must be a mapping`);
        const out = {};
        for (const k of Object.keys(value))
            out[k] = this.string(value, k, `${key}.`) ?? '';
        return out;
    }
}
function maintainer(value, i, field, bad) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return bad('maintainers must not contain empty or null nodes');
    const m = value;
    const out = {};
    for (const key of ['name', 'email', 'url']) {
        const v = sanitize(field.string(m, key, `maintainers[${i}].`));
        if (v)
            out[key] = v;
    }
    return out;
}
function dependency(value, i, field, bad) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return bad('dependencies must not contain empty or null nodes');
    const d = value;
    const where = `dependencies[${i}].`;
    const name = sanitize(field.string(d, 'name', where)) ?? '';
    const alias = field.string(d, 'alias', where);
    if (alias && !ALIAS.test(alias))
        bad(`dependency "${name}" has disallowed characters in the alias`);
    const out = { name };
    const version = sanitize(field.string(d, 'version', where));
    if (version)
        out.version = version;
    out.repository = sanitize(field.string(d, 'repository', where)) ?? '';
    const condition = sanitize(field.string(d, 'condition', where));
    if (condition)
        out.condition = condition;
    const tags = field.strings(d, 'tags', where)?.map((t) => sanitize(t));
    if (tags?.length)
        out.tags = tags;
    if (field.bool(d, 'enabled', where))
        out.enabled = true;
    const importValues = field.list(d, 'import-values', where);
    if (importValues?.length)
        out['import-values'] = goValue(importValues);
    const exportValues = field.list(d, 'export-values', where);
    if (exportValues?.length)
        out['export-values'] = goValue(exportValues);
    if (alias)
        out.alias = alias;
    return out;
}
//# sourceMappingURL=chart-metadata.js.map
;// CONCATENATED MODULE: ./packages/core/dist/helm/helm-chart.js
/**
 * Helm charts in the layout `helm push` writes and `helm pull oci://` reads
 * (helm/helm `pkg/registry/client.go` Push and Pull, `constants.go`):
 *
 * - repository `<namespace>/<chart name>`, tag = chart version with `+` as `_`
 *   (OCI tags have no `+`; helm turns `_` back when it lists tags);
 * - config `application/vnd.cncf.helm.config.v1+json`: `json.Marshal` of the
 *   chart metadata;
 * - layers: the `.tgz` as `application/vnd.cncf.helm.chart.content.v1.tar+gzip`
 *   and, when given, the provenance file as
 *   `application/vnd.cncf.helm.chart.provenance.v1.prov`, ordered by digest
 *   (as Helm's current source sorts them "for determinism"; helm reads them by
 *   media type, in any order);
 * - the manifest as Helm marshals `ocispec.Manifest`: `schemaVersion`,
 *   `config`, `layers`, `annotations`, and no `mediaType` field (it is pushed
 *   as `application/vnd.oci.image.manifest.v1+json`); annotations from
 *   `generateOCIAnnotations`.
 *
 * Everything is read and checked before the first request: a file that is not
 * a chart, a bad version, a name that cannot be a repository component are
 * refused with nothing pushed.
 */















const HelmMediaType = {
    Config: 'application/vnd.cncf.helm.config.v1+json',
    ChartContent: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    Provenance: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
    /** What charts pushed before Helm 3.7 carry; helm still pulls them. */
    LegacyChartContent: 'application/tar+gzip',
};
/** Provenance files are a signed YAML digest of a chart: small. */
const MAX_PROVENANCE_BYTES = 1024 * 1024;
/** A chart's config is its Chart.yaml as JSON. */
const MAX_HELM_CONFIG_BYTES = 4 * 1024 * 1024;
/** `oci://host/namespace` (or without the scheme) to the registry and the namespace path. */
function parseHelmRemote(remote) {
    const text = remote.replace(/^oci:\/\//, '').replace(/\/+$/, '');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
        throw new errors/* OcikitError */.Gu('INVALID_REFERENCE', `"${remote}" is not an OCI registry location`, { hint: 'write oci://<registry>/<namespace>, e.g. oci://ghcr.io/org/charts' });
    }
    const slash = text.indexOf('/');
    const registry = slash < 0 ? text : text.slice(0, slash);
    const namespace = slash < 0 ? '' : text.slice(slash + 1);
    if (registry === '')
        throw new errors/* OcikitError */.Gu('INVALID_REFERENCE', `"${remote}" names no registry`, { hint: 'write oci://<registry>/<namespace>' });
    return { registry, namespace };
}
/**
 * The reference a chart goes to. Helm treats the first component of
 * `oci://` as the registry whatever it looks like; the repository and tag are
 * checked against the distribution grammar.
 */
function helmChartReference(remote, name, version) {
    const { registry, namespace } = parseHelmRemote(remote);
    if (/[:@]/.test(namespace)) {
        throw new errors/* OcikitError */.Gu('INVALID_REFERENCE', `"${remote}" has a tag or digest; helm push takes the namespace only`, {
            hint: 'the tag is the chart version: write oci://<registry>/<namespace>',
        });
    }
    const repository = namespace ? `${namespace}/${name}` : name;
    const tag = version.replaceAll('+', '_');
    if (!isValidComponent(name)) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `chart name "${name}" is not a valid repository name component, so it cannot be pushed to ${registry}/${repository}`, {
            hint: 'OCI repository components are lowercase letters and digits, separated by ".", "_", "__" or "-": rename the chart (e.g. my-chart)',
        });
    }
    let parsed;
    try {
        // Checked under a neutral host, so that a registry name without a dot is not read as a Docker Hub path.
        parsed = (0,reference/* parseRegistryReference */.qq)(`localhost/${repository}:${tag}`);
    }
    catch (error) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `chart ${name} ${version} cannot be pushed to ${registry}/${repository}:${tag}`, {
            detail: error.message,
            hint: 'check the namespace after oci://<registry>/: lowercase components separated by /',
        });
    }
    return { kind: 'registry', registry: parseHelmRegistry(registry), repository: parsed.repository, tag };
}
function isValidComponent(name) {
    return /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/.test(name);
}
function parseHelmRegistry(registry) {
    // The host part alone, checked as references check it.
    const parsed = (0,reference/* parseRegistryReference */.qq)(`${registry}/x`);
    return parsed.registry === 'docker.io' && !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(registry) ? registry.toLowerCase() : parsed.registry;
}
/** Reads, validates and lays out a chart archive for `remote`; nothing is sent. */
async function prepareHelmChart(chartPath, remote, options = {}) {
    const files = await readChartArchive(chartPath);
    await loadChartYamlParser();
    const metadata = parseChartMetadata(files.chartYaml, files.requirementsYaml, chartPath);
    const reference = helmChartReference(remote, metadata.name, metadata.version);
    const configBytes = Buffer.from(goJson(metadata));
    const config = bytesSource(configBytes, HelmMediaType.Config);
    const chart = await (0,file_source/* fileBlobSource */.H)(chartPath, { mediaType: HelmMediaType.ChartContent });
    let provenance;
    if (options.provenance !== undefined) {
        const info = await (0,promises_.stat)(options.provenance).catch((error) => {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot read the provenance file ${options.provenance}: ${error.code ?? error.message}`);
        });
        if (!info.isFile() || info.size === 0 || info.size > MAX_PROVENANCE_BYTES) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${options.provenance} is not a provenance file (${info.isFile() ? `${info.size} bytes` : 'not a file'})`, {
                hint: '`helm package --sign` writes <chart>.tgz.prov next to the chart',
            });
        }
        provenance = await (0,file_source/* fileBlobSource */.H)(options.provenance, { mediaType: HelmMediaType.Provenance });
    }
    const created = options.sourceDateEpoch === undefined ? goRfc3339Local((await (0,promises_.stat)(chartPath)).mtime) : new Date(options.sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const layers = [chart, ...(provenance ? [provenance] : [])].map((s) => bare(s.descriptor)).sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
    // ocispec.Manifest as Go marshals it: no mediaType (Helm leaves it empty), struct order.
    const bytes = new TextEncoder().encode(goJson({ schemaVersion: 2, config: bare(config.descriptor), layers, annotations: helmManifestAnnotations(metadata, created) }));
    (0,oci_manifest/* parseManifest */.Ng)(bytes, `the manifest for ${metadata.name}`, media_types/* MediaType */.zu.ImageManifest);
    const descriptor = { mediaType: media_types/* MediaType */.zu.ImageManifest, digest: (0,digest/* digestOf */.ol)(bytes), size: bytes.length };
    return { metadata, reference, config, chart, ...(provenance ? { provenance } : {}), manifest: { descriptor, bytes } };
}
/** Pushes a prepared chart: the blobs, then the manifest under the version tag. */
async function pushPreparedChart(target, prepared, options = {}) {
    for (const source of [prepared.chart, ...(prepared.provenance ? [prepared.provenance] : []), prepared.config]) {
        await target.pushBlob(source, options.progress ? { progress: options.progress } : {});
    }
    const { descriptor, bytes } = prepared.manifest;
    options.progress?.start?.(descriptor, `chart ${prepared.metadata.name}:${prepared.reference.tag}`, target.storing);
    await target.pushManifest(descriptor, bytes, prepared.reference.tag);
    options.progress?.done?.(descriptor, (0,progress/* storedOutcome */.Kh)(target.storing));
    return {
        descriptor,
        reference: prepared.reference,
        metadata: prepared.metadata,
        config: prepared.config.descriptor,
        chart: prepared.chart.descriptor,
        ...(prepared.provenance ? { provenance: prepared.provenance.descriptor } : {}),
    };
}
/** `ocikit helm push <chart.tgz> oci://<registry>/<namespace> [--prov f]`. */
async function pushHelmChart(chartPath, remote, options = {}) {
    const prepared = await prepareHelmChart(chartPath, remote, options);
    const target = new remote_repository/* RemoteRepository */.N(prepared.reference, options);
    try {
        return await pushPreparedChart(target, prepared, options.progress ? { progress: options.progress } : {});
    }
    finally {
        await target.close();
    }
}
/** `ocikit helm pull oci://<registry>/<namespace>/<name> [--version v]`: the chart as `helm pull` writes it. */
async function pullHelmChart(remote, options = {}) {
    const { registry, namespace } = parseHelmRemote(remote);
    if (namespace === '') {
        throw new errors/* OcikitError */.Gu('INVALID_REFERENCE', `"${remote}" names no chart`, { hint: 'write oci://<registry>/<namespace>/<chart name>' });
    }
    const at = (0,reference/* parseRegistryReference */.qq)(`localhost/${namespace}`);
    if (at.digest !== undefined)
        throw new errors/* OcikitError */.Gu('INVALID_REFERENCE', `${remote}: pull a chart by its version, not by digest`, { hint: `use ${(0,errors/* optionRef */.$j)('version')}` });
    if (at.tag !== undefined && options.version !== undefined && at.tag !== options.version.replaceAll('+', '_')) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${remote} names version ${at.tag}, but ${(0,errors/* optionRef */.$j)('version')} says ${options.version}`);
    }
    if (options.version !== undefined && !isSemVer(options.version)) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${(0,errors/* optionRef */.$j)('version')} "${options.version}" is not a SemVer 2 version`, { hint: 'give the exact chart version, e.g. 1.2.3' });
    }
    const repository = { kind: 'registry', registry: parseHelmRegistry(registry), repository: at.repository };
    const target = new remote_repository/* RemoteRepository */.N(repository, options);
    try {
        const tag = options.version?.replaceAll('+', '_') ?? at.tag ?? (await latestVersionTag(target));
        const fetched = await target.fetchManifest(tag);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `${target.name}:${tag}`, fetched.descriptor.mediaType);
        if ((0,oci_manifest/* isIndex */.nw)(manifest))
            throw notAChart(target.name, tag, 'it is an index');
        const config = manifest.config;
        if (config.mediaType !== HelmMediaType.Config)
            throw notAChart(target.name, tag, `its config is ${config.mediaType}`);
        const chartLayer = manifest.layers.find((l) => l.mediaType === HelmMediaType.ChartContent || l.mediaType === HelmMediaType.LegacyChartContent);
        if (!chartLayer)
            throw notAChart(target.name, tag, `it has no ${HelmMediaType.ChartContent} layer`);
        const provLayer = manifest.layers.find((l) => l.mediaType === HelmMediaType.Provenance);
        if (options.provenance && !provLayer) {
            throw new errors/* OcikitError */.Gu('NOT_FOUND', `${target.name}:${tag} has no provenance layer`, { hint: `pull without ${(0,errors/* optionRef */.$j)('prov')}, or push the chart with its .prov file` });
        }
        const meta = await readHelmConfig(target, config, `${target.name}:${tag}`);
        const fileName = `${meta.name}-${meta.version}.tgz`;
        const outputDir = options.outputDir ?? '.';
        const path = (0,external_node_path_.join)(outputDir, fileName);
        options.progress?.start?.(chartLayer, fileName, 'download');
        await (0,atomic_write/* writeStreamAtomic */.Zs)(path, await target.fetchBlob(chartLayer));
        options.progress?.done?.(chartLayer, 'downloaded');
        let provenancePath;
        if (options.provenance && provLayer) {
            provenancePath = `${path}.prov`;
            const bytes = await (0,read_bounded/* readBounded */.C)(await target.fetchBlob(provLayer), MAX_PROVENANCE_BYTES, `provenance of ${target.name}:${tag}`);
            await (0,atomic_write/* writeFileAtomic */.Zf)(provenancePath, bytes);
        }
        return {
            descriptor: fetched.descriptor,
            reference: { ...repository, tag },
            name: meta.name,
            version: meta.version,
            path,
            ...(provenancePath ? { provenancePath } : {}),
        };
    }
    finally {
        await target.close();
    }
}
/** The highest SemVer tag that is not a pre-release (what `helm pull` takes without --version). */
async function latestVersionTag(target) {
    const versions = (await target.tags())
        .map((tag) => ({ tag, version: tag.replaceAll('_', '+') }))
        .filter((t) => isSemVer(t.version) && !/^[^+]*-/.test(t.version));
    if (versions.length === 0) {
        throw new errors/* OcikitError */.Gu('NOT_FOUND', `${target.name} has no chart version tags`, { hint: `push a chart first, or pass ${(0,errors/* optionRef */.$j)('version')}` });
    }
    versions.sort((a, b) => compareSemVer(b.version, a.version));
    return versions[0].tag;
}
/** SemVer precedence of two release versions (build metadata ignored). */
function compareSemVer(a, b) {
    const core = (v) => v.split(/[-+]/)[0].split('.').map(Number);
    const [x, y] = [core(a), core(b)];
    for (let i = 0; i < 3; i++)
        if (x[i] !== y[i])
            return x[i] - y[i];
    return 0;
}
async function readHelmConfig(target, config, what) {
    if (config.size > MAX_HELM_CONFIG_BYTES)
        throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `the config of ${what} is over ${MAX_HELM_CONFIG_BYTES} bytes`);
    const bytes = await (0,read_bounded/* readBounded */.C)(await target.fetchBlob(config), MAX_HELM_CONFIG_BYTES, `config of ${what}`);
    let meta;
    try {
        meta = JSON.parse(bytes.toString('utf8'));
    }
    catch (error) {
        throw notAChart(target.name, what, `its config is not JSON (${error.message})`);
    }
    const name = meta.name;
    const version = meta.version;
    // They become a file name: a plain one only.
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || typeof version !== 'string' || !isSemVer(version)) {
        throw notAChart(target.name, what, 'its config names no valid chart name and version');
    }
    return { name, version };
}
function notAChart(name, tag, reason) {
    return new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${name}:${tag} is not a Helm chart: ${reason}`, {
        hint: 'pull it with `ocikit pull`, or check the repository',
    });
}
/**
 * A time as Go's `t.Format(time.RFC3339)` writes a local time (helm's pusher
 * formats the chart file's mtime so): whole seconds in the local zone, `Z`
 * when the zone is UTC, else its offset as `+hh:mm`.
 */
function goRfc3339Local(time) {
    const offset = -Math.trunc(time.getTimezoneOffset());
    const two = (n) => String(n).padStart(2, '0');
    const local = `${String(time.getFullYear()).padStart(4, '0')}-${two(time.getMonth() + 1)}-${two(time.getDate())}T${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
    if (offset === 0)
        return `${local}Z`;
    const abs = Math.abs(offset);
    return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
function bytesSource(bytes, mediaType) {
    return {
        descriptor: { mediaType, digest: (0,digest/* digestOf */.ol)(bytes), size: bytes.length },
        open: (start = 0, end = bytes.length - 1) => external_node_stream_.Readable.from([bytes.subarray(start, end + 1)]),
    };
}
function bare(descriptor) {
    return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}
//# sourceMappingURL=helm-chart.js.map
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
;// CONCATENATED MODULE: ./packages/core/dist/results/helm-result-json.js

function helmPushResultJson(result) {
    return {
        reference: (0,reference/* pinnedReference */.ct)(result.reference, result.reference.tag, result.descriptor.digest),
        ...result.descriptor,
        name: result.metadata.name,
        version: result.metadata.version,
        config: result.config,
        chart: result.chart,
        ...(result.provenance ? { provenance: result.provenance } : {}),
    };
}
function helmPullResultJson(result) {
    return {
        reference: (0,reference/* pinnedReference */.ct)(result.reference, result.reference.tag, result.descriptor.digest),
        ...result.descriptor,
        name: result.name,
        version: result.version,
        path: result.path,
        provenance: result.provenancePath,
    };
}
//# sourceMappingURL=helm-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/helm.js
/** helm's job summary: the chart, its version, where it went or came from, with sizes. */


const row = (what, d) => [what, (0,summary/* code */.aY)(d.mediaType), (0,summary/* formatBytes */.z3)(d.size), (0,summary/* code */.aY)(d.digest)];
async function writeHelmPushSummary(json) {
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z
        .addHeading('ocikit helm push', 3)
        .addTable([(0,summary/* header */.wx)('Chart', 'Version', 'Reference'), [(0,summary/* code */.aY)(json.name), (0,summary/* code */.aY)(json.version), (0,summary/* code */.aY)(json.reference)]])
        .addTable([
        (0,summary/* header */.wx)('Blob', 'Media type', 'Size', 'Digest'),
        row('chart', json.chart),
        ...(json.provenance ? [row('provenance', json.provenance)] : []),
        row('config (Chart.yaml)', json.config),
    ]));
}
async function writeHelmPullSummary(json) {
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z
        .addHeading('ocikit helm pull', 3)
        .addTable([
        (0,summary/* header */.wx)('Chart', 'Version', 'Reference', 'Written'),
        [(0,summary/* code */.aY)(json.name), (0,summary/* code */.aY)(json.version), (0,summary/* code */.aY)(json.reference), [json.path, json.provenance].filter(Boolean).map((p) => (0,summary/* code */.aY)(p)).join(' ')],
    ]));
}
//# sourceMappingURL=helm.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/helm.js
/**
 * helm: push a packaged chart as `helm push` does, or pull one as `helm pull
 * oci://` does, the same core calls as `ocikit helm push|pull` (pushHelmChart,
 * pullHelmChart). `chart` is the .tgz to push, or the name of the chart to pull.
 */







const COMMANDS = ['push', 'pull'];
async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('helm', async (secrets, signal) => {
        const { progress, connection, command, repository, chart } = (0,target_options/* startStep */.bP)(env, secrets, signal, () => {
            const command = (0,inputs/* getChoice */.m)('command', COMMANDS, 'push', env);
            const repository = (0,inputs/* getRequired */.kA)('repository', env).replace(/\/+$/, '');
            const chart = (0,inputs/* getRequired */.kA)('chart', env);
            return { command, repository, chart, registries: [parseHelmRemote(repository).registry] };
        });
        if (command === 'push') {
            const provenance = (0,inputs/* getString */.AA)('provenance', env);
            const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
            const result = await pushHelmChart(chart, repository, {
                ...connection,
                ...(provenance ? { provenance } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                progress,
            });
            const json = helmPushResultJson(result);
            core/* info */.pq(`Pushed ${json.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, version: json.version, file: '', json });
            await writeHelmPushSummary(json);
            return;
        }
        const version = (0,inputs/* getString */.AA)('version', env);
        const result = await pullHelmChart(`${repository}/${chart}`, {
            ...connection,
            ...(version ? { version } : {}),
            outputDir: (0,inputs/* getString */.AA)('path', env) || '.',
            ...((0,inputs/* getBoolean */.pW)('provenance', false, env) ? { provenance: true } : {}),
            progress,
        });
        const json = helmPullResultJson(result);
        core/* info */.pq(`Pulled ${json.reference} into ${json.path}`);
        (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, version: json.version, file: json.path, json });
        await writeHelmPullSummary(json);
    });
}
//# sourceMappingURL=helm.js.map

/***/ })

};
