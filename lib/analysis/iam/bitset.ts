// Fixed-size bit sets over the action catalog (one bit per action, ~22k actions = ~690 words) and over the
// principals of an account. Plain Uint32Array functions: the analysis ORs and ANDs thousands of them per
// account, so they stay allocation-light and branch-free.

export type Bits = Uint32Array;

export function wordsFor(size: number): number {
  return (size + 31) >>> 5;
}

export function emptyBits(size: number): Bits {
  return new Uint32Array(wordsFor(size));
}

// Typed arrays above a few dozen bytes get their own off-heap backing store, which costs microseconds to
// allocate and track; long-lived sets (a principal's permissions) are carved out of shared slabs instead.
const SLAB_WORDS = 1 << 18; // 1 MB
let slab = new Uint32Array(SLAB_WORDS);
let slabUsed = 0;

/** A zeroed set for data that lives as long as the analysis. */
export function slabBits(size: number): Bits {
  const words = wordsFor(size);
  if (words > SLAB_WORDS / 4) return new Uint32Array(words);
  if (slabUsed + words > SLAB_WORDS) {
    slab = new Uint32Array(SLAB_WORDS);
    slabUsed = 0;
  }
  const view = slab.subarray(slabUsed, slabUsed + words);
  slabUsed += words;
  return view;
}

export function fullBits(size: number): Bits {
  const b = new Uint32Array(wordsFor(size));
  b.fill(0xffffffff);
  const rest = size & 31;
  if (rest) b[b.length - 1] = (1 << rest) - 1;
  return b;
}

export function setBit(b: Bits, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(b: Bits, i: number): boolean {
  return (b[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** Sets bits [start, end). */
export function setRange(b: Bits, start: number, end: number): void {
  for (let i = start; i < end; i++) b[i >>> 5] |= 1 << (i & 31);
}

export function orInto(dst: Bits, src: Bits): void {
  for (let i = 0; i < dst.length; i++) dst[i] |= src[i];
}

export function andInto(dst: Bits, src: Bits): void {
  for (let i = 0; i < dst.length; i++) dst[i] &= src[i];
}

export function andNotInto(dst: Bits, src: Bits): void {
  for (let i = 0; i < dst.length; i++) dst[i] &= ~src[i];
}

export function and(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export function andNot(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & ~b[i];
  return out;
}

export function isEmpty(b: Bits): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

export function intersects(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
  return false;
}

/** True when a has a bit that b lacks (a \ b is not empty). */
export function hasBitsNotIn(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return true;
  return false;
}

export function equals(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function count(b: Bits): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i]) n += popcount32(b[i]);
  return n;
}

/** Bits set in [start, end). */
export function countRange(b: Bits, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (b[i >>> 5] & (1 << (i & 31))) n++;
  return n;
}

/** Calls fn for every set bit, in increasing order; stops when fn returns false. */
export function forEachBit(b: Bits, fn: (i: number) => boolean | void): void {
  for (let w = 0; w < b.length; w++) {
    let word = b[w];
    while (word !== 0) {
      const low = word & -word;
      const i = (w << 5) + (31 - Math.clz32(low));
      if (fn(i) === false) return;
      word ^= low;
    }
  }
}

/** forEachBit over a & b (b may be shorter or longer). */
export function forEachCommonBit(a: Bits, b: Bits, fn: (i: number) => boolean | void): void {
  const n = Math.min(a.length, b.length);
  for (let w = 0; w < n; w++) {
    let word = a[w] & b[w];
    while (word !== 0) {
      const low = word & -word;
      if (fn((w << 5) + (31 - Math.clz32(low))) === false) return;
      word ^= low;
    }
  }
}

export function toIndices(b: Bits, limit = Infinity): number[] {
  const out: number[] = [];
  forEachBit(b, (i) => {
    out.push(i);
    return out.length < limit;
  });
  return out;
}

/** |a & b| without allocating. */
export function countAnd(a: Bits, b: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] & b[i];
    if (x) n += popcount32(x);
  }
  return n;
}

/** |(a & b) \ c| without allocating. */
export function countAndNot(a: Bits, b: Bits, c: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] & b[i] & ~c[i];
    if (x) n += popcount32(x);
  }
  return n;
}
