// Keeps the last model trained here in IndexedDB, so it survives a reload. Storage can be
// unavailable (private browsing, quota): every call then quietly does nothing.

const DB_NAME = 'mnist-nn';
const STORE = 'models';
const LAST_TRAINED = 'last-trained';

function open() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
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

/** Stores {bytes: Uint8Array, info: ModelInfo, savedAt}. */
export async function keepTrainedModel(bytes, info) {
  try {
    await run('readwrite', (store) => store.put({ bytes, info, savedAt: Date.now() }, LAST_TRAINED));
  } catch (error) {
    console.warn(`could not keep the trained model: ${error.message}`);
  }
}

/** The kept model, or null. */
export async function keptTrainedModel() {
  try {
    const record = await run('readonly', (store) => store.get(LAST_TRAINED));
    return record && record.bytes instanceof Uint8Array ? record : null;
  } catch (error) {
    console.warn(`could not read the kept model: ${error.message}`);
    return null;
  }
}

export async function forgetTrainedModel() {
  try {
    await run('readwrite', (store) => store.delete(LAST_TRAINED));
  } catch (error) {
    console.warn(`could not forget the kept model: ${error.message}`);
  }
}
