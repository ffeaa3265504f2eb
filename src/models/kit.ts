/**
 * Everything a model's `build` needs at run time: tfjs-core, the shared layers and the graph math. A model
 * module loads it on its first build (`await import('../kit')`), so that the module itself — its entry, its
 * settings — stays plain data the page imports without tfjs (the page never builds a model).
 */
export * as tf from '@tensorflow/tfjs-core';
export * as layers from './layers';
export * as fields from './fields';
export * as attention from './attention';
export * as transformer from './transformer';
export * as sequences from '../data/sequences';
export * as explain from './explain';
export * as topkLayers from './topk/layers';
export * as graph from '../ops/graph';
export * as sparse from '../ops/sparse';
export * as itemItem from '../ops/itemItem';
