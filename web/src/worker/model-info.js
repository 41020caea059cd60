// Describes the active model for the page (protocol ModelInfo) and writes the metadata stored
// in downloaded model files.

/** @returns {import('../shared/protocol.js').ModelInfo} */
export function modelInfo(session, source, details = {}) {
  const architecture = session.hasNetwork() ? session.architecture() : null;
  const info = {
    source: architecture ? source : 'none',
    description: architecture ? architecture.description : '',
    sizes: architecture ? Array.from(architecture.sizes) : [],
    preset: details.preset ?? null,
    epochs: details.epochs ?? null,
    testAccuracy: details.testAccuracy ?? null,
    classNames: details.classNames ?? null,
    fileName: details.fileName ?? null,
    kept: false,
    name: '',
  };
  info.name = modelName(info);
  return info;
}

/** The same model, now that its test accuracy is known. */
export function withTestAccuracy(info, testAccuracy) {
  const updated = { ...info, testAccuracy };
  updated.name = modelName(updated);
  return updated;
}

function modelName(info) {
  const accuracy =
    info.testAccuracy == null ? '' : `, ${(100 * info.testAccuracy).toFixed(2)}% test accuracy`;
  switch (info.source) {
    case 'pretrained':
      return `pretrained ${info.preset ?? 'model'}${info.epochs ? `, ${info.epochs} epochs` : ''}${accuracy}`;
    case 'trained':
      return info.epochs
        ? `trained here: ${info.preset}, ${info.epochs} epoch${info.epochs === 1 ? '' : 's'}${accuracy}`
        : `untrained ${info.preset ?? ''} network`.replace('  ', ' ');
    case 'uploaded':
      return `uploaded ${info.fileName ?? 'model'}${accuracy}`;
    default:
      return 'no model yet';
  }
}

/** Metadata (JSON) read back from a model file; {} when absent or unreadable. */
export function parseMetadata(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** The JSON stored with a downloaded model. */
export function metadataFor(info, config, classNames) {
  return JSON.stringify({
    source: 'browser',
    preset: info?.preset ?? null,
    description: info?.description ?? '',
    epochs: info?.epochs ?? null,
    test_accuracy: info?.testAccuracy ?? null,
    class_names: classNames ?? null,
    config: config ?? null,
    saved_at: new Date().toISOString(),
  });
}
