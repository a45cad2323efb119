package dev.nhiguard.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Talks to Keycloak the way an admin's script does: admin REST over HTTP with a bearer token. */
public final class AdminApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public AdminApi(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The master admin's token, renewed before it runs out (master tokens last 60 s). */
    public synchronized String adminToken() {
        if (Instant.now().isAfter(tokenExpires)) {
            JsonNode response = passwordGrant("master", "admin-cli", KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
            token = response.get("access_token").asText();
            tokenExpires = Instant.now().plusSeconds(response.get("expires_in").asLong() / 2);
        }
        return token;
    }

    public JsonNode passwordGrant(String realm, String clientId, String username, String password) {
        HttpResponse<String> response = form("/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant for " + username + " failed: " + response.body());
        }
        return parse(response.body());
    }

    public HttpResponse<String> clientCredentials(String realm, String clientId, String secret) {
        return form("/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A client_credentials request whose client authenticates with client_secret_basic (RFC 6749 2.3.1). */
    public HttpResponse<String> clientCredentialsWithBasicAuth(String realm, String clientId, String secret) {
        String basic = java.util.Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    /** A client_credentials request whose client authenticates with client_secret_jwt: an HS256 assertion signed with {@code secret}. */
    public HttpResponse<String> clientCredentialsWithSecretJwt(String realm, String clientId, String secret) {
        String tokenEndpoint = base.resolve("/realms/" + realm + "/protocol/openid-connect/token").toString();
        long now = java.time.Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", clientId).put("sub", clientId).put("aud", tokenEndpoint)
                .put("jti", java.util.UUID.randomUUID().toString()).put("iat", now).put("exp", now + 60);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            String assertion = signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return form("/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials", "client_id", clientId,
                    "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client_credentials request asking for {@code scope} (none when null). */
    public HttpResponse<String> clientCredentials(String realm, String clientId, String secret, String scope) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        if (scope != null) {
            fields.put("scope", scope);
        }
        return form("/realms/" + realm + "/protocol/openid-connect/token", fields);
    }

    /** A token request with its own User-Agent, so the test can find this request's identity-context record. */
    public HttpResponse<String> tokenRequest(String realm, Map<String, String> form, String userAgent) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        return Http.send(http, java.net.http.HttpRequest.newBuilder(base.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", userAgent)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * The realm's partial import: a door that client policies never see. Service-account clients travel with their
     * service-account users, as in a realm export.
     */
    public HttpResponse<String> partialImport(String realm, String ifResourceExists, JsonNode... clients) {
        ObjectNode body = JSON.createObjectNode().put("ifResourceExists", ifResourceExists);
        ArrayNode list = body.putArray("clients");
        ArrayNode users = body.putArray("users");
        for (JsonNode client : clients) {
            list.add(client);
            if (client.path("serviceAccountsEnabled").asBoolean(false)) {
                String clientId = client.get("clientId").asText();
                users.addObject().put("username", "service-account-" + clientId.toLowerCase(java.util.Locale.ROOT))
                        .put("enabled", true).put("serviceAccountClientId", clientId);
            }
        }
        return post("/admin/realms/" + realm + "/partialImport", body);
    }

    /** Writes the usage the server has seen so far now, instead of at its next flush. */
    public void flushUsage(String realm) {
        expect(200, post("/admin/realms/" + realm + "/nhi-guard/usage/flush", Map.of()));
    }

    /** The inventory entry of one client. */
    public JsonNode inventoryEntry(String realm, String clientId) {
        for (JsonNode entry : parse(expect(200, get("/admin/realms/" + realm + "/nhi-guard/inventory?max=1000")).body())) {
            if (entry.get("clientId").asText().equals(clientId)) {
                return entry;
            }
        }
        throw new AssertionError("no inventory entry for " + clientId + " in " + realm);
    }

    public String serviceAccountUserId(String realm, String clientId) {
        return parse(expect(200, get("/admin/realms/" + realm + "/clients/" + clientUuid(realm, clientId)
                + "/service-account-user")).body()).get("id").asText();
    }

    public HttpResponse<String> form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) {
        return getAs(path, adminToken());
    }

    /** GET with any bearer token, or none when {@code bearer} is null. */
    public HttpResponse<String> getAs(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, Object body) {
        return sendJson("POST", path, body, adminToken());
    }

    public HttpResponse<String> put(String path, Object body) {
        return sendJson("PUT", path, body, adminToken());
    }

    public HttpResponse<String> sendJson(String method, String path, Object body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    /** A body sent byte for byte with the given content type, as a careless or hostile client would. */
    public HttpResponse<String> sendRaw(String method, String path, String contentType, byte[] body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + adminToken()).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- realm fixtures ----

    /** A new realm with a unique name, so test classes never see each other's data. */
    public String createRealm(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, post("/admin/realms", Map.of("realm", name, "enabled", true)));
        return name;
    }

    public String createUser(String realm, String username, boolean enabled, String password) {
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", enabled)
                .put("email", username + "@example.test").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Owner");
        if (password != null) {
            user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        }
        HttpResponse<String> response = expect(201, post("/admin/realms/" + realm + "/users", user));
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The id of the user with exactly this username. */
    public String userIdOf(String realm, String username) {
        ArrayNode found = (ArrayNode) parse(expect(200, get("/admin/realms/" + realm + "/users?exact=true&username=" + enc(username))).body());
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " users named " + username + " in " + realm);
        }
        return found.get(0).get("id").asText();
    }

    /** Grants a user a role of the realm's {@code realm-management} client. */
    public void grantRealmManagementRole(String realm, String userId, String role) {
        JsonNode roleRep = roleOf(realm, "realm-management", role);
        expect(204, post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/clients/"
                + clientUuid(realm, "realm-management"), JSON.createArrayNode().add(roleRep)));
    }

    public JsonNode roleOf(String realm, String clientId, String role) {
        return parse(expect(200, get("/admin/realms/" + realm + "/clients/" + clientUuid(realm, clientId) + "/roles/" + role)).body());
    }

    public String clientUuid(String realm, String clientId) {
        ArrayNode found = (ArrayNode) parse(expect(200, get("/admin/realms/" + realm + "/clients?clientId=" + enc(clientId))).body());
        if (found.isEmpty()) {
            throw new IllegalStateException("no client " + clientId + " in " + realm);
        }
        return found.get(0).get("id").asText();
    }

    public boolean clientExists(String realm, String clientId) {
        return !parse(expect(200, get("/admin/realms/" + realm + "/clients?clientId=" + enc(clientId))).body()).isEmpty();
    }

    public JsonNode client(String realm, String clientId) {
        return parse(expect(200, get("/admin/realms/" + realm + "/clients/" + clientUuid(realm, clientId))).body());
    }

    public HttpResponse<String> createServiceAccountClient(String realm, String clientId, Map<String, String> attributes) {
        ObjectNode client = serviceAccountClient(clientId, attributes);
        return post("/admin/realms/" + realm + "/clients", client);
    }

    public static ObjectNode serviceAccountClient(String clientId, Map<String, String> attributes) {
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", clientId)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("serviceAccountsEnabled", true)
                // Keycloak switches the code flow and the password grant on unless told otherwise
                .put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("secret", "s3cret-" + clientId);
        ObjectNode attrs = client.putObject("attributes");
        attributes.forEach(attrs::put);
        return client;
    }

    /** Adds an audience mapper for {@code audienceClient} to the client: that client may then introspect its tokens. */
    public static ObjectNode withAudience(ObjectNode client, String audienceClient) {
        ObjectNode audience = client.withArray("protocolMappers").addObject().put("name", audienceClient + " audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", audienceClient).put("access.token.claim", "true")
                .put("introspection.token.claim", "true");
        return client;
    }

    /** Turns on {@code nhi-owner-required} for every client of the realm, with the given executor options. */
    public void enableOwnerRequired(String realm, Map<String, Object> configuration) {
        enableExecutorForEveryClient(realm, "nhi-owner-required", configuration);
    }

    /**
     * Makes the realm's only client profile hold the given executor and its only policy apply that profile to
     * every client ({@code any-client}); the executors themselves pick the service-account clients.
     */
    public void enableExecutorForEveryClient(String realm, String executor, Map<String, Object> configuration) {
        enableExecutor(realm, executor, configuration, "any-client", Map.of());
    }

    /** Saves a client profile named "checked" holding one executor with these options; the answer tells whether they were taken. */
    public HttpResponse<String> saveProfile(String realm, String executor, Map<String, Object> configuration) {
        ObjectNode profiles = JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject().put("name", "checked");
        profile.putArray("executors").addObject().put("executor", executor).set("configuration", JSON.valueToTree(configuration));
        return put("/admin/realms/" + realm + "/client-policies/profiles", profiles);
    }

    /** The realm's only profile holds {@code executor}; its only policy applies it where {@code condition} says. */
    public void enableExecutor(String realm, String executor, Map<String, Object> configuration,
                               String condition, Map<String, Object> conditionConfiguration) {
        ObjectNode profiles = JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject()
                .put("name", executor + "-profile").put("description", "NHI Guard " + executor);
        profile.putArray("executors").addObject().put("executor", executor)
                .set("configuration", JSON.valueToTree(configuration));
        expect(204, put("/admin/realms/" + realm + "/client-policies/profiles", profiles));
        ObjectNode policies = JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject()
                .put("name", executor + "-policy").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", condition)
                .set("configuration", JSON.valueToTree(conditionConfiguration));
        policy.putArray("profiles").add(executor + "-profile");
        expect(204, put("/admin/realms/" + realm + "/client-policies/policies", policies));
    }

    // ---- helpers ----

    public static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected HTTP " + status + " from " + response.request().method() + " "
                    + response.uri() + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
