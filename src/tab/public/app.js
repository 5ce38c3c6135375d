// The council tab: inside Teams it takes the language, theme and team from the Teams context;
// in a plain browser it uses ?council= / ?lang= and the browser's languages. Everything shown is
// set with textContent, so no text from the server can become markup.

const LANGUAGES = ['sv', 'da', 'en'];
// Shown when the overview itself cannot be loaded, so it cannot come from the server.
const LOAD_FAILED = {
  sv: 'Mötena kunde inte hämtas. Försök igen om en stund.',
  da: 'Møderne kunne ikke hentes. Prøv igen om lidt.',
  en: 'The meetings could not be loaded. Try again in a moment.',
};
const LOADING = { sv: 'Hämtar mötena …', da: 'Henter møderne …', en: 'Loading the meetings …' };

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

function languageOf(locale) {
  const tag = String(locale || '').toLowerCase().split('-')[0];
  if (tag === 'nb' || tag === 'no' || tag === 'nn') return 'da';
  return LANGUAGES.includes(tag) ? tag : undefined;
}

function applyTheme(theme) {
  if (theme === 'dark' || theme === 'contrast' || theme === 'default') document.documentElement.dataset.theme = theme;
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** Loads the Teams client library; only in a frame, since a top-level page has no Teams host to talk to. */
function loadTeamsLibrary() {
  if (window.parent === window) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = '/tab/teams.js';
    script.onload = () => resolve(window.microsoftTeams);
    script.onerror = () => resolve(undefined);
    document.head.append(script);
  });
}

/** The Teams context, or undefined outside Teams (then the page works as a plain web page). */
async function teamsContext() {
  const teams = await loadTeamsLibrary();
  if (!teams) return undefined;
  try {
    await withTimeout(teams.app.initialize(), 3000);
    const context = await teams.app.getContext();
    teams.app.registerOnThemeChangeHandler(applyTheme);
    return context;
  } catch {
    return undefined;
  }
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function meetingSection(m, labels, index) {
  const headingId = `meeting-${index}`;
  const facts = el('dl', {}, [
    el('dt', { text: labels.place }),
    el('dd', {}, [m.place, m.onlineUrl ? ' · ' : '', m.onlineUrl ? el('a', { href: m.onlineUrl, text: m.onlineUrl, rel: 'noopener', target: '_blank' }) : '']),
    ...m.deadlines.flatMap((d) => [el('dt', { text: d.label }), el('dd', { text: d.value })]),
  ]);
  const agenda = m.agenda
    ? el('ol', { class: 'agenda' }, m.agenda.map((item) => el('li', {}, [el('strong', { text: item.heading }), ...item.lines.map((line) => el('p', { class: 'line', text: line }))])))
    : el('p', { class: 'pending', text: labels.agendaPending });
  return el('section', { class: 'meeting', 'aria-labelledby': headingId }, [
    el('h3', { id: headingId }, [m.when, m.budget ? el('span', { class: 'tag', text: labels.budget }) : '']),
    facts,
    el('h4', { text: labels.agenda }),
    agenda,
    m.noticeUrl ? el('p', {}, [el('a', { href: m.noticeUrl, text: labels.notice, target: '_blank', rel: 'noopener' })]) : '',
  ]);
}

function render(view) {
  document.documentElement.lang = view.language;
  document.title = `${view.labels.title} – ${view.council.name}`;
  $('title').textContent = view.labels.title;
  $('council-name').textContent = view.council.name;
  const picker = $('council-picker');
  picker.hidden = view.bound || view.councils.length < 2;
  picker.querySelector('label').textContent = view.labels.council;
  const select = $('council');
  select.replaceChildren(...view.councils.map((c) => el('option', { value: c.id, text: c.name })));
  select.value = view.council.id;
  const heading = $('upcoming-heading');
  heading.textContent = view.labels.upcoming;
  heading.hidden = false;
  const list = view.meetings.map((m, i) => meetingSection(m, view.labels, i));
  $('meetings').replaceChildren(...(list.length ? list : [el('p', { text: view.empty })]));
  $('contact').textContent = view.contact;
  const subscribe = $('subscribe');
  subscribe.hidden = !view.subscribeUrl;
  if (view.subscribeUrl) {
    subscribe.href = view.subscribeUrl;
    subscribe.textContent = view.labels.subscribe;
  }
}

async function load(state) {
  const main = $('main');
  const status = $('status');
  main.setAttribute('aria-busy', 'true');
  status.className = '';
  status.textContent = LOADING[state.lang || 'en'];
  const query = new URLSearchParams();
  for (const key of ['council', 'conversation', 'lang']) if (state[key]) query.set(key, state[key]);
  try {
    const res = await fetch(`/tab/overview.json?${query}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const view = await res.json();
    state.lang = view.language;
    render(view);
    status.textContent = '';
  } catch {
    status.className = 'error';
    status.textContent = LOAD_FAILED[state.lang || 'en'];
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

async function start() {
  const context = await teamsContext();
  applyTheme(context?.app?.theme);
  const browserLanguage = (navigator.languages || [navigator.language]).map(languageOf).find(Boolean);
  const state = {
    council: params.get('council') || undefined,
    conversation: context?.team?.internalId || context?.chat?.id || undefined,
    lang: languageOf(context?.app?.locale) || languageOf(params.get('lang')) || browserLanguage,
  };
  $('council').addEventListener('change', (event) => {
    state.council = event.target.value;
    const url = new URL(location.href);
    url.searchParams.set('council', state.council);
    history.replaceState(null, '', url);
    load(state);
  });
  await load(state);
}

start();
