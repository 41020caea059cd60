// The files of a drop on the page: the files themselves, or those directly inside one dropped
// folder (read through the entries API while the drop's data is still readable).

/**
 * The files of a drop: files, or the files directly inside one dropped folder.
 * @param {DataTransfer} dataTransfer
 * @returns {Promise<{files: File[], folder: string}>}
 */
export async function droppedFiles(dataTransfer) {
  // The drop's data is readable only during the event: take everything before the first await.
  const dropped = [...(dataTransfer.files || [])];
  const items = [...(dataTransfer.items || [])];
  const entries = items.map((item) =>
    typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null,
  );
  const folders = /** @type {FileSystemDirectoryEntry[]} */ (
    entries.filter((entry) => entry && entry.isDirectory)
  );
  if (folders.length === 1) {
    try {
      const children = await readFolder(folders[0]);
      const files = await Promise.all(
        /** @type {FileSystemFileEntry[]} */ (children.filter((e) => e.isFile)).map(
          (e) => /** @type {Promise<File>} */ (new Promise((resolve, reject) => e.file(resolve, reject))),
        ),
      );
      return { files, folder: folders[0].name };
    } catch {
      // Fall back to the files of the drop.
    }
  }
  return { files: dropped, folder: '' };
}

/** @param {FileSystemDirectoryEntry} directory  @returns {Promise<FileSystemEntry[]>} */
function readFolder(directory) {
  const reader = directory.createReader();
  /** @type {FileSystemEntry[]} */
  const all = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) {
          resolve(all);
          return;
        }
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}
