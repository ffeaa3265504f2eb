/**
 * DIN's activation-unit hidden layer (exported through `kernels.ts`): `x = pb[r, :] + pr[⌊r / T⌋, :]`, then
 * PReLU with a slope per column, forward and backward, each in one pass over the heap. Written as the stock
 * composition computes it (`models/layers.ts` `prelu`: `relu(x) − α·relu(−x)`, the broadcast add before it),
 * so that values and gradients are the same floats: `y = x > 0 ? x : 0 − α·(−x)`; `dx = dy` where `x > 0`,
 * `α·dy` where `x < 0`, 0 at 0; `dα` sums `dy·x` over `x < 0` in float64 (as the leading-axis Sum does);
 * `dpr` sums `dx` over each row's T behaviours in float32, in order.
 */

/** `out[B·T, u]` = PReLU(`pb[B·T, u]` + `pr[B, u]` broadcast over T) with slopes `alpha[u]`. */
export function biasPrelu(pb: usize, pr: usize, alpha: usize, B: i32, T: i32, u: i32, out: usize): void {
  const rowBytes = (<usize>u) << 2;
  const u4 = u & ~3;
  const zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const q = pr + <usize>b * rowBytes;
    for (let t = 0; t < T; t++) {
      const r = <usize>(b * T + t) * rowBytes;
      let c = 0;
      for (; c < u4; c += 4) {
        const o = (<usize>c) << 2;
        const x = f32x4.add(v128.load(pb + r + o), v128.load(q + o));
        const neg = f32x4.sub(zero, f32x4.mul(v128.load(alpha + o), f32x4.neg(x)));
        v128.store(out + r + o, v128.bitselect(x, neg, f32x4.gt(x, zero)));
      }
      for (; c < u; c++) {
        const o = (<usize>c) << 2;
        const x = load<f32>(pb + r + o) + load<f32>(q + o);
        store<f32>(out + r + o, x > 0 ? x : <f32>0 - load<f32>(alpha + o) * -x);
      }
    }
  }
}

/**
 * The gradients of {@link biasPrelu} for upstream `dy[B·T, u]`: `dpb[B·T, u]`, `dpr[B, u]`, `dalpha[u]`.
 * `acc` is scratch for `2u` float64 sums. With `sum64` (B = 1: a dense layer's bias, whose stock gradient is the
 * leading-axis Sum) `dpr` is summed in float64 too, else in float32 as the stock middle-axis Sum does.
 */
export function biasPreluGrad(
  pb: usize,
  pr: usize,
  alpha: usize,
  dy: usize,
  B: i32,
  T: i32,
  u: i32,
  dpb: usize,
  dpr: usize,
  dalpha: usize,
  acc: usize,
  sum64: i32,
): void {
  const rowBytes = (<usize>u) << 2;
  const u4 = u & ~3;
  const zero = f32x4.splat(0);
  for (let c = 0; c < 2 * u; c++) store<f64>(acc + ((<usize>c) << 3), 0);
  const acc2 = acc + ((<usize>u) << 3);
  for (let b = 0; b < B; b++) {
    const q = pr + <usize>b * rowBytes;
    const s = dpr + <usize>b * rowBytes;
    for (let c = 0; c < u; c++) store<f32>(s + ((<usize>c) << 2), 0);
    for (let t = 0; t < T; t++) {
      const r = <usize>(b * T + t) * rowBytes;
      let c = 0;
      for (; c < u4; c += 4) {
        const o = (<usize>c) << 2;
        const x = f32x4.add(v128.load(pb + r + o), v128.load(q + o));
        const g = v128.load(dy + r + o);
        const pos = f32x4.gt(x, zero);
        const neg = f32x4.lt(x, zero);
        const dx = v128.or(v128.and(g, pos), v128.and(f32x4.mul(g, v128.load(alpha + o)), neg));
        v128.store(dpb + r + o, dx);
        if (sum64) {
          const a2 = acc2 + ((<usize>c) << 3);
          v128.store(a2, f64x2.add(v128.load(a2), f64x2.promote_low_f32x4(dx)));
          v128.store(
            a2,
            f64x2.add(v128.load(a2, 16), f64x2.promote_low_f32x4(i32x4.shuffle(dx, dx, 2, 3, 0, 1))),
            16,
          );
        } else v128.store(s + o, f32x4.add(v128.load(s + o), dx));
        const p = v128.and(f32x4.mul(g, x), neg);
        const a = acc + ((<usize>c) << 3);
        v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(p)));
        v128.store(
          a,
          f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(i32x4.shuffle(p, p, 2, 3, 0, 1))),
          16,
        );
      }
      for (; c < u; c++) {
        const o = (<usize>c) << 2;
        const x = load<f32>(pb + r + o) + load<f32>(q + o);
        const g = load<f32>(dy + r + o);
        const dx: f32 = x > 0 ? g : x < 0 ? g * load<f32>(alpha + o) : 0;
        store<f32>(dpb + r + o, dx);
        if (sum64) {
          const a2 = acc2 + ((<usize>c) << 3);
          store<f64>(a2, load<f64>(a2) + <f64>dx);
        } else store<f32>(s + o, load<f32>(s + o) + dx);
        if (x < 0) {
          const a = acc + ((<usize>c) << 3);
          store<f64>(a, load<f64>(a) + <f64>(g * x));
        }
      }
    }
  }
  for (let c = 0; c < u; c++) store<f32>(dalpha + ((<usize>c) << 2), <f32>load<f64>(acc + ((<usize>c) << 3)));
  if (sum64)
    for (let c = 0; c < u; c++) store<f32>(dpr + ((<usize>c) << 2), <f32>load<f64>(acc2 + ((<usize>c) << 3)));
}
