package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;

/**
 * The demo's workload issuer as run.sh runs it: scripts/demo-workload.sh's key pair and tokens, its JWKS served on
 * loopback and named in the demo realm's identity provider {@code demo-workloads}, and token requests of the demo's
 * secretless clients (batch-importer with a workload token, payouts-worker with one and a DPoP proof).
 */
public final class DemoWorkloads implements AutoCloseable {

    public static final String IMPORTER = "system:serviceaccount:imports:batch-importer";
    public static final String WORKER = "system:serviceaccount:payouts:worker";

    private final Path dir;
    private final Path script;
    private final HttpServer jwks;

    private DemoWorkloads(Path dir, Path script, HttpServer jwks) {
        this.dir = dir;
        this.script = script;
        this.jwks = jwks;
    }

    /** Whether the tools the script needs are on this machine (the demo treats them as optional). */
    public static boolean toolsPresent() {
        for (String tool : List.of("openssl", "perl")) {
            try {
                if (!new ProcessBuilder(tool, tool.equals("perl") ? "-v" : "version").start().waitFor(30, TimeUnit.SECONDS)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** An issuer key in {@code dir}, its JWKS served, and the demo realm's identity provider pointed at it. */
    public static DemoWorkloads start(Path dir, AdminApi api) throws Exception {
        Path script = Path.of(System.getProperty("nhi.realm.exports")).getParent().resolve("scripts/demo-workload.sh");
        run(script, "init", dir.toString());
        HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = Files.readAllBytes(dir.resolve("public/jwks.json"));
        jwks.createContext("/jwks.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        // run.sh serves the JWKS at the address the demo realm names; here, wherever this server listens
        String idpPath = "/admin/realms/nhi-demo/identity-provider/instances/demo-workloads";
        ObjectNode idp = (ObjectNode) parse(expect(200, api.get(idpPath)).body());
        ((ObjectNode) idp.get("config")).put("jwksUrl", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        expect(204, api.put(idpPath, idp));
        return new DemoWorkloads(dir, script, jwks);
    }

    public Path dir() {
        return dir;
    }

    /** The script's output for these arguments (a token, a proof); fails on a non-zero exit. */
    public String script(String... args) throws Exception {
        return run(script, args);
    }

    public String workloadToken(String subject, String audience) throws Exception {
        return run(script, "token", dir.toString(), subject, audience);
    }

    /** A client_credentials request authenticated by a workload token, with a DPoP proof when {@code proof} is set. */
    public static HttpRequest tokenRequest(URI tokenEndpoint, String workloadToken, String scope, String proof) {
        String form = Map.of("grant_type", "client_credentials", "scope", scope,
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", workloadToken)
                .entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return request.build();
    }

    /** batch-importer's token request, and payouts-worker's with a fresh DPoP key's proof: both answers. */
    public List<HttpResponse<String>> requestBoth(URI baseUri) throws Exception {
        URI tokenEndpoint = baseUri.resolve("/realms/nhi-demo/protocol/openid-connect/token");
        String audience = baseUri.resolve("/realms/nhi-demo").toString();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> importer = Http.send(http, tokenRequest(tokenEndpoint, workloadToken(IMPORTER, audience), "payments:read", null));
        run(script, "dpop-key", dir.toString(), "payouts-worker");
        String proof = run(script, "dpop-proof", dir.toString(), "payouts-worker", "POST", tokenEndpoint.toString());
        HttpResponse<String> worker = Http.send(http, tokenRequest(tokenEndpoint, workloadToken(WORKER, audience), "payments:write", proof));
        return List.of(importer, worker);
    }

    private static String run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        String errors = new String(process.getErrorStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed: " + errors);
        }
        return output;
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
