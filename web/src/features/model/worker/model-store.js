// Keeps the model the user has (one trained or uploaded here) in IndexedDB, so it survives a
// reload; the database is named per deployment (two copies of the site at two paths of one origin
// keep their own). Storage can be unavailable (private browsing, quota): every call then quietly
// does nothing. Calls run one after another, so a forget never overtakes the keep before it.

const STORE = 'models';
const KEY = 'kept';

/** @typedef {{bytes: Uint8Array, info: import('../shared/contract.js').ModelInfo, savedAt: number}} KeptModel */

/** @param {string} name */
function open(name) {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * @template T
 * @param {string} name
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T>} action
 * @returns {Promise<T>}
 */
async function run(name, mode, action) {
  /** @type {IDBDatabase} */
  const db = await open(name);
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** @type {Promise<unknown>} */
let queue = Promise.resolve();

/**
 * @template T
 * @param {() => Promise<T>} job
 * @param {T} fallback  what a failed job gives
 * @param {string} what  for the warning
 * @returns {Promise<T>}
 */
function queued(job, fallback, what) {
  const result = queue.then(job).catch((error) => {
    console.warn(`could not ${what}: ${error instanceof Error ? error.message : error}`);
    return fallback;
  });
  queue = result;
  return result;
}

/**
 * Keeps a model file and its description.
 * @param {string} name  @param {Uint8Array} bytes  @param {import('../shared/contract.js').ModelInfo} info
 */
export function keepModel(name, bytes, info) {
  return queued(
    () => run(name, 'readwrite', (store) => store.put({ bytes, info, savedAt: Date.now() }, KEY)),
    undefined,
    'keep the model',
  );
}

/** The kept model, or null. */
export function keptModel(/** @type {string} */ name) {
  return queued(
    async () => {
      const record = await run(name, 'readonly', (store) => store.get(KEY));
      return record && record.bytes instanceof Uint8Array ? /** @type {KeptModel} */ (record) : null;
    },
    null,
    'read the kept model',
  );
}

/** Resolves once every store call made so far has finished (kept, forgotten, or failed). */
export function storeSettled() {
  return queue.then(() => undefined);
}

export function forgetModel(/** @type {string} */ name) {
  return queued(
    () => run(name, 'readwrite', (store) => store.delete(KEY)),
    undefined,
    'forget the kept model',
  );
}

// The page before 2026-12-02 kept its last trained model in one database per origin, under
// another key; a visit after the update moves it over (then deletes that database) rather than
// losing it.
const LEGACY_DATABASE = 'mnist-nn';
const LEGACY_KEY = 'last-trained';

/**
 * The model file an earlier version of the page kept, or null; its database is deleted once read
 * (a file that no longer loads is the caller's to drop). Never creates that database.
 * @returns {Promise<Uint8Array | null>}
 */
export function takeLegacyModel() {
  return queued(
    async () => {
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
      const names = (await indexedDB.databases()).map((db) => db.name);
      if (!names.includes(LEGACY_DATABASE)) return null;
      let record = null;
      try {
        record = await run(LEGACY_DATABASE, 'readonly', (store) => store.get(LEGACY_KEY));
      } finally {
        await new Promise((resolve) => {
          const request = indexedDB.deleteDatabase(LEGACY_DATABASE);
          request.onsuccess = request.onerror = request.onblocked = () => resolve(undefined);
        });
      }
      return record && record.bytes instanceof Uint8Array ? record.bytes : null;
    },
    null,
    "read the earlier page's kept model",
  );
}
