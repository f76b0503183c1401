// Drives arctic's TikTok provider, unchanged, against the mock: only the origin is swapped.
// Prints one JSON object with what arctic saw, for tests/clients/test_arctic.py to check.
import { TikTok, generateCodeVerifier, generateState, OAuth2RequestError } from "arctic";

const MOCK = process.env.MOCK_ORIGIN;
const realFetch = globalThis.fetch;
// What a developer does to point arctic at the mock: rewrite TikTok's API host.
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = request.url.replace("https://open.tiktokapis.com", MOCK);
  const body = request.method === "GET" ? undefined : await request.text();
  return realFetch(url, { method: request.method, headers: request.headers, body });
};

const errorOf = async (promise) => {
  try {
    await promise;
    return null;
  } catch (e) {
    return { type: e.constructor.name, code: e instanceof OAuth2RequestError ? e.code : null, message: e.message };
  }
};

const tiktok = new TikTok(process.env.CLIENT_KEY, process.env.CLIENT_SECRET, process.env.REDIRECT_URI);
const state = generateState();
const verifier = generateCodeVerifier();
const url = tiktok.createAuthorizationURL(state, verifier, ["user.info.basic", "video.list"]);
const consent = await realFetch(url.toString().replace("https://www.tiktok.com", MOCK), { redirect: "manual" });
const back = new URL(consent.headers.get("location"));

const tokens = await tiktok.validateAuthorizationCode(back.searchParams.get("code"), verifier);
const refreshed = await tiktok.refreshAccessToken(tokens.refreshToken());
const revokeError = await errorOf(tiktok.revokeToken(refreshed.refreshToken()));
// arctic reads the body lazily: a 200 error body only throws once the token is read.
const afterRevoke = await errorOf(tiktok.refreshAccessToken(refreshed.refreshToken()).then((t) => t.accessToken()));

console.log(JSON.stringify({
  authorizePath: url.pathname,
  stateEchoed: back.searchParams.get("state") === state,
  grantedScopes: back.searchParams.get("scopes"),
  accessToken: tokens.accessToken(),
  expiresInMs: tokens.accessTokenExpiresAt().getTime() - Date.now(),
  refreshToken: tokens.refreshToken(),
  refreshExpiresIn: tokens.data.refresh_expires_in,
  tokenType: tokens.tokenType(),
  refreshedAccessToken: refreshed.accessToken(),
  revokeError,
  afterRevoke,
}));
