/** The example picker's search: users or items by id or title, ranked by the shared match rule. */
import { matchRank, searchText } from '../../contract/search';
import type { Dataset } from '../../data/types';
import type { SearchHit, SearchOutcome, SearchRequest } from '../protocol';
import { ROW_VALID, type ExampleIndex } from './examples';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function topHits(
  n: number,
  limit: number,
  score: (i: number) => number,
  hit: (i: number) => SearchHit,
): SearchOutcome {
  const matches: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    const s = score(i);
    if (s >= 0) matches.push({ i, s });
  }
  matches.sort((a, b) => a.s - b.s || a.i - b.i);
  return { hits: matches.slice(0, limit).map((m) => hit(m.i)), total: matches.length };
}

function userLabel(ds: Dataset, index: ExampleIndex, u: number): string {
  const n = index.userStart[u + 1] - index.userStart[u];
  const fields = ds.userFields.map((c) => c.vocab[c.tokens[u]] ?? '').filter((v) => v !== '');
  return [ds.userKeys[u], ...fields, `${n} rows`].join(' · ');
}

function itemLabel(ds: Dataset, i: number): string {
  const title = ds.itemTitles[i] ?? '';
  return title && title !== ds.itemKeys[i] ? `${ds.itemKeys[i]} · ${title}` : ds.itemKeys[i];
}

/**
 * Users or items matching the request (see `SearchRequest`), best match first (`matchRank`: the exact id or
 * title, then prefixes, then containment), ties in index order; empty text lists every one in index order.
 */
export function searchExamples(ds: Dataset, index: ExampleIndex, request: SearchRequest): SearchOutcome {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(request.limit ?? DEFAULT_LIMIT)));
  const text = searchText(request.text);
  if (request.kind === 'user') {
    const hasRows = (u: number) => index.userStart[u + 1] > index.userStart[u];
    return topHits(
      ds.numUsers,
      limit,
      (u) => (!hasRows(u) ? -1 : text === '' ? 0 : matchRank(text, ds.userKeys[u], '')),
      (u) => ({ index: u, key: ds.userKeys[u], label: userLabel(ds, index, u) }),
    );
  }
  const user = request.user ?? null;
  if (text === '' && user !== null && user >= 0 && user < ds.numUsers) {
    // The user's validation items, most recent first: the rows the model was scored on.
    const seen = new Set<number>();
    const hits: SearchHit[] = [];
    for (let k = index.userStart[user + 1] - 1; k >= index.userStart[user]; k--) {
      const r = index.order[k];
      const i = ds.interactions.item[r];
      if (index.part[r] !== ROW_VALID || seen.has(i)) continue;
      seen.add(i);
      const liked = ds.interactions.label[r] > 0 ? 'liked' : 'not liked';
      hits.push({ index: i, key: ds.itemKeys[i], label: `${itemLabel(ds, i)} · validation, ${liked}` });
    }
    return { hits: hits.slice(0, limit), total: hits.length };
  }
  return topHits(
    ds.numItems,
    limit,
    (i) => (text === '' ? 0 : matchRank(text, ds.itemKeys[i], ds.itemTitles[i] ?? '')),
    (i) => ({ index: i, key: ds.itemKeys[i], label: itemLabel(ds, i) }),
  );
}
