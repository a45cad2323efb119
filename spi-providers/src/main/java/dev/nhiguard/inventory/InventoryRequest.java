package dev.nhiguard.inventory;

import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The validated query parameters of an inventory call. Every refusal names the parameter at fault. */
public record InventoryRequest(int first, int max, Optional<String> owner, Optional<Finding> finding) {


    /** Thrown for a parameter the caller got wrong; the message is safe to return as is. */
    public static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    public static InventoryRequest parse(String first, String max, String owner, String finding, int maxPageSize) {
        dev.nhiguard.http.Paging paging;
        try {
            paging = dev.nhiguard.http.Paging.parse(first, max, maxPageSize);
        } catch (dev.nhiguard.http.Paging.Wrong e) {
            throw new BadParameter(e.getMessage());
        }
        return new InventoryRequest(paging.first(), paging.max(), parseOwner(owner), parseFinding(finding));
    }

    /** For exports: everything that matches, no paging. */
    static InventoryRequest parseUnpaged(String owner, String finding) {
        return new InventoryRequest(0, Integer.MAX_VALUE, parseOwner(owner), parseFinding(finding));
    }

    /** Whether a stored nhi.owner is the owner asked for: the username as Keycloak looks it up (case aside, as written). */
    public boolean wantsOwner(String stored) {
        return owner.isEmpty() || stored != null && owner.get().equals(dev.nhiguard.shared.OwnerNames.key(stored));
    }

    private static Optional<String> parseOwner(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 255 || SafeText.hasControlCharacters(value)) {
            throw new BadParameter(NhiMessages.format("nhiInventoryBadOwner"));
        }
        return Optional.of(dev.nhiguard.shared.OwnerNames.key(value));
    }

    private static Optional<Finding> parseFinding(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String retiredFor = Finding.RETIRED.get(value.toUpperCase(Locale.ROOT));
        if (retiredFor != null) {
            throw new BadParameter(NhiMessages.format("nhiInventoryRetiredFinding", SafeText.echo(value, 40), retiredFor));
        }
        try {
            return Optional.of(Finding.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(Finding.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw new BadParameter(NhiMessages.format("nhiInventoryBadFinding", SafeText.echo(value, 40), known));
        }
    }
}
