/**
 * The modality graph's force layout, off the page: a d3-force simulation fed plain arrays (node count,
 * edges, weights) that posts its positions as a transferable Float32Array `[x0, y0, x1, y1, …]` every
 * POST_MS of ticking. layout.worker.ts runs it in a Web Worker; ModalityGraph falls back to running it on
 * the page when a worker cannot start. Pure (no DOM), so it is unit-tested in Node.
 */
import {
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  randomLcg,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3';

/** Ticking time between two posted frames (at least one tick each): up to ~16 position updates a second. */
export const POST_MS = 60;

export type LayoutRequest =
  /** New nodes; `keep` (a refreshed payload of the same items) starts from the current positions. */
  | { readonly type: 'nodes'; readonly n: number; readonly seed: number; readonly keep: boolean }
  /** The links to lay out; restarts the layout (generation `gen` tags the frames that follow). */
  | {
      readonly type: 'edges';
      readonly gen: number;
      readonly source: Int32Array;
      readonly target: Int32Array;
      readonly weight: Float32Array;
    }
  | { readonly type: 'stop' };

export interface LayoutFrame {
  readonly type: 'positions';
  readonly gen: number;
  /** `[x0, y0, x1, y1, …]`, transferred. */
  readonly positions: Float32Array;
  readonly settled: boolean;
  /** Ticks since the edges arrived, and their mean cost. */
  readonly ticks: number;
  readonly tickMs: number;
}

interface Node extends SimulationNodeDatum {
  readonly i: number;
}
interface Link extends SimulationLinkDatum<Node> {
  readonly w: number;
}

export type Post = (frame: LayoutFrame, transfer: Transferable[]) => void;
export type Schedule = (run: () => void) => void;

/**
 * Handles LayoutRequests; ticks in slices of POST_MS between which `schedule` yields (so new requests are
 * seen) and posts a frame after each slice, until the layout cools.
 */
export class LayoutEngine {
  private sim: Simulation<Node, Link> | null = null;
  private nodes: Node[] = [];
  private gen = 0;
  private warm = false;
  private placed = false;
  private pending = false;
  private ticks = 0;
  private tickMs = 0;

  constructor(
    private readonly post: Post,
    private readonly schedule: Schedule = (run) => setTimeout(run, 0),
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(msg: LayoutRequest): void {
    if (msg.type === 'nodes') this.setNodes(msg.n, msg.seed, msg.keep);
    else if (msg.type === 'edges') this.setEdges(msg.gen, msg.source, msg.target, msg.weight);
    else this.sim?.stop().alpha(0);
  }

  private setNodes(n: number, seed: number, keep: boolean) {
    // A refreshed payload of the same items (next epoch) starts from the current picture, not from scratch.
    const same = keep && this.nodes.length === n && this.placed;
    this.nodes = Array.from({ length: n }, (_, i) =>
      same ? { i, x: this.nodes[i].x, y: this.nodes[i].y } : { i },
    );
    this.warm = same;
    this.placed = same;
    this.sim = forceSimulation<Node, Link>(this.nodes)
      .randomSource(randomLcg(seed))
      .alphaMin(0.005)
      .alphaDecay(0.03)
      .force('charge', forceManyBody<Node>().strength(-10).theta(1).distanceMax(200))
      .force('x', forceX<Node>(0).strength(0.04))
      .force('y', forceY<Node>(0).strength(0.04))
      .stop();
  }

  private setEdges(gen: number, source: Int32Array, target: Int32Array, weight: Float32Array) {
    const sim = this.sim;
    if (!sim) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const w of weight) {
      lo = Math.min(lo, w);
      hi = Math.max(hi, w);
    }
    const n = this.nodes.length;
    const links: Link[] = [];
    for (let e = 0; e < weight.length; e++) {
      // Ids out of range would make forceLink throw; the page's edge lists never hold them.
      if (source[e] >= 0 && source[e] < n && target[e] >= 0 && target[e] < n)
        links.push({ source: source[e], target: target[e], w: weight[e] });
    }
    sim.force(
      'link',
      forceLink<Node, Link>(links)
        .distance(24)
        .strength((l) => 0.05 + 0.35 * (hi > lo ? (l.w - lo) / (hi - lo) : 1))
        .iterations(1),
    );
    // From scratch: full heat; a new graph over placed nodes: less; a refresh of the same graph: a little.
    sim.alpha(this.warm ? 0.3 : this.placed ? 0.6 : 1);
    this.warm = false;
    this.gen = gen;
    this.ticks = 0;
    this.tickMs = 0;
    this.kick();
  }

  private kick() {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      this.run();
    });
  }

  /** One slice: tick for POST_MS (at least once), post the positions, go on while warm. */
  run(): void {
    const sim = this.sim;
    if (!sim) return;
    const t0 = this.now();
    let settled = sim.alpha() < sim.alphaMin();
    while (!settled) {
      sim.tick();
      this.ticks++;
      settled = sim.alpha() < sim.alphaMin();
      if (this.now() - t0 >= POST_MS) break;
    }
    this.tickMs += this.now() - t0;
    this.placed = true;
    const positions = new Float32Array(2 * this.nodes.length);
    this.nodes.forEach((v, i) => {
      positions[2 * i] = v.x ?? 0;
      positions[2 * i + 1] = v.y ?? 0;
    });
    this.post(
      {
        type: 'positions',
        gen: this.gen,
        positions,
        settled,
        ticks: this.ticks,
        tickMs: this.ticks > 0 ? this.tickMs / this.ticks : 0,
      },
      [positions.buffer],
    );
    if (!settled) this.kick();
  }
}
