// Tells which of the user's files is which: training/test images/labels in IDX format, gzip or
// not. Each file's IDX header is read (the first bytes, decompressed when the file is gzip):
// magic 0x00000803 is images, 0x00000801 labels; the item counts and the file names tell
// training from test. The worker parses the files in full; this only finds the four roles and
// says clearly what is missing or wrong before anything large is read.

import { isGzip } from '../../../lib/shared/gzip.js';
import { integer } from '../../../lib/shared/format.js';
import { MAX_DATA_FILE_BYTES, ROLES, ROLE_NAMES } from '../shared/contract.js';

/** @typedef {import('../shared/contract.js').Role} Role */
/**
 * What a file's header says.
 * @typedef {object} Inspection
 * @property {'images' | 'labels' | null} kind
 * @property {number} [count]        items in the file
 * @property {number} [rows]         images only
 * @property {number} [cols]
 * @property {boolean} [gzip]
 * @property {string} [firstLabels]  labels only: the first eight, comma-separated
 * @property {string} [problem]      why it is not an IDX file
 * @property {boolean} [unknown]     gzip, but this browser cannot look inside
 */
/** @typedef {Inspection & {file: File, kind: 'images' | 'labels', split: 'train' | 'test' | null}} Candidate */

/** @type {Record<Role, string>} */
const ROLE_EXAMPLES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};
const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;
const HEADER_BYTES = 16;
/** Fashion-MNIST's first eight labels, which no other dataset is likely to share in both files:
 *  they recognise it when its files keep MNIST's names (as Debian's package does). */
const FASHION_FIRST_LABELS = { train: '9,0,0,3,0,2,7,2', test: '9,2,1,1,6,1,4,6' };
/** Enough compressed bytes to decompress a 16-byte header from. */
const PEEK_BYTES = 4096;

/** The first HEADER_BYTES of the file's content (decompressed if gzip), or null if unreadable.
 *  @param {Blob} file  @returns {Promise<{gzip: boolean, bytes: Uint8Array | null}>} */
async function readHeader(file) {
  const head = new Uint8Array(await file.slice(0, PEEK_BYTES).arrayBuffer());
  const gzip = isGzip(head);
  if (!gzip) return { gzip, bytes: head.subarray(0, HEADER_BYTES) };
  if (typeof DecompressionStream !== 'function') return { gzip, bytes: null };
  // A prefix of a gzip stream decompresses to a prefix of its content; the stream's complaint
  // about the missing end comes later and is ignored.
  const reader = new Blob([head]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const out = new Uint8Array(HEADER_BYTES);
  let length = 0;
  try {
    while (length < HEADER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, HEADER_BYTES - length);
      out.set(value.subarray(0, take), length);
      length += take;
    }
  } catch {
    // Corrupt or cut short: whatever was decompressed is judged below.
  }
  reader.cancel().catch(() => {});
  return { gzip, bytes: out.subarray(0, length) };
}

/**
 * What a file looks like.
 * @param {File} file
 * @returns {Promise<Inspection>}
 */
