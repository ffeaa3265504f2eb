import { useRef, useState, type ReactNode } from 'react';
import { download } from './download';
import { svgBlob, svgToPng, viewToSvg } from './viewImage';

/**
 * Wraps a view (charts, heatmaps) with "SVG" and "PNG" buttons that save what it shows as a standalone file
 * (see `viewImage.ts`); the view itself is untouched.
 */
export function ExportableView({
  name,
  title,
  children,
}: {
  name: string;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (kind: 'svg' | 'png') => {
    const root = ref.current;
    if (!root) return;
    setError(null);
    try {
      const { svg, width, height } = viewToSvg(root, title);
      download(`${name}.${kind}`, kind === 'svg' ? svgBlob(svg) : await svgToPng(svg, width, height));
    } catch (e) {
      setError(`The image could not be made: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="exportable-view">
      <div ref={ref}>{children}</div>
      <div className="view-export">
        <button
          type="button"
          data-testid={`${name}-svg`}
          title={`Save ${title} as SVG`}
          onClick={() => void save('svg')}
        >
          SVG
        </button>
        <button
          type="button"
          data-testid={`${name}-png`}
          title={`Save ${title} as PNG`}
          onClick={() => void save('png')}
        >
          PNG
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
