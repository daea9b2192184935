// kubegen's programmatic API: sources → model → emit.
export type * from './model/types.js';
