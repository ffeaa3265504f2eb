import { describe, expect, it, vi } from 'vitest';
import { evictionOrder, writeMakingRoom } from './checkpointQuota';
import type { StoredRun, StoredRunStatus } from './storedRecords';

const run = (id: number, status: StoredRunStatus, updatedAt: number) =>
  ({ id, status, updatedAt }) as StoredRun;

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('evictionOrder', () => {
  it('picks finished runs holding a checkpoint, least recently updated first, never the one to keep', () => {
    const runs = [
      run(1, 'done', 50),
      run(2, 'error', 10),
      run(3, 'stopped', 30),
      run(4, 'training', 5), // still training
      run(5, 'interrupted', 1), // can be continued
      run(6, 'done', 2), // no checkpoint
      run(7, 'done', 3), // the one being written
    ];
    const order = evictionOrder(runs, new Set([1, 2, 3, 4, 5, 7]), 7);
    expect(order.map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it('is empty when nothing can go', () => {
    expect(evictionOrder([run(1, 'paused', 1)], new Set([1]), 2)).toEqual([]);
  });
});

describe('writeMakingRoom', () => {
  it('writes once and evicts nothing when there is room', async () => {
    const write = vi.fn(async () => {});
    const makeRoom = vi.fn(async () => [1]);
    expect(await writeMakingRoom(write, makeRoom)).toEqual({ evicted: [] });
    expect(write).toHaveBeenCalledTimes(1);
    expect(makeRoom).not.toHaveBeenCalled();
  });

  it('on a quota error makes room and writes again', async () => {
    const write = vi.fn<() => Promise<void>>().mockRejectedValueOnce(quotaError()).mockResolvedValue();
    expect(await writeMakingRoom(write, async () => [4, 2])).toEqual({ evicted: [4, 2] });
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('rethrows the quota error when there is no room to make', async () => {
    const err = quotaError();
    const write = vi.fn(async () => {
      throw err;
    });
    await expect(writeMakingRoom(write, async () => [])).rejects.toBe(err);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('rethrows any other failure without evicting', async () => {
    const makeRoom = vi.fn(async () => [1]);
    const err = new Error('disk on fire');
    await expect(
      writeMakingRoom(async () => {
        throw err;
      }, makeRoom),
    ).rejects.toBe(err);
    expect(makeRoom).not.toHaveBeenCalled();
  });
});
