import { describe, expect, it } from 'vitest';
import { composeSvg, xmlEscape } from './svgCompose';

describe('composeSvg', () => {
  it('places nested svgs, images, text and rects in one standalone document', () => {
    const out = composeSvg(
      [
        {
          kind: 'svg',
          markup: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><path d="M0,0L1,1"/></svg>',
          x: 3,
          y: 4.256,
        },
        { kind: 'image', href: 'data:image/png;base64,AAAA', x: 0, y: 0, width: 2, height: 2 },
        {
          kind: 'text',
          text: 'AUC <b> & "x"',
          x: 1,
          y: 2,
          font: '12px "Inter", sans-serif',
          fill: 'rgb(0, 0, 0)',
        },
        { kind: 'rect', x: 0, y: 0, width: 1, height: 1, fill: '#f00' },
      ],
      100,
      50,
      '#fff',
      'Training <curves>',
    );
    expect(out.startsWith('<?xml')).toBe(true);
    expect(out).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="100" height="50" viewBox="0 0 100 50">',
    );
    expect(out).toContain('<svg x="3" y="4.26" xmlns="http://www.w3.org/2000/svg" width="10"');
    expect(out).toContain('href="data:image/png;base64,AAAA"');
    expect(out).toContain('>AUC &lt;b&gt; &amp; &quot;x&quot;</text>');
    expect(out).toContain('style="font:12px &quot;Inter&quot;, sans-serif"');
    expect(out).toContain('<title>Training &lt;curves&gt;</title>');
    expect(out).toContain('<rect width="100%" height="100%" fill="#fff"/>');
    // Balanced: one root open and close (nested svg counted separately).
    expect(out.match(/<svg\b/g)).toHaveLength(2);
    expect(out.match(/<\/svg>/g)).toHaveLength(2);
  });

  it('escapes every XML special character', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
