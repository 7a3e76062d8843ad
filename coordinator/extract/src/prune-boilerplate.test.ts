import { describe, expect, it } from 'vitest';
import { buildContentTree } from './content-tree.ts';
import { pruneBoilerplate } from './prune-boilerplate.ts';
import { renderText } from './render-text.ts';
import { page, parseHtml, prose } from './testing/parse-html.ts';

/** Prunes the first element of the body (the article container) and renders what is left. */
async function pruned(article: string, title = ''): Promise<string> {
  const doc = await parseHtml(page(article));
  const tree = buildContentTree(doc.body, { mode: 'article' });
  const container = tree.children[0]!;
  pruneBoilerplate([container], title);
  return renderText([container]);
}

const BODY = `<p>${prose('one')}</p><p>${prose('two')}</p><p>${prose('three')}</p>`;
const TEXT = [prose('one'), prose('two'), prose('three')].join('\n\n');

describe('pruneBoilerplate', () => {
  it('removes share bars, comments, newsletter boxes and bylines by class', async () => {
    expect(
      await pruned(`<div>
        <div class="byline">By Jane Doe</div>
        <div class="share-tools">Share on Facebook Share on Twitter</div>
        ${BODY}
        <div class="newsletter-signup"><p>Get the best stories every morning in your inbox.</p></div>
        <section id="comments"><p>I disagree with this article, strongly and at length.</p></section>
      </div>`),
    ).toBe(TEXT);
  });

  it('removes a link list, a teaser grid and a labelled related block', async () => {
    const teaser = (i: number) =>
      `<div><a href="/t${i}"><img src="t${i}.jpg">Teaser ${i}</a></div>`;
    expect(
      await pruned(`<div>
        ${BODY}
        <ul><li><a href="/1">Another story</a></li><li><a href="/2">Yet another story</a></li></ul>
        <div>${teaser(1)}${teaser(2)}${teaser(3)}</div>
        <h3>Related stories</h3>
        <ul><li>A related story, <a href="/3">with a link</a></li><li>And another, <a href="/4">linked</a></li></ul>
      </div>`),
    ).toBe(TEXT);
  });

  it('keeps a sentence that carries a long link', async () => {
    const sentence =
      'The suspect was <a href="/x">sentenced to life in federal prison last week</a>.';
    expect(await pruned(`<div>${BODY}<p>${sentence}</p></div>`)).toBe(
      `${TEXT}\n\nThe suspect was sentenced to life in federal prison last week.`,
    );
  });

  it('keeps inline keyword links styled as tags but drops hover cards', async () => {
    expect(
      await pruned(
        `<div><p>Travel in deep <a class="textTag" href="/t">space</a> is risky, <span class="tooltip">Profile card: 42 articles</span>experts say.</p>${BODY}</div>`,
      ),
    ).toBe(`Travel in deep space is risky, experts say.\n\n${TEXT}`);
  });

  it('drops the title heading, short figures and an opening h1', async () => {
    expect(
      await pruned(
        `<div><h1>Site name</h1><h2>The Headline Of The Story</h2><figure><img src="a.jpg"><figcaption>Caption</figcaption><p class="x">A photo, by someone.</p></figure>${BODY}<h1>A later section</h1><p>${prose('four')}</p></div>`,
        'The headline of the story',
      ),
    ).toBe(`${TEXT}\n\nA later section\n\n${prose('four')}`);
  });
});
