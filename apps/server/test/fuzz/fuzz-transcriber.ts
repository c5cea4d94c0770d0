/** The transcriber the fuzzed server runs (`--transcriber`): answers at once, so valid dictation requests end quickly. */
export default {
  async transcribe(input: { seconds: number }) {
    return { text: `heard ${input.seconds.toFixed(1)} s` }
  },
}
