export { pmap } from './pmap.js';
