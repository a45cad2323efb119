package dev.nhiguard.inventory;

import dev.nhiguard.shared.PackClock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import dev.nhiguard.http.QueryParameters;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code /admin/realms/{realm}/nhi-guard/inventory}: the NHI inventory. Keycloak has already authenticated the
 * caller when this runs; each method checks what the caller may see before reading anything.
 */
public class InventoryResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final InventorySettings settings;

    public InventoryResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, InventorySettings settings) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InventoryEntry> inventory() {
        auth.clients().requireView();
        InventoryRequest request = validated(() -> InventoryRequest.parse(query("first"), query("max"), query("owner"), query("finding"),
                settings.maxPageSize()));
        return service().list(request);
    }

    /** Counts for a dashboard: per credential type, sender constraint, finding and tier. Takes no parameter. */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public InventorySummary summary() {
        auth.clients().requireView();
        return service().summary();
    }

    @GET
    @Path("export")
    public Response export() {
        auth.clients().requireView();
        String format = query("format");
        String owner = query("owner");
        String finding = query("finding");
        String chosen = format == null || format.isEmpty() ? "json" : format.toLowerCase(Locale.ROOT);
        if (!chosen.equals("json") && !chosen.equals("csv")) {
            throw ErrorResponse.error(NhiMessages.format("nhiInventoryBadFormat", SafeText.echo(format, 20)),
                    Response.Status.BAD_REQUEST);
        }
        InventoryRequest request = validated(() -> InventoryRequest.parseUnpaged(owner, finding));
        // streamed: entries are built a chunk at a time while the response is written, within the request's session
        Stream<InventoryEntry> entries = service().stream(request);
        String file = "nhi-inventory-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_") + "." + chosen;
        Response.ResponseBuilder response = chosen.equals("csv")
                ? Response.ok((StreamingOutput) out -> InventoryCsv.write(entries,
                        new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8))),
                        "text/csv; charset=utf-8")
                : Response.ok(entries, MediaType.APPLICATION_JSON_TYPE);
        return response.header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private String query(String name) {
        return QueryParameters.single(session, name);
    }

    private InventoryService service() {
        return new InventoryService(session, realm, settings, PackClock.now());
    }

    private static InventoryRequest validated(java.util.function.Supplier<InventoryRequest> parse) {
        try {
            return parse.get();
        } catch (InventoryRequest.BadParameter e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }
}
