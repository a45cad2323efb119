package dev.nhiguard.testsupport;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/**
 * The authorization-code flow as a browser runs it, without a browser: open the login page, post the user's
 * password to the form's action, read the code from the redirect. Enough to reach the token endpoint with a code.
 */
public final class PasswordLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private PasswordLogin() {
    }

    /**
     * The authorization code Keycloak redirects to {@code redirectUri} with after {@code username} logs in. Over HTTPS
     * ({@code tls} trusting the server), because Keycloak marks its login cookies Secure.
     */
    public static String code(URI base, SSLContext tls, String realm, String clientId, String redirectUri, String username, String password) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI authorize = base.resolve("/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + AdminApi.enc(clientId)
                + "&redirect_uri=" + AdminApi.enc(redirectUri) + "&response_type=code&scope=openid&state=s1");
        HttpResponse<String> page = Http.send(browser, HttpRequest.newBuilder(authorize).GET().build());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new AssertionError("no login form (HTTP " + page.statusCode() + "): " + page.body());
        }
        String form = "username=" + AdminApi.enc(username) + "&password=" + AdminApi.enc(password) + "&credentialId=";
        HttpResponse<String> redirect = Http.send(browser, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("login did not redirect (HTTP " + redirect.statusCode() + "): "
                        + redirect.body().substring(0, Math.min(2000, redirect.body().length()))));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new AssertionError("no code in " + location);
        }
        return code.group(1);
    }
}