export async function inspectFile(file) {
  let header;
  try {
    header = await readHeader(file);
  } catch (error) {
    return {
      kind: null,
      problem: `${file.name} could not be read: ${error instanceof Error ? error.message : error}`,
    };
  }
  const { gzip, bytes } = header;
  if (!bytes) return { kind: null, gzip, unknown: true };
  if (bytes.length < 8) {
    return { kind: null, gzip, problem: `${file.name} is too short to be an IDX file` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const magic = view.getUint32(0);
  const count = view.getUint32(4);
  if (magic === LABELS_MAGIC) {
    return { kind: 'labels', count, gzip, firstLabels: Array.from(bytes.subarray(8, 16)).join(',') };
  }
  if (magic === IMAGES_MAGIC && bytes.length >= 16) {
    return { kind: 'images', count, rows: view.getUint32(8), cols: view.getUint32(12), gzip };
  }
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    kind: null,
    gzip,
    problem: `${file.name} is not an IDX image or label file (it starts with ${hex}${gzip ? ' once decompressed' : ''})`,
  };
}

/** @param {string} name  @returns {'train' | 'test' | null} */
function splitFromName(name) {
  const lower = name.toLowerCase();
  if (/t10k|test/.test(lower)) return 'test';
  if (/train/.test(lower)) return 'train';
  return null;
}

/** @param {string} name  @returns {'images' | 'labels' | null} */
function kindFromName(name) {
  const lower = name.toLowerCase();
  if (/image|idx3/.test(lower)) return 'images';
  if (/label|idx1/.test(lower)) return 'labels';
  return null;
}

/**
 * Finds the four files among those given.
 * @param {File[]} files
 * @param {string} [folder]  the name of a dropped folder, if any (it may say "fashion")
 * @returns {Promise<{roles: Partial<Record<Role, File>>, problems: string[], name: string,
 *                    fashion: boolean}>}  problems empty: the four roles are filled
 */
export async function identifyFiles(files, folder = '') {
  /** @type {string[]} */
  const problems = [];
  const tooLarge = files.filter((file) => file.size > MAX_DATA_FILE_BYTES);
  for (const file of tooLarge) {
    problems.push(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB: each file may be at most 128 MB`);
  }
  const namedFashion = [folder, ...files.map((f) => f.name)].some((name) => /fashion/i.test(name));
  const named = (/** @type {boolean} */ fashion) => (fashion ? 'Fashion-MNIST' : folder || 'your dataset');
  if (problems.length) return { roles: {}, problems, name: named(namedFashion), fashion: namedFashion };

  const inspected = await Promise.all(files.map(async (file) => ({ file, ...(await inspectFile(file)) })));
  /** @type {Candidate[]} */
  const candidates = [];
  for (const entry of inspected) {
    // A stray file (a README beside the data) is only a problem if a role ends up missing.
    if (entry.problem) continue;
    const kind = entry.kind || kindFromName(entry.file.name);
    if (!kind) continue;
    candidates.push({ ...entry, kind, split: splitFromName(entry.file.name) });
  }
  // Files whose name does not say train or test: of two of a kind, the larger one trains.
  for (const kind of ['images', 'labels']) {
    const unnamed = candidates.filter((c) => c.kind === kind && !c.split);
    const named = candidates.filter((c) => c.kind === kind && c.split);
    if (unnamed.length === 1 && named.length === 1) {
      unnamed[0].split = named[0].split === 'train' ? 'test' : 'train';
    } else if (unnamed.length === 2) {
      const [a, b] = unnamed;
      if (a.count == null || b.count == null) continue;
      a.split = a.count >= b.count ? 'train' : 'test';
      b.split = a.split === 'train' ? 'test' : 'train';
    }
  }

  /** @type {Partial<Record<Role, File>>} */
  const roles = {};
  /** @type {Partial<Record<Role, Candidate>>} */
  const holders = {};
  for (const c of candidates) {
    if (!c.split) {
      problems.push(
        `${c.file.name}: cannot tell whether it holds training or test ${c.kind} (name it train-… or t10k-…)`,
      );
      continue;
    }
    const role = /** @type {Role} */ (`${c.split}${c.kind === 'images' ? 'Images' : 'Labels'}`);
    if (holders[role]) {
      problems.push(
        `two files look like the ${ROLE_NAMES[role]}: ${holders[role].file.name} and ${c.file.name}`,
      );
      continue;
    }
    holders[role] = c;
    roles[role] = c.file;
  }
  const missing = ROLES.filter((role) => !roles[role]);
  if (missing.length) {
    // A file that is not IDX probably stands for a missing one: say so first.
    for (const entry of inspected) if (entry.problem) problems.push(entry.problem);
  }
  for (const role of missing) {
    problems.push(`the ${ROLE_NAMES[role]} file is missing (like ${ROLE_EXAMPLES[role]})`);
  }

  // What the header already shows: the image size, and images and labels that do not pair up.
  for (const split of /** @type {const} */ (['train', 'test'])) {
    const images = holders[`${split}Images`];
    const labels = holders[`${split}Labels`];
    const what = split === 'train' ? 'training' : 'test';
    if (images && images.rows != null && (images.rows !== 28 || images.cols !== 28)) {
      problems.push(
        `the ${what} images are ${images.rows} × ${images.cols} pixels: this network reads 28 × 28 images`,
      );
    }
    if (images && labels && images.count != null && labels.count != null && images.count !== labels.count) {
      problems.push(
        `${images.file.name} holds ${integer(images.count)} images but ${labels.file.name} ${integer(labels.count)} labels`,
      );
    }
  }
  const fashion =
    namedFashion ||
    (holders.trainLabels?.firstLabels === FASHION_FIRST_LABELS.train &&
      holders.testLabels?.firstLabels === FASHION_FIRST_LABELS.test);
  return { roles, problems, name: named(fashion), fashion };
}
