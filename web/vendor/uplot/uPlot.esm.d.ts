// The types of the uPlot build the site serves from here (scripts/build-site.mjs copies
// node_modules/uplot/dist/uPlot.esm.js beside this file), for the type check only.
export { default } from 'uplot';
