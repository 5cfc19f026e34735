// Kavosh's search page. Every string from the archive reaches the page as
// text (textContent, createTextNode) or through a checked URL, never as
// markup. The state lives in the URL: /?q=…&source=…&from=…&to=…&sort=…&page=…
// for results, /?doc=ID&q=… for an article, so links can be shared and the
// back button works.
'use strict';

const PAGE_SIZE = 10;
const MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان',
  'آذر', 'دی', 'بهمن', 'اسفند'];
const SORTS = {relevance: 'مرتبط‌ترین', newest: 'تازه‌ترین', oldest: 'قدیمی‌ترین'};

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const $ = (id) => document.getElementById(id);

// ---- Formatting ----

function fa(value) {
  return String(value).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
}

// "1404/09/21" -> "۲۱ آذر ۱۴۰۴"; "1404/09" -> "آذر ۱۴۰۴".
function jalali(date) {
  const m = /^(\d{4})\/(\d{2})(?:\/(\d{2}))?$/.exec(date || '');
  if (!m) {
    return fa(date || '');
  }
  const month = MONTHS[Number(m[2]) - 1] || m[2];
  return (m[3] ? fa(Number(m[3])) + ' ' : '') + month + ' ' + fa(m[1]);
}

// Persian or Arabic digits typed in a date field, as ASCII.
function asciiDigits(text) {
  return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6F0))
      .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
}

// A node for `tag` holding `text` as text.
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

// A <bdi>: a run whose direction is its own, so a Latin name or a number
// inside Persian text (or the reverse) never reorders what surrounds it.
function bdi(text, className) {
  return el('bdi', text, className);
}

// `text` into `parent`, the byte ranges `ranges` (UTF-8 offsets into
// `text`, as the library gives them, on the original text) as <mark>.
// Ranges out of order, overlapping or out of bounds are skipped, as the
// library's mark() does.
function appendHighlighted(parent, text, ranges, begin, end) {
  const bytes = encoder.encode(text);
  begin = begin || 0;
  end = end === undefined ? bytes.length : end;
  let at = begin;
  for (const [b0, e0] of ranges || []) {
    const b = Math.max(b0, begin);
    const e = Math.min(e0, end);
    if (b < at || e <= b || e0 > bytes.length) {
      continue;
    }
    if (b > at) {
      parent.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, b))));
    }
    parent.appendChild(el('mark', decoder.decode(bytes.subarray(b, e))));
    at = e;
  }
  if (at < end) {
    parent.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, end))));
  }
}

// `url` if it is a web address, else null: a javascript: or data: URL from
// the archive never becomes a link.
function webUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

// ---- State in the URL ----

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') || '',
    sources: p.getAll('source').filter((s) => s),
    from: p.get('from') || '',
    to: p.get('to') || '',
    sort: SORTS[p.get('sort')] ? p.get('sort') : 'relevance',
    page: Math.max(1, Math.min(1000, parseInt(p.get('page'), 10) || 1)),
    exact: p.get('exact') === '1',
    doc: p.get('doc') || '',
  };
}

function stateUrl(s) {
  const p = new URLSearchParams();
  if (s.doc) {
    p.set('doc', s.doc);
  }
  if (s.q) {
    p.set('q', s.q);
  }
  if (!s.doc) {
    for (const source of s.sources) {
      p.append('source', source);
    }
    if (s.from) {
      p.set('from', s.from);
    }
    if (s.to) {
      p.set('to', s.to);
    }
    if (s.sort !== 'relevance') {
      p.set('sort', s.sort);
    }
    if (s.page > 1) {
      p.set('page', String(s.page));
    }
    if (s.exact) {
      p.set('exact', '1');
    }
  }
  const query = p.toString();
  return '/' + (query ? '?' + query : '');
}

// A link within the page: an ordinary <a href> (it opens in a new tab, is
// copied as a link) that navigates without reloading.
function navLink(text, state, className) {
  const a = el('a', text, className);
  a.href = stateUrl(state);
  a.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    go(state);
  });
  return a;
}

// The results page an article was opened from, for its "back" link.
let cameFrom = null;

function go(state) {
  cameFrom = state.doc && !readState().doc ? location.href : null;
  history.pushState(null, '', stateUrl(state));
  render();
  window.scrollTo(0, 0);
}

