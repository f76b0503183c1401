// Drives passport-tiktok-auth's Strategy, unchanged, through a whole login against the mock:
// the same two calls passport makes in an app (the login route, then the callback route),
// with TikTok's three URLs given as the strategy's documented options.
// Prints one JSON object with what passport saw, for tests/clients/test_passport.py to check.
const { Strategy } = require("passport-tiktok-auth");

const MOCK = process.env.MOCK_ORIGIN;
const strategy = new Strategy(
  {
    clientID: process.env.CLIENT_KEY,
    clientSecret: process.env.CLIENT_SECRET,
    callbackURL: process.env.REDIRECT_URI,
    // Its default profile fields include the stats ones, which need user.info.stats.
    scope: ["user.info.basic", "user.info.profile", "user.info.stats"],
    authorizationURL: `${MOCK}/v2/auth/authorize/`,
    tokenURL: `${MOCK}/v2/oauth/token/`,
    profileURL: `${MOCK}/v2/user/info/`,
  },
  (accessToken, refreshToken, profile, done) => done(null, { accessToken, refreshToken, profile }),
);

// What passport does with a strategy in a request: it sets these actions, then calls authenticate.
function run(req) {
  return new Promise((resolve) => {
    const s = Object.create(strategy);
    s.redirect = (location) => resolve({ redirect: location });
    s.success = (user, info) => resolve({ user, info });
    s.fail = (challenge, status) => resolve({ fail: challenge, status });
    s.error = (err) => resolve({ error: String(err && err.message) });
    s.authenticate(req, {});
  });
}

(async () => {
  const login = await run({ query: {} });
  const consent = await fetch(login.redirect, { redirect: "manual" }); // the auto-approve app: no page
  const back = new URL(consent.headers.get("location"));
  const callback = await run({ query: Object.fromEntries(back.searchParams) });
  const profile = callback.user && callback.user.profile;
  console.log(JSON.stringify({
    authorizeUrl: login.redirect,
    callbackQuery: Object.fromEntries(back.searchParams),
    error: callback.error || null,
    accessToken: callback.user ? callback.user.accessToken : null,
    refreshToken: callback.user ? callback.user.refreshToken : null,
    profile: profile ? { ...profile, _raw: undefined, _json: undefined } : null,
    user: profile ? profile._json.data.user : null,
  }));
})();
