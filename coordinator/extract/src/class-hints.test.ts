import { describe, expect, it } from 'vitest';
import { classHints, splitWords } from './class-hints.ts';
import { page, parseHtml } from './testing/parse-html.ts';

async function hintsOf(attributes: string) {
  const doc = await parseHtml(page(`<div id="target-el" ${attributes}>x</div>`));
  return classHints(doc.querySelector('div')!);
}

describe('splitWords', () => {
  it('splits class and id values on separators and camelCase', () => {
    expect(splitWords('shareBar post-content_x')).toEqual(['share', 'bar', 'post', 'content', 'x']);
  });
});

describe('classHints', () => {
  it('marks share bars, comments, related links and ads as boilerplate', async () => {
    for (const cls of [
      'share-bar',
      'comments',
      'relatedArticles',
      'ad-slot',
      'newsletter-signup',
    ]) {
      const hints = await hintsOf(`class="${cls}"`);
      expect(hints.isBoilerplate, cls).toBe(true);
      expect(hints.weight, cls).toBeLessThan(0);
    }
  });

  it('matches whole words, so "adapter" or "shadow" are not ads', async () => {
    expect((await hintsOf('class="adapter shadow"')).isBoilerplate).toBe(false);
  });

  it('recognises the article body by class or itemprop', async () => {
    expect(await hintsOf('class="article-body"')).toMatchObject({
      isArticleBody: true,
      weight: 25,
    });
    expect(await hintsOf('itemprop="articleBody"')).toMatchObject({ isArticleBody: true });
  });

  it('keeps embedded posts even when they are called social', async () => {
    expect((await hintsOf('class="social-media-embed"')).isBoilerplate).toBe(false);
  });

  it('flags tooltips, hover cards and hiding utility classes as popups', async () => {
    expect(await hintsOf('class="rollover-block"')).toMatchObject({ isPopup: true });
    expect(await hintsOf('class="sr-only"')).toMatchObject({ isPopup: true });
    // "label-hidden" hides a label, not this element.
    expect(await hintsOf('class="field field-label-hidden"')).toMatchObject({
      isPopup: false,
      isBoilerplate: false,
    });
  });

  it("ignores a blog post's taxonomy classes and reads hentry as the article", async () => {
    const hints = await hintsOf('class="post hentry category-ads tag-social-media tag-comments"');
    expect(hints).toMatchObject({ isBoilerplate: false, isArticleBody: true, weight: 25 });
  });

  it('reads landmark roles', async () => {
    expect((await hintsOf('role="navigation"')).isBoilerplate).toBe(true);
    expect((await hintsOf('role="main"')).weight).toBe(25);
  });
});
