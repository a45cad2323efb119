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

    static final int DEFAULT_MAX = 100;

    /** Thrown for a parameter the caller got wrong; the message is safe to return as is. */
    public static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    public static InventoryRequest parse(String first, String max, String owner, String finding, int maxPageSize) {
        return new InventoryRequest(
                parseFirst(first),
                parseMax(max, maxPageSize),
                parseOwner(owner),
                parseFinding(finding));
    }

    /** For exports: everything that matches, no paging. */
    static InventoryRequest parseUnpaged(String owner, String finding) {
        return new InventoryRequest(0, Integer.MAX_VALUE, parseOwner(owner), parseFinding(finding));
    }

    private static int parseFirst(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        java.util.OptionalInt first = dev.nhiguard.shared.Paging.digits(value);
        if (first.isPresent()) {
            return first.getAsInt();
        }
        throw new BadParameter(NhiMessages.format("nhiInventoryBadFirst"));
    }

    private static int parseMax(String value, int maxPageSize) {
        if (value == null || value.isEmpty()) {
            return Math.min(DEFAULT_MAX, maxPageSize);
        }
        java.util.OptionalInt max = dev.nhiguard.shared.Paging.digits(value);
        if (max.isPresent() && max.getAsInt() >= 1 && max.getAsInt() <= maxPageSize) {
            return max.getAsInt();
        }
        throw new BadParameter(NhiMessages.format("nhiInventoryBadMax", maxPageSize));
    }

    /** Whether a stored nhi.owner is the owner asked for: the username as Keycloak looks it up (case aside, as written). */
    public boolean wantsOwner(String stored) {
        return owner.isEmpty() || stored != null && owner.get().equals(stored.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> parseOwner(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 255 || SafeText.hasControlCharacters(value)) {
            throw new BadParameter(NhiMessages.format("nhiInventoryBadOwner"));
        }
        return Optional.of(value.toLowerCase(Locale.ROOT));
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
