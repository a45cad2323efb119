package dev.nhiguard.anomaly;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import dev.nhiguard.shared.NodeCache;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source address as the network it belongs to ({@code 10.1.2.0/24}), so a client's pool of hosts is one value.
 * A node sees the same few addresses again and again: each is worked out once per prefix pair (a bounded memo).
 */
final class Networks {

    private static final int MEMO_LIMIT = 10_000;
    private static final String NONE = "";

    /** What an address means under a prefix pair never changes: nothing is stale. */
    private final Map<Integer, NodeCache<String, String>> memos = new ConcurrentHashMap<>();

    /** Null when the text is no IP address literal (Keycloak hands over the socket's address, never a host name). */
    String of(String address, int ipv4Prefix, int ipv6Prefix) {
        if (address == null) {
            return null;
        }
        NodeCache<String, String> memo = memos.computeIfAbsent(ipv4Prefix << 8 | ipv6Prefix, prefixes -> NodeCache.bounded(MEMO_LIMIT));
        String network = memo.get(address, a -> {
            String computed = compute(a, ipv4Prefix, ipv6Prefix);
            return computed == null ? NONE : computed;
        });
        return network.isEmpty() ? null : network;
    }

    static String compute(String address, int ipv4Prefix, int ipv6Prefix) {
        if (address == null || address.isBlank() || !(address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)))) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.trim()).getAddress();
            int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
            for (int bit = prefix; bit < bytes.length * 8; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
