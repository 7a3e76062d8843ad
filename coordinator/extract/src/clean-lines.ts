// Line-level boilerplate that class names do not reveal: ad labels, "read more" prompts, share
// and newsletter prompts, bylines, datelines and photo credits inside the article container.

/** Whole lines that are labels or prompts, never prose (case-insensitive, trailing `:.…!`). */
const LABELS = [
  'advertisement',
  'advertisements',
  'advertising',
  'advert',
  'ads?',
  // The same label in other languages.
  'anzeige',
  'werbung',
  'publicité',
  'publicidad',
  'pubblicità',
  'publicidade',
  'reklama',
  'реклама',
  'iklan',
  '広告',
  '广告',
  '광고',
  'sponsored(?: content)?',
  'paid content',
  '(?:the )?associated press',
  'reuters',
  'afp',
  '(?:image|photo|picture|slide) \\d+ (?:of|/) \\d+',
  '(?:story|article) continues (?:below|after)(?: (?:this )?(?:ad|advertisement))?',
  'continue reading(?: below| the main story)?',
  'scroll (?:down )?to continue(?: with content)?',
  'read (?:more|next|this next|full (?:story|article))',
  'learn more',
  '(?:see|more|read) also',
  'related(?: articles?| stories| content| coverage| links?)?',
  'recommended(?: for you| stories| articles)?',
  'more (?:on|from|about) (?:this|that)(?: story| topic)?',
  'you (?:may|might) also like',
  'share(?: this)?(?: article| story| post| page)?(?: on \\w+)?',
  'click to (?:share|print|email)',
  'tweet',
  'email',
  'print',
  '\\d* ?comments?',
  'leave a (?:comment|reply)',
  'join the (?:conversation|discussion)',
  'loading(?:\\.\\.\\.|…)?',
  'sign up',
  'subscribe(?: now| today)?',
  'follow us(?: on \\w+)?',
  'image',
  'photo',
  'video',
  'watch',
  'play',
  'close',
  'menu',
  'back to top',
  'top',
  'skip to (?:main )?content',
  'tags?',
  'topics?',
  'filed under',
];
const LABEL_LINE = new RegExp(`^(?:${LABELS.join('|')})[\\s:.…!]*$`, 'i');

/** A short line that opens with one of these is a byline, dateline, credit or prompt. */
const META_LINE =
  /^(?:(?:published|updated|posted|last (?:updated|modified)|first published|modified)\b|(?:photo|image|picture|video|illustration|graphic|photograph|credit|source)s?(?: by| credit)?\s*[:|]|©|\(c\)\s|copyright\b|all rights reserved|related:|read more:|filed under:|tags?:|topics?:|see also:|more:|also read:|read also:|watch:|listen:|recommended:|subscribe\b|sign up\b|click here\b|follow (?:us|him|her|them|@))/iu;

/** A byline: "By Jane Doe", "BY JANE DOE, Reuters" (the name capitalized). */
const BYLINE = /^(?:By|BY|by)\s+[\p{Lu}@]/u;

/** A line that is only a date and time. */
const DATE_LINE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?[\s,|at-]*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4})?)?$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/i;

/** Prompts to follow, share or subscribe, anywhere in a short line. */
const PROMO_LINE =
  /^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b|^follow\b.{0,40}\bon (?:twitter|facebook|instagram|youtube|linkedin|tiktok)\b|\b(?:follow (?:us|him|her|them|me) (?:on|at|@)|share (?:it|this(?: story| article)?) with|(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b|newsletters?\b.{0,60}\b(?:inbox|sign up|subscribe)\b|requires javascript|(?:site|website|we) uses? cookies|(?:contains?|includes?) affiliate|affiliate (?:and\/or referral )?links?\b)/i;

/** A photo credit: an agency name after a separator, ending the line. */
const CREDIT_LINE =
  /(?:[|/(©:]|\bvia\b)[^.!?]*\b(?:getty images|ap photo|afp|shutterstock|reuters|associated press|istock(?:photo)?|epa)\W*$/i;

/** An author's contact line: an e-mail address or a copyright sign in a short line. */
const CONTACT_LINE = /[\w.+-]+@[\w-]+\.[\w.-]+|©/;

/** A WordPress shortcode that leaked into the text: `[button …]…[/button]`. */
const SHORTCODE_LINE = /^\[\w[^\]]*\].*\[\/\w+\]$/;

/** Reports whether one rendered line is boilerplate rather than article text. */
export function isBoilerplateLine(line: string): boolean {
  const text = line.trim();
  if (text.length === 0) return true;
  if (text.length <= 60 && LABEL_LINE.test(text)) return true;
  if (text.length <= 100 && META_LINE.test(text)) return true;
  if (text.length <= 80 && BYLINE.test(text)) return true;
  if (text.length <= 60 && DATE_LINE.test(text)) return true;
  if (text.length <= 250 && PROMO_LINE.test(text)) return true;
  if (text.length <= 120 && CREDIT_LINE.test(text)) return true;
  if (text.length <= 250 && CONTACT_LINE.test(text)) return true;
  return SHORTCODE_LINE.test(text);
}

/**
 * Drops boilerplate lines from rendered text and tidies the blank lines they leave behind.
 *
 * @example cleanLines('Advertisement\n\nThe text.') // 'The text.'
 */
export function cleanLines(text: string): string {
  const kept: string[] = [];
  for (const paragraph of text.split('\n\n')) {
    const lines = paragraph.split('\n').filter((line) => !isBoilerplateLine(line));
    if (lines.length > 0) kept.push(lines.join('\n'));
  }
  return kept.join('\n\n');
}
