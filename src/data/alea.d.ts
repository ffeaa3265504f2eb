// seedrandom ships its generators as CommonJS without typings for the per-algorithm entry points.
declare module 'seedrandom/lib/alea' {
  const alea: (seed?: string) => () => number;
  export default alea;
}
