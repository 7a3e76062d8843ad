/**
 * The documentation generators of the held-out set and how each marks a page's content: the
 * element that holds it (`root`) and the navigation it puts inside that element (`remove`). This is
 * the ground-truth method: what the generator itself renders as the page's body, without its
 * menus, breadcrumbs, tables of contents, language bars and "see also" lists.
 */
export interface Generator {
  /** Short name, used in page keys. */
  name: string;
  /** The Debian package that installs it and the licence of the pages. */
  source: string;
  licence: string;
  /** Folder under the Debian doc root. */
  dir: string;
  recursive?: boolean;
  /** Relative paths left out (indexes, search pages, other languages). */
  skip?: RegExp;
  /** CSS selector of the content element (the first match). */
  root: string;
  /** CSS selectors of navigation inside it. */
  remove: string[];
}

export const GENERATORS: readonly Generator[] = [
  {
    name: 'nodejs',
    source: 'nodejs (API docs, Node.js doc tool)',
    licence: 'MIT',
    dir: 'nodejs/api',
    skip: /^(index|all)\.html$/,
    root: '#apicontent',
    remove: [],
  },
  {
    name: 'httpd',
    source: 'apache2-doc (Apache httpd manual, XSLT)',
    licence: 'Apache-2.0',
    dir: 'apache2-doc/manual/en',
    recursive: true,
    skip: /(^|\/)(index|quickreference|directives|sitemap|glossary)\.html$/,
    root: '#page-content',
    remove: ['#quickview', '.toplang', '.bottomlang', '.top', 'ul.seealso'],
  },
  {
    name: 'git',
    source: 'git-doc (AsciiDoc)',
    licence: 'GPL-2.0',
    dir: 'git-doc',
    skip: /^(index|git)\.html$/,
    root: '#content',
    remove: ['#toc'],
  },
  {
    name: 'postgresql',
    source: 'postgresql-doc-15 (DocBook XSL)',
    licence: 'PostgreSQL',
    dir: 'postgresql-doc-15/html',
    skip: /^(index|bookindex|biblio)\.html$/,
    root: 'body',
    remove: ['.navheader', '.navfooter', '.toc'],
  },
  {
    name: 'python',
    source: 'python3.11-doc (Sphinx)',
    licence: 'PSF-2.0',
    dir: 'python3.11/html',
    recursive: true,
    skip: /(^|\/)(index|genindex.*|py-modindex|search|contents)\.html$|^_/,
    root: 'div.body',
    remove: ['a.headerlink'],
  },
  {
    name: 'sqlite',
    source: 'sqlite3-doc (SQLite website, TCL)',
    licence: 'public domain',
    dir: 'sqlite3',
    skip: /^(index|docs|sitemap|keyword_index|toc)\.html$/,
    root: 'body',
    remove: ['.nosearch', '.fancy_toc', '#toc_sub', '.menu'],
  },
  {
    name: 'handbook',
    source: 'debian-handbook (Publican, DocBook)',
    licence: 'GPL-2.0+ or CC-BY-SA-3.0',
    dir: 'debian-handbook/html/en-US',
    skip: /^index\.html$/,
    root: 'body',
    remove: ['#banner', '.docnav', '.toc'],
  },
  {
    name: 'valgrind',
    source: 'valgrind (DocBook XSL)',
    licence: 'GFDL-1.2',
    dir: 'valgrind/html',
    skip: /^(index|manual|FAQ|tech-docs|dist)\.html$/,
    root: 'body',
    remove: ['table.nav', '.toc'],
  },
];
