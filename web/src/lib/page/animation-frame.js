// Drawing at most once per animation frame, however many messages ask for it in between.

/** A function that runs `draw` on the next animation frame, once for all calls before it. */
export function oncePerFrame(/** @type {() => void} */ draw) {
  let frame = 0;
  return () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  };
}
