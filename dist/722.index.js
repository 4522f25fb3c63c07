export const id = 722;
export const ids = [722];
export const modules = {

/***/ 35469:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L3: () => (/* binding */ parseFileArgument),
/* harmony export */   Q9: () => (/* binding */ titleProblem),
/* harmony export */   Tq: () => (/* binding */ checkTitle),
/* harmony export */   zm: () => (/* binding */ titleForPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87536);
/* harmony import */ var _util_printable_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69172);




/**
 * Splits `path[:mediaType]`. The part after the last `:` is a media type only if
 * it looks like one (`type/subtype`), so paths with colons still work. A trailing
 * `:` says "no media type" (oras's `hi:txt:` for the file `hi:txt`).
 */
function parseFileArgument(argument) {
    const colon = argument.lastIndexOf(':');
    if (colon > 0 && colon === argument.length - 1)
        return { path: argument.slice(0, colon) };
    if (colon > 0) {
        const candidate = argument.slice(colon + 1);
        if (candidate.includes('/') && (0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isValidMediaType */ .Hw)(candidate))
            return { path: argument.slice(0, colon), mediaType: candidate };
    }
    if (argument === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', 'an empty file argument was given');
    return { path: argument };
}
/**
 * The title a file gets in the artifact (and the path it is pulled back to): the
 * path as given, in POSIX form, when it stays below the working directory, else
 * its base name (an absolute or `../` path must not become a pull target).
 */
function titleForPath(path) {
    const normalized = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.normalize)(path).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/').replace(/\/+$/, '');
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) || normalized === '..' || normalized.startsWith('../') || normalized === '.' || normalized === '') {
        return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(normalized === '.' || normalized === '' ? process.cwd().split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/') : normalized);
    }
    return normalized;
}
/**
 * Checks a layer title before anything is written under it. Titles come from the
 * registry, which may be hostile: they must name a path inside the output.
 */
function checkTitle(title) {
    const problem = titleProblem(title);
    if (problem) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('UNSAFE_PATH', `refusing layer title "${(0,_util_printable_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g)(title.slice(0, 200))}": ${problem}`, {
            hint: 'the artifact was pushed with a title that would write outside the output directory',
        });
    }
}
/**
 * Why a title cannot name a file inside an output directory, or undefined when it
 * can. A title is a file name that is also printed (logs, the pull action's
 * one-path-a-line `files` output): a control character in it could end a line.
 */
function titleProblem(title) {
    return title === ''
        ? 'it is empty'
        : title.includes('\0')
            ? 'it contains a NUL byte'
            : (0,_util_printable_js__WEBPACK_IMPORTED_MODULE_3__/* .hasControlCharacters */ .K)(title)
                ? 'it contains a control character (a line break, a tab, an escape)'
                : title.startsWith('/') || /^[A-Za-z]:/.test(title)
                    ? 'it is an absolute path'
                    : title.includes('\\')
                        ? 'it contains a backslash'
                        : title.split('/').some((part) => part === '..')
                            ? 'it contains ".."'
                            : title.split('/').every((part) => part === '.' || part === '')
                                ? 'it names no file'
                                : undefined;
}
//# sourceMappingURL=artifact-inputs.js.map

/***/ }),

/***/ 22051:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ formatFileMode),
/* harmony export */   Px: () => (/* binding */ parseFileMode),
/* harmony export */   ZU: () => (/* binding */ FILE_MODE_ANNOTATION)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/**
 * A file layer is the file's bytes and nothing else: no mode. So that a
 * released binary comes back executable, push records the permission bits of
 * an executable file in a layer annotation and pull applies them. The layer
 * stays the file itself (its digest is the file's sha256, what checksum lists
 * publish; `curl` and `oras pull` get the file as it is); a tar would carry the
 * mode but hide the file behind another digest.
 */

/** Octal permission bits of a file layer, e.g. `0755`: set by push for executables, applied by pull. */
const FILE_MODE_ANNOTATION = 'io.ocikit.file.mode';
/**
 * What pull may grant, whatever the annotation says: permission bits only
 * (never setuid, setgid or sticky), and no write for group or others (a
 * umask of 022), so a hostile artifact cannot leave world-writable files.
 */
const GRANTABLE = 0o755;
function formatFileMode(mode) {
    return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}
/** The mode to give a pulled file, from its annotation; undefined when there is none. */
function parseFileMode(value, title) {
    if (value === undefined)
        return undefined;
    if (!/^0?[0-7]{3}$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_MANIFEST', `layer "${title.slice(0, 200)}" has a malformed ${FILE_MODE_ANNOTATION} annotation "${value.slice(0, 20)}"`, {
            hint: 'expected octal permission bits such as 0755',
        });
    }
    return Number.parseInt(value, 8) & GRANTABLE;
}
//# sourceMappingURL=file-mode.js.map

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

/***/ })

};
