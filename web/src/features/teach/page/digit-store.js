// Your digits, kept in IndexedDB (one record each: label, the 28 x 28 image the network saw, the
// raw strokes), in a database named per deployment like the kept model. Imports are one
// transaction: all of a file's digits are kept, or none. Unlike the kept model, a failure here is
// the user's to see: every call rejects with the browser's reason.

const STORE = 'digits';

/** @typedef {import('../shared/contract.js').KeptDigit} KeptDigit */

export class DigitStore {
  /** @param {string} name  the database's name */
  constructor(name) {
    this.name = name;
    /** @type {Promise<IDBDatabase> | null} */
    this.db = null;
  }

  /** @returns {Promise<IDBDatabase>} */
  open() {
    this.db ??= new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('this browser keeps nothing (IndexedDB is not available)'));
        return;
      }
      const request = indexedDB.open(this.name, 1);
      request.onupgradeneeded = () =>
        request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    this.db.catch(() => (this.db = null)); // try again next time
    return this.db;
  }

  /**
   * @template T
   * @param {IDBTransactionMode} mode
   * @param {(store: IDBObjectStore) => IDBRequest<T> | void} action
   * @returns {Promise<T | undefined>}
   */
  async #run(mode, action) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('the browser refused to keep them'));
    });
  }

  /** Every kept digit, in the order kept. @returns {Promise<KeptDigit[]>} */
  async all() {
    return /** @type {KeptDigit[]} */ ((await this.#run('readonly', (store) => store.getAll())) ?? []);
  }

  /** Keeps digits (without ids) in one transaction; all or none. */
  async add(/** @type {Omit<KeptDigit, 'id'>[]} */ digits) {
    await this.#run('readwrite', (store) => {
      for (const digit of digits) store.add(digit);
    });
  }

  async delete(/** @type {number} */ id) {
    await this.#run('readwrite', (store) => store.delete(id));
  }

  async clear() {
    await this.#run('readwrite', (store) => store.clear());
  }
}
