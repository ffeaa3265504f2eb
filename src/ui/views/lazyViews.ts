/**
 * The explain views, each loaded when first shown: they carry D3 and most of the drawing code, which the page
 * does not need to become interactive (the main bundle's evaluation is the longest task of a page load).
 */
import { lazy } from 'react';

export const AttentionView = lazy(() =>
  import('./AttentionView').then((m) => ({ default: m.AttentionView })),
);
export const BehaviourView = lazy(() =>
  import('./BehaviourView').then((m) => ({ default: m.BehaviourView })),
);
export const EmbeddingView = lazy(() =>
  import('./EmbeddingView').then((m) => ({ default: m.EmbeddingView })),
);
export const GraphView = lazy(() => import('./GraphView').then((m) => ({ default: m.GraphView })));
export const PlantedView = lazy(() => import('./PlantedView').then((m) => ({ default: m.PlantedView })));
export const RecommendationsView = lazy(() =>
  import('./RecommendationsView').then((m) => ({ default: m.RecommendationsView })),
);
export const SequenceView = lazy(() => import('./SequenceView').then((m) => ({ default: m.SequenceView })));
export const RunComparison = lazy(() =>
  import('./RunComparison').then((m) => ({ default: m.RunComparison })),
);
