/**
 * The optimizer's SIMD kernel (exported through `kernels.ts`, the module's entry): pointers are byte offsets into
 * tfjs-backend-wasm's heap, as there.
 */

/**
 * One Adam update of `n` float32 elements (tfjs's arithmetic, op for op): `m' = m·β₁ + g·(1 − β₁)`,
 * `v' = v·β₂ + g²·(1 − β₂)`, `x' = (m'/c₁) / (√(v'/c₂) + ε) · (−rate) + x`, with `c₁`, `c₂` the bias
 * corrections. Every lane operation is an IEEE float32 one (wasm has no fused multiply–add here), so the
 * result is bit for bit that of the JavaScript loop rounding each operation with `Math.fround`.
 */
export function adamStep(
  x: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  negRate: f32,
  b1: f32,
  b2: f32,
  oneMinusB1: f32,
  oneMinusB2: f32,
  c1: f32,
  c2: f32,
  eps: f32,
  xOut: usize,
  mOut: usize,
  vOut: usize,
): void {
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vo1 = f32x4.splat(oneMinusB1);
  const vo2 = f32x4.splat(oneMinusB2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const ve = f32x4.splat(eps);
  const vr = f32x4.splat(negRate);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const off = (<usize>i) << 2;
    const gi = v128.load(g + off);
    const mi = f32x4.add(f32x4.mul(v128.load(m + off), vb1), f32x4.mul(gi, vo1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + off), vb2), f32x4.mul(f32x4.mul(gi, gi), vo2));
    const step = f32x4.div(f32x4.div(mi, vc1), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), ve));
    v128.store(xOut + off, f32x4.add(f32x4.mul(step, vr), v128.load(x + off)));
    v128.store(mOut + off, mi);
    v128.store(vOut + off, vi);
  }
  for (; i < n; i++) {
    const off = (<usize>i) << 2;
    const gi = load<f32>(g + off);
    const mi = load<f32>(m + off) * b1 + gi * oneMinusB1;
    const vi = load<f32>(v + off) * b2 + gi * gi * oneMinusB2;
    const step = mi / c1 / (sqrt<f32>(vi / c2) + eps);
    store<f32>(xOut + off, step * negRate + load<f32>(x + off));
    store<f32>(mOut + off, mi);
    store<f32>(vOut + off, vi);
  }
}
