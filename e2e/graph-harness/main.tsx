// Throwaway harness (not part of the app build): the modality-graph view on a synthetic payload, for its
// screenshot and frame-rate measurement. `?n=3000&k=10` sets the size.
import { createRoot } from 'react-dom/client';
import { ModalityGraph } from '../../src/viz/ModalityGraph';
import { syntheticGraphPayload } from '../../src/viz/graphSynthetic.testkit';
import '../../src/ui/app.css';
import '../../src/ui/views/views.css';
import '../../src/ui/views/explain.css';

const q = new URLSearchParams(location.search);
const payload = syntheticGraphPayload(Number(q.get('n') ?? 3000), Number(q.get('k') ?? 10), 7);
createRoot(document.getElementById('root')!).render(
  <main style={{ maxWidth: 1180, margin: '1rem auto', padding: '0 1rem' }}>
    <ModalityGraph payload={payload} />
  </main>,
);
