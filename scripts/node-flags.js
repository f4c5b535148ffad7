// Node flags each built app runs with, in every way it is started (`npm run start:*` spells them
// out too, `npm run demo` and the benchmarks read them from here).
//
// The worker composes and sends thousands of e-mails a minute, each a few short-lived buffers:
// a larger young generation (64 MiB semi-spaces, up from 16) lets most die before a scavenge
// copies them. bench:notifications: 474 -> 540 and 534 -> 768 deliveries per second in two
// paired runs. The api showed no difference, so it keeps V8's default.
const NODE_FLAGS = {
  api: [],
  worker: ['--max-semi-space-size=64'],
  cli: [],
};

module.exports = { NODE_FLAGS };
