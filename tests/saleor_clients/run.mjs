// Drives Saleor's published clients (@saleor/auth-sdk, @saleor/sdk) against a Pasar UPPKS API.
// Usage: node run.mjs <step> '<json arguments>'; prints one JSON object with what came back.
// Only the clients' own public functions are called; nothing here builds a GraphQL document.

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
  };
}

// @saleor/sdk keeps the refresh token in localStorage, which Node does not have.
globalThis.localStorage = memoryStorage();

const { createSaleorAuthClient } = await import("@saleor/auth-sdk");
const { createSaleorClient } = await import("@saleor/sdk");

const claims = (token) =>
  token ? JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) : null;

const meRequest = () => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ query: "{ me { email firstName } }" }),
});

async function authSdk({ apiUrl, email, password }) {
  const refreshStorage = memoryStorage();
  const accessStorage = memoryStorage();
  const client = createSaleorAuthClient({
    saleorApiUrl: apiUrl,
    refreshTokenStorage: refreshStorage,
    accessTokenStorage: accessStorage,
  });
  const wrong = await client.signIn({ email, password: password + "-salah" });
  const signIn = await client.signIn({ email, password });
  const { token, refreshToken } = signIn.data.tokenCreate;
  const me = await (await client.fetchWithAuth(apiUrl, meRequest())).json();

  // A second tab: it has the refresh token but no access token, so the client refreshes first.
  const tabAccess = memoryStorage();
  const tab = createSaleorAuthClient({
    saleorApiUrl: apiUrl,
    refreshTokenStorage: refreshStorage,
    accessTokenStorage: tabAccess,
  });
  const tabMe = await (await tab.fetchWithAuth(apiUrl, meRequest())).json();
  const refreshed = tabAccess.getItem(`${apiUrl}+saleor_auth_access_token`);

  client.signOut();
  const afterSignOut = await (await client.fetchWithAuth(apiUrl, meRequest())).json();
  return {
    wrongPassword: wrong.data.tokenCreate,
    signInErrors: signIn.data.tokenCreate.errors,
    accessClaims: claims(token),
    refreshClaims: claims(refreshToken),
    me: me.data.me,
    tabMe: tabMe.data.me,
    refreshedClaims: claims(refreshed),
    refreshedByTab: Boolean(refreshed),
    authStateAfterSignOut: refreshStorage.getItem(`${apiUrl}+saleor_auth_module_auth_state`),
    refreshTokenAfterSignOut: refreshStorage.getItem(`${apiUrl}+saleor_auth_module_refresh_token`),
    meAfterSignOut: afterSignOut.data.me,
    refreshToken,
  };
}

function sdkClient(apiUrl) {
  return createSaleorClient({ apiUrl, channel: "default-channel", opts: { autologin: false } });
}

async function sdk({ apiUrl, email, password, newPassword, redirectUrl, address, otherAddress }) {
  const saleor = sdkClient(apiUrl);
  const out = {};
  const registered = await saleor.auth.register({ email, password, redirectUrl, firstName: "Ni" });
  out.register = registered.data.accountRegister;
  const login = await saleor.auth.login({ email, password });
  out.login = login.data.tokenCreate;
  out.loginClaims = claims(login.data.tokenCreate.token);
  const updated = await saleor.user.updateAccount({ input: { firstName: "Siti", lastName: "Aminah" } });
  out.updateAccount = updated.data.accountUpdate;
  const created = await saleor.user.createAccountAddress({ input: address, type: "SHIPPING" });
  out.createAddress = created.data.accountAddressCreate;
  const id = created.data.accountAddressCreate.address?.id;
  const changed = await saleor.user.updateAccountAddress({ id, input: { ...address, postalCode: "80762" } });
  out.updateAddress = changed.data.accountAddressUpdate;
  const second = await saleor.user.createAccountAddress({ input: otherAddress });
  const secondId = second.data.accountAddressCreate.address?.id;
  const billing = await saleor.user.setAccountDefaultAddress({ id: secondId, type: "BILLING" });
  out.setDefault = billing.data.accountSetDefaultAddress;
  const bad = await saleor.user.createAccountAddress({ input: { ...address, postalCode: "807" } });
  out.badAddress = bad.data.accountAddressCreate;
  const removed = await saleor.user.deleteAccountAddress(secondId);
  out.deleteAddress = removed.data.accountAddressDelete;
  const verified = await saleor.auth.verifyToken();
  out.verify = verified.data.tokenVerify;
  const refreshed = await saleor.auth.refreshToken(true);
  out.refresh = refreshed.data.tokenRefresh;
  out.refreshClaims = claims(refreshed.data.tokenRefresh.token);
  const wrongOld = await saleor.auth.changePassword({ oldPassword: "bukan-ini", newPassword });
  out.changePasswordWrongOld = wrongOld.data.passwordChange;
  const passwordChanged = await saleor.auth.changePassword({ oldPassword: password, newPassword });
  out.changePassword = passwordChanged.data.passwordChange;
  const stillSignedIn = await saleor.auth.verifyToken();
  out.verifyAfterChange = stillSignedIn.data.tokenVerify.isValid;
  await saleor.auth.logout();
  const again = await saleor.auth.login({ email, password: newPassword, includeDetails: false });
  out.loginWithNewPassword = again.data.tokenCreate;
  const reset = await saleor.auth.requestPasswordReset({ email, redirectUrl });
  out.requestPasswordReset = reset.data.requestPasswordReset;
  return out;
}

async function sdkSetPassword({ apiUrl, email, password, token }) {
  const saleor = sdkClient(apiUrl);
  const set = await saleor.auth.setPassword({ email, password, token });
  const reused = await sdkClient(apiUrl).auth.setPassword({ email, password: password + "x", token });
  const login = await sdkClient(apiUrl).auth.login({ email, password, includeDetails: false });
  return {
    setPassword: set.data.setPassword,
    setPasswordClaims: claims(set.data.setPassword.token),
    reusedToken: reused.data.setPassword,
    login: login.data.tokenCreate,
  };
}

const steps = { "auth-sdk": authSdk, sdk, "sdk-set-password": sdkSetPassword };
const [step, json] = process.argv.slice(2);
try {
  const result = await steps[step](JSON.parse(json));
  // Apollo adds __typename to every object; the assertions read the data without it.
  process.stdout.write(JSON.stringify(result, (key, value) => (key === "__typename" ? undefined : value)));
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
}
