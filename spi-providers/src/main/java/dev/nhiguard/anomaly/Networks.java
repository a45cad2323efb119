package dev.nhiguard.anomaly;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A source address as the network it belongs to ({@code 10.1.2.0/24}), so a client's pool of hosts is one value. */
final class Networks {

    private Networks() {
    }

    /** Null when the text is no IP address literal (Keycloak hands over the socket's address, never a host name). */
    static String of(String address, int ipv4Prefix, int ipv6Prefix) {
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
