/**
 * The bench's `--models` list: model ids (p2 also `id:key=value:…` entries, see `parseModelEntry`) and family
 * names, which stand for every registry model of the family, in registry order. A protocol trains one family,
 * so `all` is that family and the other family's name is refused.
 */
import type { ModelFamily } from '../src/models/contract';
import { REGISTRY, type Registry } from '../src/models/registry';

/** The family each protocol trains: demo and p1 score clicks (AUC), p2 ranks every item (Recall, NDCG). */
export const PROTOCOL_FAMILY = { demo: 'ctr', p1: 'ctr', p2: 'topk' } as const satisfies Record<
  string,
  ModelFamily
>;
export type Protocol = keyof typeof PROTOCOL_FAMILY;

const FAMILY_NAMES: ReadonlySet<string> = new Set(['ctr', 'topk', 'all'] satisfies (ModelFamily | 'all')[]);

/** Whether `name` is a protocol this bench runs. */
export function isProtocol(name: string): name is Protocol {
  return Object.hasOwn(PROTOCOL_FAMILY, name);
}

/**
 * `--models` text for `protocol` → its entries with family names expanded. Other entries pass through as
 * written: the runner checks ids where it looks the model up (`requireModel`).
 */
export function expandModels(list: string, protocol: Protocol, registry: Registry = REGISTRY): string[] {
  const family = PROTOCOL_FAMILY[protocol];
  return list.split(',').flatMap((entry) => {
    const [head, ...settings] = entry.split(':');
    if (!FAMILY_NAMES.has(head)) return [entry];
    if (settings.length)
      throw new Error(`--models "${entry}": a family name takes no settings; list the models instead`);
    if (head !== 'all' && head !== family) {
      const ids = registry.family(family).map((m) => m.id);
      throw new Error(
        `--models "${head}": protocol ${protocol} trains ${family} models, not ${head} ones ` +
          `(use ${family}, all, or ids: ${ids.join(', ')})`,
      );
    }
    return registry.family(family).map((m) => m.id);
  });
}
