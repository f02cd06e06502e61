/**
 * Fixture Douyin web pages, served at their real URLs by the e2e fixtures. Like the real site:
 * the first load carries the owner in a URL-encoded RENDER_DATA script (and the signed-in viewer
 * under `app.user.info`) — or, for `serverData: 'pace-f-encoded'`, in `self.__pace_f` pushes of
 * URL-encoded JSON; in-app moves to another creator change the URL with pushState and redraw
 * only the visible header (the server data is not refreshed), after a short "XHR" delay.
 *
 * Other accounts show in the same markup, placed BEFORE the owner's header as the real page can:
 * recommended accounts (user-info blocks linking to their own pages), and on a URL with
 * `?modal_id=` a video opened over the profile whose author (an unlinked user-info block in a
 * dialog) is another account, with a comment author (linked) under it.
 */

export interface DouyinFixtureProfile {
  uid: string;
  secUid: string;
  nickname: string;
  uniqueId: string;
}

export const DOUYIN_ORIGIN = 'https://www.douyin.com';

export function douyinUserUrl(secUid: string, query = ''): string {
  return `${DOUYIN_ORIGIN}/user/${secUid}${query}`;
}

/** The signed-in visitor (never the creator). */
export const VIEWER: DouyinFixtureProfile = {
  uid: '1111111111111111',
  secUid: 'MS4wLjABAAAAviewer-viewer-viewer-viewer-viewer-viewer01',
  nickname: '看客小王',
  uniqueId: 'viewer_wang',
};

/** A video id for the `?modal_id=` links. */
export const MODAL_VIDEO_ID = '7301234567890123456';

