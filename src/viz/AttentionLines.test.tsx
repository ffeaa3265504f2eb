// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AttentionLines } from './AttentionLines';

const labels = ['age', 'gender', 'genre'];
// Row 0 puts 0.001 on "genre": under 2 % of the largest weight (0.8), so that line is not drawn.
const matrix = { data: Float32Array.of(0.8, 0.199, 0.001, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2), rows: 3, cols: 3 };

afterEach(cleanup);

/** The drawn lines as [query, key, opacity] (positions are one row apart, so y → field index). */
function lines(svg: Element) {
  const ys = [...svg.querySelectorAll('text.lines-label')].slice(0, 3).map((t) => t.getAttribute('y'));
  return [...svg.querySelectorAll('line')].map((l) => [
    labels[ys.indexOf(l.getAttribute('y1'))],
    labels[ys.indexOf(l.getAttribute('y2'))],
    Number(l.getAttribute('stroke-opacity')).toFixed(3),
  ]);
}

describe('AttentionLines', () => {
  it('lists query fields on the left and key fields on the right, a line per pair by its weight', () => {
    render(<AttentionLines matrix={matrix} labels={labels} color="#0072B2" />);
    const svg = screen.getByRole('img', { name: 'Attention lines from query fields to key fields' });
    expect([...svg.querySelectorAll('text.lines-label')].map((t) => t.textContent)).toEqual([
      ...labels,
      ...labels,
    ]);
    const drawn = lines(svg);
    expect(drawn).toHaveLength(8); // 9 pairs less the one too faint to see
    expect(drawn).not.toContainEqual(['age', 'genre', expect.anything()]);
    // Opacity is relative to the head's largest weight.
    expect(drawn).toContainEqual(['age', 'age', '1.000']);
    expect(drawn).toContainEqual(['gender', 'genre', '0.500']);
  });

  it('keeps only one query field’s lines for the focused row, or the hovered field', () => {
    const { rerender } = render(<AttentionLines matrix={matrix} labels={labels} color="#000" focusRow={1} />);
    const svg = screen.getByRole('img');
    expect(lines(svg).map(([q, k]) => `${q}→${k}`)).toEqual(['gender→age', 'gender→gender', 'gender→genre']);
    const labelsOn = () => [...svg.querySelectorAll('text.lines-label.on')].map((t) => t.textContent);
    expect(labelsOn()).toEqual(['gender']);

    rerender(<AttentionLines matrix={matrix} labels={labels} color="#000" focusRow={null} />);
    const genre = [...svg.querySelectorAll('text.lines-label')][2];
    fireEvent.mouseEnter(genre);
    expect(lines(svg).map(([q]) => q)).toEqual(['genre', 'genre', 'genre']);
    expect(labelsOn()).toEqual(['genre']);
    fireEvent.mouseLeave(genre);
    expect(lines(svg)).toHaveLength(8);
  });

  it('says to use the heatmap instead of drawing more lines than anyone can read', () => {
    const n = 65; // 65² > MAX_LINES
    const big = { data: new Float32Array(n * n).fill(1 / n), rows: n, cols: n };
    const names = Array.from({ length: n }, (_, i) => `f${i}`);
    render(<AttentionLines matrix={big} labels={names} color="#000" />);
    const svg = screen.getByRole('img');
    expect(svg.querySelectorAll('line')).toHaveLength(0);
    expect(screen.getByText('Too many fields for a line view: use the heatmap.')).toBeTruthy();
  });
});