function change(patch) {
  return Object.assign({}, readState(), {page: 1, doc: '', exact: false}, patch);
}

// ---- Talking to the API ----

async function api(path, params) {
  const url = '/api/v1/' + path + (params ? '?' + params.toString() : '');
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((body && body.error && body.error.message) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

let generation = 0;  // a newer render makes an older one's replies stale

function showError(error) {
  const notice = $('notice');
  notice.replaceChildren();
  notice.className = 'notice error';
  notice.setAttribute('role', 'alert');
  const what = error.status === 404 ? 'این خبر در آرشیو نیست.'
      : error.status === 503 ? 'نمایه در دسترس نیست؛ کمی بعد دوباره امتحان کنید.'
      : error.status === 400 ? 'این جست‌وجو انجام‌شدنی نیست: '
      : 'خطا: ';
  notice.appendChild(document.createTextNode(what));
  if (error.status === 400 || !error.status) {
    notice.appendChild(bdi(error.message));
  }
}

function clearNotice() {
  const notice = $('notice');
  notice.replaceChildren();
  notice.className = 'notice';
  notice.setAttribute('role', 'status');
}

function show(view) {
  $('view-results').hidden = view !== 'results';
  $('view-article').hidden = view !== 'article';
  $('view-home').hidden = view !== 'home';
  $('filters').hidden = view !== 'results';
}

// ---- Results ----

function metaLine(hit) {
  const meta = el('div', null, 'meta');
  const add = (node) => {
    if (meta.childNodes.length) {
      meta.appendChild(el('span', ' · ', 'sep'));
    }
    meta.appendChild(node);
  };
  if (hit.date_jalali) {
    const date = el('time', null, 'date');
    date.dateTime = hit.date_gregorian;
    date.appendChild(bdi(jalali(hit.date_jalali)));
    date.appendChild(document.createTextNode(' '));
    date.appendChild(bdi(hit.date_gregorian, 'gregorian'));
    add(date);
  } else {
    add(el('span', 'بی‌تاریخ', 'date'));
  }
  if (hit.source) {
    add(bdi(hit.source, 'source'));
  }
  const url = webUrl(hit.url);
  if (url) {
    const a = el('a', null, 'original');
    a.href = url;
    a.rel = 'noopener noreferrer nofollow';
    a.target = '_blank';
    a.appendChild(document.createTextNode('خبر اصلی'));
    try {
      a.title = new URL(url).hostname;
    } catch (e) {
      // webUrl checked it.
    }
    add(a);
  }
  return meta;
}

function renderHit(hit, state) {
  const li = el('li', null, 'hit');
  const h = el('h2', null, 'title');
  const link = navLink(null, {doc: hit.id, q: state.q, sources: [], from: '', to: '',
    sort: 'relevance', page: 1, exact: false});
  link.dir = 'auto';
  appendHighlighted(link, hit.title || hit.id, hit.title ? hit.title_highlights : []);
  h.appendChild(link);
  li.appendChild(h);
  li.appendChild(metaLine(hit));
  if (hit.snippet) {
    const p = el('p', null, 'snippet');
    p.dir = 'auto';
    appendHighlighted(p, hit.snippet, hit.snippet_highlights);
    li.appendChild(p);
  }
  if (hit.similar > 0) {
    li.appendChild(similarBox(hit, state));
  }
  return li;
}

// Near-duplicates folded under their story: fetched when opened.
function similarBox(hit, state) {
  const box = el('details', null, 'similar');
  box.appendChild(el('summary', fa(hit.similar) + ' خبر مشابه از همین ماجرا'));
  const list = el('ul');
  box.appendChild(list);
  box.addEventListener('toggle', async () => {
    if (!box.open || list.childNodes.length) {
      return;
    }
    list.appendChild(el('li', 'در حال بارگذاری…', 'muted'));
    try {
      const r = await api('similar/' + encodeURIComponent(hit.id),
          new URLSearchParams({limit: '20', collapse: '0'}));
      list.replaceChildren();
      for (const other of r.hits) {
        if (other.id === hit.id) {
          continue;
        }
        const li = el('li');
        const a = navLink(null, {doc: other.id, q: state.q, sources: [], from: '', to: '',
          sort: 'relevance', page: 1, exact: false});
        a.appendChild(bdi(other.title || other.id));
        li.appendChild(a);
        if (other.source) {
          li.appendChild(el('span', ' · ', 'sep'));
          li.appendChild(bdi(other.source, 'source'));
        }
        if (other.date_jalali) {
          li.appendChild(el('span', ' · ', 'sep'));
          li.appendChild(bdi(jalali(other.date_jalali), 'date'));
        }
        list.appendChild(li);
      }
    } catch (error) {
      list.replaceChildren(el('li', 'فهرست خبرهای مشابه در دسترس نیست.', 'muted'));
    }
  });
  return box;
}

function facetList(title, counts, isActive, stateFor, label, max) {
  const box = el('section', null, 'facet');
  box.appendChild(el('h3', title));
  const ul = el('ul');
  for (const c of counts.slice(0, max)) {
    const li = el('li');
    const a = navLink(null, stateFor(c.value), isActive(c.value) ? 'active' : '');
    a.appendChild(bdi(label(c.value), 'value'));
    a.appendChild(el('span', fa(c.count), 'count'));
    li.appendChild(a);
    ul.appendChild(li);
  }
  box.appendChild(ul);
  return box;
}

function renderFacets(facets, state) {
  const aside = $('facets');
  aside.replaceChildren();
  if (!facets) {
    return;
  }
  if (facets.sources.length) {
    aside.appendChild(facetList('منبع', facets.sources,
        (v) => state.sources.includes(v),
        (v) => change({sources: state.sources.includes(v)
            ? state.sources.filter((s) => s !== v) : state.sources.concat([v])}),
        (v) => v, 12));
  }
  if (facets.months.length) {
    aside.appendChild(facetList('ماه', facets.months,
        (v) => state.from === v && state.to === v,
        (v) => state.from === v && state.to === v ? change({from: '', to: ''})
            : change({from: v, to: v}),
        jalali, 12));
  }
  if (facets.undated > 0) {
    aside.appendChild(el('p', fa(facets.undated) + ' خبر بی‌تاریخ', 'muted'));
  }
}

function renderFilters(state) {
  const box = $('filters');
  box.replaceChildren();
  const chip = (text, patch) => {
    const a = navLink(null, change(patch), 'chip');
    a.appendChild(bdi(text));
    a.appendChild(el('span', '×', 'x'));
    a.title = 'برداشتن این پالایه';
    box.appendChild(a);
  };
  for (const s of state.sources) {
    chip('منبع: ' + s, {sources: state.sources.filter((x) => x !== s)});
  }
  if (state.from && state.from === state.to) {
    chip('تاریخ: ' + jalali(state.from), {from: '', to: ''});
  } else {
    if (state.from) {
      chip('از ' + jalali(state.from), {from: ''});
    }
    if (state.to) {
      chip('تا ' + jalali(state.to), {to: ''});
    }
  }
}

function renderPager(r, state) {
  const nav = $('pager');
  nav.replaceChildren();
  const pages = Math.ceil(Math.min(r.total, 10000) / PAGE_SIZE);
  if (pages <= 1) {
    return;
  }
  const page = (n, text, className) => navLink(text || fa(n),
      Object.assign({}, state, {page: n}), className || (n === state.page ? 'current' : ''));
  if (state.page > 1) {
    nav.appendChild(page(state.page - 1, '→ قبلی', 'step'));
  }
  const first = Math.max(1, Math.min(state.page - 3, pages - 6));
  for (let n = first; n <= Math.min(pages, first + 6); ++n) {
    nav.appendChild(page(n));
  }
  if (state.page < pages) {
    nav.appendChild(page(state.page + 1, 'بعدی ←', 'step'));
  }
}

function renderNotice(r, state) {
  const notice = $('notice');
  if (r.corrected_from) {
    notice.appendChild(document.createTextNode('برای «'));
    notice.appendChild(bdi(r.corrected_from));
    notice.appendChild(document.createTextNode('» چیزی پیدا نشد؛ نتایج «'));
    notice.appendChild(el('strong', null)).appendChild(bdi(r.query));
    notice.appendChild(document.createTextNode('» را می‌بینید. '));
    notice.appendChild(navLink('فقط همان که نوشتم',
        Object.assign({}, state, {q: r.corrected_from, page: 1, exact: true})));
  } else if (r.suggestion) {
    notice.appendChild(document.createTextNode('منظورتان '));
    const a = navLink(null, change({q: r.suggestion}), 'suggestion');
    a.appendChild(bdi(r.suggestion));
    notice.appendChild(a);
    notice.appendChild(document.createTextNode(' بود؟'));
  }
  if (r.total === 0 && r.emptied_by && r.emptied_by.length) {
    notice.appendChild(el('p', 'خبرهایی با این واژه‌ها هست، اما پالایه‌ها همه را کنار گذاشتند.'));
  }
  if (r.nearest_sources && r.nearest_sources.length) {
    const p = el('p', 'منبعی به این نام نیست؛ شاید: ');
    r.nearest_sources.forEach((s, i) => {
      if (i) {
        p.appendChild(document.createTextNode('، '));
      }
      const a = navLink(null, change({sources: [s]}));
      a.appendChild(bdi(s));
      p.appendChild(a);
    });
    notice.appendChild(p);
  }
}

async function renderResults(state, mine) {
  show('results');
  renderFilters(state);
  const params = new URLSearchParams({q: state.q, limit: String(PAGE_SIZE),
    offset: String((state.page - 1) * PAGE_SIZE), facets: '1', sort: state.sort});
  for (const s of state.sources) {
    params.append('source', s);
  }
  if (state.from) {
    params.set('from', asciiDigits(state.from));
  }
  if (state.to) {
    params.set('to', asciiDigits(state.to));
  }
  if (state.exact) {
    params.set('exact', '1');
  }
  $('summary').textContent = 'در حال جست‌وجو…';
  const r = await api('search', params);
  if (mine !== generation) {
    return;
  }
  renderNotice(r, state);
  const list = $('results');
  list.replaceChildren();
  for (const hit of r.hits) {
    list.appendChild(renderHit(hit, state));
  }
  list.start = r.offset + 1;
  const summary = $('summary');
  if (r.total === 0) {
    summary.textContent = 'چیزی پیدا نشد.';
  } else {
    summary.textContent = fa(r.total) + ' نتیجه' +
        (r.hits.length ? '، ' + fa(r.offset + 1) + ' تا ' + fa(r.offset + r.hits.length) : '') +
        ' (' + fa(r.seconds.toFixed(3)).replace('.', '٫') + ' ثانیه)';
  }
  renderFacets(r.facets, state);
  renderPager(r, state);
}

// ---- One article ----

async function renderArticle(state, mine) {
  show('article');
  const view = $('view-article');
  view.replaceChildren(el('p', 'در حال بارگذاری…', 'muted'));
  const params = state.q ? new URLSearchParams({q: state.q}) : null;
  const a = await api('doc/' + encodeURIComponent(state.doc), params);
  if (mine !== generation) {
    return;
  }
  view.replaceChildren();
  const back = el('a', '→ بازگشت به نتایج', 'back');
  back.href = cameFrom || (state.q ? stateUrl(change({q: state.q})) : '/');
  back.addEventListener('click', (event) => {
    if (cameFrom) {
      // The results are the previous entry of the history: go back to them,
      // scrolled as they were.
      event.preventDefault();
      history.back();
    }
  });
  view.appendChild(back);
  const h = el('h1', null, 'article-title');
  h.dir = 'auto';
  appendHighlighted(h, a.title || a.id, a.title ? a.title_highlights : []);
  view.appendChild(h);
  view.appendChild(metaLine(a));
  const details = el('dl', null, 'details');
  const row = (name, value) => {
    if (!value) {
      return;
    }
    details.appendChild(el('dt', name));
    const dd = el('dd');
    dd.appendChild(bdi(value));
    details.appendChild(dd);
  };
  row('تاریخ در متن', a.date_written);
  row('نویسنده', a.author);
  row('دسته', a.category);
  row('برچسب‌ها', (a.tags || []).join('، '));
  row('پرونده', a.line > 0 ? a.path + ':' + a.line : a.path);
  view.appendChild(details);
  const body = el('div', null, 'body');
  const bytes = encoder.encode(a.body);
  let begin = 0;
  while (begin <= bytes.length) {
    let end = bytes.indexOf(10, begin);
    if (end < 0) {
      end = bytes.length;
    }
    if (end > begin) {
      const p = el('p');
      p.dir = 'auto';
      appendHighlighted(p, a.body, a.body_highlights, begin, end);
      body.appendChild(p);
    }
    begin = end + 1;
  }
  view.appendChild(body);
  if (a.cluster && a.cluster.length) {
    const box = el('section', null, 'cluster');
    box.appendChild(el('h3', 'همین خبر در جاهای دیگر'));
    const ul = el('ul');
    for (const other of a.cluster) {
      const li = el('li');
      const link = navLink(null, {doc: other.id, q: state.q, sources: [], from: '', to: '',
        sort: 'relevance', page: 1, exact: false});
      link.appendChild(bdi(other.title || other.id));
      li.appendChild(link);
      if (other.source) {
        li.appendChild(el('span', ' · ', 'sep'));
        li.appendChild(bdi(other.source, 'source'));
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
    view.appendChild(box);
  }
  document.title = (a.title || a.id) + ' · کاوش';
}

// ---- Home: what the archive holds ----

async function renderHome(mine) {
  show('home');
  const view = $('view-home');
  view.replaceChildren();
  const s = await api('stats');
  if (mine !== generation) {
    return;
  }
  const p = el('p', null, 'lead');
  p.appendChild(document.createTextNode('جست‌وجو در ' + fa(s.documents) + ' خبر از ' +
      fa(s.sources.length) + ' منبع'));
  if (s.date_first && s.date_last) {
    p.appendChild(document.createTextNode('، از '));
    p.appendChild(bdi(jalali(s.date_first.jalali)));
    p.appendChild(document.createTextNode(' تا '));
    p.appendChild(bdi(jalali(s.date_last.jalali)));
  }
  p.appendChild(document.createTextNode('.'));
  view.appendChild(p);
  const ul = el('ul', null, 'source-list');
  for (const c of s.sources.slice(0, 24)) {
    const li = el('li');
    const a = navLink(null, change({q: '', sources: [c.value], sort: 'newest'}));
    a.appendChild(bdi(c.value));
    a.appendChild(el('span', fa(c.count), 'count'));
    li.appendChild(a);
    ul.appendChild(li);
  }
  view.appendChild(ul);
  view.appendChild(el('p', 'نمونه: «رئیس‌جمهور روسیه»، "قیمت نفت"، تهران -مترو، title:انتخابات، ' +
      'source:ایلنا، date:1404/09', 'hint'));
}

// ---- Wiring ----

async function render() {
  const mine = ++generation;
  const state = readState();
  $('q').value = state.q;
  $('from').value = state.from;
  $('to').value = state.to;
  $('sort').value = state.sort;
  clearNotice();
  document.title = state.q ? state.q + ' · کاوش' : 'کاوش · جست‌وجو در آرشیو خبر';
  try {
    if (state.doc) {
      await renderArticle(state, mine);
    } else if (state.q || state.sources.length || state.from || state.to) {
      await renderResults(state, mine);
    } else {
      await renderHome(mine);
    }
  } catch (error) {
    if (mine === generation) {
      $('summary').textContent = '';
      $('results').replaceChildren();
      $('facets').replaceChildren();
      $('pager').replaceChildren();
      $('view-article').replaceChildren();
      showError(error);
    }
  }
  document.body.dataset.ready = String(mine);
}

function submit(event) {
  event.preventDefault();
  const state = readState();
  go({q: $('q').value.trim(), sources: state.doc ? [] : state.sources,
    from: $('from').value.trim(), to: $('to').value.trim(), sort: $('sort').value, page: 1,
    exact: false, doc: ''});
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', submit);
  $('sort').addEventListener('change', () => {
    const state = readState();
    if (state.q || state.sources.length || state.from || state.to) {
      go(Object.assign({}, state, {sort: $('sort').value, page: 1, doc: ''}));
    }
  });
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    go({q: '', sources: [], from: '', to: '', sort: 'relevance', page: 1, exact: false, doc: ''});
  });
  window.addEventListener('popstate', () => {
    cameFrom = null;
    render();
  });
  render();
});
