/** Types of scripts/node-flags.js for the benchmarks that start the built apps. */
export const NODE_FLAGS: Record<'api' | 'worker' | 'cli', string[]>;