export interface DouyinPageExtras {
  /** Where the owner's server data is: RENDER_DATA (default) or URL-encoded JSON in `self.__pace_f`. */
  serverData?: 'render-data' | 'pace-f-encoded';
  /** Accounts recommended on the page: linked user-info blocks before the owner's header. */
  recommended?: readonly DouyinFixtureProfile[];
  /** Author of the video opened over the profile on `?modal_id=` URLs (unlinked, in a dialog). */
  modalAuthor?: DouyinFixtureProfile;
  /** A comment author under that video (linked). */
  commentAuthor?: DouyinFixtureProfile;
  /** Douyin's own dark theme: a dark page background (what the content script reads). */
  theme?: 'dark';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script>: escape '<' so no text can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function renderDataJson(owner: DouyinFixtureProfile): string {
  const data = {
    app: { user: { info: { uid: VIEWER.uid, secUid: VIEWER.secUid, nickname: VIEWER.nickname, uniqueId: VIEWER.uniqueId } } },
    '41': {
      user: {
        user: {
          uid: owner.uid,
          secUid: owner.secUid,
          nickname: owner.nickname,
          uniqueId: owner.uniqueId,
          shortId: '0',
          followerCount: 1234567,
        },
      },
      post: { data: [] },
    },
  };
  // The uid as a JSON number, as some builds send it: only digit-keeping parsing survives it.
  return JSON.stringify(data).replace(`"uid":"${owner.uid}"`, `"uid":${owner.uid}`);
}

/** The server data of the first load, in the chosen form. */
function serverDataHtml(owner: DouyinFixtureProfile, form: NonNullable<DouyinPageExtras['serverData']>): string {
  if (form === 'render-data') return `<script id="RENDER_DATA" type="application/json">${encodeURIComponent(renderDataJson(owner))}</script>`;
  // `self.__pace_f` with the render data URL-encoded, split over two pushes (inside an escape).
  const encoded = encodeURIComponent(renderDataJson(owner));
  const cut = encoded.indexOf('%22nickname%22') + 2;
  const push = (text: string) => `<script>self.__pace_f.push([1,${scriptJson(text)}])</script>`;
  return `<script>(self.__pace_f=self.__pace_f||[]).push([0])</script>${push(encoded.slice(0, cut))}${push(encoded.slice(cut))}`;
}

function userInfo(profile: DouyinFixtureProfile | undefined, tag: string, linked: boolean): string {
  if (!profile) return '';
  const name = escapeHtml(profile.nickname);
  const title = linked ? `<a href="/user/${profile.secUid}">${name}</a>` : name;
  return `<div data-e2e="user-info"><${tag} class="name">${title}</${tag}><p class="unique">抖音号：${escapeHtml(profile.uniqueId)}</p></div>`;
}

/**
 * A Douyin creator page for `owner`. `others` are linked from the page ("related creators", and
 * the same with a video opened) and reachable with in-app navigation. `variant: 'captcha'`
 * serves a risk-control page instead.
 */
export function douyinCreatorHtml(
  owner: DouyinFixtureProfile | null,
  others: readonly DouyinFixtureProfile[] = [],
  variant: 'normal' | 'captcha' = 'normal',
  extras: DouyinPageExtras = {},
): string {
  if (variant === 'captcha' || owner === null) {
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>验证码中间页</title></head>
<body><div id="captcha-verify"><p>请完成下列验证后继续</p><div class="slider"></div></div></body></html>`;
  }
  const all = [owner, ...others];
  const recommended = (extras.recommended ?? []).map((p) => `<div class="rec-card">${userInfo(p, 'h2', true)}</div>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(owner.nickname)}的抖音 - 抖音</title>
<style>body{font-family:sans-serif;margin:0${extras.theme === 'dark' ? ';background:#161823;color:#e8e8e9' : ''}}header{padding:12px 24px;border-bottom:1px solid #eee}
[data-e2e=user-info]{padding:24px}main{padding:0 24px}a{margin-right:12px}.video-modal{border:1px solid #ccc;margin:8px 24px}</style></head>
<body>
<header><a href="/" data-spa>首页</a><a href="/discover" data-spa id="nav-feed">推荐</a></header>
<div class="video-modal" role="dialog" aria-modal="true" hidden><video muted></video>${userInfo(extras.modalAuthor, 'h1', false)}<div class="comments">${userInfo(extras.commentAuthor, 'h3', true)}</div></div>
<aside class="recommended">${recommended}</aside>
<div data-e2e="user-info" id="owner-header"><h1 data-e2e="user-info-name">${escapeHtml(owner.nickname)}</h1><p class="unique">抖音号：${escapeHtml(owner.uniqueId)}</p><p class="actions"><button type="button" data-testid="primary-follow">关注</button> <button type="button" data-testid="primary-message">私信</button></p></div>
<main><h2>相关推荐</h2>${others
    .map(
      (o) =>
        `<a href="/user/${o.secUid}" data-spa class="related" data-sec-uid="${o.secUid}">${escapeHtml(o.nickname)}</a>` +
        `<a href="/user/${o.secUid}?modal_id=${MODAL_VIDEO_ID}" data-spa class="related-video" data-sec-uid="${o.secUid}">▶ ${escapeHtml(o.nickname)}</a>`,
    )
    .join('')}</main>
${serverDataHtml(owner, extras.serverData ?? 'render-data')}
<script id="fixture-profiles" type="application/json">${scriptJson(all)}</script>
<script>
(function () {
  var profiles = JSON.parse(document.getElementById('fixture-profiles').textContent);
  function draw() {
    var m = /^\\/user\\/([^/?#]+)/.exec(location.pathname);
    var info = document.getElementById('owner-header');
    var p = m && profiles.filter(function (x) { return x.secUid === m[1]; })[0];
    document.querySelector('.video-modal').hidden = !(p && /[?&]modal_id=/.test(location.search));
    if (!p) { info.style.display = 'none'; return; }
    info.style.display = '';
    info.querySelector('h1').textContent = p.nickname;
    info.querySelector('.unique').textContent = '抖音号：' + p.uniqueId;
  }
  document.addEventListener('click', function (event) {
    var a = event.target instanceof Element ? event.target.closest('a[data-spa]') : null;
    if (!a) return;
    event.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    setTimeout(draw, 150); // the new profile arrives by XHR
  });
  window.addEventListener('popstate', function () { setTimeout(draw, 150); });
  draw();
})();
</script>
</body></html>`;
}
