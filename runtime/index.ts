// @kubegen/runtime: the transport generated clients run on.
export * from './types.js';
