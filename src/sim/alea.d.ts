// seedrandom ships its Alea generator as a CommonJS file without types of its own.
declare module 'seedrandom/lib/alea.js' {
  interface AleaGenerator {
    (): number;
    double(): number;
    int32(): number;
  }
  const alea: (seed: string) => AleaGenerator;
  export default alea;
}
